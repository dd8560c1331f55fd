"""A department's leader appeals items of their own department's result; the city decides. Every
role tries both, through the API and the pages: an appeal out of reach answers 404 (street a does
not see an appeal of street b's score, urban management not one of housing's)."""
from __future__ import annotations

import pytest
from django.urls import reverse

from gongzhi.assessment.models import IndicatorResult
from tests.assessment.support import API, VIEWERS, for_roles, statuses

pytestmark = pytest.mark.django_db
# Who sees housing's appeal of street b's score: the city, street b, housing.
APPEAL_OUT_OF_REACH = {"street_a_dispatcher": 404, "street_a_leader": 404, "urban_handler": 404,
                       "urban_liaison": 404}


def _housing_indicator(world) -> int:
    return IndicatorResult.objects.filter(period=world.review, department__code="HOUSING").first().pk


def test_api_file(world, small_city, api_client_for):
    url = f"{API}/periods/{world.review.pk}/appeals"
    data = {"item_kind": "indicator", "item_id": _housing_indicator(world), "reason": "数据有误"}
    got = statuses(lambda who: api_client_for(small_city.users[who]).post(url, data, format="json"))
    assert got == for_roles({"housing_leader"}, 201)


def test_api_decide(world, small_city, api_client_for):
    url = f"{API}/appeals/{world.appeal.pk}/decide"
    data = {"outcome": "adjusted", "score": 80, "reason": "经核实调整"}
    got = statuses(lambda who: api_client_for(small_city.users[who]).post(url, data, format="json"))
    assert got == for_roles({"city_admin"}, 200, **APPEAL_OUT_OF_REACH)


def test_page_file(world, small_city, page_client_for):
    url = reverse("assessment:appeal-file", args=[world.review.pk, "HOUSING"])
    data = {"item": f"indicator:{_housing_indicator(world)}", "reason": "数据有误"}
    got = statuses(lambda who: page_client_for(small_city.users[who]).post(url, data))
    assert got == for_roles({"housing_leader"}, 302)


def test_page_decide(world, small_city, page_client_for):
    url = reverse("assessment:appeal-decide", args=[world.appeal.pk])
    data = {"outcome": "dismissed", "reason": "评分有据"}
    got = statuses(lambda who: page_client_for(small_city.users[who]).post(url, data))
    assert got == for_roles({"city_admin"}, 302)


def test_the_forms_show_to_those_who_may_use_them(world, small_city, page_client_for):
    department = reverse("assessment:department", args=[world.review.pk, "HOUSING"])
    appeals = reverse("assessment:appeals", args=[world.review.pk])
    for who in VIEWERS - {"urban_handler", "urban_liaison"}:
        client = page_client_for(small_city.users[who])
        assert (b'id="appeal-form"' in client.get(department).content) == (who == "housing_leader"), who
        decide = reverse("assessment:appeal-decide", args=[world.appeal.pk]).encode()
        assert (decide in client.get(appeals).content) == (who == "city_admin"), who
