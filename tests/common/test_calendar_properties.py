"""Invariants of working-time arithmetic, checked on generated instants and amounts.

Instants run from 2024 (known to the package) into 2027 (not known: Monday–Friday), and half of them
sit exactly on a period's start or end or at midnight, where off-by-one mistakes live."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gongzhi.common.calendar import (working_days_between, working_periods, working_time_add,
                                     working_time_at_fraction, working_time_between, working_time_fraction_used)

pytestmark = pytest.mark.django_db

BEIJING = ZoneInfo("Asia/Shanghai")
TICK = timedelta(microseconds=1)
DAY_LENGTH = timedelta(hours=8)

anywhere = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 6, 30), timezones=st.just(BEIJING))
on_an_edge = st.builds(
    lambda day, clock: datetime.combine(day, clock, tzinfo=BEIJING),
    st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 6, 30)),
    st.sampled_from([time(0, 0), time(10, 0), time(14, 0), time(15, 30), time(19, 30), time(23, 59, 59, 999999)]),
)
instants = st.one_of(anywhere, on_an_edge)
amounts = st.one_of(
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=400)),
    st.integers(min_value=0, max_value=100).map(lambda quarters: timedelta(minutes=15 * quarters)),
)
examples = settings(max_examples=150, deadline=None)


def in_working_time(moment: datetime) -> bool:
    return any(start <= moment <= end for start, end in working_periods(moment.date()))


@examples
@given(instants, instants, amounts)
def test_a_later_start_never_gives_an_earlier_result(first, second, amount):
    earlier, later = sorted([first, second])
    assert working_time_add(start=earlier, hours=amount) <= working_time_add(start=later, hours=amount)


@examples
@given(instants, amounts, amounts)
def test_a_larger_amount_never_gives_an_earlier_result(start, first, second):
    smaller, larger = sorted([first, second])
    assert working_time_add(start=start, hours=smaller) <= working_time_add(start=start, hours=larger)


@examples
@given(instants, amounts)
def test_between_gives_back_what_add_added(start, amount):
    assert working_time_between(start=start, end=working_time_add(start=start, hours=amount)) == amount


@examples
@given(instants, amounts)
def test_add_ends_at_the_earliest_instant_with_that_much_working_time(start, amount):
    result = working_time_add(start=start, hours=amount)
    if amount:
        assert working_time_between(start=start, end=result - TICK) < amount


@examples
@given(instants, amounts, amounts)
# The first step ends exactly at the close of the morning, and the second adds nothing.
@example(datetime(2025, 10, 13, 10, 0, tzinfo=BEIJING), timedelta(hours=4), timedelta(0))
def test_adding_in_two_steps_equals_adding_the_sum(start, first, second):
    in_two_steps = working_time_add(start=working_time_add(start=start, hours=first), hours=second)
    assert in_two_steps == working_time_add(start=start, hours=first + second)


@examples
@given(instants, amounts)
def test_results_lie_in_working_time_in_beijing(start, amount):
    result = working_time_add(start=start, hours=amount)
    assert in_working_time(result)
    assert result.tzinfo == BEIJING
    assert result >= start


@examples
@given(instants, instants)
def test_between_is_never_negative_nor_more_than_the_wall_time(first, second):
    elapsed = working_time_between(start=first, end=second)
    assert timedelta(0) <= elapsed <= max(second - first, timedelta(0))
    assert elapsed <= (abs(second - first).days + 1) * DAY_LENGTH


@examples
@given(instants, instants, instants)
def test_between_adds_up_over_consecutive_spans(first, second, third):
    a, b, c = sorted([first, second, third])
    assert working_time_between(start=a, end=c) == working_time_between(start=a, end=b) + working_time_between(
        start=b, end=c)


@examples
@given(instants, st.integers(min_value=1, max_value=40))
def test_working_days_end_at_the_close_of_the_nth_working_day_after_the_start_day(start, days):
    due = working_time_add(start=start, days=days)
    last_period_end = working_periods(due.date())[-1][1]
    assert due == last_period_end
    assert due.date() > start.date()
    assert working_days_between(start=start, end=due) == days
    # All of those n days' working time is allowed, plus what is left of the start day.
    assert days * DAY_LENGTH <= working_time_between(start=start, end=due) <= (days + 1) * DAY_LENGTH


@examples
@given(instants, st.integers(min_value=1, max_value=20), st.integers(min_value=1, max_value=20))
def test_working_days_add_up(start, first, second):
    in_two_steps = working_time_add(start=working_time_add(start=start, days=first), days=second)
    assert in_two_steps == working_time_add(start=start, days=first + second)


@examples
@given(instants, st.integers(min_value=1, max_value=400).map(lambda quarters: timedelta(minutes=15 * quarters)),
       st.sampled_from([0.0, 0.25, 0.5, 0.75, Decimal("0.75"), 1.0]))
def test_the_instant_at_a_fraction_uses_that_fraction_of_the_allowed_time(start, allowed, fraction):
    deadline = working_time_add(start=start, hours=allowed)
    reminder = working_time_at_fraction(start=start, deadline=deadline, fraction=fraction)
    assert start <= reminder <= deadline
    used = working_time_fraction_used(start=start, deadline=deadline, now=reminder)
    assert used == pytest.approx(float(fraction), abs=1e-9)
