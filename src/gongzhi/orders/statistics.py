"""Indicators of the loop, by department, street, category or month, over orders dispatched in a
period: every figure is a count over the order rows the actor may see.

dispatched          orders dispatched in the period
accepted_on_time    of those, accepted no later than accept_by
completed           of those, completed (handled or closed)
completed_on_time   of those, completed no later than complete_by
returned            orders returned at least once (by department: orders that department returned)
reworked            orders sent back for rework or reopened at least once
overdue             orders that passed their deadline while open
rated / satisfied   orders rated, and rated satisfied or basically satisfied
completion_rate = completed ÷ dispatched; on_time_completion_rate = completed_on_time ÷ dispatched;
on_time_acceptance_rate = accepted_on_time ÷ dispatched; satisfaction_rate = satisfied ÷ rated.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.common.access.actor import Actor
from gongzhi.org.models import Department
from gongzhi.orders.indicators import COUNTS, indicator_counts
from gongzhi.orders.models import OrderReturn
from gongzhi.orders.rollups import rollup_serves, rollup_statistics
from gongzhi.orders.selectors import orders_visible_to

GROUPS = {
    "department": ("lead_department__code", "lead_department__name"),
    "street": ("street__code", "street__name"),
    "category": ("category__code", "category__name"),
    "month": ("month", None),
}


def _ratio(numerator: int, denominator: int) -> float | None:
    if not denominator:
        return None
    # Three decimals: the precision offices report in (99.5 %).
    return float((Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP))


def period_bounds(*, start: date | None, end: date | None) -> tuple[datetime, datetime]:
    """[start 00:00, day after end 00:00) in the city's time zone; default: the current year so far."""
    today = timezone.localdate()
    start = start or date(today.year, 1, 1)
    end = end or today
    if end < start:
        raise ValidationError({"to": _("The end of the period is before its start.")})
    if (end - start).days > 366 * 5:
        raise ValidationError({"to": _("A period may span at most five years.")})
    zone = timezone.get_current_timezone()
    return (datetime.combine(start, time.min, tzinfo=zone), datetime.combine(end + timedelta(days=1), time.min,
                                                                             tzinfo=zone))


def order_statistics(*, actor: Actor, group_by: str, start: date | None = None, end: date | None = None) -> dict:
    if group_by not in GROUPS:
        raise ValidationError({"group_by": _("Group by one of: %(choices)s.") % {"choices": ", ".join(GROUPS)}})
    lower, upper = period_bounds(start=start, end=end)
    key, label = GROUPS[group_by]
    if rollup_serves(actor):
        # Every order counts: the pre-aggregated daily figures hold the same counts (orders/rollups.py).
        rows, totals = rollup_statistics(group_by=group_by, first_day=lower.date(),
                                         last_day=(upper - timedelta(days=1)).date(), key=key, label=label)
    else:
        rows, totals = _counted(actor=actor, group_by=group_by, lower=lower, upper=upper)
    groups = []
    for row in rows:
        group_key = row[key]
        groups.append({
            "key": group_key.strftime("%Y-%m") if group_by == "month" and group_key else group_key,
            "label": (row[label] if label else (group_key.strftime("%Y-%m") if group_key else "")) or "",
            **{name: row[name] for name in COUNTS},
            **_rates(row),
        })
    return {"group_by": group_by, "from": lower.date().isoformat(),
            "to": (upper - timedelta(days=1)).date().isoformat(),
            "groups": groups, "totals": {**totals, **_rates(totals)}}


def _counted(*, actor: Actor, group_by: str, lower: datetime, upper: datetime) -> tuple[list[dict], dict]:
    """The rows and totals counted over the order rows the actor sees."""
    orders = orders_visible_to(actor).filter(dispatched_at__gte=lower, dispatched_at__lt=upper)
    key, label = GROUPS[group_by]
    if group_by == "month":
        orders = orders.annotate(month=TruncMonth("dispatched_at", tzinfo=timezone.get_current_timezone()))
    aggregates = indicator_counts()
    fields = [key] + ([label] if label else [])
    rows = list(orders.order_by().values(*fields).annotate(**aggregates).order_by(key))
    if group_by == "department":
        # A department's returns are of orders it no longer leads: count them from the returns.
        returned_by_department = dict(
            OrderReturn.objects.filter(order__in=orders.order_by().values("pk"))
            .values("department__code").annotate(n=Count("order_id", distinct=True))
            .values_list("department__code", "n"))
        for row in rows:
            row["returned"] = returned_by_department.pop(row[key], 0) if row[key] else row["returned"]
        names = dict(Department.objects.filter(code__in=returned_by_department).values_list("code", "name"))
        for department_code, returned in returned_by_department.items():
            rows.append({key: department_code, label: names.get(department_code, ""),
                         **{name: 0 for name in COUNTS}, "returned": returned})
    return rows, orders.order_by().aggregate(**aggregates)


def _rates(row: dict) -> dict:
    return {
        "completion_rate": _ratio(row["completed"], row["dispatched"]),
        "on_time_acceptance_rate": _ratio(row["accepted_on_time"], row["dispatched"]),
        "on_time_completion_rate": _ratio(row["completed_on_time"], row["dispatched"]),
        "satisfaction_rate": _ratio(row["satisfied"], row["rated"]),
    }
