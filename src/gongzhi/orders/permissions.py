"""May this actor take this action on this order? Decided in one place, in the order a caller
should answer: 404 (not visible) is the selector's; then 403 (role or relation), then 409 (state)."""
from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.resolver import actor_covers_unit
from gongzhi.common.exceptions import ActionNotPermitted, IllegalTransition
from gongzhi.orders.models import ExtensionState, Satisfaction, WorkOrder
from gongzhi.orders.transitions import TRANSITIONS, Reach, Transition


def actor_reaches_order(actor: Actor, order: WorkOrder, reach: str) -> bool:
    if reach == Reach.CITY:
        return actor.is_city_wide
    if reach == Reach.LEAD_DEPARTMENT:
        return actor.department_id is not None and actor.department_id == order.lead_department_id
    in_area = actor.is_city_wide or (bool(order.unit_code) and actor_covers_unit(actor, order.unit_code))
    if reach == Reach.REPORTER:
        return in_area or (order.reported_by_id is not None and order.reported_by_id == actor.user.pk)
    return in_area


def action_allowed_by_role(actor: Actor, order: WorkOrder, action: str) -> bool:
    transition = TRANSITIONS[action]
    return actor.has_permission(transition.permission) and actor_reaches_order(actor, order, transition.reach)


def action_obstacle(order: WorkOrder, action: str) -> str | None:
    """Why the action cannot be taken on the order as it stands (beyond its role checks), or None.

    The state comes first; then what else the loop requires (a pending extension to decide, an
    unrated order to rate, …). Both the services (409) and the page's buttons read this."""
    transition = TRANSITIONS[action]
    if order.state not in transition.sources:
        return _("“%(action)s” is not possible while the order is %(state)s.") % {
            "action": transition.label, "state": order.get_state_display()}
    if action == "dispatch" and order.awaiting_arbitration:
        return _("The city is deciding which department takes this order.")
    if action == "arbitrate" and not order.awaiting_arbitration:
        return _("This order is not waiting for the city's decision.")
    if action == "return" and order.arbitrated:
        return _("The city decided this department takes the order; it cannot be returned.")
    if action in ("approve_extension", "deny_extension", "request_extension"):
        pending = order.extension_requests.filter(state=ExtensionState.PENDING).exists()
        if action == "request_extension" and pending:
            return _("An extension request for this order is already waiting for a decision.")
        if action != "request_extension" and not pending:
            return _("No extension request is waiting for a decision.")
    if action == "rate" and order.satisfaction:
        return _("This order has already been rated.")
    if action in ("rework", "reopen") and order.lead_department_id is None:
        return _("The street handled this order itself; there is no department to send it back to.")
    if action == "reopen":
        if order.satisfaction != Satisfaction.UNSATISFIED:
            return _("Only an order rated unsatisfied can be reopened.")
        window = timedelta(days=getattr(settings, "GONGZHI_REOPEN_DAYS", 7))
        if order.rated_at is None or timezone.now() - order.rated_at > window:
            return _("The time to reopen this order has passed.")
    return None


def action_require(actor: Actor, order: WorkOrder, action: str) -> Transition:
    transition = TRANSITIONS[action]
    if not action_allowed_by_role(actor, order, action):
        raise ActionNotPermitted()
    obstacle = action_obstacle(order, action)
    if obstacle:
        raise IllegalTransition(obstacle)
    return transition


def actions_available(actor: Actor, order: WorkOrder) -> list[Transition]:
    """The actions the actor could take now: the buttons on the order page."""
    return [t for t in TRANSITIONS.values()
            if action_allowed_by_role(actor, order, t.action) and action_obstacle(order, t.action) is None]


def actor_handles_order(actor: Actor, order: WorkOrder) -> bool:
    """Handlers of an order may see its reporter's contact: the lead department and the area's staff."""
    from gongzhi.common.access.roles import Permission

    if not actor.has_permission(Permission.ORDERS_SEE_REPORTER):
        return False
    return actor_reaches_order(actor, order, Reach.LEAD_DEPARTMENT) or actor_reaches_order(actor, order, Reach.AREA)
