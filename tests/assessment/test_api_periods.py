"""The periods' API answers: a period's dates from its year or quarter, a scheme copied from another
period, the scheme as the API shows it, and a department's trend over the periods of one kind."""
from __future__ import annotations

import pytest

from tests.assessment.support import API

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(small_city, api_client_for):
    return api_client_for(small_city.users["city_admin"])


@pytest.mark.parametrize("kind,quarter,dates", [("year", None, ("2026-01-01", "2026-12-31")),
                                                ("quarter", 1, ("2026-01-01", "2026-03-31")),
                                                ("quarter", 2, ("2026-04-01", "2026-06-30")),
                                                ("quarter", 4, ("2026-10-01", "2026-12-31"))])
def test_a_periods_dates(small_city, admin, kind, quarter, dates):
    response = admin.post(f"{API}/periods", {"name": "新周期", "kind": kind, "year": 2026, "quarter": quarter},
                          format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["starts_on"], body["ends_on"]) == dates
    assert (body["state"], body["street_share"], body["indicators"], body["manual_items"]) == ("open", 20,
                                                                                               [], [])


def test_a_scheme_copied_from_another_period(world, admin):
    response = admin.post(f"{API}/periods", {"name": "2025年第四季度", "kind": "quarter", "year": 2025,
                                             "quarter": 4, "copy_from": world.review.pk}, format="json")
    body = response.json()
    assert [(indicator["metric"], indicator["weight"],
             indicator["rule"]) for indicator in body["indicators"]] == [
        ("completion_rate", 30, "linear"), ("on_time_acceptance_rate", 10, "thresholds"),
        ("on_time_completion_rate", 20, "linear"), ("return_rate", 10, "linear"), ("rework_rate", 10,
                                                                                   "thresholds"),
        ("satisfaction_rate", 15, "linear"), ("overdue_count", 5, "thresholds")]
    assert body["indicators"][1]["steps"] == [{"at": 95.0, "score": 100.0}, {"at": 80.0, "score": 80.0},
                                              {"at": 60.0, "score": 60.0}]
    assert (body["indicators"][3]["zero_at"], body["indicators"][3]["full_at"]) == (20, 0)
    assert [(item["name"], item["kind"], item["weight"]) for item in body["manual_items"]] == [
        ("配合度", "rating", 60), ("下沉人员", "posted_staff", 40)]


def test_changing_a_rule_keeps_what_the_change_leaves_out(world, admin):
    indicator = world.open.indicators.get(metric="completion_rate")
    response = admin.patch(f"{API}/periods/{world.open.pk}/indicators/{indicator.pk}", {"full_at": 95},
                           format="json")
    assert response.status_code == 200
    changed = next(row for row in response.json()["indicators"] if row["id"] == indicator.pk)
    assert (changed["rule"], changed["zero_at"], changed["full_at"], changed["weight"]) == ("linear", 60, 95,
                                                                                            30)


def test_a_departments_trend(world, small_city, api_client_for):
    client = api_client_for(small_city.users["housing_leader"])
    quarters = client.get(f"{API}/departments/HOUSING/trend").json()
    # Years by default: the locked 2024 period.
    assert [(point["period"]["name"], point["total"], point["rank"]) for point in quarters] == [
        ("2024年度", 80.0, 2)]
    quarters = client.get(f"{API}/departments/HOUSING/trend", {"kind": "quarter"}).json()
    assert [(point["period"]["name"], point["total"]) for point in quarters] == [
        ("2024年第四季度", 80.0), ("2025年第一季度", 80.0), ("2025年第二季度", None)]
    assert client.get(f"{API}/departments/URBAN/trend").status_code == 404
