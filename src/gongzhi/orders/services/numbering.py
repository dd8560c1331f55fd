"""Readable order numbers: the reporting day and a per-day sequence, e.g. 2026112800042.

The counter is taken in its own short transaction before the order's, so the hot per-day row is
locked only for an instant; a failed create leaves a gap in the numbers, never a duplicate."""
from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from gongzhi.orders.models import OrderNumberSequence


def order_number_next(*, at: datetime) -> str:
    day = timezone.localtime(at).date()
    for _attempt in range(3):
        try:
            with transaction.atomic():
                updated = OrderNumberSequence.objects.filter(day=day).update(last=F("last") + 1)
                if not updated:
                    OrderNumberSequence.objects.create(day=day, last=1)
                value = OrderNumberSequence.objects.get(day=day).last
            return f"{day:%Y%m%d}{value:05d}"
        except IntegrityError:
            continue  # two first reports of the day raced to create the counter; the loser retries
    raise RuntimeError("could not allocate an order number")
