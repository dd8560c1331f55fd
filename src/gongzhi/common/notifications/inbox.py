"""A user's in-app inbox: reading it (unread first) and marking rows read.

Only the reader's own rows are ever touched, and reading is not a business action on any record,
so marking read records no domain event. Another user's row answers like a missing one (404)."""
from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone

from gongzhi.common.access.actor import Actor
from gongzhi.common.exceptions import RecordNotFound
from gongzhi.common.models import Notification


def notifications_for(actor: Actor) -> QuerySet[Notification]:
    """The actor's own inbox: unread rows first, newest first within each."""
    unread_first = Case(When(read_at__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField())
    return Notification.objects.filter(recipient=actor.user).order_by(unread_first, "-created_at", "-id")


@transaction.atomic
def notification_mark_read(*, actor: Actor, notification_id: int, now: datetime | None = None) -> Notification:
    """Mark one row of the actor's inbox read; a row already read keeps the time it was first read."""
    notification = Notification.objects.select_for_update().filter(recipient=actor.user, pk=notification_id).first()
    if notification is None:
        raise RecordNotFound()
    if notification.read_at is None:
        notification.read_at = now or timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, actor: Actor, now: datetime | None = None) -> int:
    """Mark every unread row of the actor's inbox read; returns how many were unread."""
    return Notification.objects.filter(recipient=actor.user, read_at__isnull=True).update(read_at=now or timezone.now())
