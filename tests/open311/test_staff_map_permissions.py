"""The staff map, page and data, per role: every role that views orders may open it, someone with
no role may not (403), a visitor is sent to log in; the data shows only the orders in the actor's
scope, filtered like the queues, as points when few and as clusters when many."""
from __future__ import annotations

import pytest

from gongzhi.open311.selectors import staff_map as staff_map_selectors
from gongzhi.orders import services
from tests.api_support import EVERYONE, expected_by_role

pytestmark = pytest.mark.usefixtures("english")
DATA = "/api/v1/map/orders/"


@pytest.fixture
def two_streets(orders, small_city):
    """An order in each street, with coordinates in its grid."""
    a = orders.dispatched(latitude="44.015", longitude="87.305")
    b = services.order_report(actor=small_city.actor("street_b_dispatcher"), title="北京南路井盖破损",
                              description="井盖破损", category_code="0101", channel="street",
                              latitude="44.015", longitude="87.325")
    return a, b


@pytest.mark.parametrize(("user", "status"), expected_by_role(200, nobody=403))
def test_the_map_page_per_role(page_client_for, small_city, catalogue, user, status):
    response = page_client_for(small_city.users[user]).get("/map/")
    assert response.status_code == status
    if status == 200:
        assert b'id="staff-map"' in response.content


def test_a_visitor_is_sent_to_log_in(client, small_city):
    response = client.get("/map/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize(("user", "status"), expected_by_role(200, nobody=403))
def test_the_map_data_per_role(api_client_for, small_city, catalogue, user, status):
    assert api_client_for(small_city.users[user]).get(DATA).status_code == status


def test_the_map_data_needs_a_login(client, small_city):
    assert client.get(DATA).status_code in (401, 403)


def numbers(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {point["number"] for point in response.json()["points"]}


@pytest.mark.parametrize("user", EVERYONE[:-1])
def test_each_role_sees_only_its_own_orders(api_client_for, small_city, two_streets, user):
    a, b = two_streets
    seen = numbers(api_client_for(small_city.users[user]).get(DATA, {"queue": "all"}))
    expected = {
        "city_admin": {a.number, b.number}, "city_leader": {a.number, b.number},
        "street_a_dispatcher": {a.number}, "street_a_leader": {a.number}, "community_a1_worker": {a.number},
        "grid_a1_worker": {a.number}, "street_b_dispatcher": {b.number}, "community_b1_worker": {b.number},
        "housing_handler": {a.number}, "housing_leader": {a.number}, "urban_handler": set(),
        "urban_liaison": set(),
    }[user]
    assert seen == expected


def test_the_filters_and_queues_of_the_queue_page_apply(api_client_for, small_city, two_streets):
    a, b = two_streets
    city = api_client_for(small_city.users["city_admin"])
    assert numbers(city.get(DATA, {"queue": "all", "street": small_city.street_b.code})) == {b.number}
    assert numbers(city.get(DATA, {"queue": "all", "state": "dispatched"})) == {a.number}
    assert numbers(city.get(DATA, {"queue": "all", "q": "井盖"})) == {b.number}
    assert numbers(city.get(DATA, {"queue": "all", "bbox": "87.32,44.0,87.34,44.03"})) == {b.number}
    assert city.get(DATA, {"queue": "to_dispatch"}).status_code == 404, "not a city queue"
    street = api_client_for(small_city.users["street_b_dispatcher"])
    assert numbers(street.get(DATA, {"queue": "to_dispatch"})) == {b.number}


@pytest.mark.parametrize("query", [{"bbox": "87,44"}, {"bbox": "88,44,87,45"}, {"zoom": "99"},
                                   {"state": "lost"}, {"reported_from": "yesterday"}])
def test_bad_map_filters_are_400(api_client_for, small_city, catalogue, query):
    response = api_client_for(small_city.users["city_admin"]).get(DATA, query)
    assert response.status_code == 400 and response.json()["error"]["fields"]


def test_many_orders_are_clustered(api_client_for, small_city, two_streets, monkeypatch):
    monkeypatch.setattr(staff_map_selectors, "MAX_POINTS", 1)
    answer = api_client_for(small_city.users["city_admin"]).get(DATA, {"queue": "all", "zoom": "10"}).json()
    assert answer["clustered"] is True and answer["points"] == []
    assert sum(cluster["count"] for cluster in answer["clusters"]) == answer["total"] == 2
    assert answer["states"] == {"dispatched": 1, "reported": 1}
    # Two kilometres apart: one cluster at zoom 10 (cells of about 9 km), two at zoom 16.
    assert len(answer["clusters"]) == 1
    close = api_client_for(small_city.users["city_admin"]).get(DATA, {"queue": "all", "zoom": "16"}).json()
    assert len(close["clusters"]) == 2


def test_a_bad_map_page_filter_is_400(page_client_for, small_city, catalogue):
    city = page_client_for(small_city.users["city_admin"])
    assert city.get("/map/", {"reported_from": "yesterday"}).status_code == 400
    assert city.get("/map/", {"queue": "to_accept"}).status_code == 404
