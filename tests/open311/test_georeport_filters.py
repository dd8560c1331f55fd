"""GET requests' filters as the specification defines them (service_request_id overriding the rest,
service_code, status, start_date/end_date, a default of the last 90 days) and the page/page_size
extension; and what is published at all: orders from the residents' doors only."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from gongzhi.orders import services
from tests.open311.georeport_support import json_answer

V2 = "/open311/v2"


def report(code: str = "0301", *, days_ago: float = 0, channel: str = "portal"):
    return services.order_report(actor=None, title="问题", description="问题描述", category_code=code,
                                 channel=channel, latitude="44.015", longitude="87.305",
                                 now=timezone.now() - timedelta(days=days_ago))


def ids(client, query: str = "") -> list[str]:
    response = client.get(f"{V2}/requests.json{'?' + query if query else ''}")
    return [request["service_request_id"] for request in json_answer(response, "service_requests")]


@pytest.fixture
def requests(small_city, catalogue):
    newest = report("0301", days_ago=1)
    older = report("0101", days_ago=10, channel="open311")
    old = report("0301", days_ago=100)
    closed = report("0101", days_ago=2)
    services.order_reject(actor=small_city.actor("street_a_dispatcher"), order=closed, reason="not_a_problem",
                          comment="无此问题")
    return {"newest": newest, "older": older, "old": old, "closed": closed}


def test_the_default_is_the_last_90_days_newest_first(client, requests):
    assert ids(client) == [requests[name].number for name in ("newest", "closed", "older")]


def test_service_code_and_status_filter(client, requests):
    assert ids(client, "service_code=0101") == [requests["closed"].number, requests["older"].number]
    assert ids(client, "status=closed") == [requests["closed"].number]
    assert ids(client, "status=open&service_code=0301,0101") == [requests["newest"].number,
                                                                 requests["older"].number]


def test_dates_choose_the_period(client, requests):
    start = (timezone.now() - timedelta(days=120)).isoformat()
    end = (timezone.now() - timedelta(days=50)).isoformat()
    assert ids(client, f"start_date={start.replace('+', '%2B')}&end_date={end.replace('+', '%2B')}") == [
        requests["old"].number]
    since = (timezone.now() - timedelta(days=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert ids(client, f"start_date={since}") == [requests["newest"].number, requests["closed"].number]


def test_ids_override_the_other_filters(client, requests):
    query = f"service_request_id={requests['old'].number},{requests['newest'].number}&status=closed"
    assert ids(client, query) == [requests["newest"].number, requests["old"].number]


def test_pages(client, requests):
    assert ids(client, "page_size=2") == [requests["newest"].number, requests["closed"].number]
    assert ids(client, "page_size=2&page=2") == [requests["older"].number]
    assert ids(client, "page_size=2&page=9") == []


def test_orders_staff_entered_are_not_published(client, requests, orders):
    staff = orders.reported()
    assert staff.number not in ids(client)
    assert staff.number not in ids(client, f"service_request_id={staff.number}")
    updates = json_answer(client.get(f"{V2}/servicerequestupdates.json"), "service_request_updates")
    assert {update["service_request_id"] for update in updates} == {requests["closed"].number}


def test_the_published_channels_are_a_setting(client, requests, orders, settings):
    settings.GONGZHI_OPEN311_PUBLIC_CHANNELS = ["portal", "open311", "grid_patrol"]
    staff = orders.reported()
    assert staff.number in ids(client)
