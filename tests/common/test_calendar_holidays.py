"""Named cases of the working calendar across the statutory holidays, as the `chinese-calendar`
package lists them, with the default hours 10:00–14:00 and 15:30–19:30 (8 hours a day)."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from gongzhi.common.calendar import (is_working_day, next_working_day, working_days_between, working_periods,
                                     working_time_add, working_time_at_fraction, working_time_between,
                                     working_time_fraction_used)

pytestmark = pytest.mark.django_db

BEIJING = ZoneInfo("Asia/Shanghai")


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=BEIJING)


# Spring Festival 2025: off from Tuesday 28 January to Tuesday 4 February; Sunday 26 January and
# Saturday 8 February are adjusted working days.
SPRING_FESTIVAL_2025_OFF = [date(2025, 1, 28) + timedelta(days=n) for n in range(8)]


def test_spring_festival_2025_days_off_and_adjusted_working_days():
    assert [is_working_day(day) for day in SPRING_FESTIVAL_2025_OFF] == [False] * 8
    assert is_working_day(date(2025, 1, 26))  # a Sunday
    assert is_working_day(date(2025, 2, 8))  # a Saturday
    assert is_working_day(date(2025, 1, 27)) and is_working_day(date(2025, 2, 5))
    assert not is_working_day(date(2025, 2, 9))  # the Sunday after stays a Sunday


def test_working_days_across_spring_festival():
    # Reported on Monday 27 January (the last working day before the festival), late in the day.
    # Working days after it: 5 Feb (1), 6 Feb (2), 7 Feb (3), Saturday 8 Feb (4), Monday 10 Feb (5).
    reported = at(2025, 1, 27, 19, 0)
    assert working_time_add(start=reported, days=3) == at(2025, 2, 7, 19, 30)
    assert working_time_add(start=reported, days=4) == at(2025, 2, 8, 19, 30)
    assert working_time_add(start=reported, days=5) == at(2025, 2, 10, 19, 30)
    assert working_days_between(start=reported, end=at(2025, 2, 10, 9, 0)) == 5


def test_working_hours_across_spring_festival():
    # 18:00–19:30 on 27 January is 1.5 h; the other 2.5 h are 10:00–12:30 on 5 February.
    assert working_time_add(start=at(2025, 1, 27, 18, 0), hours=4) == at(2025, 2, 5, 12, 30)
    # Friday 24 January, Sunday 26 (adjusted) and Monday 27: three full days; 5 February at 10:00 adds 0.
    assert working_time_between(start=at(2025, 1, 24, 10, 0), end=at(2025, 2, 5, 10, 0)) == timedelta(hours=24)


def test_national_day_2025_days_off_and_adjusted_working_days():
    assert not any(is_working_day(date(2025, 10, day)) for day in range(1, 9))
    assert is_working_day(date(2025, 9, 28))  # a Sunday
    assert is_working_day(date(2025, 10, 11))  # a Saturday
    assert next_working_day(date(2025, 9, 30)) == date(2025, 10, 9)


def test_an_order_created_the_working_day_before_national_day_is_due_after_the_holiday():
    # Created Tuesday 30 September 2025 at 15:00 with 7 working days. 1–8 October are off, so the
    # working days after 30 September are: Thu 9 Oct (1), Fri 10 (2), Sat 11, adjusted (3),
    # Mon 13 (4), Tue 14 (5), Wed 15 (6), Thu 16 (7): due at the close of 16 October.
    created = at(2025, 9, 30, 15, 0)
    due = working_time_add(start=created, days=7)
    assert due == at(2025, 10, 16, 19, 30)
    assert due > at(2025, 10, 8, 23, 59)
    # The same order in working hours: 18:00–19:30 on 30 September, then 4 h in the morning of
    # 9 October and 2.5 h after 15:30: 18:00 on 9 October.
    assert working_time_add(start=at(2025, 9, 30, 18, 0), hours=8) == at(2025, 10, 9, 18, 0)


def test_an_adjusted_working_saturday_counts_as_a_working_day():
    saturday = date(2025, 10, 11)
    assert working_periods(saturday) == [(at(2025, 10, 11, 10, 0), at(2025, 10, 11, 14, 0)),
                                         (at(2025, 10, 11, 15, 30), at(2025, 10, 11, 19, 30))]
    assert next_working_day(date(2025, 10, 10)) == saturday
    # Half an hour left on Friday 10 October, the other half hour on the Saturday morning.
    assert working_time_add(start=at(2025, 10, 10, 19, 0), hours=1) == at(2025, 10, 11, 10, 30)
    assert working_time_between(start=at(2025, 10, 10, 0, 0), end=at(2025, 10, 13, 0, 0)) == timedelta(hours=16)


def test_an_ordinary_weekend_has_no_working_periods():
    assert working_periods(date(2025, 10, 12)) == []
    assert working_time_between(start=at(2025, 10, 18, 0, 0), end=at(2025, 10, 20, 0, 0)) == timedelta(0)


def test_a_start_outside_working_time_moves_to_the_next_period():
    # Before opening, in the midday break, after closing, and on a day off.
    assert working_time_add(start=at(2025, 10, 13, 7, 0), hours=1) == at(2025, 10, 13, 11, 0)
    assert working_time_add(start=at(2025, 10, 13, 14, 30), hours=1) == at(2025, 10, 13, 16, 30)
    assert working_time_add(start=at(2025, 10, 13, 21, 0), hours=1) == at(2025, 10, 14, 11, 0)
    assert working_time_add(start=at(2025, 10, 4, 12, 0), hours=0) == at(2025, 10, 9, 10, 0)


def test_zero_hours_stay_put_inside_a_period_and_at_its_end():
    assert working_time_add(start=at(2025, 10, 13, 11, 7), hours=0) == at(2025, 10, 13, 11, 7)
    assert working_time_add(start=at(2025, 10, 13, 14, 0), hours=0) == at(2025, 10, 13, 14, 0)
    assert working_time_add(start=at(2025, 10, 13, 19, 30), hours=0) == at(2025, 10, 13, 19, 30)
    assert working_time_add(start=at(2025, 10, 13, 19, 31), hours=0) == at(2025, 10, 14, 10, 0)


def test_an_amount_that_fills_the_day_ends_at_its_close_not_at_the_next_opening():
    assert working_time_add(start=at(2025, 10, 13, 10, 0), hours=8) == at(2025, 10, 13, 19, 30)
    assert working_time_add(start=at(2025, 10, 13, 10, 0), hours=4) == at(2025, 10, 13, 14, 0)


def test_instants_in_another_time_zone_are_read_on_beijing_time():
    # 02:00 UTC is 10:00 in Beijing.
    start = datetime(2025, 10, 13, 2, 0, tzinfo=ZoneInfo("UTC"))
    result = working_time_add(start=start, hours=1)
    assert result == at(2025, 10, 13, 11, 0)
    assert result.tzinfo == BEIJING


def test_the_share_of_allowed_working_time_used_and_the_reminder_instant():
    start, deadline = at(2025, 10, 13, 10, 0), at(2025, 10, 13, 19, 30)  # 8 working hours allowed
    assert working_time_fraction_used(start=start, deadline=deadline, now=at(2025, 10, 13, 9, 0)) == 0.0
    assert working_time_fraction_used(start=start, deadline=deadline, now=at(2025, 10, 13, 16, 30)) == 0.625
    # Overdue: 8 hours on Monday and 2 on Tuesday morning.
    assert working_time_fraction_used(start=start, deadline=deadline, now=at(2025, 10, 14, 12, 0)) == 1.25
    # 6 of the 8 hours: 4 in the morning, 2 from 15:30.
    assert working_time_at_fraction(start=start, deadline=deadline, fraction=0.75) == at(2025, 10, 13, 17, 30)
    # Nothing allowed: not used up before the deadline, used up from it on.
    noon = at(2025, 10, 13, 12, 0)
    assert working_time_fraction_used(start=noon, deadline=noon, now=at(2025, 10, 13, 11, 0)) == 0.0
    assert working_time_fraction_used(start=noon, deadline=noon, now=noon) == 1.0
