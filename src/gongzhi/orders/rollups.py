"""Pre-aggregated statistics (``OrderRollup``): per day of dispatch and per lead department, street
or category, the loop's indicators, so that a city-wide month or year of statistics reads a few
hundred rows instead of every order dispatched in it.

Exact, not periodic: an order's contribution to the figures (its cells and counts) is counted with
the indicators' own expressions (orders/indicators.py) when an action locks the order and again
when the action records its event; the difference is added to the cells in the same transaction.
So the figures change exactly when the order does, and a rolled-back action leaves them alone.
The sweeps do the same for a whole batch at once. Cells are incremented with one upsert, in a fixed
order, so concurrent actions on the same day and department wait on each other instead of
deadlocking.

Who reads it: statistics for actors who see every order (city roles) in the city's own time zone;
everyone else's figures are counted live over the orders in their scope, which are few."""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.roles import Permission
from gongzhi.orders.indicators import COUNTS, indicator_counts
from gongzhi.orders.models import OrderReturn, OrderRollup, RollupDimension, WorkOrder

ROLLUP_COUNTS = [*COUNTS, "returned_by"]
RETURNED_BY = ROLLUP_COUNTS.index("returned_by")
# The order field each dimension groups by.
DIMENSION_FIELDS = {
    RollupDimension.DEPARTMENT: "lead_department_id",
    RollupDimension.STREET: "street_id",
    RollupDimension.CATEGORY: "category_id",
}
NO_GROUP = 0

Cell = tuple[date, str, int]
Contribution = dict[Cell, list[int]]


def _zero() -> list[int]:
    return [0] * len(ROLLUP_COUNTS)


def _daily_groups(orders: QuerySet, fields: list[str]) -> QuerySet:
    """The indicators of ``orders`` grouped by day of dispatch (the city's calendar) and ``fields``."""
    zone = timezone.get_default_timezone()
    return (orders.filter(dispatched_at__isnull=False).order_by()
            .annotate(day=TruncDate("dispatched_at", tzinfo=zone))
            .values("day", *fields).annotate(**indicator_counts()))


def _returns_by_day(returns: QuerySet) -> QuerySet:
    """How many orders each department returned, by the orders' day of dispatch."""
    zone = timezone.get_default_timezone()
    return (returns.filter(order__dispatched_at__isnull=False).order_by()
            .annotate(day=TruncDate("order__dispatched_at", tzinfo=zone))
            .values("day", "department_id").annotate(orders=Count("order_id", distinct=True)))


def _contribution(order_ids: Iterable[int], *, with_returns: bool = True) -> Contribution:
    """The cells the given orders count in, and what they add to each."""
    ids = list(order_ids)
    cells: Contribution = defaultdict(_zero)
    for row in _daily_groups(WorkOrder.objects.filter(pk__in=ids), list(DIMENSION_FIELDS.values())):
        counts = [row[name] for name in COUNTS]
        for dimension, field in DIMENSION_FIELDS.items():
            cell = cells[(row["day"], dimension, row[field] or NO_GROUP)]
            for index, value in enumerate(counts):
                cell[index] += value
    if with_returns:
        for row in _returns_by_day(OrderReturn.objects.filter(order_id__in=ids)):
            cell = cells[(row["day"], RollupDimension.DEPARTMENT, row["department_id"])]
            cell[RETURNED_BY] += row["orders"]
    return dict(cells)


def _difference(before: Contribution, after: Contribution) -> Contribution:
    change = {}
    for cell in before.keys() | after.keys():
        delta = [new - old for new, old in zip(after.get(cell, _zero()), before.get(cell, _zero()))]
        if any(delta):
            change[cell] = delta
    return change


def _cells_from_json() -> str:
    """A SELECT of the cells sent as one JSON parameter (a list of objects), as each database reads
    it: one statement for any number of cells, instead of a statement or a dozen parameters each."""
    if connection.vendor == "postgresql":
        types = ", ".join(["day date", "dimension varchar", "key bigint",
                           *(f"{name} integer" for name in ROLLUP_COUNTS)])
        return f"SELECT * FROM jsonb_to_recordset(%s::jsonb) AS cell({types})"
    fields = ", ".join(f"json_extract(value, '$.{name}') AS {name}" for name in ["day", "dimension", "key",
                                                                                  *ROLLUP_COUNTS])
    return f"SELECT {fields} FROM json_each(%s) WHERE true"


def _increment(change: Contribution) -> None:
    """Add ``change`` to its cells, creating the missing ones, with one upsert."""
    if not change:
        return
    table = connection.ops.quote_name(OrderRollup._meta.db_table)
    columns = ", ".join(["day", "dimension", "key", *ROLLUP_COUNTS])
    updates = ", ".join(f"{name} = {table}.{name} + excluded.{name}" for name in ROLLUP_COUNTS)
    cells = json.dumps([{"day": day.isoformat(), "dimension": str(dimension), "key": key,
                         **dict(zip(ROLLUP_COUNTS, delta))}
                        for (day, dimension, key), delta in change.items()])
    with connection.cursor() as cursor:
        # Always the same order of cells, so two transactions never wait on each other crosswise.
        cursor.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM ({_cells_from_json()}) cells "
                       f"WHERE true ORDER BY dimension, day, key "
                       f"ON CONFLICT (dimension, day, key) DO UPDATE SET {updates}", [cells])


# ---------------------------------------------------------------------------------------------
# Keeping it exact: the services call these inside the action's transaction.


def rollup_snapshot(order: WorkOrder) -> None:
    """Remember what the order counts for now: called on the order just locked for an action."""
    order._rollup_contribution = (_contribution([order.pk], with_returns=order.return_count > 0)
                                  if order.dispatched_at else {})


def rollup_update(order: WorkOrder) -> None:
    """Move the figures from what the order counted for at its snapshot to what it counts for now.
    Only orders locked by an action carry a snapshot: a new order counts for nothing until it is
    dispatched, and the sweeps update their batches as a whole (rollup_batch_update)."""
    before = getattr(order, "_rollup_contribution", None)
    if before is None:
        return
    after = _contribution([order.pk], with_returns=order.return_count > 0) if order.dispatched_at else {}
    _increment(_difference(before, after))
    order._rollup_contribution = after


def rollup_batch_remove(order_ids: list[int]) -> None:
    """Take a batch of orders out of the figures, before a set-based change such as a sweep marks
    them; ``rollup_batch_add`` puts them back as they are after it. Both run in the database alone
    (the grouped counts go straight into the cells), so a batch of thousands costs a few statements."""
    _shift(order_ids, sign=-1)


def rollup_batch_snapshot(order_ids: list[int]) -> Contribution:
    """What a batch of orders counts for, before a set-based change such as a sweep marks them."""
    return _contribution(order_ids, with_returns=False)


def rollup_batch_update(order_ids: list[int], before: Contribution) -> None:
    """The batch's change, in one upsert (sweeps change no returns: those are left out both times)."""
    _increment(_difference(before, _contribution(order_ids, with_returns=False)))


@transaction.atomic
def rollups_rebuild(*, order_model=WorkOrder, return_model=OrderReturn, rollup_model=OrderRollup) -> int:
    """Count every cell again from the orders (after a bulk load, or to check the figures). Takes
    the table's write lock first, so actions committing meanwhile add to the new figures once.
    The models can be a migration's historical ones."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {connection.ops.quote_name(rollup_model._meta.db_table)} "
                           "IN SHARE ROW EXCLUSIVE MODE")
    rollup_model.objects.all().delete()
    cells: dict[Cell, dict] = {}
    for dimension, field in DIMENSION_FIELDS.items():
        for row in _daily_groups(order_model.objects.all(), [field]):
            cells[(row["day"], dimension, row[field] or NO_GROUP)] = {name: row[name] for name in COUNTS}
    for row in _returns_by_day(return_model.objects.all()):
        cell = cells.setdefault((row["day"], RollupDimension.DEPARTMENT, row["department_id"]), {})
        cell["returned_by"] = row["orders"]
    rollup_model.objects.bulk_create(
        (rollup_model(day=day, dimension=dimension, key=key, **counts) for (day, dimension, key), counts in
         cells.items()), batch_size=2000)
    return len(cells)


# ---------------------------------------------------------------------------------------------
# Reading


def rollup_serves(actor: Actor) -> bool:
    """The figures cover every order, in the city's time zone: they answer for actors who see
    every order (orders_visible_to gives city roles everything) when the period is in that zone."""
    return (actor.is_city_wide and actor.has_permission(Permission.ORDERS_VIEW)
            and timezone.get_current_timezone_name() == settings.TIME_ZONE)


GROUP_DIMENSIONS = {"department": RollupDimension.DEPARTMENT, "street": RollupDimension.STREET,
                    "category": RollupDimension.CATEGORY, "month": RollupDimension.DEPARTMENT}


def _labels(group_by: str, keys: set[int]) -> dict[int, tuple[str, str]]:
    from gongzhi.org.models import Department, Unit
    from gongzhi.orders.models import Category

    model = {"department": Department, "street": Unit, "category": Category}[group_by]
    found = model.objects.filter(pk__in=keys).values_list("pk", "code", "name")
    return {pk: (code, name) for pk, code, name in found}


def rollup_statistics(*, group_by: str, first_day: date, last_day: date, key: str,
                      label: str | None) -> tuple[list[dict], dict]:
    """The rows and totals order_statistics counts live, read from the daily figures: rows carry
    the same names (``key``, ``label`` and the counts) and come in the order of their keys."""
    sums = {f"sum_{name}": Sum(name) for name in ROLLUP_COUNTS}
    cells = OrderRollup.objects.filter(dimension=GROUP_DIMENSIONS[group_by], day__range=(first_day, last_day))
    if group_by == "month":
        months: dict[date, list[int]] = defaultdict(_zero)
        for row in cells.values("day").annotate(**sums).order_by():
            month = months[row["day"].replace(day=1)]
            for index, name in enumerate(ROLLUP_COUNTS):
                month[index] += row[f"sum_{name}"]
        grouped = {month: counts for month, counts in sorted(months.items()) if counts[0]}
    else:
        having = Q(sum_dispatched__gt=0) | Q(sum_returned_by__gt=0)
        grouped = {row["key"]: [row[f"sum_{name}"] for name in ROLLUP_COUNTS]
                   for row in cells.values("key").annotate(**sums).filter(having).order_by()}
    totals = {name: sum(counts[index] for counts in grouped.values()) for index, name in enumerate(COUNTS)}
    labels = _labels(group_by, set(grouped) - {NO_GROUP}) if group_by != "month" else {}
    rows = []
    for group, counts in grouped.items():
        row = dict(zip(COUNTS, counts))
        if group_by == "month":
            row[key] = group
        else:
            code, name = labels.get(group, (None, None))
            row[key], row[label] = code, name
            if group_by == "department" and group != NO_GROUP:
                # A department's returns are of orders it no longer leads, as the live count has it.
                row["returned"] = counts[RETURNED_BY]
        rows.append(row)
    if group_by != "month":
        rows.sort(key=lambda row: (row[key] is None, row[key] or ""))
    return rows, totals
