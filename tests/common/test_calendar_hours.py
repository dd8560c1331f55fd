"""The working-hours setting, and what the arithmetic refuses."""
from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured

from gongzhi.common.calendar import working_time_add, working_time_at_fraction, working_time_between
from gongzhi.common.calendar.hours import day_schedule_parse

pytestmark = pytest.mark.django_db

BEIJING = ZoneInfo("Asia/Shanghai")
MONDAY_NOON = datetime(2025, 10, 13, 12, 0, tzinfo=BEIJING)


def test_the_default_is_ten_to_two_and_half_past_three_to_half_past_seven():
    schedule = day_schedule_parse("10:00-14:00,15:30-19:30")
    assert schedule.periods == ((timedelta(hours=10), timedelta(hours=14)),
                                (timedelta(hours=15, minutes=30), timedelta(hours=19, minutes=30)))
    assert schedule.length == timedelta(hours=8)


def test_pairs_and_a_closing_at_midnight_are_accepted():
    schedule = day_schedule_parse([("9:30", "13:30"), ("15:30", "24:00")])
    assert schedule.length == timedelta(hours=12, minutes=30)


@pytest.mark.parametrize("value", [
    "", "10:00", "10:00-", "25:00-26:00", "10:60-11:00", "24:30-24:45", "14:00-10:00", "10:00-10:00",
    "15:30-19:30,10:00-14:00", "10:00-14:00,13:00-15:00", "ten-two", 42, [("10:00",)],
])
def test_a_bad_setting_is_refused_naming_it(value):
    with pytest.raises(ImproperlyConfigured, match="GONGZHI_WORKING_HOURS"):
        day_schedule_parse(value)


def test_other_working_hours_come_from_the_setting(settings):
    settings.GONGZHI_WORKING_HOURS = "09:00-17:00"
    assert working_time_add(start=MONDAY_NOON, hours=6) == datetime(2025, 10, 14, 10, 0, tzinfo=BEIJING)
    assert working_time_add(start=MONDAY_NOON, days=1) == datetime(2025, 10, 14, 17, 0, tzinfo=BEIJING)
    settings.GONGZHI_WORKING_HOURS = "10:00-14:00,15:30-19:30"
    assert working_time_add(start=MONDAY_NOON, hours=6) == datetime(2025, 10, 13, 19, 30, tzinfo=BEIJING)


@pytest.mark.parametrize("hours", [2, 2.0, Decimal("2"), timedelta(hours=2)])
def test_hours_may_be_a_number_or_a_timedelta(hours):
    assert working_time_add(start=MONDAY_NOON, hours=hours) == datetime(2025, 10, 13, 14, 0, tzinfo=BEIJING)


def test_fractions_of_hours_are_kept_to_the_microsecond():
    assert working_time_add(start=MONDAY_NOON, hours=Decimal("0.0001")) == MONDAY_NOON + timedelta(
        microseconds=360_000)


@pytest.mark.parametrize("arguments", [
    {"start": datetime(2025, 10, 13, 12, 0), "hours": 1},
    {"start": MONDAY_NOON},
    {"start": MONDAY_NOON, "hours": 1, "days": 1},
    {"start": MONDAY_NOON, "hours": -1},
    {"start": MONDAY_NOON, "hours": float("nan")},
    {"start": MONDAY_NOON, "hours": Decimal("Infinity")},
    {"start": MONDAY_NOON, "hours": True},
    {"start": MONDAY_NOON, "hours": "1"},
    {"start": MONDAY_NOON, "days": 0},
    {"start": MONDAY_NOON, "days": 1.5},
    {"start": MONDAY_NOON, "days": True},
])
def test_working_time_add_refuses_what_it_cannot_mean(arguments):
    with pytest.raises(ValueError):
        working_time_add(**arguments)


def test_between_refuses_naive_instants_and_fractions_outside_zero_to_one():
    with pytest.raises(ValueError):
        working_time_between(start=MONDAY_NOON, end=datetime(2025, 10, 14, 12, 0))
    with pytest.raises(ValueError):
        working_time_at_fraction(start=MONDAY_NOON, deadline=MONDAY_NOON + timedelta(days=1), fraction=1.5)
