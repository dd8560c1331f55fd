"""Every change to the working-day overrides raises the shared revision, in the same transaction,
and drops this process's memory; other processes notice the new revision on their next check.

Connected when the ``common`` app is ready, so saves from anywhere (services, admin, shell,
fixtures) count. ``QuerySet.update()`` and ``bulk_create`` send no signals: do not use them on
``WorkingDayOverride``; go through ``common.calendar.services``.
"""
from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from gongzhi.common.calendar.days import working_days_confirm, working_days_forget
from gongzhi.common.models import WorkingCalendarRevision, WorkingDayOverride


def working_calendar_revision_raise() -> None:
    raised = WorkingCalendarRevision.objects.filter(pk=1).update(number=F("number") + 1)
    if not raised:
        WorkingCalendarRevision.objects.get_or_create(pk=1, defaults={"number": 1})
    if not transaction.get_connection().in_atomic_block:
        working_days_forget()
        return
    number = WorkingCalendarRevision.objects.get(pk=1).number
    working_days_forget(unconfirmed_revision=number)
    transaction.on_commit(lambda: working_days_confirm(number))


@receiver(post_save, sender=WorkingDayOverride, dispatch_uid="working_day_override_saved")
@receiver(post_delete, sender=WorkingDayOverride, dispatch_uid="working_day_override_deleted")
def _override_changed(**kwargs: Any) -> None:
    working_calendar_revision_raise()
