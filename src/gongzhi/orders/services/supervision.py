"""Supervision of open orders: urging and escalation by people, and the periodic sweeps that mark
overdue orders (escalating each exactly once) and send the 75 % reminders."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q

from gongzhi.common.access.actor import Actor
from gongzhi.orders.models import DEPARTMENT_CLOCK_STATES, WorkOrder
from gongzhi.orders.rollups import rollup_batch_snapshot, rollup_batch_update
from gongzhi.orders.services.common import (moment, order_event, order_events_automatic, order_lock_for_action,
                                            order_snapshot, text_require)

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


# What the sweeps read of each order: its event's snapshot and the inbox rows' titles.
SWEPT_FIELDS = ("id", "number", "title", "unit_code", "state", "lead_department", "accept_by", "complete_by",
                "satisfaction")


def _sweep(*, due: Q, mark: dict[str, Any], action: str, now: datetime, extra: dict | None = None,
           changes_figures: bool = False) -> int:
    """Mark every order matching ``due``, in batches of one short transaction each, with one event
    per order. Rows another sweep holds are skipped (PostgreSQL's SKIP LOCKED) and rows it already
    marked no longer match, so each order is claimed once; SQLite serialises write transactions,
    which gives the same guarantee.

    Orders are taken per state in deadline order (the state-and-deadline index), each batch going
    on after the last deadline the previous one reached, so a sweep reads every due order once
    rather than scanning the ones it marked again for every batch."""
    reached: dict[str, tuple[datetime, int] | None] = dict.fromkeys(DEPARTMENT_CLOCK_STATES)
    total = 0
    while reached:
        with transaction.atomic():
            batch: list[WorkOrder] = []
            for state, after in list(reached.items()):
                taken = _claim(due & Q(state=state), after=after, limit=SWEEP_BATCH - len(batch))
                batch += taken
                if len(batch) < SWEEP_BATCH:
                    del reached[state]  # nothing more is due in this state
                    continue
                reached[state] = (taken[-1].complete_by, taken[-1].pk) if taken else after
                break
            if batch:
                ids = [order.pk for order in batch]
                figures_before = rollup_batch_snapshot(ids) if changes_figures else None
                WorkOrder.objects.filter(pk__in=ids).update(**mark)
                if changes_figures:
                    rollup_batch_update(ids, figures_before)
                order_events_automatic(orders=batch, action=action, now=now, extra=extra)
        total += len(batch)
    return total


def _claim(due: Q, *, after: tuple[datetime, int] | None, limit: int) -> list[WorkOrder]:
    candidates = WorkOrder.objects.filter(due)
    if after is not None:
        deadline, pk = after
        candidates = candidates.filter(Q(complete_by__gt=deadline) | Q(complete_by=deadline, pk__gt=pk),
                                       complete_by__gte=deadline)
    return list(candidates.select_for_update(skip_locked=True).only(*SWEPT_FIELDS)
                .order_by("complete_by", "id")[:limit])


def orders_overdue_sweep(*, now: datetime | None = None) -> int:
    """Mark orders past their deadline as overdue and escalate each one, once."""
    at = moment(now)
    return _sweep(due=Q(complete_by__lt=at, overdue_since__isnull=True),
                  mark={"overdue_since": at, "escalated_at": at}, action="overdue", now=at,
                  extra={"escalated": True}, changes_figures=True)


def orders_reminder_sweep(*, now: datetime | None = None) -> int:
    """Remind the department when 75 % of an order's allowed time is used."""
    at = moment(now)
    return _sweep(due=Q(complete_by__gt=at, remind_at__lte=at, reminded_at__isnull=True),
                  mark={"reminded_at": at}, action="remind", now=at)
