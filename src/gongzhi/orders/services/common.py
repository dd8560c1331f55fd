"""What every order action shares: lock the row, check, record the event, notify on commit."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.common.access.actor import Actor
from gongzhi.common.events import event_build, event_record, events_record
from gongzhi.common.exceptions import RecordNotFound
from gongzhi.common.images import image_validate
from gongzhi.common.models import DomainEvent
from gongzhi.orders.models import AttachmentKind, OrderAttachment, WorkOrder
from gongzhi.orders.permissions import action_require
from gongzhi.orders.rollups import rollup_snapshot, rollup_update

MAX_PHOTOS = 6
TRACKED_FIELDS = ("state", "lead_department", "accept_by", "complete_by", "satisfaction")


def order_lock(order: WorkOrder | int) -> WorkOrder:
    """Re-read the order under a row lock: every read-then-write action starts here."""
    pk = order.pk if isinstance(order, WorkOrder) else order
    locked = WorkOrder.objects.select_for_update().filter(pk=pk).first()
    if locked is None:
        raise RecordNotFound()
    rollup_snapshot(locked)
    return locked


def order_lock_for_action(*, actor: Actor | None, order: WorkOrder, action: str) -> WorkOrder:
    locked = order_lock(order)
    if actor is not None:
        action_require(actor, locked, action)
    else:
        from gongzhi.orders.transitions import TRANSITIONS
        from gongzhi.common.exceptions import IllegalTransition

        if locked.state not in TRANSITIONS[action].sources:
            raise IllegalTransition(_("This action is not possible in the order's state."))
    return locked


def order_snapshot(order: WorkOrder, extra: Iterable[str] = ()) -> dict[str, Any]:
    return {name: getattr(order, name if name != "lead_department" else "lead_department_id")
            for name in (*TRACKED_FIELDS, *extra)}


def text_require(value: Any, *, field: str, max_length: int, required: bool = True) -> str:
    if value is not None and not isinstance(value, str):
        raise ValidationError({field: _("Must be text.")})
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > max_length:
        raise ValidationError({field: _("At most %(n)d characters.") % {"n": max_length}})
    if any(ord(ch) < 32 and ch not in "\n\r\t" for ch in text):
        raise ValidationError({field: _("Contains control characters.")})
    return text


def photos_validate(photos: list[UploadedFile] | None, *, field: str = "photos") -> list[UploadedFile]:
    photos = list(photos or [])
    if len(photos) > MAX_PHOTOS:
        raise ValidationError({field: _("At most %(n)d photos.") % {"n": MAX_PHOTOS}})
    for photo in photos:
        image_validate(photo, field=field)
    return photos


def photos_attach(*, order: WorkOrder, photos: list[UploadedFile], kind: str, actor: Actor | None,
                  now: datetime) -> list[OrderAttachment]:
    saved = []
    for photo in photos:
        attachment = OrderAttachment(order=order, kind=kind, uploaded_by=actor.user if actor else None,
                                     uploaded_at=now, size=photo.size or 0)
        attachment.file.save(photo.name or "photo.jpg", photo, save=False)
        attachment.save()
        saved.append(attachment)
    return saved


def order_event(
    *, actor: Actor | None, order: WorkOrder, action: str, before: dict | None, comment: str = "",
    attachments: list[OrderAttachment] | None = None, now: datetime, extra: dict | None = None,
) -> DomainEvent:
    rollup_update(order)
    event = event_record(
        actor=actor, action=f"order.{action}", target=order, unit_code=order.unit_code, before=before,
        after=_event_after(order, extra), comment=comment, occurred_at=now,
        attachments=[attachment.file.name for attachment in (attachments or [])],
    )
    _notify_on_commit([event])
    return event


def order_events_automatic(*, orders: list[WorkOrder], action: str, now: datetime,
                           extra: dict | None = None) -> list[DomainEvent]:
    """The events of one automatic action applied to a batch of orders (the sweeps), saved together
    and told together. The caller keeps the figures (rollups.rollup_batch_update)."""
    events = events_record([
        event_build(actor=None, action=f"order.{action}", target=order, unit_code=order.unit_code,
                    before=None, after=_event_after(order, extra), occurred_at=now)
        for order in orders])
    _notify_on_commit(events)
    return events


def _event_after(order: WorkOrder, extra: dict | None) -> dict[str, Any]:
    after = order_snapshot(order)
    if extra:
        after.update(extra)
    return after


def _notify_on_commit(events: list[DomainEvent]) -> None:
    from gongzhi.common.notifications import notifications_enabled
    from gongzhi.orders.notifications import order_events_notify

    if events and notifications_enabled():
        event_ids = [event.pk for event in events]
        transaction.on_commit(lambda: order_events_notify(event_ids=event_ids))


def moment(now: datetime | None) -> datetime:
    """The action's time: now, or a given instant when replaying history (demo loader, imports)."""
    return now or timezone.now()


__all__ = ["order_lock", "order_lock_for_action", "order_snapshot", "text_require", "photos_validate",
           "photos_attach", "order_event", "order_events_automatic", "moment", "AttachmentKind"]
