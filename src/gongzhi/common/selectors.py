"""Reads of the kernel's records, always through the acting user's scope."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.resolver import unit_subtree_filter
from gongzhi.common.access.roles import Permission
from gongzhi.common.models import DomainEvent


def domain_events_visible_to(actor: Actor) -> QuerySet[DomainEvent]:
    """The audit trail: everything for city-wide auditors; others with the permission see the events
    of their subtree (events without a unit are the city's)."""
    events = DomainEvent.objects.select_related("actor", "membership__unit", "membership__department")
    if not actor.has_permission(Permission.AUDIT_VIEW):
        return events.none()
    scope = unit_subtree_filter(actor, code_field="unit_code")
    return events if scope is None else events.filter(scope)


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def domain_events_filter(
    events: QuerySet[DomainEvent],
    *,
    action: str = "",
    object_type: str = "",
    actor_username: str = "",
    unit_code: str = "",
    occurred_from: date | None = None,
    occurred_to: date | None = None,
) -> QuerySet[DomainEvent]:
    """Narrow an already scoped event list. Dates are whole local days, both ends included; a unit
    code keeps the events of that unit and everything below it."""
    if action:
        events = events.filter(action=action)
    if object_type:
        events = events.filter(object_type=object_type)
    if actor_username:
        events = events.filter(actor__username=actor_username)
    if unit_code:
        events = events.filter(unit_code__startswith=unit_code)
    if occurred_from:
        events = events.filter(occurred_at__gte=_local_midnight(occurred_from))
    if occurred_to:
        events = events.filter(occurred_at__lt=_local_midnight(occurred_to + timedelta(days=1)))
    return events


def domain_event_choices(events: QuerySet[DomainEvent]) -> dict[str, list[str]]:
    """The actions and record types present in a scoped event list, for the filter's drop-downs."""
    return {
        "actions": list(events.order_by("action").values_list("action", flat=True).distinct()),
        "object_types": list(events.order_by("object_type").values_list("object_type", flat=True).distinct()),
    }
