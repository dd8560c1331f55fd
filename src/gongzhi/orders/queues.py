"""The queues as people see them: their names and counts, for the queue page's tabs and the home
panels. Which queues an actor has, and what each holds, is the selectors' (queues_for, queue_filter)."""
from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gongzhi.common.access.actor import Actor
from gongzhi.orders.selectors import Queue, queue_filter, queues_for

# Every visible order in any state: where a grid worker finds what they reported last month.
ALL_ORDERS = "all"

QUEUE_LABELS = {
    Queue.TO_DISPATCH: _("To dispatch"),
    Queue.TO_ACCEPT: _("To accept"),
    Queue.IN_PROGRESS: _("In progress"),
    Queue.TO_VERIFY: _("To verify"),
    Queue.OVERDUE: _("Overdue"),
    Queue.ARBITRATION: _("For the city to decide"),
    Queue.TRIAGE: _("Place unknown"),
    Queue.EXTENSIONS: _("Extension requests"),
    Queue.ALL_OPEN: _("All open"),
    ALL_ORDERS: _("All orders"),
}


def queue_label(key: str) -> str:
    return str(QUEUE_LABELS.get(key, key))


def queue_tabs(actor: Actor, visible: QuerySet) -> list[dict]:
    """The actor's queues with how many orders each holds, then every order (not counted: that
    is the whole history, and the tab needs no number)."""
    tabs = [{"key": key, "label": QUEUE_LABELS[key], "count": visible.filter(queue_filter(key)).count()}
            for key in queues_for(actor)]
    return tabs + [{"key": ALL_ORDERS, "label": QUEUE_LABELS[ALL_ORDERS], "count": None}]
