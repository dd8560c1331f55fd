"""Step 4 of the loop, feedback: the street or community checks the result on site and closes the
order or sends it back; the reporter or community rates it; an unsatisfied order may reopen."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.common.access.actor import Actor
from gongzhi.common.exceptions import IllegalTransition
from gongzhi.orders.models import OrderState, Satisfaction, WorkOrder
from gongzhi.orders.services.common import moment, order_event, order_lock_for_action, order_snapshot, text_require


def reopen_window() -> timedelta:
    return timedelta(days=getattr(settings, "GONGZHI_REOPEN_DAYS", 7))


@transaction.atomic
def order_verify(*, actor: Actor | None, order: WorkOrder, comment: Any = "", now: datetime | None = None) -> WorkOrder:
    order = order_lock_for_action(actor=actor, order=order, action="verify")
    note = text_require(comment, field="comment", max_length=1000, required=False)
    at = moment(now)
    before = order_snapshot(order)
    order.state, order.closed_at = OrderState.CLOSED, at
    order.save()
    order_event(actor=actor, order=order, action="verify", before=before, comment=note, now=at)
    return order


@transaction.atomic
def order_rework(*, actor: Actor | None, order: WorkOrder, reason: Any, now: datetime | None = None) -> WorkOrder:
    order = order_lock_for_action(actor=actor, order=order, action="rework")
    if order.lead_department_id is None:
        raise IllegalTransition(_("The street handled this order itself; there is no department to send it back to."))
    reason_text = text_require(reason, field="reason", max_length=1000)
    at = moment(now)
    before = order_snapshot(order)
    order.state, order.completed_at = OrderState.IN_PROGRESS, None
    order.rework_count += 1
    order.save()
    order_event(actor=actor, order=order, action="rework", before=before, comment=reason_text, now=at)
    return order


@transaction.atomic
def order_rate(*, actor: Actor | None, order: WorkOrder, satisfaction: Any, comment: Any = "",
               now: datetime | None = None) -> WorkOrder:
    """``actor=None`` is the reporter rating through the public tracking page."""
    order = order_lock_for_action(actor=actor, order=order, action="rate")
    if satisfaction not in Satisfaction.values:
        raise ValidationError({"satisfaction": _("Choose one of: %(choices)s.") % {
            "choices": ", ".join(Satisfaction.values)}})
    if order.satisfaction:
        raise IllegalTransition(_("This order has already been rated."))
    note = text_require(comment, field="comment", max_length=500, required=False)
    at = moment(now)
    before = order_snapshot(order)
    order.satisfaction, order.rated_at, order.rating_comment = satisfaction, at, note
    order.save()
    order_event(actor=actor, order=order, action="rate", before=before, comment=note, now=at)
    return order


@transaction.atomic
def order_reopen(*, actor: Actor | None, order: WorkOrder, reason: Any, now: datetime | None = None) -> WorkOrder:
    """Within a few days of an unsatisfied rating, the order goes back to its department."""
    order = order_lock_for_action(actor=actor, order=order, action="reopen")
    at = moment(now)
    if order.satisfaction != Satisfaction.UNSATISFIED:
        raise IllegalTransition(_("Only an order rated unsatisfied can be reopened."))
    if order.rated_at is None or at - order.rated_at > reopen_window():
        raise IllegalTransition(_("The time to reopen this order has passed."))
    if order.lead_department_id is None:
        raise IllegalTransition(_("The street handled this order itself; report it again instead."))
    reason_text = text_require(reason, field="reason", max_length=1000)
    before = order_snapshot(order)
    order.state, order.closed_at, order.completed_at = OrderState.IN_PROGRESS, None, None
    order.satisfaction, order.rated_at = "", None
    order.rework_count += 1
    order.save()
    order_event(actor=actor, order=order, action="reopen", before=before, comment=reason_text, now=at)
    return order
