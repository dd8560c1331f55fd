from __future__ import annotations

import contextlib
import contextvars
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from gongzhi.common.models import DomainEvent, Notification
from gongzhi.common.notifications.channels import outbound_channels

logger = logging.getLogger("gongzhi.notifications")

_paused: contextvars.ContextVar[bool] = contextvars.ContextVar("gongzhi_notifications_paused", default=False)


@contextlib.contextmanager
def notifications_paused() -> Iterator[None]:
    """Replaying history (the demo loader, imports) must not tell anybody anything: actions run
    inside this block schedule no notifications."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def notifications_enabled() -> bool:
    return not _paused.get()


@dataclass(frozen=True)
class Delivery:
    """What one event tells whom: the inbox row's title, body and link, for each recipient."""

    event: DomainEvent
    recipients: Iterable
    title: str
    body: str = ""
    url: str = ""


def notifications_deliver(*, event: DomainEvent, recipients: Iterable, title: str, body: str = "", url: str = "") -> int:
    """Put a row in each recipient's inbox (once per event, even if delivery is retried) and hand it
    to the outbound channels. Called after the action's commit, never inside it."""
    return notifications_deliver_many([Delivery(event, recipients, title, body, url)])


def notifications_deliver_many(deliveries: Iterable[Delivery]) -> int:
    """notifications_deliver for the events of many records at once (a sweep's batch): one insert
    for all the inbox rows."""
    rows, messages = [], []
    for delivery in deliveries:
        users = {user.pk: user for user in delivery.recipients if user is not None and user.is_active}
        users.pop(delivery.event.actor_id, None)  # nobody needs to be told of their own action
        rows += [Notification(recipient=user, event=delivery.event, title=delivery.title[:200],
                              body=delivery.body[:500], url=delivery.url[:200],
                              created_at=delivery.event.occurred_at)
                 for user in users.values()]
        messages += [(user, delivery) for user in users.values()]
    if not rows:
        return 0
    try:
        with transaction.atomic():
            Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    except IntegrityError:
        logger.warning("notifications for events %s already delivered",
                       sorted({row.event_id for row in rows})[:10])
        return 0
    for channel in outbound_channels():
        for user, delivery in messages:
            try:
                channel.send(user=user, title=delivery.title, body=delivery.body, url=delivery.url)
            except Exception:  # a failing gateway must not lose the inbox rows or stop other users
                logger.exception("outbound channel %s failed for user %s", channel.name, user.pk)
    return len(rows)


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
