"""Only city administrators define the periods and their schemes and move a period through its
states: every endpoint and page of it, as every role (out-of-reach records do not arise: every viewer
sees every period, so those without the right get 403)."""
from __future__ import annotations

import pytest
from django.urls import reverse

from gongzhi.assessment import services
from tests.assessment.support import API, VIEWERS, for_roles, statuses

pytestmark = pytest.mark.django_db
ADMIN_ONLY = {"city_admin"}


def api_writes(world) -> list[tuple[str, str, dict | None, int]]:
    open_id = world.open.pk
    indicator = world.open.indicators.get(metric="completion_rate").pk
    item = world.open.manual_items.first().pk
    return [
        ("post", f"{API}/periods", {"name": "2030年度", "kind": "year", "year": 2030}, 201),
        ("patch", f"{API}/periods/{open_id}", {"street_share": 25}, 200),
        ("post", f"{API}/periods/{open_id}/indicators", {"metric": "overdue_count", "weight": 5,
                                                         "rule": "linear", "zero_at": 10, "full_at": 0}, 201),
        ("patch", f"{API}/periods/{open_id}/indicators/{indicator}", {"weight": 12}, 200),
        ("delete", f"{API}/periods/{open_id}/indicators/{indicator}", None, 204),
        ("post", f"{API}/periods/{open_id}/items", {"name": "信息报送", "weight": 10}, 201),
        ("patch", f"{API}/periods/{open_id}/items/{item}", {"weight": 50}, 200),
        ("delete", f"{API}/periods/{open_id}/items/{item}", None, 204),
        ("post", f"{API}/periods/{open_id}/start-scoring", None, 200),
        ("post", f"{API}/periods/{world.scoring.pk}/compute", None, 200),
        ("post", f"{API}/periods/{world.scoring.pk}/start-review", None, 200),
        ("post", f"{API}/periods/{world.review_clear.pk}/lock", None, 200),
    ]


def test_api_scheme_and_lifecycle(world, small_city, api_client_for):
    services.indicator_remove(actor=None, indicator=world.open.indicators.get(metric="overdue_count"))
    for method, url, data, success in api_writes(world):
        got = statuses(lambda who: getattr(api_client_for(small_city.users[who]), method)(url, data,
                                                                                          format="json"))
        assert got == for_roles(ADMIN_ONLY, success), (method, url)


def page_writes(world) -> list[tuple[str, dict]]:
    open_id = world.open.pk
    return [
        (reverse("assessment:periods"), {"name": "2030年度", "kind": "year", "year": 2030, "street_share": 20}),
        (reverse("assessment:period-edit", args=[open_id]), {"name": "第三季度", "street_share": 25}),
        (reverse("assessment:indicator-add", args=[open_id]), {"metric": "overdue_count", "weight": 5,
                                                               "rule": "thresholds",
                                                               "thresholds": "0:100, 3:50"}),
        (reverse("assessment:item-add", args=[open_id]), {"name": "信息报送", "kind": "rating", "weight": 10,
                                                          "max_score": 100}),
        (reverse("assessment:scheme-part-remove",
                 args=[open_id, "indicators", world.open.indicators.get(metric="completion_rate").pk]), {}),
        (reverse("assessment:scheme-part-remove", args=[open_id, "items",
                                                        world.open.manual_items.first().pk]), {}),
        (reverse("assessment:period-step", args=[open_id, "start-scoring"]), {}),
        (reverse("assessment:period-step", args=[world.scoring.pk, "compute"]), {}),
        (reverse("assessment:period-step", args=[world.scoring.pk, "start-review"]), {}),
        (reverse("assessment:period-step", args=[world.review_clear.pk, "lock"]), {}),
    ]


def test_pages_scheme_and_lifecycle(world, small_city, page_client_for):
    services.indicator_remove(actor=None, indicator=world.open.indicators.get(metric="overdue_count"))
    for url, data in page_writes(world):
        got = statuses(lambda who: page_client_for(small_city.users[who]).post(url, data))
        assert got == for_roles(ADMIN_ONLY, 302), url


def test_only_administrators_see_the_forms_of_the_scheme(world, small_city, page_client_for):
    url = reverse("assessment:period", args=[world.open.pk])
    for who in VIEWERS:
        content = page_client_for(small_city.users[who]).get(url).content
        assert (b'id="indicator-form"' in content) == (who == "city_admin"), who
        assert (reverse("assessment:period-step", args=[world.open.pk, "start-scoring"]).encode()
                in content) == (who == "city_admin"), who
