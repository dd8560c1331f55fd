"""Step 2 of the loop, dispatch and coordination: the street sends the order to the responsible
department(s), handles it itself, rejects it or marks it a duplicate; the city arbitrates an order
that a department returned twice."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.common.access.actor import Actor
from gongzhi.common.exceptions import IllegalTransition
from gongzhi.org.models import Department
from gongzhi.orders.models import OrderClass, OrderState, RejectReason, WorkOrder
from gongzhi.orders.deadlines import Deadlines, deadlines_compute, reminder_instant
from gongzhi.orders.services.common import moment, order_event, order_lock_for_action, order_snapshot, text_require
from gongzhi.orders.services.intake import category_for_orders


def _department(code: Any, field: str) -> Department:
    department = Department.objects.filter(code=str(code or ""), is_active=True).first()
    if department is None:
        raise ValidationError({field: _("No active department has the code “%(code)s”.") % {"code": code}})
    return department


def _departments(codes: Any, field: str) -> list[Department]:
    if codes in (None, ""):
        return []
    if isinstance(codes, str):
        codes = [c for c in codes.split(",") if c.strip()]
    if not isinstance(codes, (list, tuple)):
        raise ValidationError({field: _("Give a list of department codes.")})
    return [_department(code.strip() if isinstance(code, str) else code, field) for code in codes]


def _send_to_department(*, order: WorkOrder, lead: Department, assisting: list[Department], at: datetime,
                        complete_by: datetime | None) -> None:
    if lead in assisting:
        raise ValidationError({"assisting_departments": _("The lead department cannot also assist.")})
    deadlines = deadlines_compute(category=order.category, order_class=order.order_class, start=at)
    if complete_by is not None:
        if complete_by <= at:
            raise ValidationError({"complete_by": _("The deadline must be in the future.")})
        deadlines = Deadlines(deadlines.accept_by, complete_by,
                              reminder_instant(start=at, deadline=complete_by, order_class=order.order_class))
    order.lead_department = lead
    order.state = OrderState.DISPATCHED
    order.dispatched_at = at
    order.accepted_at = None
    order.accept_by, order.complete_by, order.remind_at = deadlines.accept_by, deadlines.complete_by, deadlines.remind_at
    order.reminded_at = order.overdue_since = order.escalated_at = None
    order.save()
    order.assisting_departments.set(assisting)


@transaction.atomic
def order_dispatch(
    *, actor: Actor | None, order: WorkOrder, lead_department_code: Any, assisting_department_codes: Any = None,
    category_code: Any = None, order_class: str | None = None, complete_by: datetime | None = None,
    comment: Any = "", now: datetime | None = None,
) -> WorkOrder:
    order = order_lock_for_action(actor=actor, order=order, action="dispatch")
    if order.awaiting_arbitration:
        raise IllegalTransition(_("The city is deciding which department takes this order."))
    before = order_snapshot(order, ["category_id", "order_class"])
    lead = _department(lead_department_code, "lead_department")
    assisting = _departments(assisting_department_codes, "assisting_departments")
    if category_code not in (None, ""):
        order.category = category_for_orders(category_code)
        order.order_class = order.category.order_class
    if order_class not in (None, ""):
        if order_class not in OrderClass.values:
            raise ValidationError({"order_class": _("Unknown class “%(value)s”.") % {"value": order_class}})
        order.order_class = order_class
    note = text_require(comment, field="comment", max_length=1000, required=False)
    at = moment(now)
    _send_to_department(order=order, lead=lead, assisting=assisting, at=at, complete_by=complete_by)
    order_event(actor=actor, order=order, action="dispatch", before=before, comment=note, now=at,
                extra={"assisting": [d.code for d in assisting], "category_id": order.category_id,
                       "order_class": order.order_class})
    return order


@transaction.atomic
def order_handle_locally(*, actor: Actor | None, order: WorkOrder, result: Any, now: datetime | None = None,
                         photos=None) -> WorkOrder:
    """The street or community solves it itself; it still goes through verification and rating."""
    from gongzhi.orders.models import AttachmentKind
    from gongzhi.orders.services.common import photos_attach, photos_validate

    order = order_lock_for_action(actor=actor, order=order, action="handle_locally")
    result_text = text_require(result, field="result", max_length=4000)
    photos = photos_validate(photos)
    at = moment(now)
    before = order_snapshot(order)
    order.state, order.result, order.completed_at = OrderState.HANDLED, result_text, at
    order.save()
    attachments = photos_attach(order=order, photos=photos, kind=AttachmentKind.RESULT, actor=actor, now=at)
    order_event(actor=actor, order=order, action="handle_locally", before=before, comment=result_text,
                attachments=attachments, now=at)
    return order


@transaction.atomic
def order_reject(*, actor: Actor | None, order: WorkOrder, reason: Any, comment: Any = "",
                 now: datetime | None = None) -> WorkOrder:
    order = order_lock_for_action(actor=actor, order=order, action="reject")
    if reason not in (RejectReason.OUT_OF_SCOPE, RejectReason.NOT_A_PROBLEM):
        raise ValidationError({"reason": _("Choose “out_of_scope” or “not_a_problem” (duplicates are marked "
                                           "as duplicates).")})
    note = text_require(comment, field="comment", max_length=1000)
    at = moment(now)
    before = order_snapshot(order)
    order.state, order.reject_reason, order.ended_at = OrderState.REJECTED, reason, at
    order.save()
    order_event(actor=actor, order=order, action="reject", before=before, comment=note, now=at,
                extra={"reason": reason})
    return order


@transaction.atomic
def order_mark_duplicate(*, actor: Actor | None, order: WorkOrder, original_number: Any, comment: Any = "",
                         now: datetime | None = None) -> WorkOrder:
    """The order repeats an earlier one: it ends here and its reporter follows the original."""
    order = order_lock_for_action(actor=actor, order=order, action="mark_duplicate")
    original = WorkOrder.objects.filter(number=str(original_number or "")).first()
    if original is None or original.pk == order.pk:
        raise ValidationError({"original": _("No other order has the number “%(n)s”.") % {"n": original_number}})
    if original.duplicate_of_id:
        original = original.duplicate_of
    note = text_require(comment, field="comment", max_length=1000, required=False)
    at = moment(now)
    before = order_snapshot(order)
    order.state, order.reject_reason, order.duplicate_of, order.ended_at = (
        OrderState.REJECTED, RejectReason.DUPLICATE, original, at)
    order.save()
    order_event(actor=actor, order=order, action="mark_duplicate", before=before, comment=note, now=at,
                extra={"duplicate_of": original.number})
    return order


@transaction.atomic
def order_arbitrate(*, actor: Actor | None, order: WorkOrder, lead_department_code: Any,
                    assisting_department_codes: Any = None, comment: Any, now: datetime | None = None) -> WorkOrder:
    """The city's final word on who takes an order a department returned twice: it cannot be returned again."""
    order = order_lock_for_action(actor=actor, order=order, action="arbitrate")
    if not order.awaiting_arbitration:
        raise IllegalTransition(_("This order is not waiting for the city's decision."))
    lead = _department(lead_department_code, "lead_department")
    assisting = _departments(assisting_department_codes, "assisting_departments")
    note = text_require(comment, field="comment", max_length=1000)
    at = moment(now)
    before = order_snapshot(order)
    order.awaiting_arbitration, order.arbitrated = False, True
    _send_to_department(order=order, lead=lead, assisting=assisting, at=at, complete_by=None)
    order_event(actor=actor, order=order, action="arbitrate", before=before, comment=note, now=at,
                extra={"assisting": [d.code for d in assisting]})
    return order
