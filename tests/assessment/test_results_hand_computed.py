"""The figures of a quarter worked out by hand: each automatic indicator from the work orders built in
conftest.quarter_orders, its score under the scheme's rule, the parts, the weighted total and the
ranking, and the breakdown that shows how the total is made."""
from __future__ import annotations

from decimal import Decimal

import pytest

from gongzhi.assessment import services
from gongzhi.assessment.models import DepartmentResult, IndicatorResult
from tests.assessment.conftest import street_scores

pytestmark = pytest.mark.django_db

# Housing: 4 dispatched; accepted on time H1, H3, H4; completed H1, H2, H4, on time H1, H4; returned
# none itself; reworked H4; overdue H2; rated H1, H2, H4, satisfied H1 and H4 (basic).
HOUSING_FIGURES = {"dispatched": 4, "accepted_on_time": 3, "completed": 3, "completed_on_time": 2,
                   "returned": 0, "reworked": 1, "overdue": 1, "rated": 3, "satisfied": 2}
# Urban management in the quarter: U1 only (U2 is April's); it returned H4.
URBAN_FIGURES = {"dispatched": 1, "accepted_on_time": 1, "completed": 1, "completed_on_time": 1,
                 "returned": 1, "reworked": 0, "overdue": 0, "rated": 0, "satisfied": 0}

# metric: (value, score) — the rules are those of conftest.INDICATORS.
HOUSING_INDICATORS = {
    "completion_rate": ("75.00", "37.50"),            # 3 ÷ 4; (75 − 60) ÷ (100 − 60)
    "on_time_acceptance_rate": ("75.00", "60.00"),    # 3 ÷ 4; reaches the 60 bound only
    "on_time_completion_rate": ("50.00", "0.00"),     # 2 ÷ 4; at the value scoring 0
    "return_rate": ("0.00", "100.00"),                # 0 ÷ (4 + 0); at the value scoring 100
    "rework_rate": ("25.00", "0.00"),                 # 1 ÷ 4; above both bounds (lower is better)
    "satisfaction_rate": ("66.67", "33.34"),          # 2 ÷ 3; (66.67 − 50) ÷ 50
    "overdue_count": ("1.00", "60.00"),               # at most 2
}
URBAN_INDICATORS = {
    "completion_rate": ("100.00", "100.00"),
    "on_time_acceptance_rate": ("100.00", "100.00"),
    "on_time_completion_rate": ("100.00", "100.00"),
    "return_rate": ("50.00", "0.00"),                 # 1 ÷ (1 + 1); past the value scoring 0
    "rework_rate": ("0.00", "100.00"),
    "satisfaction_rate": (None, None),                # nothing rated: the indicator does not apply
    "overdue_count": ("0.00", "100.00"),
}
# Housing automatic: (30·37.5 + 10·60 + 20·0 + 10·100 + 10·0 + 15·33.34 + 5·60) ÷ 100 = 35.251
# Urban automatic, satisfaction left out: (30·100 + 10·100 + 20·100 + 10·0 + 10·100 + 5·100) ÷ 85 = 88.235…
# Streets' part, items cooperation (60) and posted staff (40):
#   housing: street a 90 (no staff posted), street b 70 → 80
#   urban: street a (60·70 + 40·mean(80, 100)) ÷ 100 = 78, street b 85 → 81.5
# Totals with the streets' 20 %: housing 0.8·35.25 + 0.2·80 = 44.20; urban 0.8·88.24 + 0.2·81.5 = 86.892
EXPECTED = {
    "HOUSING": {"automatic": "35.25", "streets": "80.00", "total": "44.20", "rank": 2},
    "URBAN": {"automatic": "88.24", "streets": "81.50", "total": "86.89", "rank": 1},
    # No order and no street's score: nothing to rank it by.
    "WATER": {"automatic": None, "streets": None, "total": None, "rank": None},
}


def _decimal(value):
    return None if value is None else Decimal(value)


@pytest.fixture
def scored(small_city, quarter_orders, quarter, posted, water):
    services.period_start_scoring(actor=small_city.actor("city_admin"), period=quarter)
    street_scores(small_city, quarter, posted)
    return quarter


def test_every_indicator_matches_the_hand_count(scored):
    results = {result.department.code: result for result in DepartmentResult.objects.filter(period=scored)}
    assert results["HOUSING"].figures == HOUSING_FIGURES
    assert results["URBAN"].figures == URBAN_FIGURES
    assert results["WATER"].figures == dict.fromkeys(HOUSING_FIGURES, 0)
    for code, expected in (("HOUSING", HOUSING_INDICATORS), ("URBAN", URBAN_INDICATORS)):
        got = {row.indicator.metric: (row.value, row.computed_score) for row in
               IndicatorResult.objects.filter(period=scored,
                                              department__code=code).select_related("indicator")}
        assert got == {metric: (_decimal(value), _decimal(score)) for metric, (value,
                                                                               score) in expected.items()}
    water = IndicatorResult.objects.filter(period=scored, department__code="WATER")
    assert {(row.value, row.computed_score) for row in water} == {(None, None)}


def test_weighted_totals_and_ranking(scored):
    got = {result.department.code: {"automatic": result.automatic_score, "streets": result.street_score,
                                     "total": result.total, "rank": result.rank}
           for result in DepartmentResult.objects.filter(period=scored)}
    assert got == {code: {**{name: _decimal(value) for name, value in expected.items() if name != "rank"},
                          "rank": expected["rank"]} for code, expected in EXPECTED.items()}


def test_the_breakdown_adds_up_to_the_total(scored, small_city, api_client_for):
    response = api_client_for(small_city.users["city_admin"]).get(
        f"/api/v1/assessment/periods/{scored.pk}/results/HOUSING")
    assert response.status_code == 200, response.content
    body = response.json()
    breakdown = body["breakdown"]
    assert (body["rank"], body["total"]) == (2, 44.2)
    assert (breakdown["automatic_factor"], breakdown["street_factor"]) == (0.8, 0.2)
    points = {line["metric"]: line["points"] for line in breakdown["indicators"]}
    # 0.8 × weight ÷ 100 × score
    assert points == {"completion_rate": 9.0, "on_time_acceptance_rate": 4.8, "on_time_completion_rate": 0.0,
                      "return_rate": 8.0, "rework_rate": 0.0, "satisfaction_rate": 4.0, "overdue_count": 2.4}
    streets = {part["street"]["code"]: part["score"] for part in breakdown["streets"]}
    assert streets == {small_city.street_a.code: 90.0, small_city.street_b.code: 70.0}
    assert round(sum(points.values()) + 0.2 * breakdown["street_score"], 2) == pytest.approx(44.2, abs=0.01)


def test_a_rate_with_no_orders_to_count_leaves_its_weight_out(scored, small_city, api_client_for):
    body = api_client_for(small_city.users["city_admin"]).get(
        f"/api/v1/assessment/periods/{scored.pk}/results/URBAN").json()
    lines = {line["metric"]: line for line in body["breakdown"]["indicators"]}
    satisfaction = lines["satisfaction_rate"]
    assert (satisfaction["value"], satisfaction["score"], satisfaction["points"]) == (None, None, None)
    # 0.8 × 30 ÷ 85 × 100
    completion = lines["completion_rate"]
    assert completion["points"] == 28.24
