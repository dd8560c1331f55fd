"""The work queues on the home page: one panel per queue the actor has, its orders soonest
deadline first. They come before the registry's panels: they are the day's work."""
from __future__ import annotations

from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.roles import Permission
from gongzhi.common.home import HomePanel, HomePanelContent, HomePanelItem, home_panel_register, panel_content
from gongzhi.orders.countdown import order_countdown
from gongzhi.orders.queues import QUEUE_LABELS
from gongzhi.orders.selectors import Queue, orders_visible_to, queue_filter, queues_for

EMPTY_MESSAGES = {
    Queue.TO_DISPATCH: _("No reported problem waits for dispatch."),
    Queue.TO_ACCEPT: _("No dispatched order waits for your department."),
    Queue.IN_PROGRESS: _("Nothing in progress."),
    Queue.TO_VERIFY: _("No handled order waits for verification."),
    Queue.OVERDUE: _("No order is overdue."),
    Queue.ARBITRATION: _("No order waits for the city's decision."),
    Queue.TRIAGE: _("Every reported problem has a place."),
    Queue.EXTENSIONS: _("No extension request waits for a decision."),
    Queue.ALL_OPEN: _("No open order in your area."),
}


def _order_item(order, now) -> HomePanelItem:
    countdown = order_countdown(order, now=now)
    place = order.community.name if order.community_id else (order.street.name if order.street_id else "")
    detail = " · ".join(part for part in (countdown.text if countdown else order.get_state_display(), place) if part)
    return HomePanelItem(label=f"{order.number} {order.title}", url=reverse("orders:detail", args=[order.number]),
                         detail=detail)


def queue_panel_builder(queue: str):
    def build(actor: Actor) -> HomePanelContent | None:
        queues = queues_for(actor)
        if queue not in queues:
            return None
        # "All open" repeats the other queues; it is the panel only of those who have no other.
        if queue == Queue.ALL_OPEN and len(queues) > 1:
            return None
        rows = (orders_visible_to(actor).filter(queue_filter(queue))
                .order_by(F("complete_by").asc(nulls_last=True), "reported_at", "id"))
        now = timezone.now()
        return panel_content(
            title=QUEUE_LABELS[queue], rows=rows, item_of=lambda order: _order_item(order, now),
            link_url=f"{reverse('orders:queue')}?queue={queue}", link_label=_("Open the queue"),
            empty_message=EMPTY_MESSAGES[queue],
        )

    return build


for position, queue in enumerate([Queue.TO_DISPATCH, Queue.ARBITRATION, Queue.TRIAGE, Queue.TO_ACCEPT,
                                  Queue.OVERDUE, Queue.EXTENSIONS, Queue.IN_PROGRESS, Queue.TO_VERIFY,
                                  Queue.ALL_OPEN]):
    home_panel_register(HomePanel(key=f"orders.{queue}", permission=Permission.ORDERS_VIEW,
                                  build=queue_panel_builder(queue), order=100 + position))
