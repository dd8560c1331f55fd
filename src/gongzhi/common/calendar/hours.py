"""Working hours: the periods of a working day, read from ``settings.GONGZHI_WORKING_HOURS``.

The setting is either a string ``"10:00-14:00,15:30-19:30"`` (so that it can come from the
environment) or a sequence of pairs ``[("10:00", "14:00"), ("15:30", "19:30")]``. Periods are on the
wall clock of ``settings.TIME_ZONE``, in order, not overlapping, within one day (``24:00`` may close
the last one). A bad value raises ``ImproperlyConfigured`` naming the setting.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

SETTING = "GONGZHI_WORKING_HOURS"
_CLOCK = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class DaySchedule:
    """The working periods of every working day, as offsets from midnight, and their total."""

    periods: tuple[tuple[timedelta, timedelta], ...]
    length: timedelta

    @property
    def opening(self) -> timedelta:
        return self.periods[0][0]

    @property
    def closing(self) -> timedelta:
        return self.periods[-1][1]


def _offset(text: str) -> timedelta:
    match = _CLOCK.match(text)
    if match is None:
        raise ImproperlyConfigured(f"{SETTING}: {text!r} is not a time of day (HH:MM)")
    hours, minutes = int(match[1]), int(match[2])
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        raise ImproperlyConfigured(f"{SETTING}: {text!r} is not a time of day (HH:MM)")
    return timedelta(hours=hours, minutes=minutes)


def _pairs(value: str | Sequence[Sequence[str]]) -> list[tuple[str, str]]:
    if isinstance(value, str):
        pairs = []
        for chunk in filter(None, (part.strip() for part in value.split(","))):
            start, separator, end = chunk.partition("-")
            if not separator:
                raise ImproperlyConfigured(f"{SETTING}: {chunk!r} is not a period (HH:MM-HH:MM)")
            pairs.append((start, end))
        return pairs
    try:
        return [(str(start), str(end)) for start, end in value]
    except (TypeError, ValueError):
        raise ImproperlyConfigured(f"{SETTING} must be a string or a list of (start, end) pairs") from None


def day_schedule_parse(value: str | Sequence[Sequence[str]]) -> DaySchedule:
    periods = tuple((_offset(start), _offset(end)) for start, end in _pairs(value))
    if not periods:
        raise ImproperlyConfigured(f"{SETTING} names no working period")
    previous_end = timedelta(0)
    for start, end in periods:
        if not start < end:
            raise ImproperlyConfigured(f"{SETTING}: every period must end after it starts")
        if start < previous_end:
            raise ImproperlyConfigured(f"{SETTING}: periods must be in order and must not overlap")
        if end > _ONE_DAY:
            raise ImproperlyConfigured(f"{SETTING}: a period must end by 24:00")
        previous_end = end
    return DaySchedule(periods=periods, length=sum((end - start for start, end in periods), timedelta(0)))


_parsed: tuple[object, DaySchedule] | None = None


def day_schedule() -> DaySchedule:
    """The configured schedule, parsed once per value of the setting (tests may change it)."""
    global _parsed
    value = getattr(settings, SETTING)
    if _parsed is None or _parsed[0] != value:
        _parsed = (value, day_schedule_parse(value))
    return _parsed[1]
