"""Order photos are served only to those who may see the order; to everyone else they do not exist."""
from __future__ import annotations

import pytest

from tests.orders.conftest import png


@pytest.fixture
def photographed(orders):
    order = orders.dispatched(photos=[png()])
    return order, order.attachments.get()


@pytest.mark.parametrize("role, status", [
    ("grid_a1_worker", 200), ("street_a_dispatcher", 200), ("city_leader", 200), ("housing_handler", 200),
    ("street_b_dispatcher", 404), ("community_b1_worker", 404), ("urban_handler", 404), ("nobody", 404),
])
def test_photo_permissions(photographed, small_city, page_client_for, role, status):
    order, photo = photographed
    response = page_client_for(small_city.users[role]).get(photo.url)
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "image/png"
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_photo_needs_a_login(photographed, client):
    _order, photo = photographed
    response = client.get(photo.url)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_photo_of_another_order_is_not_found(photographed, orders, small_city, page_client_for):
    _order, photo = photographed
    other = orders.reported()
    response = page_client_for(small_city.users["city_admin"]).get(f"/orders/{other.number}/photos/{photo.pk}/")
    assert response.status_code == 404


def test_uploads_are_not_public_files(photographed, page_client_for, small_city):
    _order, photo = photographed
    response = page_client_for(small_city.users["city_admin"]).get("/media/" + photo.file.name)
    assert response.status_code == 404
