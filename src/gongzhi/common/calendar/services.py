"""Writes to the working calendar: setting and removing a working-day override. City administrators
(``catalogue.manage``) enter the holidays announced each year and local holidays; ``actor=None`` is
the platform itself (a management command). Each write raises the calendar's revision through the
model signals in ``invalidation``, inside the same transaction."""
from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.resolver import permission_require
from gongzhi.common.access.roles import Permission
from gongzhi.common.events import event_record
from gongzhi.common.exceptions import RecordNotFound
from gongzhi.common.models import WorkingDayOverride

_REASON_MAX_LENGTH = WorkingDayOverride._meta.get_field("reason").max_length


def _require_manager(actor: Actor | None) -> None:
    if actor is not None:
        permission_require(actor, Permission.CATALOGUE_MANAGE)


def _require_day(day: object) -> date:
    if isinstance(day, datetime) or not isinstance(day, date):
        raise ValidationError({"day": _("Enter a valid date.")})
    return day


def _snapshot(override: WorkingDayOverride) -> dict[str, object]:
    return {"day": override.day, "is_working_day": override.is_working_day, "reason": override.reason}


@transaction.atomic
def working_day_override_set(
    *, actor: Actor | None, day: date, is_working_day: bool, reason: str
) -> WorkingDayOverride:
    """Make ``day`` a working day or a day off, whatever the statutory calendar says."""
    _require_manager(actor)
    day = _require_day(day)
    if not isinstance(is_working_day, bool):
        raise ValidationError({"is_working_day": _("Say whether the day is a working day.")})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("This field is required.")})
    if len(reason) > _REASON_MAX_LENGTH:
        raise ValidationError({"reason": _("At most %(n)d characters.") % {"n": _REASON_MAX_LENGTH}})
    override = WorkingDayOverride.objects.select_for_update().filter(day=day).first()
    before = _snapshot(override) if override else None
    if override is None:
        override = WorkingDayOverride(day=day)
    override.is_working_day, override.reason = is_working_day, reason
    try:
        with transaction.atomic():
            override.save()
    except IntegrityError:
        # Someone created the same day's override in the moment between our read and our write.
        raise ValidationError({"day": _("This day was changed at the same time; try again.")}) from None
    event_record(actor=actor, action="calendar.override_set", target=override, before=before,
                 after=_snapshot(override))
    return override


@transaction.atomic
def working_day_override_remove(*, actor: Actor | None, day: date) -> None:
    """Let ``day`` follow the statutory calendar again."""
    _require_manager(actor)
    day = _require_day(day)
    override = WorkingDayOverride.objects.select_for_update().filter(day=day).first()
    if override is None:
        raise RecordNotFound()
    # Recorded before the row goes, while it still has its id.
    event_record(actor=actor, action="calendar.override_remove", target=override, before=_snapshot(override))
    override.delete()
