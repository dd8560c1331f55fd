"""The staff map reads the queue page's query string: the same queues (for the actor's role) and
the same filters, so a map and a list of one query show the same orders."""
from __future__ import annotations

from django.db.models import QuerySet

from gongzhi.common.access.actor import Actor
from gongzhi.common.exceptions import RecordNotFound
from gongzhi.org.models import Department, UnitKind
from gongzhi.org.selectors import units_visible_to
from gongzhi.orders.forms import QueueFilterForm
from gongzhi.orders.queues import ALL_ORDERS, QUEUE_LABELS
from gongzhi.orders.selectors import Queue, categories_for, orders_visible_to, queue_filter, queues_for
# The queue page's filters, applied exactly as the queue page applies them.
from gongzhi.orders.views import _filtered as queue_filters_apply


def map_queues(actor: Actor) -> list[tuple[str, str]]:
    """The actor's queues, then every order; the map opens on all open orders where the role has them."""
    keys = queues_for(actor)
    return [(key, str(QUEUE_LABELS[key])) for key in [*keys, ALL_ORDERS]]


def map_default_queue(actor: Actor) -> str:
    return Queue.ALL_OPEN if Queue.ALL_OPEN in queues_for(actor) else ALL_ORDERS


def map_filter_form(actor: Actor, params) -> QueueFilterForm:
    visible_units = units_visible_to(actor)
    return QueueFilterForm(params, streets=visible_units.filter(kind=UnitKind.STREET).order_by("code"),
                           communities=visible_units.filter(kind=UnitKind.COMMUNITY).order_by("code"),
                           departments=Department.objects.filter(is_active=True).order_by("code"),
                           categories=categories_for(actor))


def map_orders(actor: Actor, *, queue: str, form: QueueFilterForm) -> QuerySet:
    """The orders of ``queue`` the actor may see, filtered by the (validated) form."""
    if queue not in dict(map_queues(actor)):
        raise RecordNotFound()
    orders = orders_visible_to(actor)
    if queue != ALL_ORDERS:
        orders = orders.filter(queue_filter(queue))
    return queue_filters_apply(orders, form.cleaned_data)
