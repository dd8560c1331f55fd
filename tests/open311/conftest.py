"""Open311 fixtures: the work orders' catalogue and order builder, a cache table for the rate limits
(the platform counts them in the database cache, shared by every process), and a client system
with a key."""
from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.management import call_command

from gongzhi.open311.services import api_client_create
from tests.orders.conftest import catalogue, media_in_tmp, orders  # noqa: F401
from tests.page_support import english  # noqa: F401

# Inside small_city's grid a1 (87.30–87.31 E, 44.01–44.02 N) and grid b1 (87.32–87.33 E).
INSIDE_A1 = {"lat": "44.015", "long": "87.305"}
INSIDE_B1 = {"lat": "44.015", "long": "87.325"}
OUTSIDE_ALL = {"lat": "44.100", "long": "87.500"}


@pytest.fixture(autouse=True)
def rate_limit_cache(db):
    """The rate limits live in the database cache; the test database needs its table, emptied."""
    call_command("createcachetable", verbosity=0)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_key(small_city, catalogue) -> str:
    _client, key = api_client_create(actor=None, name="FixMyStreet", requests_per_minute=100)
    return key
