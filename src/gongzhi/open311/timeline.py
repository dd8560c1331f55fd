"""The public timeline of an order: what a resident, or a client system, may learn of its progress.

It is read from the order's domain events, keeping only the steps a reporter cares about and only
what may be published: never who acted (no staff names, no roles), never staff comments, never the
reporter's contact. The one text published is the outcome the department or street recorded when it
handled the problem. Internal supervision (urging, escalation, reminders, extension requests) is left out.

The tracking page, Open311's ``notes`` (extensions=true) and ``servicerequestupdates`` all read this."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from gongzhi.common.models import DomainEvent
from gongzhi.org.models import Department
from gongzhi.orders.models import OrderState, RejectReason, Satisfaction, WorkOrder

ORDER_OBJECT_TYPE = WorkOrder._meta.label_lower
PUBLIC_ACTIONS = ("report", "dispatch", "arbitrate", "return", "accept", "approve_extension", "complete",
                  "handle_locally", "rework", "verify", "reject", "mark_duplicate", "cancel", "rate",
                  "reopen")
# The steps whose photos are public: the reporter's own, and the result's.
PHOTO_ACTIONS = ("report", "complete", "handle_locally")
CLOSED_STATES = (OrderState.CLOSED, OrderState.REJECTED, OrderState.CANCELLED)


class NoteType:
    """Open311 notes' ``type``: the step that opened the request, one that closed it, or progress."""

    OPENED = "opened"
    CLOSED = "closed"
    ACTIVITY = "activity"


@dataclass(frozen=True)
class PublicEntry:
    event_id: int
    order_id: int
    occurred_at: datetime
    action: str
    state: str
    note_type: str
    summary: str
    # The recorded outcome (what was done), the only free text that is published.
    description: str
    photos: tuple[str, ...]
    reject_reason: str = ""


def _department_name(departments: dict[int, Department], department_id) -> str:
    department = departments.get(department_id) if isinstance(department_id, int) else None
    return department.name if department else _("the responsible department")


def _summary(action: str, after: dict, departments: dict[int, Department]) -> str:
    department = _department_name(departments, after.get("lead_department"))
    if action == "report":
        return _("Reported")
    if action in ("dispatch", "arbitrate"):
        return _("Sent to %(department)s") % {"department": department}
    if action == "return":
        return _("Being passed to the department responsible")
    if action == "accept":
        return _("%(department)s is working on it") % {"department": department}
    if action == "approve_extension":
        return _("The time to handle it was extended")
    if action == "complete":
        return _("%(department)s reports it handled") % {"department": department}
    if action == "handle_locally":
        return _("Handled by the street or community")
    if action == "rework":
        return _("Checked on site: more work is needed")
    if action == "verify":
        return _("Checked on site and closed")
    if action == "reject":
        reason = dict(RejectReason.choices).get(after.get("reason"), "")
        return _("Not taken up: %(reason)s") % {"reason": reason} if reason else _("Not taken up")
    if action == "mark_duplicate":
        return _("Already reported: follows order %(number)s") % {"number": after.get("duplicate_of", "")}
    if action == "cancel":
        return _("Withdrawn by the reporter")
    if action == "rate":
        return _("Rated: %(satisfaction)s") % {
            "satisfaction": dict(Satisfaction.choices).get(after.get("satisfaction"), "")}
    if action == "reopen":
        return _("Reopened after an unsatisfied rating")
    return ""


def _note_type(action: str, state: str) -> str:
    if action == "report":
        return NoteType.OPENED
    if action in ("verify", "reject", "mark_duplicate", "cancel"):
        return NoteType.CLOSED
    return NoteType.ACTIVITY


def public_events(queryset=None):
    """The domain events that make public timelines (of any orders; callers narrow it)."""
    events = DomainEvent.objects if queryset is None else queryset
    return events.filter(object_type=ORDER_OBJECT_TYPE,
                         action__in=[f"order.{action}" for action in PUBLIC_ACTIONS])


def public_entries(events: Iterable[DomainEvent]) -> list[PublicEntry]:
    events = list(events)
    department_ids = {(event.after or {}).get("lead_department") for event in events}
    departments = Department.objects.in_bulk([pk for pk in department_ids if isinstance(pk, int)])
    entries = []
    for event in events:
        action = event.action.removeprefix("order.")
        after = event.after or {}
        state = after.get("state") or ""
        published_text = event.comment if action in ("complete", "handle_locally") else ""
        entries.append(PublicEntry(
            event_id=event.pk, order_id=int(event.object_id), occurred_at=event.occurred_at, action=action,
            state=state, note_type=_note_type(action, state), summary=_summary(action, after, departments),
            description=published_text,
            photos=tuple(event.attachments or []) if action in PHOTO_ACTIONS else (),
            reject_reason=after.get("reason", "") if action == "reject" else
            ("duplicate" if action == "mark_duplicate" else ""),
        ))
    return entries


def public_timelines(orders: Iterable[WorkOrder]) -> dict[int, list[PublicEntry]]:
    """Each order's public timeline, oldest first, read in one query for all of them."""
    ids = [str(order.pk) for order in orders]
    timelines: dict[int, list[PublicEntry]] = defaultdict(list)
    if not ids:
        return timelines
    events = public_events().filter(object_id__in=ids).order_by("occurred_at", "id")
    for entry in public_entries(events):
        timelines[entry.order_id].append(entry)
    return timelines


def public_timeline(order: WorkOrder) -> list[PublicEntry]:
    return public_timelines([order]).get(order.pk, [])


# FixMyStreet reads these lower-case statuses in service request updates; the first five close a report.
UPDATE_STATUS_BY_STATE = {
    OrderState.REPORTED: "open",
    OrderState.DISPATCHED: "action_scheduled",
    OrderState.IN_PROGRESS: "in_progress",
    OrderState.HANDLED: "in_progress",
    OrderState.CLOSED: "fixed",
    OrderState.CANCELLED: "closed",
}
UPDATE_STATUS_BY_REJECT_REASON = {
    RejectReason.DUPLICATE: "duplicate",
    RejectReason.OUT_OF_SCOPE: "not_councils_responsibility",
    RejectReason.NOT_A_PROBLEM: "no_further_action",
}


def update_status(entry: PublicEntry) -> str:
    if entry.state == OrderState.REJECTED:
        return UPDATE_STATUS_BY_REJECT_REASON.get(entry.reject_reason, "closed")
    if entry.action == "return":
        return "investigating"
    return UPDATE_STATUS_BY_STATE.get(entry.state, "open")


def open311_status(state: str) -> str:
    """GeoReport's two statuses."""
    return "closed" if state in CLOSED_STATES else "open"
