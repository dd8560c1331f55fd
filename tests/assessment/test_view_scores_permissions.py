"""What each reader sees of the scores: a department only its own result, rank and the streets'
scores of it; a street every department's result but only its own street's scores (the other
streets count in the mean, unseen) and only the appeals of its own scores. Checked in the API, the
pages and the Excel export."""
from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.assessment.support import API
from tests.page_support import english  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
STREET_A, STREET_B = "建国路街道", "北京南路街道"


def _get(api_client_for, small_city, who: str, path: str):
    response = api_client_for(small_city.users[who]).get(f"{API}{path}")
    assert response.status_code == 200, response.content
    return response


@pytest.mark.parametrize("who,departments", [
    ("city_leader", ["HOUSING", "URBAN"]), ("street_a_dispatcher", ["HOUSING", "URBAN"]),
    ("street_b_dispatcher", ["HOUSING", "URBAN"]), ("housing_handler", ["HOUSING"]),
    ("housing_leader", ["HOUSING"]), ("urban_handler", ["URBAN"]), ("urban_liaison", ["URBAN"])])
def test_a_department_sees_only_its_own_result(world, small_city, api_client_for, who, departments):
    rows = _get(api_client_for, small_city, who, f"/periods/{world.review.pk}/results").json()
    assert sorted(row["department"]["code"] for row in rows) == departments


@pytest.mark.parametrize("who,streets,departments", [
    ("city_admin", {STREET_A, STREET_B}, {"HOUSING", "URBAN"}),
    ("street_a_dispatcher", {STREET_A}, {"HOUSING", "URBAN"}),
    ("street_a_leader", {STREET_A}, {"HOUSING", "URBAN"}),
    ("street_b_dispatcher", {STREET_B}, {"HOUSING", "URBAN"}),
    ("housing_leader", {STREET_A, STREET_B}, {"HOUSING"}),
    ("urban_handler", {STREET_A, STREET_B}, {"URBAN"}),
])
def test_the_streets_scores_each_reader_sees(world, small_city, api_client_for, english, who, streets,
                                             departments):
    rows = _get(api_client_for, small_city, who, f"/periods/{world.review.pk}/scores").json()
    assert {row["street"]["name"] for row in rows} == streets
    assert {row["department"]["code"] for row in rows} == departments
    workbook = load_workbook(io.BytesIO(_get(api_client_for, small_city, who,
                                             f"/periods/{world.review.pk}/export.xlsx").content))
    exported = list(workbook["Streets' scores"].iter_rows(min_row=2, values_only=True))
    assert {row[0] for row in exported} == streets
    assert len(exported) == len(rows)
    ranked = {row[1] for row in workbook["Ranking"].iter_rows(min_row=2, values_only=True)}
    assert ranked == ({"HOUSING", "URBAN"} if who.startswith(("city", "street")) else departments)


def test_a_street_sees_the_other_streets_only_in_the_mean(world, small_city, api_client_for):
    body = _get(api_client_for, small_city, "street_a_dispatcher",
                f"/periods/{world.review.pk}/results/HOUSING").json()
    breakdown = body["breakdown"]
    assert [part["street"]["name"] for part in breakdown["streets"]] == [STREET_A]
    assert breakdown["hidden_streets"] == 1
    # Street a's 90 and street b's 70 (not shown) make the mean.
    assert breakdown["street_score"] == 80.0
    full = _get(api_client_for, small_city, "housing_leader",
                f"/periods/{world.review.pk}/results/HOUSING").json()
    assert [part["street"]["name"] for part in full["breakdown"]["streets"]] == [STREET_A, STREET_B]
    assert full["breakdown"]["hidden_streets"] == 0


@pytest.mark.parametrize("who,sees", [("city_admin", True), ("street_a_dispatcher", False),
                                      ("street_b_dispatcher", True), ("housing_leader", True),
                                      ("urban_handler", False)])
def test_appeals_are_seen_by_the_city_the_department_and_the_street_scored(world, small_city, api_client_for,
                                                                           who, sees):
    rows = _get(api_client_for, small_city, who, f"/periods/{world.review.pk}/appeals").json()
    assert [row["id"] for row in rows] == ([world.appeal.pk] if sees else [])


def test_the_pages_show_the_same(world, small_city, page_client_for):
    department = reverse("assessment:department", args=[world.review.pk, "HOUSING"])
    street_a = page_client_for(small_city.users["street_a_dispatcher"]).get(department).content.decode()
    assert STREET_A in street_a and STREET_B not in street_a and "响应较慢" not in street_a
    housing = page_client_for(small_city.users["housing_leader"]).get(department).content.decode()
    assert STREET_A in housing and STREET_B in housing and "响应较慢" in housing
    period = reverse("assessment:period", args=[world.review.pk])
    urban = page_client_for(small_city.users["urban_handler"]).get(period).content.decode()
    assert small_city.urban.name in urban and small_city.housing.name not in urban
    assert page_client_for(small_city.users["urban_handler"]).get(department).status_code == 404


@pytest.mark.parametrize("who,names", [("city_admin", {"张伟", "李娜"}), ("street_a_leader", {"张伟", "李娜"}),
                                       ("street_b_dispatcher", set()), ("urban_liaison", {"张伟", "李娜"}),
                                       ("housing_handler", set())])
def test_posted_staff_each_reader_sees(world, small_city, api_client_for, who, names):
    rows = _get(api_client_for, small_city, who, "/posted-staff").json()
    assert {row["name"] for row in rows} == names
