"""Periodic jobs of the loop (huey): the overdue sweep and the 75 % reminders, every minute.

Both are safe to run concurrently and repeatedly: each order is claimed once (see
services/supervision.py), so a slow sweep overlapping the next, or two consumers, never escalate
an order twice."""
from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from gongzhi.orders.services import orders_overdue_sweep, orders_reminder_sweep

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="*"))
@lock_task("orders-deadline-sweeps")
def orders_deadline_sweeps() -> tuple[int, int]:
    overdue = orders_overdue_sweep()
    reminded = orders_reminder_sweep()
    if overdue or reminded:
        logger.info("deadline sweeps: %d overdue, %d reminded", overdue, reminded)
    return overdue, reminded
