"""Step 1 of the loop, problem collection: reporting an order, and the reporter withdrawing it."""
from __future__ import annotations

import re
import secrets
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.resolver import actor_covers_unit
from gongzhi.common.access.roles import Permission
from gongzhi.common.exceptions import ActionNotPermitted
from gongzhi.orders.models import (AttachmentKind, Category, Channel, IdempotencyRecord, OrderClass, OrderState,
                                   WorkOrder)
from gongzhi.orders.services.common import (moment, order_event, order_lock_for_action, photos_attach,
                                            photos_validate, text_require)
from gongzhi.orders.services.location import location_resolve
from gongzhi.orders.services.numbering import order_number_next

PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9\- ]{4,18}[0-9]$")
# Channels staff may enter; residents and other systems come in through the portal and Open311.
STAFF_CHANNELS = {Channel.GRID_PATROL, Channel.HOTLINE, Channel.COMMUNITY, Channel.STREET}


def category_for_orders(code: Any, *, field: str = "category") -> Category:
    category = Category.objects.select_related("default_department").filter(code=str(code or "")).first()
    if category is None:
        raise ValidationError({field: _("No category has the code “%(code)s”.") % {"code": code}})
    if category.is_major:
        raise ValidationError({field: _("Choose a specific category, not a major class.")})
    if not category.is_active:
        raise ValidationError({field: _("This category is no longer used.")})
    return category


def _phone(value: Any) -> str:
    phone = text_require(value, field="reporter_phone", max_length=20, required=False)
    if phone and not PHONE_PATTERN.match(phone):
        raise ValidationError({"reporter_phone": _("Enter a phone number of digits.")})
    return phone


def order_report(
    *,
    actor: Actor | None,
    title: Any,
    description: Any,
    category_code: Any,
    channel: str,
    latitude: Any = None,
    longitude: Any = None,
    address: str = "",
    compound_code: str | None = None,
    grid_code: str | None = None,
    community_code: str | None = None,
    street_code: str | None = None,
    reporter_name: Any = "",
    reporter_phone: Any = "",
    photos: list[UploadedFile] | None = None,
    idempotency_key: str | None = None,
    now: datetime | None = None,
) -> WorkOrder:
    """Record a new problem. Staff report within their area; ``actor=None`` is the public portal or
    Open311, which may report anywhere. A retry with the same Idempotency-Key returns the first order."""
    if actor is not None:
        if not actor.has_permission(Permission.ORDERS_REPORT):
            raise ActionNotPermitted()
        if idempotency_key:
            existing = IdempotencyRecord.objects.filter(user=actor.user, key=idempotency_key).select_related("order")
            if existing.exists():
                return existing.first().order
        if channel not in STAFF_CHANNELS:
            raise ValidationError({"channel": _("Choose one of: %(choices)s.") % {
                "choices": ", ".join(sorted(STAFF_CHANNELS))}})
    elif channel not in Channel.values:
        raise ValidationError({"channel": _("Unknown channel.")})
    if idempotency_key is not None and (not isinstance(idempotency_key, str) or len(idempotency_key) > 100):
        raise ValidationError({"Idempotency-Key": _("At most 100 characters.")})

    title_text = text_require(title, field="title", max_length=120)
    description_text = text_require(description, field="description", max_length=4000)
    category = category_for_orders(category_code)
    location = location_resolve(latitude=latitude, longitude=longitude, address=address,
                                compound_code=compound_code, grid_code=grid_code, community_code=community_code,
                                street_code=street_code)
    if actor is not None and not actor.is_city_wide and not actor_covers_unit(actor, location.unit_code):
        raise ValidationError({"location": _("The place is outside your area.")})
    name = text_require(reporter_name, field="reporter_name", max_length=50, required=False)
    phone = _phone(reporter_phone)
    photos = photos_validate(photos)
    at = moment(now)
    number = order_number_next(at=at)

    try:
        with transaction.atomic():
            order = WorkOrder.objects.create(
                number=number, title=title_text, description=description_text, category=category,
                order_class=category.order_class, channel=channel, state=OrderState.REPORTED,
                latitude=location.latitude, longitude=location.longitude, address=location.address,
                compound=location.compound, grid=location.grid, community=location.community,
                street=location.street, unit_code=location.unit_code,
                reported_by=actor.user if actor else None, reporter_name=name, reporter_phone=phone,
                tracking_token=secrets.token_urlsafe(16), reported_at=at,
            )
            attachments = photos_attach(order=order, photos=photos, kind=AttachmentKind.REPORT, actor=actor, now=at)
            if actor is not None and idempotency_key:
                IdempotencyRecord.objects.create(key=idempotency_key, user=actor.user, order=order)
            order_event(actor=actor, order=order, action="report", before=None, attachments=attachments, now=at,
                        extra={"channel": channel, "category": category.code})
    except IntegrityError:
        # Two requests with one Idempotency-Key raced: the first one's order is the answer.
        if actor is not None and idempotency_key:
            record = IdempotencyRecord.objects.filter(user=actor.user, key=idempotency_key).first()
            if record is not None:
                return record.order
        raise
    return order


@transaction.atomic
def order_cancel(*, actor: Actor, order: WorkOrder, reason: Any, now: datetime | None = None) -> WorkOrder:
    order = order_lock_for_action(actor=actor, order=order, action="cancel")
    reason_text = text_require(reason, field="reason", max_length=500)
    at = moment(now)
    before = {"state": order.state}
    order.state, order.ended_at = OrderState.CANCELLED, at
    order.save()
    order_event(actor=actor, order=order, action="cancel", before=before, comment=reason_text, now=at)
    return order


__all__ = ["order_report", "order_cancel", "category_for_orders", "OrderClass"]
