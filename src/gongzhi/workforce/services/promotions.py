"""Recording a promotion: the rules are checked again at the moment of the decision, the basis is
kept with it, and the new level takes effect on the first day of the next month (the next pay run)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.roles import Permission
from gongzhi.common.events import event_record
from gongzhi.workforce.models import PostChangeReason, PostHistory, Promotion, Worker
from gongzhi.workforce.pay import next_month_start
from gongzhi.workforce.promotion import promotion_check
from gongzhi.workforce.services.access import require
from gongzhi.workforce.validation import refuse, text_optional


def _period(value: Any, today) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 2000 <= value <= today.year:
        refuse("period", _("A period is a year from 2000 to %(year)d.") % {"year": today.year})
    return value


@transaction.atomic
def promotion_record(*, actor: Actor | None, worker: Worker, period: Any, note: str = "") -> Promotion:
    worker = Worker.objects.select_for_update(of=("self",)).select_related("unit").get(pk=worker.pk)
    require(actor, Permission.WORKFORCE_MANAGE, worker.unit.code)
    today = timezone.localdate()
    period = _period(period, today)
    note = text_optional(note, "note", 1000)
    worker = (
        Worker.objects.select_related("unit")
        .prefetch_related("post_history", "assessments", "credentials")
        .get(pk=worker.pk)
    )
    check = promotion_check(
        worker, period, promoted_periods=worker.promotions.values_list("period", flat=True)
    )
    if not check.eligible:
        raise ValidationError(
            {
                "worker": _("Not eligible for %(period)d: %(reasons)s")
                % {"period": period, "reasons": " ".join(check.reasons)}
            }
        )
    effective_on = next_month_start(today)
    latest = max(worker.post_history.all(), key=lambda entry: (entry.starts_on, entry.pk))
    if latest.starts_on >= effective_on:
        raise ValidationError(
            {"worker": _("A change of post from %(day)s is already recorded.") % {"day": latest.starts_on}}
        )
    from_level = check.evidence["level"]
    promotion = Promotion.objects.create(
        worker=worker,
        period=period,
        from_level=from_level,
        to_level=from_level + 1,
        effective_on=effective_on,
        basis=check.evidence,
        note=note,
        decided_by=actor.user if actor else None,
    )
    PostHistory.objects.create(
        worker=worker,
        unit=latest.unit,
        post_category=latest.post_category,
        level=from_level + 1,
        starts_on=effective_on,
        reason=PostChangeReason.PROMOTION,
        basis=note,
    )
    worker.level = from_level + 1
    worker.save(update_fields=["level", "updated_at"])
    event_record(
        actor=actor,
        action="workforce.promotion.record",
        target=worker,
        unit_code=worker.unit.code,
        before={"level": from_level},
        after={
            "level": from_level + 1,
            "period": period,
            "effective_on": effective_on,
            "basis": check.evidence,
        },
        comment=note,
    )
    return promotion
