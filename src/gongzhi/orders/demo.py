"""The demo city's work orders: the previous calendar year's history and open orders in every
state, created through the services (each action at its time in the past), so that the figures,
timelines and statistics are what the loop itself produced.

The previous year matches the source: 1,474 orders dispatched, 1,467 of them completed (99.5 %).
The seven unfinished ones are long illegal-construction cases still in progress."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from gongzhi.org.demo import DemoContext, demo_step_register
from gongzhi.orders.catalogue import catalogue_seed
from gongzhi.orders.demo_history import history_write
from gongzhi.orders.demo_open import open_orders_write
from gongzhi.orders.models import Category, WorkOrder

HISTORY_DISPATCHED = 1474
HISTORY_COMPLETED = 1467
HISTORY_HANDLED_LOCALLY = 160
HISTORY_REJECTED = 45
ORDER_CATALOGUE = 300
ORDER_HISTORY = 400
ORDER_CURRENT = 500
# This year's pace of dispatched orders, prorated to the days so far.
CURRENT_YEAR_DISPATCHED_PER_YEAR = 600


def demo_catalogue_load(context: DemoContext) -> None:
    created, kept = catalogue_seed()
    tally = context.tally.setdefault(str(Category._meta.verbose_name_plural), [0, 0])
    tally[0] += created
    tally[1] += kept


def _year_range(year: int) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    return datetime(year, 1, 1, tzinfo=zone), datetime(year + 1, 1, 1, tzinfo=zone)


def demo_history_load(context: DemoContext) -> None:
    """The previous calendar year, with the source's figures."""
    year = timezone.localdate().year - 1
    lower, upper = _year_range(year)
    present = WorkOrder.objects.filter(reported_at__gte=lower, reported_at__lt=upper).count()
    tally = context.tally.setdefault(str(WorkOrder._meta.verbose_name_plural), [0, 0])
    if present:
        tally[1] += present
        return
    tally[0] += history_write(year=year, dispatched=HISTORY_DISPATCHED, completed=HISTORY_COMPLETED,
                              handled_locally=HISTORY_HANDLED_LOCALLY, rejected=HISTORY_REJECTED)


def demo_current_year_load(context: DemoContext) -> None:
    """This year so far (a lighter history, all finished) and, in the last days, open orders in
    every state, entered by the demo users, so that each one's queue and inbox has work."""
    today = timezone.localdate()
    lower, upper = _year_range(today.year)
    present = WorkOrder.objects.filter(reported_at__gte=lower, reported_at__lt=upper).count()
    tally = context.tally.setdefault(str(WorkOrder._meta.verbose_name_plural), [0, 0])
    if present:
        tally[1] += present
        return
    created = 0
    last_history_day = today - timedelta(days=21)
    if last_history_day.year == today.year and last_history_day > date(today.year, 2, 1):
        share = (last_history_day - date(today.year, 1, 1)).days / 365
        dispatched = int(CURRENT_YEAR_DISPATCHED_PER_YEAR * share)
        created += history_write(year=today.year, dispatched=dispatched, completed=dispatched,
                                 handled_locally=dispatched // 10, rejected=dispatched // 30,
                                 last_day=last_history_day)
    created += open_orders_write()
    tally[0] += created


demo_step_register("orders.catalogue", demo_catalogue_load, order=ORDER_CATALOGUE)
demo_step_register("orders.history", demo_history_load, order=ORDER_HISTORY)
demo_step_register("orders.current", demo_current_year_load, order=ORDER_CURRENT)
