"""Reads of the assessment, always through the actor's reach.

City roles see everything. A street's staff see every department's results and ranking, but of the
streets' scores only their own street's (the others count in the mean they see). A department's
members see their own department only: its result, its rank, the scores the streets gave it, its
appeals. Other roles see nothing of it."""
from __future__ import annotations

from django.db.models import F, Q, QuerySet

from gongzhi.assessment.breakdown import Breakdown, breakdown_of
from gongzhi.assessment.models import (Appeal, DepartmentResult, IndicatorResult, ManualScore, Period,
                                       PeriodState, PostedStaff)
from gongzhi.common.access.actor import Actor
from gongzhi.common.access.roles import Permission
from gongzhi.assessment.selectors.common import record_in
from gongzhi.common.exceptions import RecordNotFound
from gongzhi.org.models import Department, Unit, UnitKind


def actor_street(actor: Actor) -> Unit | None:
    """The street the actor works for, when they act through a street membership."""
    membership = actor.membership
    if actor.is_city_wide or membership is None or membership.unit_id is None:
        return None
    return membership.unit if membership.unit.kind == UnitKind.STREET else None


def _reach(actor: Actor) -> str | None:
    """"city", "street", "department" or None: how far the actor sees into the assessment."""
    if not actor.has_permission(Permission.ASSESSMENT_VIEW):
        return None
    if actor.is_city_wide:
        return "city"
    if actor_street(actor) is not None:
        return "street"
    return "department" if actor.department_id is not None else None


def _in_reach(records: QuerySet, actor: Actor, *, street_field: str, department_field: str) -> QuerySet:
    """Records for the city, those of the actor's street (``street_field``) for a street, those of
    the actor's department (``department_field``) for a department, none for anyone else."""
    reach = _reach(actor)
    if reach == "city":
        return records
    if reach == "street":
        return records.filter(**{street_field: actor_street(actor)})
    if reach == "department":
        return records.filter(**{department_field: actor.department_id})
    return records.none()


def periods_visible_to(actor: Actor) -> QuerySet[Period]:
    periods = Period.objects.all()
    return periods if _reach(actor) else periods.none()


def period_get_visible(actor: Actor, *, period_id: int | str) -> Period:
    return record_in(periods_visible_to(actor), period_id)


def results_visible_to(actor: Actor, *, period: Period) -> QuerySet[DepartmentResult]:
    """The departments' results of the period in ranking order (unranked last)."""
    results = (DepartmentResult.objects.filter(period=period).select_related("department", "period")
               .order_by(F("rank").asc(nulls_last=True), "department__code"))
    reach = _reach(actor)
    if reach in ("city", "street"):
        return results
    if reach == "department":
        return results.filter(department_id=actor.department_id)
    return results.none()


def department_result_get_visible(actor: Actor, *, period: Period, department_code: str) -> DepartmentResult:
    result = results_visible_to(actor, period=period).filter(department__code=department_code).first()
    if result is None:
        raise RecordNotFound()
    return result


def manual_scores_visible_to(actor: Actor, *, period: Period) -> QuerySet[ManualScore]:
    scores = (ManualScore.objects.filter(period=period)
              .select_related("item", "street", "department", "staff", "scored_by"))
    return _in_reach(scores, actor, street_field="street", department_field="department_id")


def department_breakdown(actor: Actor, *, result: DepartmentResult) -> Breakdown:
    """How the department's total is made (the result fetched through results_visible_to). Every
    street's scores count; the reader sees the lines of those visible to them."""
    period = result.period
    scores = list(ManualScore.objects.filter(period=period, department=result.department)
                  .select_related("item", "street", "staff"))
    breakdown = breakdown_of(
        period=period, indicators=list(period.indicators.all()), items=list(period.manual_items.all()),
        indicator_results=IndicatorResult.objects.filter(period=period, department=result.department),
        scores=scores)
    visible = set(manual_scores_visible_to(actor, period=period).filter(department=result.department)
                  .values_list("street__code", flat=True))
    shown = [part for part in breakdown.streets if part.street_code in visible]
    breakdown.hidden_streets = len(breakdown.streets) - len(shown)
    breakdown.streets = shown
    return breakdown


def indicator_values(period: Period, results: list[DepartmentResult]) -> dict[tuple[int, int], tuple]:
    """(department id, indicator id) → (value, score) for the given results (already scoped)."""
    departments = [result.department_id for result in results]
    return {(row.department_id, row.indicator_id): (row.value, row.effective_score) for row in
            IndicatorResult.objects.filter(period=period, department_id__in=departments)}


def posted_during(period: Period) -> QuerySet[PostedStaff]:
    """Staff whose posting overlaps the period (for scoring: the caller limits them to a street)."""
    return PostedStaff.objects.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=period.starts_on),
                                      posted_on__lte=period.ends_on)


def appeals_visible_to(actor: Actor, *, period: Period | None = None) -> QuerySet[Appeal]:
    appeals = Appeal.objects.select_related(
        "period", "department", "indicator_result__indicator", "manual_score__item", "manual_score__street",
        "manual_score__staff", "filed_by", "decided_by")
    if period is not None:
        appeals = appeals.filter(period=period)
    # A street sees the appeals of its own scores.
    return _in_reach(appeals, actor, street_field="manual_score__street", department_field="department_id")


def appeal_get_visible(actor: Actor, *, appeal_id: int | str) -> Appeal:
    return record_in(appeals_visible_to(actor), appeal_id)


def posted_staff_visible_to(actor: Actor) -> QuerySet[PostedStaff]:
    staff = PostedStaff.objects.select_related("department", "street")
    return _in_reach(staff, actor, street_field="street", department_field="department_id")


def posted_staff_get_visible(actor: Actor, *, staff_id: int | str) -> PostedStaff:
    return record_in(posted_staff_visible_to(actor), staff_id)


def department_trend(actor: Actor, *, department_code: str, kind: str) -> list[DepartmentResult]:
    """The department's results over the periods of one kind (years or quarters), oldest first. A
    department the actor may not see answers 404, like one that does not exist."""
    reach = _reach(actor)
    department = Department.objects.filter(code=department_code).first()
    out_of_reach = reach == "department" and department is not None and department.pk != actor.department_id
    if reach is None or department is None or out_of_reach:
        raise RecordNotFound()
    return list(DepartmentResult.objects.filter(department=department, period__kind=kind)
                .exclude(period__state=PeriodState.OPEN).select_related("period", "department")
                .order_by("period__starts_on"))
