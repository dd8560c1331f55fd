"""The inbox through the API: the notifications an order's actions leave, unread first, and
marking one or all of them read."""
from __future__ import annotations

import pytest
from django.urls import reverse

from gongzhi.common.models import Notification
from gongzhi.orders import services
from tests.api_support import assert_error


@pytest.fixture
def notified(orders, small_city, django_capture_on_commit_callbacks):
    """Street a's dispatcher is told of two reports; the housing handler of one dispatch."""
    with django_capture_on_commit_callbacks(execute=True):
        first = orders.reported(title="第一件")
    with django_capture_on_commit_callbacks(execute=True):
        second = orders.reported(title="第二件")
    with django_capture_on_commit_callbacks(execute=True):
        services.order_dispatch(actor=small_city.actor("street_a_leader"), order=first, lead_department_code="HOUSING")
    return first, second


def inbox(client) -> list[dict]:
    response = client.get(reverse("api:notification-list"))
    assert response.status_code == 200
    return response.json()["results"]


def test_inbox_lists_the_users_own_notifications_unread_first(notified, small_city, api_client_for):
    first, second = notified
    dispatcher = api_client_for(small_city.users["street_a_dispatcher"])
    rows = inbox(dispatcher)
    assert [(row["body"], row["is_read"]) for row in rows] == [(second.title, False), (first.title, False)]
    older = next(row for row in rows if row["body"] == first.title)
    assert first.number in older["title"]

    response = dispatcher.post(reverse("api:notification-read", args=[rows[0]["id"]]))
    assert response.status_code == 200 and response.json()["is_read"] is True
    assert [(row["body"], row["is_read"]) for row in inbox(dispatcher)] == [(first.title, False),
                                                                             (second.title, True)]
    handler_rows = inbox(api_client_for(small_city.users["housing_handler"]))
    assert [row["body"] for row in handler_rows] == [first.title]


def test_reading_twice_keeps_the_first_time(notified, small_city, api_client_for):
    dispatcher = api_client_for(small_city.users["street_a_dispatcher"])
    row = inbox(dispatcher)[0]
    first = dispatcher.post(reverse("api:notification-read", args=[row["id"]])).json()["read_at"]
    again = dispatcher.post(reverse("api:notification-read", args=[row["id"]])).json()["read_at"]
    assert first == again is not None


def test_read_all_marks_every_unread_row_and_says_how_many(notified, small_city, api_client_for):
    dispatcher = api_client_for(small_city.users["street_a_dispatcher"])
    response = dispatcher.post(reverse("api:notification-read-all"))
    assert response.status_code == 200 and response.json() == {"marked": 2}
    assert dispatcher.post(reverse("api:notification-read-all")).json() == {"marked": 0}
    recipient = small_city.users["street_a_dispatcher"]
    assert not Notification.objects.filter(recipient=recipient, read_at__isnull=True).exists()
    # Nobody else's inbox changed.
    assert Notification.objects.filter(recipient=small_city.users["housing_handler"], read_at__isnull=True).exists()


def test_another_users_notification_answers_404_and_stays_unread(notified, small_city, api_client_for):
    theirs = Notification.objects.filter(recipient=small_city.users["housing_handler"]).first()
    for who in ("street_a_dispatcher", "city_admin", "nobody"):
        response = api_client_for(small_city.users[who]).post(reverse("api:notification-read", args=[theirs.pk]))
        assert_error(response, 404)
    theirs.refresh_from_db()
    assert theirs.read_at is None
