"""Arithmetic in working time. The definitions are in the package docstring (``__init__``) and in
``docs/working-time.md``; this module keeps to them exactly.

Everything is computed on the wall clock of ``settings.TIME_ZONE`` (Asia/Shanghai has no daylight
saving, so wall-clock and real durations agree): an aware instant is turned into local wall-clock
time, days and offsets from midnight are compared, and the result is made aware again.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from gongzhi.common.calendar.days import WorkingDays, working_days
from gongzhi.common.calendar.hours import DaySchedule, day_schedule

_ZERO = timedelta(0)
_ONE_DAY = timedelta(days=1)
_TICK = timedelta(microseconds=1)


def _local(moment: datetime, name: str) -> datetime:
    if not isinstance(moment, datetime) or timezone.is_naive(moment):
        raise ValueError(f"{name} must be an aware datetime")
    return moment.astimezone(timezone.get_default_timezone()).replace(tzinfo=None)


def _aware(wall_clock: datetime) -> datetime:
    return wall_clock.replace(tzinfo=timezone.get_default_timezone())


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min)


def _day(value: date, name: str) -> date:
    """A date as given, or the local date of an aware datetime."""
    if isinstance(value, datetime):
        return _local(value, name).date()
    if not isinstance(value, date):
        raise ValueError(f"{name} must be a date")
    return value


def _duration(hours: float | Decimal | timedelta | int) -> timedelta:
    if isinstance(hours, timedelta):
        amount = hours
    elif isinstance(hours, Decimal):
        try:
            amount = timedelta(microseconds=int((hours * 3_600_000_000).to_integral_value()))
        except (InvalidOperation, OverflowError, ValueError):
            raise ValueError("hours must be a finite number") from None
    elif isinstance(hours, (int, float)) and not isinstance(hours, bool):
        try:
            amount = timedelta(hours=hours)
        except (OverflowError, ValueError):
            raise ValueError("hours must be a finite number") from None
    else:
        raise ValueError("hours must be a number of hours or a timedelta")
    if amount < _ZERO:
        raise ValueError("hours must not be negative")
    return amount


def _spend_within_day(offset: timedelta, amount: timedelta,
                      schedule: DaySchedule) -> tuple[timedelta | None, timedelta]:
    """Spend ``amount`` of a working day's periods from ``offset`` on: (where it ran out, or None if
    the day ended first, and what is left). A period's end counts as inside it, so an amount that
    fills a period exactly ends at its end, and a zero amount stays put at a period's end."""
    for start, end in schedule.periods:
        if offset <= end:
            begin = max(offset, start)
            if amount <= end - begin:
                return begin + amount, _ZERO
            amount -= end - begin
    return None, amount


def _advance(moment: datetime, amount: timedelta, schedule: DaySchedule, calendar: WorkingDays) -> datetime:
    day = moment.date()
    if calendar.is_working_day(day):
        reached, amount = _spend_within_day(moment - _midnight(day), amount, schedule)
        if reached is not None:
            return _midnight(day) + reached
    if not amount:
        return _midnight(calendar.nth_after(day, 1)) + schedule.opening
    # Whole days are skipped by counting; the last day always has 0 < rest <= its length to spend.
    whole_days, rest = divmod(amount - _TICK, schedule.length)
    target = calendar.nth_after(day, whole_days + 1)
    reached, _ = _spend_within_day(_ZERO, rest + _TICK, schedule)
    return _midnight(target) + reached


def working_time_add(
    *,
    start: datetime,
    hours: float | Decimal | timedelta | None = None,
    days: int | None = None,
) -> datetime:
    """The instant ``hours`` of working time after ``start``, or the close of the ``days``-th working
    day after ``start``'s day. Exactly one of ``hours`` (>= 0) and ``days`` (>= 1) is given."""
    if (hours is None) == (days is None):
        raise ValueError("give exactly one of hours and days")
    moment = _local(start, "start")
    schedule, calendar = day_schedule(), working_days()
    if days is not None:
        if isinstance(days, bool) or not isinstance(days, int) or days < 1:
            raise ValueError("days must be a whole number of at least 1")
        return _aware(_midnight(calendar.nth_after(moment.date(), days)) + schedule.closing)
    return _aware(_advance(moment, _duration(hours), schedule, calendar))


def _worked_on(day: date, since: timedelta, until: timedelta, schedule: DaySchedule,
               calendar: WorkingDays) -> timedelta:
    if not calendar.is_working_day(day):
        return _ZERO
    return sum((max(_ZERO, min(end, until) - max(start, since)) for start, end in schedule.periods), _ZERO)


def working_time_between(*, start: datetime, end: datetime) -> timedelta:
    """Working time elapsed from ``start`` to ``end``; zero when ``end`` is not after ``start``."""
    since, until = _local(start, "start"), _local(end, "end")
    if until <= since:
        return _ZERO
    schedule, calendar = day_schedule(), working_days()
    first, last = since.date(), until.date()
    if first == last:
        return _worked_on(first, since - _midnight(first), until - _midnight(first), schedule, calendar)
    return (_worked_on(first, since - _midnight(first), _ONE_DAY, schedule, calendar)
            + calendar.count_between(first, last) * schedule.length
            + _worked_on(last, _ZERO, until - _midnight(last), schedule, calendar))


def working_days_between(*, start: date, end: date) -> int:
    """How many working days lie after ``start``'s day, up to and including ``end``'s day (dates, or
    aware datetimes taken at their local date). So ``working_days_between(start=s,
    end=working_time_add(start=s, days=n)) == n``, and a same-day span counts 0."""
    first, last = _day(start, "start"), _day(end, "end")
    if last <= first:
        return 0
    calendar = working_days()
    return calendar.count_between(first, last) + calendar.is_working_day(last)


def is_working_day(day: date) -> bool:
    return working_days().is_working_day(_day(day, "day"))


def next_working_day(day: date) -> date:
    """The first working day strictly after ``day``."""
    return working_days().nth_after(_day(day, "day"), 1)


def working_periods(day: date) -> list[tuple[datetime, datetime]]:
    """The working periods of ``day`` as aware (start, end) instants; none on a day off."""
    day = _day(day, "day")
    if not working_days().is_working_day(day):
        return []
    midnight = _midnight(day)
    return [(_aware(midnight + start), _aware(midnight + end)) for start, end in day_schedule().periods]


def working_time_fraction_used(*, start: datetime, deadline: datetime, now: datetime) -> float:
    """Share of the working time allowed from ``start`` to ``deadline`` that has passed at ``now``:
    0.0 before work could begin, 1.0 at the deadline, above 1.0 once overdue. When no working time
    was allowed at all it is 0.0 before the deadline and 1.0 from it on."""
    used = working_time_between(start=start, end=now)
    allowed = working_time_between(start=start, end=deadline)
    if not allowed:
        return 1.0 if now >= deadline else 0.0
    return used / allowed


def working_time_at_fraction(*, start: datetime, deadline: datetime, fraction: float | Decimal) -> datetime:
    """The instant at which ``fraction`` (0..1) of the working time from ``start`` to ``deadline`` has
    passed, e.g. 0.75 for the reminder: stored once, it spares the sweep from computing fractions."""
    if not 0 <= fraction <= 1:
        raise ValueError("fraction must lie between 0 and 1")
    allowed = working_time_between(start=start, end=deadline)
    return working_time_add(start=start, hours=allowed * float(fraction))
