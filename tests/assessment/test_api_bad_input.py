"""Bad input to every write of the assessment's API answers 400 naming the field, and writes nothing:
no row of the assessment's tables and no event."""
from __future__ import annotations

import pytest

from gongzhi.assessment import models
from gongzhi.assessment import services
from tests.api_support import assert_error, nothing_written
from tests.assessment.support import API

pytestmark = pytest.mark.django_db
TABLES = [models.Period, models.Indicator, models.ManualItem, models.ManualScore, models.IndicatorResult,
          models.DepartmentResult, models.Appeal, models.PostedStaff, models.ReviewSession,
          models.ReviewCriterion, models.ReviewEvaluator, models.ReviewSubject, models.ReviewScore, models.Cadre,
          models.CadrePost, models.CadreHonour, models.CadrePromotion]
LINEAR = {"metric": "overdue_count", "weight": 5, "rule": "linear", "zero_at": 10, "full_at": 0}


def refused(client, method: str, path: str, data, field: str) -> None:
    with nothing_written(*TABLES):
        assert_error(getattr(client, method)(f"{API}{path}", data, format="json"), 400, field)


@pytest.fixture
def admin(small_city, api_client_for):
    return api_client_for(small_city.users["city_admin"])


PERIOD = {"name": "2030年度", "kind": "year", "year": 2030}


@pytest.mark.parametrize("data,field", [
    ({**PERIOD, "name": ""}, "name"),
    ({key: value for key, value in PERIOD.items() if key != "name"}, "name"),
    ({**PERIOD, "kind": "month"}, "kind"),
    ({**PERIOD, "year": "abc"}, "year"),
    ({**PERIOD, "year": 1999}, "year"),
    ({**PERIOD, "kind": "quarter"}, "quarter"),
    ({**PERIOD, "kind": "quarter", "quarter": 5}, "quarter"),
    ({**PERIOD, "quarter": 2}, "quarter"),
    ({**PERIOD, "street_share": 101}, "street_share"),
    ({**PERIOD, "street_share": -1}, "street_share"),
    ({**PERIOD, "street_share": "20%"}, "street_share"),
    ({**PERIOD, "street_share": 20.125}, "street_share"),
    ({**PERIOD, "copy_from": 999999}, "copy_from"),
    ({**PERIOD, "name": "2024年度"}, "name"),
    ({**PERIOD, "year": 2024}, "year"),
    ({**PERIOD, "state": "locked"}, "state"),
    ({**PERIOD, "name": "年度\x00考核"}, "name"),
])
def test_period_create(world, admin, data, field):
    refused(admin, "post", "/periods", data, field)


@pytest.mark.parametrize("data,field", [
    ({"street_share": 150}, "street_share"), ({"name": ""}, "name"), ({"name": "2024年度"}, "name"),
    ({"state": "locked"}, "state"), ({"year": 2031}, "year"),
])
def test_period_update(world, admin, data, field):
    refused(admin, "patch", f"/periods/{world.open.pk}", data, field)


@pytest.mark.parametrize("data,field", [
    ({**LINEAR, "metric": "speed"}, "metric"),
    ({**LINEAR, "metric": "completion_rate"}, "metric"),          # the scheme has it already
    ({**LINEAR, "weight": 0}, "weight"),
    ({**LINEAR, "weight": -3}, "weight"),
    ({**LINEAR, "weight": 1001}, "weight"),
    ({**LINEAR, "rule": "curve"}, "rule"),
    ({key: value for key, value in LINEAR.items() if key != "zero_at"}, "zero_at"),
    ({**LINEAR, "zero_at": 5, "full_at": 5}, "full_at"),
    ({**LINEAR, "metric": "overdue_count", "zero_at": -1}, "zero_at"),
    ({**LINEAR, "rule": "thresholds"}, "steps"),
    ({**LINEAR, "rule": "thresholds", "steps": []}, "steps"),
    ({**LINEAR, "rule": "thresholds", "steps": [{"at": 1}]}, "steps[0]"),
    ({**LINEAR, "rule": "thresholds", "steps": [{"at": 1, "score": 101}]}, "steps[0].score"),
    ({**LINEAR, "rule": "thresholds", "steps": [{"at": 1, "score": 50}, {"at": 1, "score": 60}]},
     "steps[1].at"),
    ({**LINEAR, "rule": "thresholds", "steps": [{"at": "x", "score": 50}]}, "steps[0].at"),
    ({**LINEAR, "colour": "red"}, "colour"),
])
def test_indicator_add(world, admin, data, field):
    services.indicator_remove(actor=None, indicator=world.open.indicators.get(metric="overdue_count"))
    refused(admin, "post", f"/periods/{world.open.pk}/indicators", data, field)


@pytest.mark.parametrize("data,field", [
    ({"weight": 0}, "weight"), ({"rule": "linear", "zero_at": 101}, "zero_at"),
    ({"metric": "return_rate"}, "metric"), ({"steps": [{"at": 99, "score": -1}]}, "steps[0].score"),
])
def test_indicator_update(world, admin, data, field):
    indicator = world.open.indicators.get(metric="on_time_acceptance_rate").pk
    refused(admin, "patch", f"/periods/{world.open.pk}/indicators/{indicator}", data, field)


@pytest.mark.parametrize("data,field", [
    ({"weight": 10}, "name"), ({"name": "  ", "weight": 10}, "name"), ({"name": "配合度", "weight": 10}, "name"),
    ({"name": "新项目", "weight": 0}, "weight"), ({"name": "新项目", "weight": 10, "kind": "vote"}, "kind"),
    ({"name": "新项目", "weight": 10, "max_score": 0}, "max_score"),
    ({"name": "新项目", "weight": 10, "description": "很" * 301}, "description"),
])
def test_item_add(world, admin, data, field):
    refused(admin, "post", f"/periods/{world.open.pk}/items", data, field)


def test_item_update(world, admin):
    item = world.open.manual_items.get(name="下沉人员").pk
    refused(admin, "patch", f"/periods/{world.open.pk}/items/{item}", {"name": "配合度"}, "name")
    refused(admin, "patch", f"/periods/{world.open.pk}/items/{item}", {"max_score": 5000}, "max_score")


def _items(period) -> dict[str, int]:
    return {item.name: item.pk for item in period.manual_items.all()}


def test_scores(world, small_city, api_client_for):
    client = api_client_for(small_city.users["street_b_dispatcher"])
    items = _items(world.scoring)
    cooperation, staff_item = items["配合度"], items["下沉人员"]
    zhang = world.staff["zhang"].pk
    path = f"/periods/{world.scoring.pk}/scores"
    for data, field in [
        ({"scores": []}, "scores"), ({}, "scores"),
        ({"scores": "all 90"}, "scores"),
        ({"scores": [{"item": 999999, "department": "HOUSING", "score": 80}]}, "scores[0].item"),
        ({"scores": [{"item": cooperation, "department": "NONE", "score": 80}]}, "scores[0].department"),
        ({"scores": [{"item": cooperation, "score": 80}]}, "scores[0].department"),
        ({"scores": [{"item": cooperation, "department": "HOUSING", "score": 101}]}, "scores[0].score"),
        ({"scores": [{"item": cooperation, "department": "HOUSING", "score": "good"}]}, "scores[0].score"),
        ({"scores": [{"item": cooperation, "department": "HOUSING"}]}, "scores[0].score"),
        ({"scores": [{"item": cooperation, "department": "HOUSING", "staff": zhang, "score": 80}]},
         "scores[0].staff"),
        ({"scores": [{"item": staff_item, "score": 80}]}, "scores[0].staff"),
        # Zhang is posted to street a, not street b.
        ({"scores": [{"item": staff_item, "staff": zhang, "score": 80}]}, "scores[0].staff"),
        ({"scores": [{"item": cooperation, "department": "HOUSING", "score": 80},
                     {"item": cooperation, "department": "HOUSING", "score": 70}]}, "scores[1]"),
        ({"scores": [{"item": cooperation, "department": "URBAN", "score": 80},
                     {"item": cooperation, "department": "HOUSING", "score": 80, "colour": "red"}]},
         "scores[1].colour"),
    ]:
        refused(client, "post", path, data, field)


def test_scores_of_street_a_staff(world, small_city, api_client_for):
    client = api_client_for(small_city.users["street_a_dispatcher"])
    staff_item = _items(world.scoring)["下沉人员"]
    data = {"scores": [{"item": staff_item, "staff": world.staff["zhang"].pk, "department": "HOUSING",
                        "score": 80}]}
    refused(client, "post", f"/periods/{world.scoring.pk}/scores", data, "scores[0].department")


def test_appeals(world, small_city, api_client_for):
    client = api_client_for(small_city.users["housing_leader"])
    path = f"/periods/{world.review.pk}/appeals"
    urban_result = models.IndicatorResult.objects.filter(period=world.review,
                                                         department__code="URBAN").first().pk
    housing_result = models.IndicatorResult.objects.filter(period=world.review,
                                                           department__code="HOUSING").first().pk
    for data, field in [
        ({"item_kind": "rank", "item_id": housing_result, "reason": "不服"}, "item_kind"),
        ({"item_kind": "indicator", "item_id": urban_result, "reason": "不服"}, "item_id"),
        ({"item_kind": "indicator", "item_id": 999999, "reason": "不服"}, "item_id"),
        ({"item_kind": "indicator", "item_id": housing_result, "reason": ""}, "reason"),
        ({"item_kind": "indicator", "item_id": housing_result}, "reason"),
        # Street b's score of housing is under appeal already.
        ({"item_kind": "score", "item_id": world.appeal.manual_score_id, "reason": "再次申诉"}, "item_id"),
    ]:
        refused(client, "post", path, data, field)


@pytest.mark.parametrize("data,field", [
    ({"outcome": "maybe", "reason": "理由"}, "outcome"),
    ({"outcome": "pending", "reason": "理由"}, "outcome"),
    ({"outcome": "adjusted", "reason": "理由"}, "score"),
    ({"outcome": "adjusted", "score": 101, "reason": "理由"}, "score"),
    ({"outcome": "adjusted", "score": 80, "reason": " "}, "reason"),
    ({"outcome": "dismissed", "score": 80, "reason": "理由"}, "score"),
])
def test_appeal_decide(world, admin, data, field):
    refused(admin, "post", f"/appeals/{world.appeal.pk}/decide", data, field)


@pytest.mark.parametrize("data,field", [
    ({"department": "NONE", "street": "652301001", "name": "赵强", "posted_on": "2025-01-01"}, "department"),
    ({"department": "URBAN", "street": "652301001001", "name": "赵强", "posted_on": "2025-01-01"}, "street"),
    ({"department": "URBAN", "street": "652301001", "name": "", "posted_on": "2025-01-01"}, "name"),
    ({"department": "URBAN", "street": "652301001", "name": "赵强", "posted_on": "2025-02-30"}, "posted_on"),
    ({"department": "URBAN", "street": "652301001", "name": "赵强"}, "posted_on"),
])
def test_posted_staff(world, admin, data, field):
    refused(admin, "post", "/posted-staff", data, field)


def test_posting_end(world, admin):
    refused(admin, "post", f"/posted-staff/{world.staff['zhang'].pk}/end", {"ended_on": "2023-12-31"},
            "ended_on")
    refused(admin, "post", f"/posted-staff/{world.staff['zhang'].pk}/end", {"ended_on": "soon"}, "ended_on")
