"""What the assessment's actions share: the permission check, the period locked for the change
(and its state checked), and the record of refused attempts on a locked period."""
from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from gongzhi.assessment.models import Period, PeriodState
from gongzhi.common.access.actor import Actor
from gongzhi.common.access.resolver import permission_require
from gongzhi.common.events import event_record
from gongzhi.common.exceptions import IllegalTransition, RecordNotFound

logger = logging.getLogger("gongzhi.assessment")
Result = TypeVar("Result")


def require(actor: Actor | None, permission: str) -> None:
    """``actor=None`` is the platform itself (the demo loader, a console): no role to check."""
    if actor is not None:
        permission_require(actor, permission)


class PeriodLocked(IllegalTransition):
    """The period is locked: every figure in it is final. Answers 409; the attempt is recorded."""

    def __init__(self, period: Period) -> None:
        super().__init__(_("The period “%(period)s” is locked: its figures no longer change.")
                         % {"period": period.name})
        self.period = period


def period_action(function: Callable[..., Result]) -> Callable[..., Result]:
    """One action on a period, in one transaction. If it is refused because the period is locked,
    the attempt is recorded (an event and a log line) after the action's transaction rolled back,
    so the record of the refusal stays while the change does not happen."""

    @wraps(function)
    def action(*, actor: Actor | None, **arguments: Any) -> Result:
        try:
            with transaction.atomic():
                return function(actor=actor, **arguments)
        except PeriodLocked as refusal:
            refusal_record(actor=actor, period=refusal.period, attempted=function.__name__)
            raise

    return action


def refusal_record(*, actor: Actor | None, period: Period, attempted: str) -> None:
    user = actor.user.username if actor is not None else "platform"
    logger.warning("Refused %s on the locked assessment period %s (%s), asked by %s", attempted, period.pk,
                   period.name, user)
    with transaction.atomic():
        event_record(actor=actor, action="assessment.change_refused", target=period,
                     after={"attempted": attempted, "state": period.state},
                     comment=_("Refused: the period is locked."))


STATE_WORDS = {
    PeriodState.OPEN: _lazy("open (its scheme is being defined)"),
    PeriodState.SCORING: _lazy("being scored"),
    PeriodState.REVIEW: _lazy("under review"),
}


def period_for_change(period: Period, *, states: set[str]) -> Period:
    """Re-read the period under a row lock: every action on it starts here. A locked period refuses
    every change; another state than ``states`` refuses this one."""
    locked = Period.objects.select_for_update().filter(pk=period.pk).first()
    if locked is None:
        raise RecordNotFound()
    if locked.state == PeriodState.LOCKED:
        raise PeriodLocked(locked)
    if locked.state not in states:
        raise IllegalTransition(_("Not possible while the period is %(state)s.")
                                % {"state": STATE_WORDS[locked.state]})
    return locked


def snapshot(instance: Any, fields: list[str]) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in fields}
