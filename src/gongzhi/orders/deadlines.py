"""Deadlines of an order from its category's limits and class.

Routine and key orders count working time (the city's calendar and working hours). Emergencies
do not wait for office hours: their limits count natural time (1 day = 24 hours)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from gongzhi.common.calendar import working_time_add, working_time_at_fraction
from gongzhi.orders.models import Category, OrderClass, TimeUnit

REMINDER_FRACTION = Decimal("0.75")


@dataclass(frozen=True)
class Deadlines:
    accept_by: datetime
    complete_by: datetime
    remind_at: datetime


def deadlines_compute(*, category: Category, order_class: str, start: datetime) -> Deadlines:
    accept_hours = Decimal(category.accept_within_hours)
    amount = category.complete_within
    if order_class == OrderClass.EMERGENCY:
        accept_by = start + timedelta(hours=float(accept_hours))
        span = timedelta(hours=amount) if category.complete_within_unit == TimeUnit.HOURS else timedelta(days=amount)
        complete_by = start + span
        remind_at = start + span * float(REMINDER_FRACTION)
        return Deadlines(accept_by, complete_by, remind_at)
    accept_by = working_time_add(start=start, hours=accept_hours)
    if category.complete_within_unit == TimeUnit.HOURS:
        complete_by = working_time_add(start=start, hours=Decimal(amount))
    else:
        complete_by = working_time_add(start=start, days=amount)
    return Deadlines(accept_by, complete_by, reminder_instant(start=start, deadline=complete_by, order_class=order_class))


def reminder_instant(*, start: datetime, deadline: datetime, order_class: str) -> datetime:
    """When 75 % of the allowed time is used."""
    if order_class == OrderClass.EMERGENCY:
        return start + (deadline - start) * float(REMINDER_FRACTION)
    return working_time_at_fraction(start=start, deadline=deadline, fraction=float(REMINDER_FRACTION))


def deadline_extend(*, deadline: datetime, working_days: int, order_class: str) -> datetime:
    if order_class == OrderClass.EMERGENCY:
        return deadline + timedelta(days=working_days)
    return working_time_add(start=deadline, days=working_days)
