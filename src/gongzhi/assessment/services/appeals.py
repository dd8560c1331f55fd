"""Appeals: while a period is under review, a department may appeal one item of its result (an
indicator's score or a street's score); the city decides, adjusting the score with a reason or
dismissing the appeal with one. A period locks only when no appeal waits."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.assessment.models import Appeal, AppealState, IndicatorResult, ManualScore, Period, PeriodState
from gongzhi.assessment.services.common import period_action, period_for_change, require
from gongzhi.assessment.services.computing import totals_refresh
from gongzhi.assessment.validation import clean_choice, clean_number, clean_text, clean_whole, refused
from gongzhi.common.access.actor import Actor
from gongzhi.common.access.roles import Permission
from gongzhi.common.events import event_record
from gongzhi.common.exceptions import ActionNotPermitted, IllegalTransition

ITEM_KINDS = {"indicator": IndicatorResult, "score": ManualScore}
DECISIONS = {AppealState.ADJUSTED, AppealState.DISMISSED}


def _appealed_item(*, actor: Actor | None, period: Period, item_kind: Any, item_id: Any):
    if item_kind not in ITEM_KINDS:
        raise refused("item_kind", _("Choose one of: %(choices)s.") % {"choices": ", ".join(ITEM_KINDS)})
    items = ITEM_KINDS[item_kind].objects.filter(period=period)
    if actor is not None:
        # A department appeals its own items only; another's answer as if they did not exist.
        items = items.filter(department_id=actor.department_id)
    item = items.filter(pk=clean_whole(item_id, field="item_id", minimum=1, maximum=2**62)).first()
    if item is None:
        raise refused("item_id", _("Your department's result in this period has no such item."))
    return item


@period_action
def appeal_file(*, actor: Actor | None, period: Period, item_kind: Any, item_id: Any, reason: Any,
                now: datetime | None = None) -> Appeal:
    require(actor, Permission.ASSESSMENT_APPEAL)
    if actor is not None and actor.department_id is None:
        raise ActionNotPermitted(_("A department appeals its own result."))
    period = period_for_change(period, states={PeriodState.REVIEW})
    item = _appealed_item(actor=actor, period=period, item_kind=item_kind, item_id=item_id)
    reason = clean_text(reason, field="reason", max_length=2000)
    target = {"indicator_result" if item_kind == "indicator" else "manual_score": item}
    if Appeal.objects.filter(state=AppealState.PENDING, **target).exists():
        raise refused("item_id", _("This item is under appeal already."))
    appeal = Appeal.objects.create(period=period, department_id=item.department_id, reason=reason,
                                   filed_by=actor.user if actor else None, filed_at=now or timezone.now(),
                                   score_before=item.effective_score, **target)
    event_record(actor=actor, action="assessment.appeal_file", target=appeal,
                 after={"period": period.pk, "item_kind": item_kind, "item_id": item.pk,
                        "score": item.effective_score}, comment=reason)
    return appeal


@period_action
def appeal_decide(*, actor: Actor | None, appeal: Appeal, outcome: Any, reason: Any, score: Any = None,
                  now: datetime | None = None) -> Appeal:
    """Adjust the appealed score (with the new score) or dismiss the appeal; a reason either way."""
    require(actor, Permission.ASSESSMENT_MANAGE)
    period_for_change(appeal.period, states={PeriodState.REVIEW})
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if appeal.state != AppealState.PENDING:
        raise IllegalTransition(_("This appeal has been decided already."))
    outcome = clean_choice(outcome, field="outcome", choices=AppealState)
    if outcome not in DECISIONS:
        raise refused("outcome", _("Choose one of: %(choices)s.") % {"choices": ", ".join(sorted(DECISIONS))})
    reason = clean_text(reason, field="reason", max_length=2000)
    item = appeal.item
    item = type(item).objects.select_for_update().get(pk=item.pk)
    before_score = item.effective_score
    if outcome == AppealState.ADJUSTED:
        highest = item.item.max_score if isinstance(item, ManualScore) else Decimal(100)
        item.adjusted_score = clean_number(score, field="score", minimum=0, maximum=highest)
        item.adjustment_reason = reason
        item.save(update_fields=["adjusted_score", "adjustment_reason"])
    elif score not in (None, ""):
        raise refused("score", _("A dismissed appeal leaves the score as it is."))
    appeal.state, appeal.decision_reason = outcome, reason
    appeal.decided_by, appeal.decided_at = (actor.user if actor else None), now or timezone.now()
    appeal.score_after = item.effective_score
    appeal.save()
    totals_refresh(appeal.period)
    event_record(actor=actor, action="assessment.appeal_decide", target=appeal,
                 before={"state": AppealState.PENDING, "score": before_score},
                 after={"state": outcome, "score": appeal.score_after}, comment=reason)
    return appeal
