"""Step 3 of the loop: the lead department accepts the order (or returns it as not its own),
asks for more time if it must, and reports the result."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.common.access.actor import Actor
from gongzhi.common.exceptions import IllegalTransition
from gongzhi.orders.deadlines import deadline_extend, reminder_instant
from gongzhi.orders.models import (AttachmentKind, ExtensionRequest, ExtensionState, OrderReturn, OrderState,
                                   WorkOrder)
from gongzhi.orders.services.common import (moment, order_event, order_lock_for_action, order_snapshot,
                                            photos_attach, photos_validate, text_require)

MAX_EXTENSION_DAYS = 30


@transaction.atomic
def order_accept(*, actor: Actor | None, order: WorkOrder, comment: Any = "", now: datetime | None = None) -> WorkOrder:
    order = order_lock_for_action(actor=actor, order=order, action="accept")
    note = text_require(comment, field="comment", max_length=1000, required=False)
    at = moment(now)
    before = order_snapshot(order)
    order.state, order.accepted_at = OrderState.IN_PROGRESS, at
    order.save()
    order_event(actor=actor, order=order, action="accept", before=before, comment=note, now=at,
                extra={"on_time": bool(order.accept_by and at <= order.accept_by)})
    return order


@transaction.atomic
def order_return(*, actor: Actor | None, order: WorkOrder, reason: Any, now: datetime | None = None) -> WorkOrder:
    """"Not ours": back to the street. The same department's second return sends it to the city."""
    order = order_lock_for_action(actor=actor, order=order, action="return")
    if order.arbitrated:
        raise IllegalTransition(_("The city decided this department takes the order; it cannot be returned."))
    reason_text = text_require(reason, field="reason", max_length=500)
    at = moment(now)
    before = order_snapshot(order)
    department = order.lead_department
    OrderReturn.objects.create(order=order, department=department, reason=reason_text, returned_at=at)
    second = OrderReturn.objects.filter(order=order, department=department).count() >= 2
    order.state = OrderState.REPORTED
    order.return_count += 1
    order.lead_department = None
    order.accept_by = order.complete_by = order.remind_at = None
    order.awaiting_arbitration = second
    order.save()
    order.assisting_departments.clear()
    order_event(actor=actor, order=order, action="return", before=before, comment=reason_text, now=at,
                extra={"department": department.code, "to_arbitration": second})
    return order


@transaction.atomic
def order_extension_request(*, actor: Actor | None, order: WorkOrder, working_days: Any, reason: Any,
                            now: datetime | None = None) -> ExtensionRequest:
    order = order_lock_for_action(actor=actor, order=order, action="request_extension")
    try:
        days = int(working_days)
    except (TypeError, ValueError):
        raise ValidationError({"working_days": _("Must be a whole number of working days.")}) from None
    if isinstance(working_days, bool) or not 1 <= days <= MAX_EXTENSION_DAYS:
        raise ValidationError({"working_days": _("Between 1 and %(n)d working days.") % {"n": MAX_EXTENSION_DAYS}})
    reason_text = text_require(reason, field="reason", max_length=500)
    if ExtensionRequest.objects.filter(order=order, state=ExtensionState.PENDING).exists():
        raise IllegalTransition(_("An extension request for this order is already waiting for a decision."))
    at = moment(now)
    request = ExtensionRequest.objects.create(order=order, requested_by=actor.user if actor else None,
                                              working_days=days, reason=reason_text, requested_at=at)
    order_event(actor=actor, order=order, action="request_extension", before=order_snapshot(order),
                comment=reason_text, now=at, extra={"working_days": days, "extension_request": request.pk})
    return request


def _pending_extension(order: WorkOrder) -> ExtensionRequest:
    request = ExtensionRequest.objects.select_for_update().filter(order=order, state=ExtensionState.PENDING).first()
    if request is None:
        raise IllegalTransition(_("No extension request is waiting for a decision."))
    return request


@transaction.atomic
def order_extension_approve(*, actor: Actor | None, order: WorkOrder, comment: Any = "",
                            now: datetime | None = None) -> WorkOrder:
    order = order_lock_for_action(actor=actor, order=order, action="approve_extension")
    request = _pending_extension(order)
    note = text_require(comment, field="comment", max_length=500, required=False)
    at = moment(now)
    before = order_snapshot(order)
    order.complete_by = deadline_extend(deadline=order.complete_by, working_days=request.working_days,
                                        order_class=order.order_class)
    order.remind_at = reminder_instant(start=order.dispatched_at, deadline=order.complete_by,
                                       order_class=order.order_class)
    order.reminded_at = None
    if order.complete_by > at:
        order.overdue_since = None
    order.extension_count += 1
    order.save()
    request.state, request.decided_at, request.decision_comment = ExtensionState.APPROVED, at, note
    request.decided_by = actor.user if actor else None
    request.save()
    order_event(actor=actor, order=order, action="approve_extension", before=before, comment=note, now=at,
                extra={"working_days": request.working_days})
    return order


@transaction.atomic
def order_extension_deny(*, actor: Actor | None, order: WorkOrder, comment: Any,
                         now: datetime | None = None) -> WorkOrder:
    order = order_lock_for_action(actor=actor, order=order, action="deny_extension")
    request = _pending_extension(order)
    note = text_require(comment, field="comment", max_length=500)
    at = moment(now)
    request.state, request.decided_at, request.decision_comment = ExtensionState.DENIED, at, note
    request.decided_by = actor.user if actor else None
    request.save()
    order_event(actor=actor, order=order, action="deny_extension", before=order_snapshot(order), comment=note,
                now=at, extra={"working_days": request.working_days})
    return order


@transaction.atomic
def order_complete(*, actor: Actor | None, order: WorkOrder, result: Any, photos=None,
                   now: datetime | None = None) -> WorkOrder:
    order = order_lock_for_action(actor=actor, order=order, action="complete")
    result_text = text_require(result, field="result", max_length=4000)
    photos = photos_validate(photos)
    at = moment(now)
    before = order_snapshot(order)
    order.state, order.result, order.completed_at = OrderState.HANDLED, result_text, at
    order.save()
    ExtensionRequest.objects.filter(order=order, state=ExtensionState.PENDING).update(
        state=ExtensionState.DENIED, decided_at=at, decision_comment=_("Order completed before a decision."))
    attachments = photos_attach(order=order, photos=photos, kind=AttachmentKind.RESULT, actor=actor, now=at)
    order_event(actor=actor, order=order, action="complete", before=before, comment=result_text,
                attachments=attachments, now=at,
                extra={"on_time": bool(order.complete_by and at <= order.complete_by)})
    return order
