"""An order's domain events as the timeline on its page: who (and in which role), when, what, the
comment, the photos, and what changed, in words rather than field values."""
from __future__ import annotations

from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongzhi.org.models import Department
from gongzhi.orders.models import OrderState, RejectReason, Satisfaction
from gongzhi.orders.transitions import TRANSITIONS

# Events the system writes itself, besides the actions of the loop.
OTHER_LABELS = {
    "report": gettext_lazy("Reported"),
    "overdue": gettext_lazy("Overdue: escalated automatically"),
    "remind": gettext_lazy("Reminder: three quarters of the time used"),
}


def event_label(action: str) -> str:
    name = action.removeprefix("order.")
    if name in TRANSITIONS:
        return str(TRANSITIONS[name].label)
    return str(OTHER_LABELS.get(name, name))


def _choice(choices, value) -> str:
    return str(dict(choices).get(value, value or ""))


def _deadline(value) -> str:
    moment = parse_datetime(value) if isinstance(value, str) else None
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else ""


def _details(name: str, before: dict, after: dict, departments: dict, names_by_code: dict) -> list[tuple[str, str]]:
    details = []
    if before.get("state") and after.get("state") and before["state"] != after["state"]:
        details.append((_("State"), f"{_choice(OrderState.choices, before['state'])} → "
                                    f"{_choice(OrderState.choices, after['state'])}"))
    if name in ("dispatch", "arbitrate") and after.get("lead_department") in departments:
        details.append((_("Lead department"), departments[after["lead_department"]].name))
    if after.get("assisting"):
        details.append((_("Assisting"), "、".join(names_by_code.get(code, code) for code in after["assisting"])))
    if name in ("dispatch", "arbitrate", "approve_extension") and after.get("complete_by"):
        details.append((_("Complete by"), _deadline(after["complete_by"])))
    if name in ("request_extension", "approve_extension", "deny_extension") and after.get("working_days"):
        details.append((_("Extra working days"), str(after["working_days"])))
    if name == "return" and after.get("to_arbitration"):
        details.append((_("Next"), _("Returned twice: the city decides the department.")))
    if name == "reject" and after.get("reason"):
        details.append((_("Reason"), _choice(RejectReason.choices, after["reason"])))
    if name == "mark_duplicate" and after.get("duplicate_of"):
        details.append((_("Duplicate of"), after["duplicate_of"]))
    if name == "rate" and after.get("satisfaction"):
        details.append((_("Satisfaction"), _choice(Satisfaction.choices, after["satisfaction"])))
    return details


def timeline_entries(events, *, attachments) -> list[dict]:
    """``attachments``: the order's photos, which the events name by their stored file name."""
    events = list(events)
    photos_by_name = {attachment.file.name: attachment for attachment in attachments}
    department_ids = {(event.after or {}).get("lead_department") for event in events}
    departments = Department.objects.in_bulk([pk for pk in department_ids if isinstance(pk, int)])
    assisting_codes = {code for event in events for code in (event.after or {}).get("assisting") or []}
    names_by_code = dict(Department.objects.filter(code__in=assisting_codes).values_list("code", "name"))
    entries = []
    for event in events:
        name = event.action.removeprefix("order.")
        entries.append({
            "action": name,
            "label": event_label(event.action),
            "occurred_at": event.occurred_at,
            "who": str(event.actor) if event.actor_id else _("The system"),
            "capacity": (f"{event.membership.get_role_display()} · {event.membership.organisation_name}"
                         if event.membership_id else ""),
            "comment": event.comment,
            "photos": [photos_by_name[name] for name in event.attachments or [] if name in photos_by_name],
            "details": _details(name, event.before or {}, event.after or {}, departments, names_by_code),
        })
    return entries
