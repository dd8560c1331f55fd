"""Who hears of what happens to an order. Runs after the action's commit (transaction.on_commit)."""
from __future__ import annotations

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from gongzhi.common.access.roles import Role
from gongzhi.common.models import DomainEvent
from gongzhi.common.notifications import Delivery, notifications_deliver_many
from gongzhi.org.models import User
from gongzhi.orders.models import WorkOrder

STREET_STAFF = (Role.STREET_DISPATCHER, Role.STREET_LEADER)
CITY_STAFF = (Role.CITY_ADMIN,)

# action → which groups are told
AUDIENCE: dict[str, tuple[str, ...]] = {
    "report": ("street",),
    "dispatch": ("lead_department", "assisting_departments"),
    "arbitrate": ("lead_department", "assisting_departments", "street"),
    "accept": ("reporter",),
    "return": ("street",),
    "request_extension": ("street",),
    "approve_extension": ("lead_department",),
    "deny_extension": ("lead_department",),
    "complete": ("street", "community", "reporter"),
    "handle_locally": ("community", "reporter"),
    "verify": ("lead_department", "reporter"),
    "rework": ("lead_department",),
    "reopen": ("lead_department",),
    "rate": ("lead_department",),
    "urge": ("lead_department",),
    "escalate": ("lead_department", "street", "city"),
    "overdue": ("lead_department", "street"),
    "remind": ("lead_department",),
    "cancel": ("street",),
    "reject": ("reporter",),
    "mark_duplicate": ("reporter",),
}


def _members(condition: Q) -> set[User]:
    return set(User.objects.filter(is_active=True, memberships__is_active=True).filter(condition).distinct())


class MemberLookup:
    """The members of each street, community, department and the city, each looked up once: a
    sweep's batch tells the same few departments and streets about thousands of orders."""

    def __init__(self):
        self.found: dict[tuple, set[User]] = {}

    def __call__(self, key: tuple, condition: Q) -> set[User]:
        if key not in self.found:
            self.found[key] = _members(condition)
        return self.found[key]


def order_audience(order: WorkOrder, groups: tuple[str, ...], *, to_arbitration: bool = False,
                   members: MemberLookup | None = None) -> set[User]:
    members = members or MemberLookup()
    users: set[User] = set()
    for group in groups:
        if group == "street" and order.street_id:
            users |= members(("street", order.street_id),
                             Q(memberships__unit_id=order.street_id, memberships__role__in=STREET_STAFF))
        elif group == "community" and order.community_id:
            community_workers = Q(memberships__unit_id=order.community_id,
                                  memberships__role=Role.COMMUNITY_WORKER)
            users |= members(("community", order.community_id), community_workers)
        elif group == "lead_department" and order.lead_department_id:
            users |= members(("department", order.lead_department_id),
                             Q(memberships__department_id=order.lead_department_id))
        elif group == "assisting_departments":
            users |= _members(Q(memberships__department__in=order.assisting_departments.all()))
        elif group == "reporter" and order.reported_by_id:
            users.add(order.reported_by)
        elif group == "city":
            users |= members(("city",), Q(memberships__role__in=CITY_STAFF))
    if to_arbitration:
        users |= members(("city",), Q(memberships__role__in=CITY_STAFF))
    return users


EVENT_TITLES = {
    "report": _("New problem reported"),
    "dispatch": _("Order dispatched to your department"),
    "arbitrate": _("The city decided the department"),
    "accept": _("Order accepted"),
    "return": _("Order returned by the department"),
    "request_extension": _("Extension requested"),
    "approve_extension": _("Extension approved"),
    "deny_extension": _("Extension denied"),
    "complete": _("Order completed: please verify"),
    "handle_locally": _("Order handled locally: please verify"),
    "verify": _("Order verified and closed"),
    "rework": _("Order sent back for rework"),
    "reopen": _("Order reopened after an unsatisfied rating"),
    "rate": _("Order rated"),
    "urge": _("Order urged"),
    "escalate": _("Order escalated"),
    "overdue": _("Order overdue"),
    "remind": _("Three quarters of the time used"),
    "cancel": _("Order withdrawn"),
    "reject": _("Order rejected"),
    "mark_duplicate": _("Order marked as duplicate"),
}


# What telling needs of an event and of its order (a sweep's batch reads thousands of each).
EVENT_FIELDS = ("id", "action", "object_id", "actor_id", "occurred_at", "after")
ORDER_FIELDS = ("id", "number", "title", "street_id", "community_id", "lead_department_id", "reported_by")


def order_event_notify(*, event_id: int) -> int:
    return order_events_notify(event_ids=[event_id])


def order_events_notify(*, event_ids: list[int]) -> int:
    """Tell each event's audience; called after the actions' commit, with one event or a sweep's batch."""
    events = [event for event in DomainEvent.objects.filter(pk__in=event_ids).only(*EVENT_FIELDS).order_by("pk")
              if AUDIENCE.get(event.action.removeprefix("order."))]
    order_ids = [int(event.object_id) for event in events]
    orders = WorkOrder.objects.select_related("reported_by").only(*ORDER_FIELDS).in_bulk(order_ids)
    members = MemberLookup()
    deliveries = []
    for event in events:
        order = orders.get(int(event.object_id))
        if order is None:
            continue
        action = event.action.removeprefix("order.")
        to_arbitration = bool((event.after or {}).get("to_arbitration"))
        recipients = order_audience(order, AUDIENCE[action], to_arbitration=to_arbitration, members=members)
        # Inbox rows are written once for everyone, in the city's language.
        with translation.override(settings.LANGUAGE_CODE):
            title = f"{EVENT_TITLES.get(action, action)} · {order.number}"
        deliveries.append(Delivery(event=event, recipients=recipients, title=title, body=order.title,
                                   url=_order_url(order)))
    return notifications_deliver_many(deliveries)


def _order_url(order: WorkOrder) -> str:
    try:
        return reverse("orders:detail", args=[order.number])
    except Exception:  # pages not mounted (e.g. an API-only deployment)
        return ""
