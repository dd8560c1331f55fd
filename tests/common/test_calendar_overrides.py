"""The override table on top of the package, the fallback for years the package does not know, and
how a change to the overrides reaches this process and others."""
from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction

from gongzhi.common.calendar import (days, is_working_day, next_working_day, working_days_between,
                                     working_time_add, working_time_between)
from gongzhi.common.calendar.services import working_day_override_set
from gongzhi.common.models import WorkingCalendarRevision, WorkingDayOverride

pytestmark = pytest.mark.django_db

BEIJING = ZoneInfo("Asia/Shanghai")


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=BEIJING)


def override(day: date, is_working_day: bool, reason: str = "test") -> None:
    working_day_override_set(actor=None, day=day, is_working_day=is_working_day, reason=reason)


def test_an_override_makes_a_weekday_a_local_holiday_and_a_sunday_a_working_day():
    friday, saturday, sunday = date(2025, 6, 6), date(2025, 6, 7), date(2025, 6, 8)
    assert is_working_day(friday) and not is_working_day(sunday)
    override(friday, False, "古尔邦节")
    override(sunday, True, "调休上班")
    assert not is_working_day(friday)
    assert is_working_day(sunday)
    assert not is_working_day(saturday)
    assert next_working_day(date(2025, 6, 5)) == sunday
    # Half an hour left on Thursday; Friday and Saturday are off; the rest on Sunday morning.
    assert working_time_add(start=at(2025, 6, 5, 19, 0), hours=1) == at(2025, 6, 8, 10, 30)
    assert working_time_add(start=at(2025, 6, 5, 12, 0), days=1) == at(2025, 6, 8, 19, 30)
    assert working_time_between(start=at(2025, 6, 5, 0, 0), end=at(2025, 6, 9, 0, 0)) == timedelta(hours=16)


def test_an_override_wins_over_a_statutory_holiday():
    override(date(2025, 10, 8), True, "值班")
    assert is_working_day(date(2025, 10, 8))
    assert next_working_day(date(2025, 9, 30)) == date(2025, 10, 8)


def test_a_year_the_package_does_not_know_falls_back_to_monday_to_friday_and_warns_once(caplog, monkeypatch):
    monkeypatch.setattr(days, "_warned_years", set())
    with caplog.at_level(logging.WARNING, logger="gongzhi.common.calendar.days"):
        assert is_working_day(date(2031, 1, 1))  # a Wednesday: New Year's Day is not known for 2031
        assert not is_working_day(date(2031, 1, 4))  # a Saturday
        days.working_days_forget()
        assert is_working_day(date(2031, 1, 2))
    warnings = [record for record in caplog.records if "2031" in record.getMessage()]
    assert len(warnings) == 1
    # Friday 3 January 2031 + 1 working day: Monday 6 January.
    assert working_time_add(start=at(2031, 1, 3, 12, 0), days=1) == at(2031, 1, 6, 19, 30)


def test_a_year_the_package_does_not_know_takes_its_holidays_from_the_overrides(caplog, monkeypatch):
    monkeypatch.setattr(days, "_warned_years", set())
    override(date(2031, 1, 1), False, "元旦")
    override(date(2031, 1, 4), True, "调休上班")
    with caplog.at_level(logging.WARNING, logger="gongzhi.common.calendar.days"):
        assert not is_working_day(date(2031, 1, 1))
        assert is_working_day(date(2031, 1, 4))
        assert is_working_day(date(2031, 1, 6))
    assert not [record for record in caplog.records if "2031" in record.getMessage()]
    # Working days after Tuesday 31 December 2030: 2 Jan (1), 3 Jan (2), Saturday 4 Jan (3).
    assert working_days_between(start=date(2030, 12, 31), end=date(2031, 1, 4)) == 3


def test_a_warm_calendar_answers_without_queries(django_assert_num_queries):
    working_time_add(start=at(2025, 9, 30, 15, 0), days=7)
    with django_assert_num_queries(0):
        for hour in range(200):
            start = at(2025, 9, 1, 0, 0) + timedelta(hours=hour)
            working_time_between(start=start, end=working_time_add(start=start, hours=7.5))


def test_another_process_s_change_is_seen_after_the_refresh_interval(settings):
    day = date(2025, 6, 6)
    settings.GONGZHI_CALENDAR_REFRESH_SECONDS = 3600
    assert is_working_day(day)
    # What another process's service would have committed: the row and a raised revision. Written
    # here without the signals, so that only the shared revision can tell this process.
    WorkingDayOverride.objects.bulk_create([WorkingDayOverride(day=day, is_working_day=False, reason="x")])
    WorkingCalendarRevision.objects.update_or_create(pk=1, defaults={"number": 41})
    assert is_working_day(day), "within the interval the memory is trusted"
    settings.GONGZHI_CALENDAR_REFRESH_SECONDS = 0
    assert not is_working_day(day)


def test_a_rolled_back_change_does_not_linger_in_memory(settings):
    settings.GONGZHI_CALENDAR_REFRESH_SECONDS = 3600
    day = date(2025, 6, 6)
    with pytest.raises(RuntimeError), transaction.atomic():
        override(day, False, "never committed")
        assert not is_working_day(day)
        raise RuntimeError
    assert is_working_day(day)


def test_a_committed_change_is_seen_at_once_and_then_memory_is_trusted_again(
        settings, django_capture_on_commit_callbacks, django_assert_num_queries):
    settings.GONGZHI_CALENDAR_REFRESH_SECONDS = 3600
    day = date(2025, 6, 6)
    assert is_working_day(day)
    with django_capture_on_commit_callbacks(execute=True):
        override(day, False, "committed")
    assert not is_working_day(day)
    with django_assert_num_queries(0):
        assert not is_working_day(day)
