"""The party-building review worked out by hand: evaluators' scores per criterion, the department's
regional party-building duties taken from its total in the year's locked assessment, the score, the
grade from the session's bounds, and the result on the cadre's file."""
from __future__ import annotations

from decimal import Decimal

import pytest

from gongzhi.assessment import services
from gongzhi.assessment.models import DepartmentResult, ReviewSubject
from gongzhi.common.models import DomainEvent
from tests.api_support import assert_error
from tests.assessment.support import API

pytestmark = pytest.mark.django_db


def score(small_city, world, who: str, cadre: str, value: int) -> None:
    session = world.session
    subject = session.subjects.get(cadre=world.cadres[cadre])
    criterion = session.criteria.get(source="evaluators")
    services.review_scores_record(actor=small_city.actor(who), session=session, subject=subject,
                                  scores={str(criterion.pk): value})


def test_scores_grades_and_the_cadre_files(world, small_city, api_client_for):
    # Criteria: the evaluators' "履职情况" (weight 70) and the department's regional duties (30).
    score(small_city, world, "city_leader", "community_a1", 90)
    score(small_city, world, "street_a_leader", "community_a1", 80)
    score(small_city, world, "city_leader", "housing", 95)
    score(small_city, world, "street_a_leader", "housing", 90)
    score(small_city, world, "street_a_leader", "housing", 91)      # a second thought replaces the first
    # Housing's total in the locked 2024 assessment: no orders, streets 90 and 70 → 80.
    assert DepartmentResult.objects.get(period=world.locked,
                                        department__code="HOUSING").total == Decimal("80.00")
    services.review_session_close(actor=small_city.actor("city_admin"), session=world.session)

    results = {subject.cadre.name: (subject.score, subject.grade, subject.evaluator_count)
               for subject in ReviewSubject.objects.filter(session=world.session).select_related("cadre")}
    assert results == {
        # (90 + 80) ÷ 2 = 85; the department's criterion does not apply to a community's secretary.
        "王建国": (Decimal("85.00"), "good", 2),
        # (95 + 91) ÷ 2 = 93; (70 × 93 + 30 × 80) ÷ 100 = 89.10, just short of excellent (90).
        "陈刚": (Decimal("89.10"), "good", 2),
        # Nobody scored her report: no score, no grade.
        "马丽": (None, "", 0),
    }
    events = DomainEvent.objects.filter(action="cadre.review_result",
                                        object_id=str(world.cadres["housing"].pk))
    assert [(event.after["year"], event.after["grade"]) for event in events] == [(2024, "good")]

    body = api_client_for(small_city.users["housing_leader"]).get(
        f"{API}/cadres/{world.cadres['housing'].pk}").json()
    assert body["reviews"] == [{"year": 2024, "session": "2024年度述职评议", "title": "住建局党组书记",
                                "score": 89.1, "grade": "good"}]


def test_the_departments_part_waits_for_the_years_locked_assessment(world, small_city, api_client_for):
    session = services.review_session_create(actor=None, year=2025, title="2025年度述职（部门）",
                                             held_on="2026-01-20")
    services.review_criterion_add(actor=None, session=session, name="履职", weight=70)
    services.review_criterion_add(actor=None, session=session, name="区域化党建", weight=30,
                                  source="department_assessment")
    services.review_evaluator_add(actor=None, session=session, username="city.leader")
    services.review_subject_add(actor=None, session=session, cadre_id=world.cadres["housing"].pk)
    services.review_session_start_scoring(actor=None, session=session)
    response = api_client_for(small_city.users["city_admin"]).post(f"{API}/reviews/{session.pk}/close")
    error = assert_error(response, 409)
    assert "2025" in error["message"]


def test_scores_only_while_the_session_is_being_scored(world, small_city, api_client_for):
    services.review_session_close(actor=None, session=world.session)
    subject = world.session.subjects.first()
    criterion = world.session.criteria.get(source="evaluators")
    response = api_client_for(small_city.users["city_leader"]).post(
        f"{API}/reviews/{world.session.pk}/subjects/{subject.pk}/scores", {"scores": {str(criterion.pk): 90}},
        format="json")
    assert_error(response, 409)
