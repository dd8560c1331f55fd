"""The Excel export of a period: its scheme, the ranking with every department's parts and each
indicator's value and score, the streets' scores and an "About" sheet; text stays text."""
from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gongzhi.assessment import services
from tests.assessment.conftest import street_scores
from tests.assessment.support import API
from tests.page_support import english  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(small_city, quarter_orders, quarter, posted, water):
    services.manual_item_add(actor=None, period=quarter, name="=SUM(A1:A9)", weight=1)
    services.period_start_scoring(actor=None, period=quarter)
    street_scores(small_city, quarter, posted)
    return quarter


def rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def test_the_workbook_holds_scheme_ranking_and_scores(scored, small_city, api_client_for, english):
    response = api_client_for(small_city.users["city_admin"]).get(f"{API}/periods/{scored.pk}/export.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith(f'attachment; filename="assessment-{scored.pk}-')
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Scheme", "Ranking", "Streets' scores", "About"]

    scheme = rows(workbook["Scheme"])
    assert scheme[0] == ("part", "indicator or item", "weight", "rule or highest score")
    assert scheme[1] == ("automatic", "Completion rate", 30, "0 at 60.00, 100 at 100.00")
    assert scheme[2] == ("automatic", "On-time acceptance rate", 10, "95 → 100; 80 → 80; 60 → 60")
    assert ("streets", "下沉人员 (The street scores the staff the department posted to it)", 40, 100) in scheme
    # A name that looks like a formula stays text.
    formula = workbook["Scheme"].cell(row=len(scheme), column=2)
    assert formula.value == "=SUM(A1:A9) (The street rates the department)" and formula.data_type == "s"

    ranking = rows(workbook["Ranking"])
    assert ranking[0][:6] == ("rank", "department code", "department", "total", "automatic part",
                              "streets' part")
    assert ranking[0][6:8] == ("Completion rate (value)", "Completion rate (score)")
    assert [row[:6] for row in ranking[1:]] == [
        (1, "URBAN", small_city.urban.name, 86.89, 88.24, 81.5),
        (2, "HOUSING", small_city.housing.name, 44.2, 35.25, 80),
        (None, "WATER", "水务局", None, None, None)]
    assert ranking[2][6:8] == (75, 37.5)

    scores = rows(workbook["Streets' scores"])
    assert scores[0] == ("street", "department", "item", "posted staff member", "score", "adjusted score",
                         "comment")
    assert len(scores) == 1 + 6
    assert ("北京南路街道", small_city.housing.name, "配合度", None, 70, None, "响应较慢") in scores
    assert ("建国路街道", small_city.urban.name, "下沉人员", "张伟", 80, None, None) in scores
    about = dict(rows(workbook["About"])[1:])
    assert (about["period"], about["from"], about["to"], about["streets' share (%)"]) == (
        "2025年第一季度", "2025-01-01", "2025-03-31", 20)


def test_the_page_offers_the_same_workbook(scored, small_city, page_client_for, english):
    response = page_client_for(small_city.users["city_leader"]).get(reverse("assessment:export",
                                                                            args=[scored.pk]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert [row[1] for row in rows(workbook["Ranking"])[1:]] == ["URBAN", "HOUSING", "WATER"]
