"""May this actor take this action on this order? Decided in one place, in the order a caller
should answer: 404 (not visible) is the selector's; then 403 (role or relation), then 409 (state)."""
from __future__ import annotations

from django.utils.translation import gettext as _

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.resolver import actor_covers_unit
from gongzhi.common.exceptions import ActionNotPermitted, IllegalTransition
from gongzhi.orders.models import WorkOrder
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


def action_require(actor: Actor, order: WorkOrder, action: str) -> Transition:
    transition = TRANSITIONS[action]
    if not action_allowed_by_role(actor, order, action):
        raise ActionNotPermitted()
    if order.state not in transition.sources:
        raise IllegalTransition(
            _("“%(action)s” is not possible while the order is %(state)s.")
            % {"action": transition.label, "state": order.get_state_display()}
        )
    return transition


def actions_available(actor: Actor, order: WorkOrder) -> list[Transition]:
    """The actions the actor could take now: the buttons on the order page."""
    return [t for t in TRANSITIONS.values()
            if order.state in t.sources and action_allowed_by_role(actor, order, t.action)]


def actor_handles_order(actor: Actor, order: WorkOrder) -> bool:
    """Handlers of an order may see its reporter's contact: the lead department and the area's staff."""
    from gongzhi.common.access.roles import Permission

    if not actor.has_permission(Permission.ORDERS_SEE_REPORTER):
        return False
    return actor_reaches_order(actor, order, Reach.LEAD_DEPARTMENT) or actor_reaches_order(actor, order, Reach.AREA)
