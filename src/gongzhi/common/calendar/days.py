"""Which days are working days: the `chinese-calendar` package, then the override table on top.

For each year the working days are computed once per process and kept in memory as a sorted list
of ordinals, so that "is this a working day", "the Nth working day after" and "how many working days
between" cost a set lookup or a bisection. Several processes (web servers, huey workers) share the
override table, so each process compares ``WorkingCalendarRevision.number`` with the number it loaded
at, at most every ``GONGZHI_CALENDAR_REFRESH_SECONDS``, and starts over when it differs. A change made
in this process is seen at once (the signal handlers in ``invalidation`` drop the memory).

A year the package does not know (it ships the years announced before its release) and for which
no override exists falls back to Monday–Friday, with one warning per process and year in the log:
enter that year's holidays and adjusted working weekends as overrides once the State Council
announces them (usually in November of the year before).
"""
from __future__ import annotations

import logging
import time
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta

import chinese_calendar
from django.conf import settings

logger = logging.getLogger(__name__)

_PACKAGE_YEARS = frozenset(day.year for day in chinese_calendar.holidays)
# A calendar in which no working day follows for this many years is a mistake in the overrides.
_SEARCH_YEARS_LIMIT = 50


def _package_working_days(year: int) -> list[date]:
    days = (date(year, 1, 1) + timedelta(days=offset) for offset in range(366))
    return [day for day in days if day.year == year and chinese_calendar.is_workday(day)]


def _weekday_working_days(year: int) -> list[date]:
    days = (date(year, 1, 1) + timedelta(days=offset) for offset in range(366))
    return [day for day in days if day.year == year and day.weekday() < 5]


@dataclass
class WorkingDays:
    """One consistent view of the working days: years are filled in as they are asked for."""

    revision: int | None
    checked_at: float
    years: dict[int, tuple[list[int], frozenset[int]]] = field(default_factory=dict)

    def _year(self, year: int) -> tuple[list[int], frozenset[int]]:
        table = self.years.get(year)
        if table is None:
            table = self.years[year] = _year_table(year)
        return table

    def is_working_day(self, day: date) -> bool:
        return day.toordinal() in self._year(day.year)[1]

    def nth_after(self, day: date, count: int) -> date:
        """The ``count``-th working day strictly after ``day`` (count >= 1)."""
        year, ordinal, remaining = day.year, day.toordinal(), count
        for _ in range(_SEARCH_YEARS_LIMIT):
            ordinals = self._year(year)[0]
            position = bisect_right(ordinals, ordinal)
            if position + remaining <= len(ordinals):
                return date.fromordinal(ordinals[position + remaining - 1])
            remaining -= len(ordinals) - position
            year += 1
        raise ValueError(f"{count} working days after {day} lie beyond {_SEARCH_YEARS_LIMIT} years: "
                         "check the amount and the overrides")

    def count_between(self, first: date, last: date) -> int:
        """How many working days d satisfy first < d < last."""
        if last.toordinal() - first.toordinal() < 2:
            return 0
        total = 0
        for year in range(first.year, last.year + 1):
            ordinals = self._year(year)[0]
            total += bisect_left(ordinals, last.toordinal()) - bisect_right(ordinals, first.toordinal())
        return total


def _year_table(year: int) -> tuple[list[int], frozenset[int]]:
    from gongzhi.common.models import WorkingDayOverride

    overrides = dict(
        WorkingDayOverride.objects.filter(day__gte=date(year, 1, 1), day__lte=date(year, 12, 31))
        .values_list("day", "is_working_day")
    )
    if year in _PACKAGE_YEARS:
        base = _package_working_days(year)
    else:
        base = _weekday_working_days(year)
        if not overrides:
            _warn_unknown_year(year)
    working = {day.toordinal() for day in base}
    for day, is_working in overrides.items():
        (working.add if is_working else working.discard)(day.toordinal())
    return sorted(working), frozenset(working)


_warned_years: set[int] = set()


def _warn_unknown_year(year: int) -> None:
    if year not in _warned_years:
        _warned_years.add(year)
        logger.warning(
            "The chinese-calendar package knows no holidays for %s and no working-day override exists "
            "for it: counting Monday to Friday as working days. Enter that year's holidays and adjusted "
            "working days as overrides, or upgrade chinesecalendar.", year,
        )


def _stored_revision() -> int:
    from gongzhi.common.models import WorkingCalendarRevision

    return WorkingCalendarRevision.objects.filter(pk=1).values_list("number", flat=True).first() or 0


_current: WorkingDays | None = None
# The revision this process has just written in a transaction that has not committed yet. Until it
# commits (``working_days_confirm``) or another number shows up (it was rolled back), this process
# reads the revision on every call, so that a rolled-back change never lingers in its memory.
_unconfirmed_revision: int | None = None


def working_days() -> WorkingDays:
    """The view to answer one question with; checks the shared revision now and then."""
    global _current, _unconfirmed_revision
    now = time.monotonic()
    view = _current
    if (view is not None and _unconfirmed_revision is None
            and now - view.checked_at < settings.GONGZHI_CALENDAR_REFRESH_SECONDS):
        return view
    # The revision is read before any year is loaded: data read afterwards is at least that fresh.
    revision = _stored_revision()
    if revision != _unconfirmed_revision:
        _unconfirmed_revision = None
    if view is None or view.revision != revision:
        view = WorkingDays(revision=revision, checked_at=now)
    else:
        view.checked_at = now
    _current = view
    return view


def working_days_forget(*, unconfirmed_revision: int | None = None) -> None:
    """Drop this process's memory of the working days (after a change to the overrides), noting the
    revision written if the change is still inside a transaction."""
    global _current, _unconfirmed_revision
    _current = None
    _unconfirmed_revision = unconfirmed_revision


def working_days_confirm(revision: int) -> None:
    """The transaction that wrote ``revision`` has committed: start from the committed state, and
    checking now and then is enough again."""
    global _current, _unconfirmed_revision
    _current = None
    if _unconfirmed_revision == revision:
        _unconfirmed_revision = None
