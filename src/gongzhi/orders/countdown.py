"""How much time an order has left, as people read it: in working time for routine and key orders
(the clock stops outside office hours and on holidays), in natural time for emergencies, the same
way orders/deadlines.py counts their deadlines."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gongzhi.common.calendar import working_time_between
from gongzhi.common.calendar.hours import day_schedule
from gongzhi.orders.models import DEPARTMENT_CLOCK_STATES, OrderClass, WorkOrder


class CountdownStatus:
    RUNNING = "running"
    DUE_SOON = "due_soon"    # past the 75 % reminder instant
    OVERDUE = "overdue"


@dataclass(frozen=True)
class Countdown:
    status: str
    # Time left (or, when overdue, time past the deadline), in working time unless ``working`` is False.
    amount: timedelta
    working: bool
    deadline: datetime

    @property
    def text(self) -> str:
        duration = duration_text(self.amount, working=self.working)
        if self.status == CountdownStatus.OVERDUE:
            if self.amount < timedelta(minutes=1):
                # Past the deadline but no office hours since (a night, a weekend): "overdue by 0
                # minutes" would read as not late at all.
                return _("Overdue since %(deadline)s") % {
                    "deadline": formats.date_format(timezone.localtime(self.deadline), "DATETIME_FORMAT")}
            return _("Overdue by %(duration)s") % {"duration": duration}
        return _("%(duration)s left") % {"duration": duration}

    @property
    def is_overdue(self) -> bool:
        return self.status == CountdownStatus.OVERDUE


def order_countdown(order: WorkOrder, *, now: datetime | None = None) -> Countdown | None:
    """The clock of an order while a department holds it; None when no clock runs (not yet
    dispatched, handled, closed or ended)."""
    if order.state not in DEPARTMENT_CLOCK_STATES or order.complete_by is None:
        return None
    now = now or timezone.now()
    working = order.order_class != OrderClass.EMERGENCY
    if now >= order.complete_by:
        past = working_time_between(start=order.complete_by, end=now) if working else now - order.complete_by
        return Countdown(CountdownStatus.OVERDUE, past, working, order.complete_by)
    left = working_time_between(start=now, end=order.complete_by) if working else order.complete_by - now
    due_soon = order.remind_at is not None and now >= order.remind_at
    return Countdown(CountdownStatus.DUE_SOON if due_soon else CountdownStatus.RUNNING, left, working,
                     order.complete_by)


def duration_text(amount: timedelta, *, working: bool) -> str:
    """"2 working days 3 h", "5 h 20 min of working time", "1 day 4 h", "35 min"."""
    day = day_schedule().length if working else timedelta(days=1)
    days, rest = divmod(amount, day)
    hours, rest = divmod(rest, timedelta(hours=1))
    minutes = rest // timedelta(minutes=1)
    if days:
        text = (ngettext("%(n)d working day", "%(n)d working days", days) if working
                else ngettext("%(n)d day", "%(n)d days", days)) % {"n": days}
        return text + (" " + _("%(n)d h") % {"n": hours} if hours else "")
    text = _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes} if hours \
        else _("%(n)d min") % {"n": minutes}
    return _("%(duration)s of working time") % {"duration": text} if working else text
