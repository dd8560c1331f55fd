"""Supervision of open orders: urging and escalation by people, and the periodic sweeps that mark
overdue orders (escalating each exactly once) and send the 75 % reminders."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q

from gongzhi.common.access.actor import Actor
from gongzhi.orders.models import DEPARTMENT_CLOCK_STATES, WorkOrder
from gongzhi.orders.services.common import moment, order_event, order_lock_for_action, order_snapshot, text_require

SWEEP_BATCH = 2000


@transaction.atomic
def order_urge(*, actor: Actor | None, order: WorkOrder, comment: Any = "", now: datetime | None = None) -> WorkOrder:
    order = order_lock_for_action(actor=actor, order=order, action="urge")
    note = text_require(comment, field="comment", max_length=500, required=False)
    at = moment(now)
    before = order_snapshot(order, ["urge_count"])
    order.urge_count += 1
    order.save(update_fields=["urge_count", "updated_at"])
    order_event(actor=actor, order=order, action="urge", before=before, comment=note, now=at,
                extra={"urge_count": order.urge_count})
    return order


@transaction.atomic
def order_escalate(*, actor: Actor | None, order: WorkOrder, reason: Any, now: datetime | None = None) -> WorkOrder:
    order = order_lock_for_action(actor=actor, order=order, action="escalate")
    reason_text = text_require(reason, field="reason", max_length=500)
    at = moment(now)
    before = order_snapshot(order, ["escalated_at"])
    order.escalated_at = at
    order.save(update_fields=["escalated_at", "updated_at"])
    order_event(actor=actor, order=order, action="escalate", before=before, comment=reason_text, now=at,
                extra={"automatic": False})
    return order


def _claim_batch(queryset, *, now: datetime, mark: dict[str, Any]) -> list[WorkOrder]:
    """Lock and mark a batch of orders. Rows another sweep holds are skipped (PostgreSQL's SKIP
    LOCKED), rows it already marked no longer match the filter, so each order is claimed once.
    SQLite serialises write transactions, which gives the same guarantee."""
    batch = list(queryset.select_for_update(skip_locked=True).order_by("id")[:SWEEP_BATCH])
    if batch:
        WorkOrder.objects.filter(pk__in=[o.pk for o in batch]).update(**mark)
        for order in batch:
            for field, value in mark.items():
                setattr(order, field, value)
    return batch


def orders_overdue_sweep(*, now: datetime | None = None) -> int:
    """Mark orders past their deadline as overdue and escalate each one, once."""
    at = moment(now)
    total = 0
    while True:
        with transaction.atomic():
            due = WorkOrder.objects.filter(state__in=DEPARTMENT_CLOCK_STATES, complete_by__lt=at,
                                           overdue_since__isnull=True)
            batch = _claim_batch(due, now=at, mark={"overdue_since": at, "escalated_at": at})
            for order in batch:
                order_event(actor=None, order=order, action="overdue", before=None, now=at,
                            extra={"escalated": True})
        total += len(batch)
        if len(batch) < SWEEP_BATCH:
            return total


def orders_reminder_sweep(*, now: datetime | None = None) -> int:
    """Remind the department when 75 % of an order's allowed time is used."""
    at = moment(now)
    total = 0
    while True:
        with transaction.atomic():
            due = WorkOrder.objects.filter(Q(complete_by__gt=at), state__in=DEPARTMENT_CLOCK_STATES,
                                           remind_at__lte=at, reminded_at__isnull=True)
            batch = _claim_batch(due, now=at, mark={"reminded_at": at})
            for order in batch:
                order_event(actor=None, order=order, action="remind", before=None, now=at)
        total += len(batch)
        if len(batch) < SWEEP_BATCH:
            return total
