from __future__ import annotations

import contextlib
import contextvars
import logging
from collections.abc import Iterable, Iterator

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


def notifications_deliver(*, event: DomainEvent, recipients: Iterable, title: str, body: str = "", url: str = "") -> int:
    """Put a row in each recipient's inbox (once per event, even if delivery is retried) and hand it
    to the outbound channels. Called after the action's commit, never inside it."""
    users = {user.pk: user for user in recipients if user is not None and user.is_active}
    if event.actor_id in users:
        del users[event.actor_id]  # nobody needs to be told of their own action
    if not users:
        return 0
    rows = [Notification(recipient=user, event=event, title=title[:200], body=body[:500], url=url[:200],
                         created_at=event.occurred_at) for user in users.values()]
    try:
        with transaction.atomic():
            Notification.objects.bulk_create(rows, ignore_conflicts=True)
    except IntegrityError:
        logger.warning("notifications for event %s already delivered", event.pk)
        return 0
    for channel in outbound_channels():
        for user in users.values():
            try:
                channel.send(user=user, title=title, body=body, url=url)
            except Exception:  # a failing gateway must not lose the inbox rows or stop other users
                logger.exception("outbound channel %s failed for user %s", channel.name, user.pk)
    return len(rows)


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
