"""Abuse resistance without CAPTCHAs: per-address limits on the portal and on GeoReport reads, and
per-client-system limits on GeoReport writes, counted in the Django cache — the one every app server
shares — so that a second process sees the first one's count."""
from __future__ import annotations

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client

from gongzhi.open311.models import ApiClient
from gongzhi.open311.services import api_client_update
from gongzhi.open311.throttling import client_address, rate_limit_hit
from gongzhi.orders.models import WorkOrder
from tests.open311.conftest import INSIDE_A1
from tests.open311.georeport_support import json_answer

pytestmark = pytest.mark.usefixtures("english")


def test_a_client_system_past_its_rate_is_refused_with_429(client, api_key):
    api_client_update(actor=None, client=ApiClient.objects.get(), changes={"requests_per_minute": 2})
    fields = {"api_key": api_key, "service_code": "0301", "description": "噪音", **INSIDE_A1}
    for _attempt in range(2):
        assert client.post("/open311/v2/requests.json", fields).status_code == 200
    refused = client.post("/open311/v2/requests.json", fields)
    json_answer(refused, "errors", 429)
    assert int(refused["Retry-After"]) >= 1
    assert WorkOrder.objects.count() == 2


def test_the_portal_limits_reports_per_address(client, small_city, catalogue, settings):
    settings.GONGZHI_PORTAL_REPORT_LIMIT = (2, 3600)
    fields = {"category": "0301", "description": "噪音", "latitude": "44.015", "longitude": "87.305",
              "confirmed_new": "on"}
    assert [client.post("/report/", fields).status_code for _ in range(3)] == [302, 302, 429]
    other_address = Client(REMOTE_ADDR="10.0.0.9")
    assert other_address.post("/report/", fields).status_code == 302
    assert WorkOrder.objects.count() == 3


def test_reads_are_limited_per_address(client, catalogue, settings):
    settings.GONGZHI_OPEN311_READ_LIMIT = (3, 60)
    settings.GONGZHI_PORTAL_READ_LIMIT = (2, 60)
    statuses = [client.get("/open311/v2/services.json").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert [client.get("/track/").status_code for _ in range(3)] == [200, 200, 429]


def test_the_count_lives_in_the_shared_cache(catalogue, settings):
    """What one process counted, another sees: the count is a row of the database cache (Redis in
    production), not a variable in this process's memory."""
    settings.GONGZHI_OPEN311_READ_LIMIT = (1, 60)
    assert rate_limit_hit(scope="open311_read", identity="203.0.113.7").allowed
    cache_settings = settings.CACHES["default"]
    if cache_settings["BACKEND"].endswith("DatabaseCache"):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT cache_key FROM {cache_settings['LOCATION']}")
            assert any("gongzhi:rate:open311_read:" in key for (key,) in cursor.fetchall())
    assert not rate_limit_hit(scope="open311_read", identity="203.0.113.7").allowed
    assert rate_limit_hit(scope="open311_read", identity="203.0.113.8").allowed, "each address counts apart"
    caches["default"].clear()
    assert rate_limit_hit(scope="open311_read", identity="203.0.113.7").allowed


def test_the_address_behind_trusted_proxies(rf, settings):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.5", REMOTE_ADDR="10.0.0.2")
    assert client_address(request) == "10.0.0.2", "without trusted proxies the header is not believed"
    settings.GONGZHI_TRUSTED_PROXIES = 1
    assert client_address(request) == "203.0.113.5"


def test_a_failing_cache_lets_requests_through(catalogue, settings, caplog):
    """The limits defend the public doors; a cache that is down (its table gone) must not close them."""
    settings.GONGZHI_OPEN311_READ_LIMIT = (1, 60)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {settings.CACHES['default']['LOCATION']}")
    for _attempt in range(3):
        assert rate_limit_hit(scope="open311_read", identity="203.0.113.7").allowed
    assert "not counted" in caplog.text
    assert WorkOrder.objects.count() == 0, "the caller's transaction still works"
    call_command("createcachetable", verbosity=0)  # back for the fixture that empties it
