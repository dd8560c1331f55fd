"""The loop's figures of every department over a period, for the platform's own computations (the
streets' assessment of the departments, issue 5): counted over every order whoever asks, because the
figures are the city's; the caller shows its results to each user within that user's reach.

They are the statistics' own figures (orders/statistics.py, grouped by department), so an assessment
and the statistics page of a city role never disagree."""
from __future__ import annotations

from datetime import date

from gongzhi.common.access.actor import Actor
from gongzhi.org.models import User
from gongzhi.orders.statistics import order_statistics


def _platform() -> Actor:
    """The platform itself: it sees every order, as a superuser does. The account is never saved,
    so nobody can sign in as it."""
    return Actor(user=User(username="platform", is_superuser=True), membership=None)


def department_indicators(*, start: date, end: date) -> dict[str, dict]:
    """For each department that led or returned orders dispatched from ``start`` to ``end``
    (both included, the city's calendar), by department code: the counts of
    orders/statistics.py (dispatched, accepted_on_time, completed, completed_on_time, returned,
    reworked, overdue, rated, satisfied) and its rates."""
    statistics = order_statistics(actor=_platform(), group_by="department", start=start, end=end)
    return {group["key"]: group for group in statistics["groups"] if group["key"]}
