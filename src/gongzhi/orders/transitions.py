"""The work-order loop as a table: for each action, the states it applies in, the state it leads
to (None: unchanged), the permission it needs and whose scope decides "may act on this order".

Services consult this table; the order page derives its buttons from it; the permission tests
iterate it. Changing the loop is changing this table."""
from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.functional import Promise

from gongzhi.common.access.roles import Permission
from gongzhi.orders.models import OPEN_STATES, OrderState as S


class Reach:
    """Whose relation to the order lets an actor with the permission act on it."""

    AREA = "area"               # the order lies in the actor's unit subtree (or the actor is city-wide)
    LEAD_DEPARTMENT = "lead"    # the actor is a member of the order's lead department
    REPORTER = "reporter"       # the actor entered the order, or holds area reach
    CITY = "city"               # city-wide roles only


@dataclass(frozen=True)
class Transition:
    action: str
    label: str | Promise
    sources: tuple[str, ...]
    target: str | None
    permission: str
    reach: str


TRANSITIONS: dict[str, Transition] = {t.action: t for t in [
    Transition("dispatch", _("Dispatch"), (S.REPORTED,), S.DISPATCHED, Permission.ORDERS_DISPATCH, Reach.AREA),
    Transition("handle_locally", _("Handle locally"), (S.REPORTED,), S.HANDLED, Permission.ORDERS_DISPATCH,
               Reach.AREA),
    Transition("reject", _("Reject"), (S.REPORTED,), S.REJECTED, Permission.ORDERS_DISPATCH, Reach.AREA),
    Transition("mark_duplicate", _("Mark as duplicate"), (S.REPORTED,), S.REJECTED, Permission.ORDERS_DISPATCH,
               Reach.AREA),
    Transition("cancel", _("Withdraw"), (S.REPORTED,), S.CANCELLED, Permission.ORDERS_REPORT, Reach.REPORTER),
    Transition("accept", _("Accept"), (S.DISPATCHED,), S.IN_PROGRESS, Permission.ORDERS_HANDLE,
               Reach.LEAD_DEPARTMENT),
    Transition("return", _("Return to the street"), (S.DISPATCHED,), S.REPORTED, Permission.ORDERS_HANDLE,
               Reach.LEAD_DEPARTMENT),
    Transition("request_extension", _("Request an extension"), (S.IN_PROGRESS,), None, Permission.ORDERS_HANDLE,
               Reach.LEAD_DEPARTMENT),
    Transition("approve_extension", _("Approve the extension"), (S.IN_PROGRESS,), None,
               Permission.ORDERS_EXTENSION_DECIDE, Reach.AREA),
    Transition("deny_extension", _("Deny the extension"), (S.IN_PROGRESS,), None,
               Permission.ORDERS_EXTENSION_DECIDE, Reach.AREA),
    Transition("complete", _("Report completion"), (S.IN_PROGRESS,), S.HANDLED, Permission.ORDERS_HANDLE,
               Reach.LEAD_DEPARTMENT),
    Transition("verify", _("Verify and close"), (S.HANDLED,), S.CLOSED, Permission.ORDERS_VERIFY, Reach.AREA),
    Transition("rework", _("Send back for rework"), (S.HANDLED,), S.IN_PROGRESS, Permission.ORDERS_VERIFY,
               Reach.AREA),
    Transition("rate", _("Rate"), (S.CLOSED,), None, Permission.ORDERS_RATE, Reach.AREA),
    Transition("reopen", _("Reopen"), (S.CLOSED,), S.IN_PROGRESS, Permission.ORDERS_VERIFY, Reach.AREA),
    Transition("urge", _("Urge"), tuple(OPEN_STATES), None, Permission.ORDERS_URGE, Reach.AREA),
    Transition("escalate", _("Escalate"), tuple(OPEN_STATES), None, Permission.ORDERS_URGE, Reach.AREA),
    Transition("arbitrate", _("Decide the department"), (S.REPORTED,), S.DISPATCHED, Permission.ORDERS_ARBITRATE,
               Reach.CITY),
]}
