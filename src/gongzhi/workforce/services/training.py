"""Training: courses, the sessions that hold them, and who attended for how many hours."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.roles import Permission
from gongzhi.common.events import event_record
from gongzhi.org.models import UnitKind
from gongzhi.workforce.models import Attendance, Course, TrainingSession, Worker
from gongzhi.workforce.services.access import reachable_unit, require
from gongzhi.workforce.validation import Problems, day_value, refuse, text_optional, text_required

ORGANISER_KINDS = (UnitKind.CITY, UnitKind.STREET, UnitKind.COMMUNITY)
MAX_HOURS = Decimal("200")


def _hours(value: Any, field: str) -> Decimal:
    try:
        hours = Decimal(str(value).strip()) if not isinstance(value, bool) else None
    except ArithmeticError:
        hours = None
    if (
        hours is None
        or not hours.is_finite()
        or not 0 < hours <= MAX_HOURS
        or hours != hours.quantize(Decimal("0.1"))
    ):
        refuse(field, _("Hours are a number above 0 and up to %(max)s, in tenths.") % {"max": MAX_HOURS})
    return hours


@transaction.atomic
def course_create(*, actor: Actor | None, code: str, title: str, hours: Any, unit_code: str) -> Course:
    problems = Problems()
    unit = problems.check(lambda: reachable_unit(actor, unit_code, "unit_code", kinds=ORGANISER_KINDS))
    code = problems.check(lambda: text_required(code, "code", 20))
    title = problems.check(lambda: text_required(title, "title", 100))
    hours = problems.check(lambda: _hours(hours, "hours"))
    if code and Course.objects.filter(code=code).exists():
        problems.add("code", _("A course with this code already exists."))
    problems.raise_any()
    require(actor, Permission.WORKFORCE_MANAGE, unit.code)
    course = Course.objects.create(code=code, title=title, hours=hours, unit=unit)
    event_record(
        actor=actor,
        action="workforce.course.create",
        target=course,
        unit_code=unit.code,
        after={"code": code, "title": title, "hours": hours, "unit": unit.code},
    )
    return course


@transaction.atomic
def training_session_create(
    *, actor: Actor | None, course: Course, unit_code: str, held_on: Any, place: str = "", hours: Any = None
) -> TrainingSession:
    problems = Problems()
    unit = problems.check(lambda: reachable_unit(actor, unit_code, "unit_code", kinds=ORGANISER_KINDS))
    held_on = problems.check(lambda: day_value(held_on, "held_on"))
    place = problems.check(lambda: text_optional(place, "place", 100), "")
    hours = course.hours if hours in (None, "") else problems.check(lambda: _hours(hours, "hours"))
    if held_on and held_on.year > timezone.localdate().year + 1:
        problems.add("held_on", _("Sessions are planned at most for next year."))
    problems.raise_any()
    require(actor, Permission.WORKFORCE_MANAGE, unit.code)
    session = TrainingSession.objects.create(
        course=course, unit=unit, held_on=held_on, place=place, hours=hours
    )
    event_record(
        actor=actor,
        action="workforce.training_session.create",
        target=session,
        unit_code=unit.code,
        after={"course": course.code, "unit": unit.code, "held_on": held_on, "hours": hours},
    )
    return session


@transaction.atomic
def attendance_record(
    *, actor: Actor | None, session: TrainingSession, workers: Sequence[Worker], hours: Any = None
) -> list[Attendance]:
    """Record that these workers (each one in the actor's reach: the caller fetched them through
    the scoped selector) attended the session, for its hours or fewer."""
    session = (
        TrainingSession.objects.select_for_update(of=("self",)).select_related("unit").get(pk=session.pk)
    )
    require(actor, Permission.WORKFORCE_MANAGE)
    if session.held_on > timezone.localdate():
        refuse("session", _("Attendance is recorded once the session has taken place."))
    if not workers:
        refuse("workers", _("Name at least one worker."))
    hours = session.hours if hours in (None, "") else _hours(hours, "hours")
    if hours > session.hours:
        refuse("hours", _("At most the session's %(hours)s hours.") % {"hours": session.hours})
    ids = [worker.pk for worker in workers]
    if len(set(ids)) != len(ids):
        refuse("workers", _("A worker is named twice."))
    present = list(
        Worker.objects.filter(attendances__session=session, pk__in=ids).values_list("name", flat=True)
    )
    if present:
        raise ValidationError(
            {
                "workers": _("Already recorded for this session: %(names)s.")
                % {"names": "、".join(sorted(present))}
            }
        )
    for worker in workers:
        require(actor, Permission.WORKFORCE_MANAGE, worker.unit.code)
    rows = Attendance.objects.bulk_create(
        [Attendance(session=session, worker=worker, hours=hours) for worker in workers], batch_size=500
    )
    event_record(
        actor=actor,
        action="workforce.attendance.record",
        target=session,
        unit_code=session.unit.code,
        after={"workers": ids, "hours": hours},
    )
    return rows
