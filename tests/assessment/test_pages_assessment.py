"""The assessment through its pages, as the offices would use them: the city defines a period and
moves it on, a street fills its scoring sheet, housing appeals from its result page, the city decides
and locks; the ranking and trend charts get their figures; the home page points each role to its
work."""
from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from gongzhi.assessment.models import Appeal, ManualScore, Period
from gongzhi.common.models import DomainEvent
from tests.page_support import english  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def chart_data(response, element_id: str) -> dict:
    match = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>',
                      response.content.decode(), re.S)
    assert match, element_id
    return json.loads(match.group(1))


def follow(client, url: str, data: dict | None = None) -> str:
    response = client.post(url, data or {})
    assert response.status_code == 302, (url, response.status_code, response.content[:2000])
    return response["Location"]


def test_a_period_through_the_pages(small_city, page_client_for, english):
    admin = page_client_for(small_city.users["city_admin"])
    follow(admin, reverse("assessment:periods"), {"name": "2025年第一季度", "kind": "quarter", "year": 2025,
                                                  "quarter": 1, "street_share": 25})
    period = Period.objects.get()
    follow(admin, reverse("assessment:indicator-add", args=[period.pk]),
           {"metric": "on_time_acceptance_rate", "weight": 10, "rule": "thresholds",
            "thresholds": "95:100，80：80"})
    follow(admin, reverse("assessment:indicator-add", args=[period.pk]),
           {"metric": "completion_rate", "weight": 30, "rule": "linear", "zero_at": 60, "full_at": 100})
    follow(admin, reverse("assessment:item-add", args=[period.pk]),
           {"name": "配合度", "kind": "rating", "weight": 60, "max_score": 10})
    assert period.indicators.get(metric="on_time_acceptance_rate").steps == [{"at": 95.0, "score": 100.0},
                                                                            {"at": 80.0, "score": 80.0}]
    page = admin.get(reverse("assessment:period", args=[period.pk])).content.decode()
    assert "95 → 100; 80 → 80" in page and "0 at 60, 100 at 100, linear between" in page
    follow(admin, reverse("assessment:period-step", args=[period.pk, "start-scoring"]))

    street = page_client_for(small_city.users["street_a_leader"])
    item = period.manual_items.get().pk
    sheet = street.get(reverse("assessment:score", args=[period.pk])).content.decode()
    assert f'name="score-{item}-HOUSING"' in sheet and "0 to 10" in sheet
    follow(street, reverse("assessment:score", args=[period.pk]), {f"score-{item}-HOUSING": "8.5",
                                                                  f"score-{item}-URBAN": ""})
    assert [(score.department.code, score.score) for score in ManualScore.objects.all()] == [("HOUSING", 8.5)]
    # The sheet shows what was given.
    assert 'value="8.50"' in street.get(reverse("assessment:score", args=[period.pk])).content.decode()

    follow(admin, reverse("assessment:period-step", args=[period.pk, "start-review"]))
    housing = page_client_for(small_city.users["housing_leader"])
    department = reverse("assessment:department", args=[period.pk, "HOUSING"])
    page = housing.get(department).content.decode()
    # 8.5 of 10 is 85 of 100; no orders: the streets' part alone.
    assert "85.00" in page and 'id="appeal-form"' in page
    score = ManualScore.objects.get()
    follow(housing, reverse("assessment:appeal-file", args=[period.pk, "HOUSING"]),
           {"item": f"score:{score.pk}", "reason": "配合工作有记录"})
    appeal = Appeal.objects.get()
    follow(admin, reverse("assessment:appeal-decide", args=[appeal.pk]),
           {"outcome": "adjusted", "score": "9", "reason": "核实后调整"})
    follow(admin, reverse("assessment:period-step", args=[period.pk, "lock"]))

    period.refresh_from_db()
    assert period.state == "locked"
    page = housing.get(department).content.decode()
    assert "90.00" in page and "adjusted from" in page and 'id="appeal-form"' not in page
    ranking = admin.get(reverse("assessment:period", args=[period.pk]))
    assert chart_data(ranking, "assessment-ranking-data")["totals"] == [90.0]
    actions = list(DomainEvent.objects.filter(object_type="assessment.period").order_by("id")
                   .values_list("action", flat=True))
    assert actions == ["assessment.period_create", "assessment.indicator_add", "assessment.indicator_add",
                       "assessment.manual_item_add", "assessment.period_start_scoring",
                       "assessment.scores_record", "assessment.period_start_review", "assessment.period_lock"]


def test_a_departments_trend_over_the_periods(world, small_city, page_client_for, english):
    response = page_client_for(small_city.users["urban_liaison"]).get(
        reverse("assessment:department", args=[world.review.pk, "URBAN"]))
    trend = chart_data(response, "assessment-trend-data")
    # Quarters only (the period's kind), oldest first, those past their scheme.
    assert trend["labels"] == ["2024年第四季度", "2025年第一季度", "2025年第二季度"]
    # Urban management: street a (60 × 70 + 40 × mean(80, 100)) ÷ 100 = 78, street b 85 → 81.5;
    # the second quarter has no scores yet.
    assert trend["totals"] == [81.5, 81.5, None]
    assert trend["automatic"] == [None, None, None]


def test_removing_parts_of_a_scheme_still_open(world, small_city, page_client_for, english):
    admin = page_client_for(small_city.users["city_admin"])
    indicator = world.open.indicators.get(metric="rework_rate")
    follow(admin, reverse("assessment:scheme-part-remove", args=[world.open.pk, "indicators", indicator.pk]))
    item = world.open.manual_items.get(name="下沉人员")
    follow(admin, reverse("assessment:scheme-part-remove", args=[world.open.pk, "items", item.pk]))
    assert not world.open.indicators.filter(metric="rework_rate").exists()
    assert list(world.open.manual_items.values_list("name", flat=True)) == ["配合度"]
    assert admin.post(reverse("assessment:scheme-part-remove", args=[world.open.pk, "rules",
                                                                     1])).status_code == 404


def test_posted_staff_and_their_end(world, small_city, page_client_for, english):
    admin = page_client_for(small_city.users["city_admin"])
    follow(admin, reverse("assessment:posted-staff"), {"department": "URBAN",
                                                       "street": small_city.street_b.code,
                                                       "name": "赵强", "title": "执法队员",
                                                       "posted_on": "2025-03-01"})
    follow(admin, reverse("assessment:posting-end", args=[world.staff["li"].pk]), {"ended_on": "2025-06-30"})
    page = page_client_for(small_city.users["street_b_dispatcher"]).get(reverse("assessment:posted-staff"))
    assert "赵强" in page.content.decode() and "李娜" not in page.content.decode()
    world.staff["li"].refresh_from_db()
    assert world.staff["li"].ended_on.isoformat() == "2025-06-30"


def test_a_review_through_the_pages(world, small_city, page_client_for, english):
    admin = page_client_for(small_city.users["city_admin"])
    session = world.session_open
    follow(admin, reverse("assessment:session-part-add", args=[session.pk, "evaluators"]),
           {"username": "street.a.leader"})
    follow(admin, reverse("assessment:session-part-add", args=[session.pk, "subjects"]),
           {"cadre": world.cadres["community_a1"].pk, "title": ""})
    follow(admin, reverse("assessment:session-step", args=[session.pk, "start-scoring"]))
    leader = page_client_for(small_city.users["street_a_leader"])
    subject = session.subjects.get()
    criterion = session.criteria.get(source="evaluators")
    assert reverse("assessment:review-score", args=[session.pk, subject.pk]) in leader.get(
        reverse("home")).content.decode()
    follow(leader, reverse("assessment:review-score", args=[session.pk, subject.pk]),
           {f"criterion-{criterion.pk}": "93"})
    follow(admin, reverse("assessment:session-step", args=[session.pk, "close"]))
    page = leader.get(reverse("assessment:cadre", args=[world.cadres["community_a1"].pk])).content.decode()
    assert "2025 · Excellent (93.00)" in page


def test_cadre_files_through_the_pages(world, small_city, page_client_for, english):
    admin = page_client_for(small_city.users["city_admin"])
    follow(admin, reverse("assessment:cadres"), {"name": "李明", "post_kind": "department_secretary",
                                                 "title": "城管局党组书记", "department": "URBAN",
                                                 "started_on": "2022-02-01"})
    cadre = world.cadres["street_b"]
    follow(admin, reverse("assessment:cadre-record", args=[cadre.pk, "honours"]),
           {"title": "优秀党务工作者", "awarded_by": "市委", "awarded_on": "2024-07-01"})
    follow(admin, reverse("assessment:cadre-record", args=[cadre.pk, "promotions"]),
           {"post_kind": "other", "title": "市委组织部副部长", "unit": small_city.city.code,
            "effective_on": "2025-03-01", "basis": "2023年度述职评议优秀"})
    page = admin.get(reverse("assessment:cadre", args=[cadre.pk])).content.decode()
    assert "优秀党务工作者" in page and "街道党工委书记 → 市委组织部副部长" in page and "2023: Excellent" in page
    pool = admin.get(reverse("assessment:cadres"), {"grade": "excellent", "since": 2023}).content.decode()
    assert re.search(r'id="pool".*马丽', pool, re.S)
    urban = page_client_for(small_city.users["urban_handler"])
    assert urban.get(reverse("assessment:cadres")).status_code == 403


def test_the_home_page_points_each_role_to_its_work(world, small_city, page_client_for, english):
    street = page_client_for(small_city.users["street_b_dispatcher"]).get(reverse("home")).content.decode()
    assert "Departments to score" in street and reverse("assessment:score", args=[world.scoring.pk]) in street
    admin = page_client_for(small_city.users["city_admin"]).get(reverse("home")).content.decode()
    assert "Appeals to decide" in admin and reverse("assessment:appeals", args=[world.review.pk]) in admin
    housing = page_client_for(small_city.users["housing_handler"]).get(reverse("home")).content.decode()
    assert "Your department&#x27;s assessment" in housing
    assert "appeals open until the period locks" in housing
    evaluator = page_client_for(small_city.users["city_leader"]).get(reverse("home")).content.decode()
    assert "Reports to score" in evaluator and "王建国" in evaluator
    grid = page_client_for(small_city.users["grid_a1_worker"]).get(reverse("home")).content.decode()
    assert "Departments to score" not in grid and "Reports to score" not in grid
