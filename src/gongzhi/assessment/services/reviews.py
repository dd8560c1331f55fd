"""The party-building review (述职评议): the city prepares a session (criteria, evaluators, the
cadres who report), the evaluators score each report, and closing the session gives every cadre a
score and a grade, recorded on their cadre file.

A cadre's score is the weighted mean of the criteria that apply: a criterion scored by evaluators
counts the mean of their scores (as a share of its highest score); the "department's regional
party-building duties" criterion counts, for a department's secretary, the department's total in the
locked yearly assessment of the session's year (it does not apply to streets and communities)."""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from gongzhi.assessment.models import (Cadre, CriterionSource, DepartmentResult, PeriodKind, PeriodState,
                                       ReviewCriterion, ReviewEvaluator, ReviewScore, ReviewSession,
                                       ReviewSessionState, ReviewSubject)
from gongzhi.assessment.scoring import HUNDRED, Weighted, grade_of, mean, rounded, weighted_mean
from gongzhi.assessment.services.common import require, snapshot
from gongzhi.assessment.services.schemes import MAX_WEIGHT
from gongzhi.assessment.validation import (clean_choice, clean_date, clean_number, clean_text, clean_whole,
                                           refused)
from gongzhi.common.access.actor import Actor
from gongzhi.common.access.roles import ROLE_PERMISSIONS, Permission
from gongzhi.common.events import event_build, event_record, events_record
from gongzhi.common.exceptions import ActionNotPermitted, IllegalTransition
from gongzhi.org.models import Membership, User

SESSION_FIELDS = ["year", "title", "held_on", "excellent_from", "good_from", "average_from"]
STATE_WORDS = {ReviewSessionState.OPEN: _lazy("being prepared"),
               ReviewSessionState.SCORING: _lazy("being scored"),
               ReviewSessionState.CLOSED: _lazy("closed")}


def _session_for_change(session: ReviewSession, *, states: set[str]) -> ReviewSession:
    locked = ReviewSession.objects.select_for_update().get(pk=session.pk)
    if locked.state not in states:
        raise IllegalTransition(_("Not possible while the session is %(state)s.")
                                % {"state": STATE_WORDS[locked.state]})
    return locked


def _grade_bounds(excellent_from: Any, good_from: Any, average_from: Any) -> dict[str, Decimal]:
    bounds = {name: clean_number(value, field=name, minimum=0, maximum=100) for name, value in
              (("excellent_from", excellent_from), ("good_from", good_from), ("average_from", average_from))}
    if not bounds["average_from"] < bounds["good_from"] < bounds["excellent_from"]:
        raise refused("good_from", _("The grades' lowest scores must rise: average < good < excellent."))
    return bounds


@transaction.atomic
def review_session_create(*, actor: Actor | None, year: Any, title: Any, held_on: Any,
                          excellent_from: Any = 90,
                          good_from: Any = 80, average_from: Any = 60) -> ReviewSession:
    require(actor, Permission.CADRE_MANAGE)
    title = clean_text(title, field="title", max_length=100)
    if ReviewSession.objects.filter(title=title).exists():
        raise refused("title", _("A session with this title exists already."))
    session = ReviewSession.objects.create(
        year=clean_whole(year, field="year", minimum=2000, maximum=2100), title=title,
        held_on=clean_date(held_on, field="held_on"), **_grade_bounds(excellent_from, good_from,
                                                                      average_from))
    event_record(actor=actor, action="review.session_create", target=session,
                 after=snapshot(session, SESSION_FIELDS))
    return session


@transaction.atomic
def review_criterion_add(*, actor: Actor | None, session: ReviewSession, name: Any, weight: Any,
                         source: Any = CriterionSource.EVALUATORS, max_score: Any = 100,
                         description: Any = "") -> ReviewCriterion:
    require(actor, Permission.CADRE_MANAGE)
    session = _session_for_change(session, states={ReviewSessionState.OPEN})
    name = clean_text(name, field="name", max_length=100)
    if session.criteria.filter(name=name).exists():
        raise refused("name", _("The session has a criterion of this name already."))
    source = clean_choice(source, field="source", choices=CriterionSource)
    if source == CriterionSource.DEPARTMENT_ASSESSMENT and session.criteria.filter(source=source).exists():
        raise refused("source", _("The department's assessment counts once."))
    weight = clean_number(weight, field="weight", minimum=0, maximum=MAX_WEIGHT)
    if not weight:
        raise refused("weight", _("A weight must be more than 0."))
    criterion = ReviewCriterion.objects.create(
        session=session, name=name, source=source, weight=weight,
        max_score=clean_number(max_score, field="max_score", minimum=1, maximum=1000),
        description=clean_text(description, field="description", max_length=300, required=False))
    event_record(actor=actor, action="review.criterion_add", target=session,
                 after={"criterion": criterion.pk, **snapshot(criterion, ["name", "source", "weight",
                                                                          "max_score"])})
    return criterion


def _may_evaluate(user: User) -> bool:
    roles = Membership.objects.filter(user=user, is_active=True).values_list("role", flat=True)
    return any(Permission.REVIEW_SCORE in ROLE_PERMISSIONS.get(role, ()) for role in roles)


@transaction.atomic
def review_evaluator_add(*, actor: Actor | None, session: ReviewSession, username: Any) -> ReviewEvaluator:
    require(actor, Permission.CADRE_MANAGE)
    session = _session_for_change(session, states={ReviewSessionState.OPEN, ReviewSessionState.SCORING})
    user = User.objects.filter(username=clean_text(username, field="username", max_length=150),
                               is_active=True).first()
    if user is None:
        raise refused("username", _("No active user has this name."))
    if not _may_evaluate(user):
        raise refused("username", _("None of this user's roles may score a review."))
    if session.evaluators.filter(user=user).exists():
        raise refused("username", _("This user evaluates the session already."))
    evaluator = ReviewEvaluator.objects.create(session=session, user=user)
    event_record(actor=actor, action="review.evaluator_add", target=session,
                 after={"evaluator": user.username})
    return evaluator


@transaction.atomic
def review_subject_add(*, actor: Actor | None, session: ReviewSession, cadre_id: Any,
                       title: Any = "") -> ReviewSubject:
    """A cadre who reports in the session, for their current post (or the post named)."""
    require(actor, Permission.CADRE_MANAGE)
    session = _session_for_change(session, states={ReviewSessionState.OPEN})
    cadre = Cadre.objects.filter(pk=clean_whole(cadre_id, field="cadre", minimum=1, maximum=2**62)).first()
    if cadre is None:
        raise refused("cadre", _("No cadre file has this id."))
    if session.subjects.filter(cadre=cadre).exists():
        raise refused("cadre", _("This cadre reports in the session already."))
    subject = ReviewSubject.objects.create(
        session=session, cadre=cadre, unit=cadre.unit, department=cadre.department,
        title=clean_text(title, field="title", max_length=100, required=False) or cadre.title)
    event_record(actor=actor, action="review.subject_add", target=session,
                 after={"subject": subject.pk, "cadre": cadre.pk, "title": subject.title})
    return subject


@transaction.atomic
def review_session_start_scoring(*, actor: Actor | None, session: ReviewSession) -> ReviewSession:
    require(actor, Permission.CADRE_MANAGE)
    session = _session_for_change(session, states={ReviewSessionState.OPEN})
    missing = [label for label, related in ((_("a criterion"), session.criteria), (_("an evaluator"),
                                                                                  session.evaluators),
                                            (_("a reporting cadre"),
                                             session.subjects)) if not related.exists()]
    if missing:
        raise IllegalTransition(_("The session needs %(missing)s first.") % {"missing": ", ".join(missing)})
    session.state = ReviewSessionState.SCORING
    session.save()
    event_record(actor=actor, action="review.session_start_scoring", target=session,
                 before={"state": ReviewSessionState.OPEN}, after={"state": session.state})
    return session


@transaction.atomic
def review_scores_record(*, actor: Actor | None, session: ReviewSession, subject: ReviewSubject, scores: Any,
                         evaluator: User | None = None, now: datetime | None = None) -> list[ReviewScore]:
    """One evaluator's scores of one report, criterion by criterion: ``scores`` maps a criterion's
    id to its score. Evaluators score as themselves (``evaluator`` is for the platform's loader)."""
    require(actor, Permission.REVIEW_SCORE)
    user = actor.user if actor is not None else evaluator
    if user is None or not session.evaluators.filter(user=user).exists():
        raise ActionNotPermitted(_("Only the session's evaluators score its reports."))
    if subject.cadre.user_id is not None and subject.cadre.user_id == user.pk:
        raise ActionNotPermitted(_("Nobody scores their own report."))
    if subject.session_id != session.pk:
        raise refused("subject", _("This cadre does not report in this session."))
    session = _session_for_change(session, states={ReviewSessionState.SCORING})
    criteria = {str(criterion.pk): criterion for criterion in
                session.criteria.filter(source=CriterionSource.EVALUATORS)}
    if not isinstance(scores, dict) or not scores:
        raise refused("scores", _("Give a score for at least one criterion, by the criterion's id."))
    cleaned = []
    for key, value in scores.items():
        criterion = criteria.get(str(key))
        if criterion is None:
            raise refused(f"scores.{key}", _("The evaluators do not score a criterion with this id here."))
        cleaned.append((criterion, clean_number(value, field=f"scores.{key}", minimum=0,
                                                maximum=criterion.max_score)))
    at = now or timezone.now()
    saved, before = [], {}
    for criterion, value in cleaned:
        score, created = ReviewScore.objects.select_for_update().get_or_create(
            subject=subject, criterion=criterion, evaluator=user, defaults={"score": value, "scored_at": at})
        if not created:
            before[str(criterion.pk)] = score.score
            score.score, score.scored_at = value, at
            score.save()
        saved.append(score)
    event_record(actor=actor, action="review.scores_record", target=subject,
                 unit_code=subject.organisation_code,
                 before=before, after={str(criterion.pk): value for criterion, value in cleaned},
                 occurred_at=at)
    return saved


def _department_totals(session: ReviewSession) -> dict[int, Decimal | None] | None:
    """The departments' totals in the locked yearly assessment of the session's year (None: none yet)."""
    results = DepartmentResult.objects.filter(period__kind=PeriodKind.YEAR, period__year=session.year,
                                              period__state=PeriodState.LOCKED)
    if not results.exists():
        return None
    return dict(results.values_list("department_id", "total"))


def subject_score(*, subject: ReviewSubject, criteria: list[ReviewCriterion], scores: list[ReviewScore],
                  department_totals: dict[int, Decimal | None]) -> Decimal | None:
    by_criterion = defaultdict(list)
    for score in scores:
        by_criterion[score.criterion_id].append(rounded(score.score * HUNDRED / score.criterion.max_score))
    parts = []
    for criterion in criteria:
        if criterion.source == CriterionSource.DEPARTMENT_ASSESSMENT:
            value = department_totals.get(subject.department_id) if subject.department_id else None
        else:
            value = mean(by_criterion[criterion.pk])
        parts.append(Weighted(criterion.weight, value))
    return weighted_mean(parts)


@transaction.atomic
def review_session_close(*, actor: Actor | None, session: ReviewSession) -> ReviewSession:
    """Every report's score and grade, recorded on the cadres' files."""
    require(actor, Permission.CADRE_MANAGE)
    session = _session_for_change(session, states={ReviewSessionState.SCORING})
    criteria = list(session.criteria.all())
    subjects = list(session.subjects.select_related("cadre"))
    department_totals: dict[int, Decimal | None] = {}
    if any(criterion.source == CriterionSource.DEPARTMENT_ASSESSMENT for criterion in criteria) and any(
            subject.department_id for subject in subjects):
        department_totals = _department_totals(session)
        if department_totals is None:
            raise IllegalTransition(
                _("The assessment of %(year)d is not locked yet: the departments' regional party-building "
                  "duties cannot be counted.") % {"year": session.year})
    scores = defaultdict(list)
    for score in ReviewScore.objects.filter(subject__session=session).select_related("criterion"):
        scores[score.subject_id].append(score)
    bounds = {name: getattr(session, name) for name in ("excellent_from", "good_from", "average_from")}
    events = []
    for subject in subjects:
        subject.score = subject_score(subject=subject, criteria=criteria, scores=scores[subject.pk],
                                      department_totals=department_totals)
        subject.grade = grade_of(subject.score, **bounds)
        subject.evaluator_count = len({score.evaluator_id for score in scores[subject.pk]})
        events.append(event_build(actor=actor, action="cadre.review_result", target=subject.cadre,
                                  unit_code=subject.organisation_code,
                                  after={"session": session.pk, "year": session.year, "score": subject.score,
                                         "grade": subject.grade}))
    ReviewSubject.objects.bulk_update(subjects, ["score", "grade", "evaluator_count"])
    session.state, session.closed_at = ReviewSessionState.CLOSED, timezone.now()
    session.save()
    event_record(actor=actor, action="review.session_close", target=session,
                 before={"state": ReviewSessionState.SCORING}, after={"state": session.state})
    events_record(events)
    return session
