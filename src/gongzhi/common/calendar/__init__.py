"""Working time: the calendar that deadlines in working hours and working days are counted in.

**Working days** are those of the `chinese-calendar` package (weekdays, minus the statutory holidays,
plus the weekends the State Council adjusts into working days), with the ``WorkingDayOverride`` table
on top: an override always wins. A year the package does not know falls back to Monday–Friday plus
its overrides, and logs a warning once per process when it has no override at all.

**Working hours** are the periods of ``settings.GONGZHI_WORKING_HOURS`` (default 10:00–14:00 and
15:30–19:30 Beijing time, 8 hours) on every working day, on the wall clock of ``settings.TIME_ZONE``.
Periods are closed at both ends here: 14:00 is still "in working time" as the end of the morning.

**Definitions** (``docs/working-time.md`` says the same with examples):

- ``working_time_add(start=s, hours=h)`` with h > 0 is the earliest instant t such that the working
  time between s and t equals h. So a start outside working time first moves to the next period's
  start, and an amount that fills a period exactly ends at that period's end (19:30, not 10:00 the
  next day). With h = 0 it is s itself when s lies within a period, else the next period's start.
- ``working_time_add(start=s, days=n)`` (n >= 1) is the close of the last period of the n-th working
  day after s's date, whatever the time of s and whether s's date is a working day: an order
  reported at any time on day D with "7 working days" is due at the close of the 7th working day
  after D.
- ``working_time_between(start=s, end=e)`` is the length of working time in [s, e]; 0 if e <= s.
- ``working_days_between(start=s, end=e)`` counts the working days after s's date up to and
  including e's date, so that it gives back n for ``working_time_add(start=s, days=n)``.
- ``working_time_fraction_used(start=s, deadline=d, now=t)`` is between(s, t) / between(s, d), and
  ``working_time_at_fraction(start=s, deadline=d, fraction=f)`` the instant at which it reaches f.

All instants in and out are aware datetimes (results are in ``settings.TIME_ZONE``); a naive one is
refused with ``ValueError``, as are negative amounts.
"""
from gongzhi.common.calendar.arithmetic import (
    is_working_day,
    next_working_day,
    working_days_between,
    working_periods,
    working_time_add,
    working_time_at_fraction,
    working_time_between,
    working_time_fraction_used,
)

__all__ = [
    "is_working_day",
    "next_working_day",
    "working_days_between",
    "working_periods",
    "working_time_add",
    "working_time_at_fraction",
    "working_time_between",
    "working_time_fraction_used",
]
