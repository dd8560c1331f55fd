"""Reads of work orders, always through the actor's scope.

Unit members see the orders located in their unit's subtree; department members the orders their
department leads or assists; city roles everything. Orders with no known place (the city triage
queue) are visible to city roles only."""
from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.roles import Permission
from gongzhi.common.events import events_for_object
from gongzhi.common.exceptions import RecordNotFound
from gongzhi.common.models import DomainEvent
from gongzhi.orders.models import (DEPARTMENT_CLOCK_STATES, OPEN_STATES, Category, OrderState, WorkOrder)


def orders_visible_to(actor: Actor) -> QuerySet[WorkOrder]:
    orders = WorkOrder.objects.select_related("category", "lead_department", "street", "community", "grid")
    if not actor.has_permission(Permission.ORDERS_VIEW):
        return orders.none()
    if actor.is_city_wide:
        return orders
    if actor.department_id is not None:
        # A subquery rather than a join: no duplicate rows, so lists and aggregates stay simple.
        assisted = WorkOrder.assisting_departments.through.objects.filter(
            department_id=actor.department_id).values("workorder_id")
        return orders.filter(Q(lead_department_id=actor.department_id) | Q(pk__in=assisted))
    if actor.unit_code:
        return orders.filter(unit_code__startswith=actor.unit_code)
    return orders.none()


def order_get_visible(actor: Actor, *, number: str) -> WorkOrder:
    order = orders_visible_to(actor).filter(number=str(number)).first()
    if order is None:
        raise RecordNotFound()
    return order


class Queue:
    TO_DISPATCH = "to_dispatch"
    TO_ACCEPT = "to_accept"
    IN_PROGRESS = "in_progress"
    TO_VERIFY = "to_verify"
    OVERDUE = "overdue"
    ARBITRATION = "arbitration"
    TRIAGE = "triage"
    EXTENSIONS = "extensions"
    ALL_OPEN = "open"


def queue_filter(name: str) -> Q:
    """The named queues of the pages and the API, each one filter over orders_visible_to."""
    now = timezone.now()
    return {
        Queue.TO_DISPATCH: Q(state=OrderState.REPORTED, awaiting_arbitration=False),
        Queue.TO_ACCEPT: Q(state=OrderState.DISPATCHED),
        Queue.IN_PROGRESS: Q(state=OrderState.IN_PROGRESS),
        Queue.TO_VERIFY: Q(state=OrderState.HANDLED),
        Queue.OVERDUE: Q(state__in=DEPARTMENT_CLOCK_STATES, complete_by__lt=now),
        Queue.ARBITRATION: Q(state=OrderState.REPORTED, awaiting_arbitration=True),
        Queue.TRIAGE: Q(state=OrderState.REPORTED, unit_code=""),
        Queue.EXTENSIONS: Q(state=OrderState.IN_PROGRESS, extension_requests__state="pending"),
        Queue.ALL_OPEN: Q(state__in=OPEN_STATES),
    }[name]


QUEUES_BY_ROLE_KIND = {
    "city": [Queue.ARBITRATION, Queue.TRIAGE, Queue.OVERDUE, Queue.ALL_OPEN],
    "street": [Queue.TO_DISPATCH, Queue.EXTENSIONS, Queue.TO_VERIFY, Queue.OVERDUE, Queue.ALL_OPEN],
    "community": [Queue.TO_VERIFY, Queue.ALL_OPEN],
    "grid": [Queue.ALL_OPEN],
    "department": [Queue.TO_ACCEPT, Queue.IN_PROGRESS, Queue.OVERDUE, Queue.ALL_OPEN],
}


def queues_for(actor: Actor) -> list[str]:
    if actor.is_city_wide:
        return QUEUES_BY_ROLE_KIND["city"]
    if actor.department_id is not None:
        return QUEUES_BY_ROLE_KIND["department"]
    if actor.membership is not None and actor.membership.unit_id:
        return QUEUES_BY_ROLE_KIND.get(actor.membership.unit.kind, [Queue.ALL_OPEN])
    return []


def order_events_visible(actor: Actor, *, order: WorkOrder) -> QuerySet[DomainEvent]:
    """The timeline of an order the actor may see (the caller fetched it through a selector)."""
    return events_for_object(order).select_related("actor", "membership__unit", "membership__department")


def categories_for(actor: Actor | None = None, *, include_inactive: bool = False) -> QuerySet[Category]:
    categories = Category.objects.select_related("parent", "default_department").order_by("code")
    return categories if include_inactive else categories.filter(is_active=True)
