"""Who may read the assessment, endpoint by endpoint and page by page: the city, the streets and the
departments see it (a department out of reach answers 404), community and grid staff and users
without a role do not (403), anonymous callers are asked to sign in."""
from __future__ import annotations

import pytest
from django.urls import reverse

from tests.assessment.support import API, VIEWERS, for_roles, statuses

pytestmark = pytest.mark.django_db
OUT_OF_REACH_OF_HOUSING = {"urban_handler": 404, "urban_liaison": 404}


def api_reads(world) -> dict[str, dict]:
    review = world.review.pk
    return {
        f"{API}/periods": {}, f"{API}/periods/{review}": {},
        f"{API}/periods/{review}/results": {},
        f"{API}/periods/{review}/results/HOUSING": OUT_OF_REACH_OF_HOUSING,
        f"{API}/periods/{review}/scores": {},
        f"{API}/periods/{review}/appeals": {},
        f"{API}/periods/{review}/export.xlsx": {},
        f"{API}/departments/HOUSING/trend": OUT_OF_REACH_OF_HOUSING,
        f"{API}/posted-staff": {},
    }


def page_reads(world) -> dict[str, dict]:
    review = world.review.pk
    return {
        reverse("assessment:periods"): {},
        reverse("assessment:period", args=[review]): {},
        reverse("assessment:period", args=[world.open.pk]): {},
        reverse("assessment:department", args=[review, "HOUSING"]): OUT_OF_REACH_OF_HOUSING,
        reverse("assessment:appeals", args=[review]): {},
        reverse("assessment:export", args=[review]): {},
        reverse("assessment:posted-staff"): {},
    }


def test_api_reads(world, small_city, api_client_for):
    for url, exceptions in api_reads(world).items():
        got = statuses(lambda who: api_client_for(small_city.users[who]).get(url))
        assert got == for_roles(VIEWERS, 200, **exceptions), url


def test_page_reads(world, small_city, page_client_for):
    for url, exceptions in page_reads(world).items():
        got = statuses(lambda who: page_client_for(small_city.users[who]).get(url))
        assert got == for_roles(VIEWERS, 200, **exceptions), url


def test_unknown_records_answer_404_to_those_who_may_read(world, small_city, api_client_for, page_client_for):
    client = api_client_for(small_city.users["city_admin"])
    for url in [f"{API}/periods/999999", f"{API}/periods/999999/results",
                f"{API}/periods/{world.review.pk}/results/NONE",
                f"{API}/departments/NONE/trend"]:
        assert client.get(url).status_code == 404, url
    page = page_client_for(small_city.users["city_admin"])
    for url in [reverse("assessment:period", args=[999999]),
                reverse("assessment:department", args=[world.review.pk, "NONE"])]:
        assert page.get(url).status_code == 404, url


def test_anonymous_callers_sign_in_first(world, client):
    assert client.get(f"{API}/periods").status_code == 401
    response = client.get(reverse("assessment:periods"))
    assert response.status_code == 302 and "/login/" in response["Location"]
