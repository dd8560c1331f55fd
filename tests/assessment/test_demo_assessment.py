"""The demo city's assessment, loaded once for this module with the organisation and the order
history: last year's period is locked with figures computed from last year's 1,474 dispatched orders
and every street's scores, with the appeal the city decided; this year's is being scored; last
year's party-building review graded every reporting cadre; a second load adds nothing."""
from __future__ import annotations

import time
from decimal import ROUND_HALF_UP, Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from gongzhi.assessment.models import (Appeal, Cadre, DepartmentResult, Grade, ManualScore, Period,
                                       ReviewSession, ReviewSubject)
from gongzhi.org.models import Department, Unit, User

LOAD = ["load_demo", "--force", "--only", "org", "--only", "orders", "--only", "assessment"]


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
                             MEDIA_ROOT=media)
    with fast, django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            started = time.monotonic()
            call_command(*LOAD, stdout=StringIO())
            yield time.monotonic() - started
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo(demo_loaded, db):
    return demo_loaded


def last_year() -> int:
    return timezone.localdate().year - 1


def test_last_years_period_is_locked_and_computed_from_the_order_history(demo):
    period = Period.objects.get(kind="year", year=last_year())
    assert period.state == "locked" and period.locked_at is not None
    results = list(DepartmentResult.objects.filter(period=period))
    assert len(results) == Department.objects.filter(is_active=True).count() == 20
    assert sum(result.figures["dispatched"] for result in results) == 1474
    assert sum(result.figures["completed"] for result in results) == 1467
    assert sorted(result.rank for result in results) == sorted(
        1 + sum(other.total > result.total for other in results) for result in results)
    assert all(None not in (result.total, result.automatic_score, result.street_score)
               for result in results)
    streets = Unit.objects.filter(kind="street").count()
    assert ManualScore.objects.filter(period=period, staff__isnull=True).count() == streets * 20 * 2
    # The law-enforcement departments' posted staff are scored by their streets.
    assert ManualScore.objects.filter(period=period,
                                      staff__isnull=False).values("staff").count() == streets * 2 * 2


def test_the_city_decided_housings_appeal_before_the_lock(demo):
    appeal = Appeal.objects.get(period__year=last_year(), period__kind="year")
    assert (appeal.department.code, appeal.state) == ("HOUSING", "adjusted")
    assert appeal.score_after == appeal.score_before + 6
    assert appeal.manual_score.adjusted_score == appeal.score_after
    assert appeal.filed_by.username == "dept.leader" and appeal.decided_by.username == "city.admin"


def test_this_years_period_is_open_for_the_streets(demo):
    period = Period.objects.get(kind="year", year=last_year() + 1)
    assert period.state == "scoring"
    assert period.indicators.count() == 7 and period.manual_items.count() == 3
    client = Client()
    client.force_login(User.objects.get(username="street.jianguolu"))
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    # The street's home page points to the departments it has still to score.
    assert reverse("assessment:score", args=[period.pk]).encode() in response.content


def test_the_review_graded_every_reporting_cadre(demo):
    session = ReviewSession.objects.get(year=last_year())
    assert session.state == "closed"
    subjects = list(ReviewSubject.objects.filter(session=session).select_related("cadre"))
    assert len(subjects) == Cadre.objects.count() == 6 + 24 + 8
    assert all(subject.grade and subject.score is not None and subject.evaluator_count == 3
               for subject in subjects)
    assert {subject.grade for subject in subjects} >= {Grade.EXCELLENT, Grade.GOOD, Grade.AVERAGE}
    # A department's secretary's score counts the department's total in last year's assessment.
    housing = next(subject for subject in subjects
                   if subject.department_id and subject.department.code == "HOUSING")
    criteria = {criterion.name: criterion for criterion in session.criteria.all()}
    cent = Decimal("0.01")
    means = {name: (sum(score.score for score in housing.scores.filter(criterion=criterion)) / 3)
             .quantize(cent, rounding=ROUND_HALF_UP)
             for name, criterion in criteria.items() if criterion.source == "evaluators"}
    total = DepartmentResult.objects.get(period__year=last_year(), period__kind="year",
                                         department__code="HOUSING").total
    expected = (40 * means["抓基层党建工作成效"] + 30 * means["述职报告与现场测评"] + 30 * total) / 100
    assert housing.score == expected.quantize(cent, rounding=ROUND_HALF_UP)


def test_a_leader_reads_the_grades_on_the_cadre_files(demo):
    client = APIClient()
    client.force_authenticate(User.objects.get(username="city.leader"))
    cadre = Cadre.objects.filter(post_kind="street_secretary").first()
    body = client.get(f"/api/v1/assessment/cadres/{cadre.pk}").json()
    assert [review["year"] for review in body["reviews"]] == [last_year()]
    pool = client.get("/api/v1/assessment/talent-pool", {"grade": "excellent", "since": last_year()}).json()
    assert pool and all(talent["good_results"] == 1 for talent in pool)


def test_a_second_load_adds_nothing(demo):
    before = (Period.objects.count(), ManualScore.objects.count(), Cadre.objects.count(),
              ReviewSession.objects.count())
    output = StringIO()
    call_command(*LOAD, stdout=output)
    assert (Period.objects.count(), ManualScore.objects.count(), Cadre.objects.count(),
            ReviewSession.objects.count()) == before
