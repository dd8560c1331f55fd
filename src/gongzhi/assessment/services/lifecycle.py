"""A period's way through its states: open → scoring → review → locked. The figures are computed
from the work orders when scoring starts, whenever the city asks while the period is being scored
or reviewed, and once more when the review starts; locking freezes them."""
from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gongzhi.assessment.models import AppealState, Period, PeriodState
from gongzhi.assessment.services.common import period_action, period_for_change, require
from gongzhi.assessment.services.computing import indicators_compute, totals_refresh
from gongzhi.common.access.actor import Actor
from gongzhi.common.access.roles import Permission
from gongzhi.common.events import event_record
from gongzhi.common.exceptions import IllegalTransition


def _results_summary(period: Period) -> dict:
    return {result.department.code: {"total": result.total, "rank": result.rank}
            for result in period.results.select_related("department")}


def _move(*, actor: Actor | None, period: Period, to: str, action: str, extra: dict | None = None) -> Period:
    before = period.state
    period.state = to
    if to == PeriodState.LOCKED:
        period.locked_at = timezone.now()
    period.save()
    event_record(actor=actor, action=f"assessment.{action}", target=period, before={"state": before},
                 after={"state": to, **(extra or {})})
    return period


@period_action
def period_start_scoring(*, actor: Actor | None, period: Period) -> Period:
    """The scheme is final; the streets may score, and the work-order figures are computed."""
    require(actor, Permission.ASSESSMENT_MANAGE)
    period = period_for_change(period, states={PeriodState.OPEN})
    if not period.indicators.exists() and not period.manual_items.exists():
        raise IllegalTransition(_("The scheme has no indicator and no item yet."))
    indicators_compute(period)
    return _move(actor=actor, period=period, to=PeriodState.SCORING, action="period_start_scoring")


@period_action
def period_compute(*, actor: Actor | None, period: Period) -> Period:
    """Compute the indicators again from the work orders as they are now, and every total and rank."""
    require(actor, Permission.ASSESSMENT_MANAGE)
    period = period_for_change(period, states={PeriodState.SCORING, PeriodState.REVIEW})
    before = _results_summary(period)
    indicators_compute(period)
    event_record(actor=actor, action="assessment.period_compute", target=period, before=before,
                 after=_results_summary(period))
    return period


@period_action
def period_start_review(*, actor: Actor | None, period: Period) -> Period:
    """The streets' scoring closes; the figures are computed once more and the departments may appeal."""
    require(actor, Permission.ASSESSMENT_MANAGE)
    period = period_for_change(period, states={PeriodState.SCORING})
    indicators_compute(period)
    return _move(actor=actor, period=period, to=PeriodState.REVIEW, action="period_start_review",
                 extra={"results": _results_summary(period)})


@period_action
def period_lock(*, actor: Actor | None, period: Period) -> Period:
    """Every figure becomes final, as it stands: no computation, no score, no appeal after this."""
    require(actor, Permission.ASSESSMENT_MANAGE)
    period = period_for_change(period, states={PeriodState.REVIEW})
    pending = period.appeals.filter(state=AppealState.PENDING).count()
    if pending:
        raise IllegalTransition(ngettext("%(count)d appeal waits for a decision.",
                                         "%(count)d appeals wait for a decision.",
                                         pending) % {"count": pending})
    totals_refresh(period)
    return _move(actor=actor, period=period, to=PeriodState.LOCKED, action="period_lock",
                 extra={"results": _results_summary(period)})
