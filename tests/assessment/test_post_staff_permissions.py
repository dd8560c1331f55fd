"""The city records who is posted to which street and when a posting ends; a posting out of reach
answers 404 (street b and housing do not see urban management's officers in street a)."""
from __future__ import annotations

import pytest
from django.urls import reverse

from tests.assessment.support import API, for_roles, statuses

pytestmark = pytest.mark.django_db
POSTING_OUT_OF_REACH = {"street_b_dispatcher": 404, "housing_handler": 404, "housing_leader": 404}


def test_api_post_and_end(world, small_city, api_client_for):
    data = {"department": "URBAN", "street": small_city.street_b.code, "name": "赵强",
            "posted_on": "2025-03-01"}
    got = statuses(lambda who: api_client_for(small_city.users[who]).post(f"{API}/posted-staff", data,
                                                                           format="json"))
    assert got == for_roles({"city_admin"}, 201)
    url = f"{API}/posted-staff/{world.staff['zhang'].pk}/end"
    got = statuses(lambda who: api_client_for(small_city.users[who]).post(url, {"ended_on": "2025-06-30"},
                                                                           format="json"))
    assert got == for_roles({"city_admin"}, 200, **POSTING_OUT_OF_REACH)


def test_pages_post_and_end(world, small_city, page_client_for):
    data = {"department": "URBAN", "street": small_city.street_b.code, "name": "赵强",
            "posted_on": "2025-03-01"}
    url = reverse("assessment:posted-staff")
    got = statuses(lambda who: page_client_for(small_city.users[who]).post(url, data))
    assert got == for_roles({"city_admin"}, 302)
    url = reverse("assessment:posting-end", args=[world.staff["zhang"].pk])
    got = statuses(lambda who: page_client_for(small_city.users[who]).post(url, {"ended_on": "2025-06-30"}))
    assert got == for_roles({"city_admin"}, 302)
