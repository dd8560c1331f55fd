"""Setting and removing overrides: bad input names its field and writes nothing; every change is a
domain event with the day before and after."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError

from gongzhi.common.calendar.services import working_day_override_remove, working_day_override_set
from gongzhi.common.events import events_for_object
from gongzhi.common.exceptions import RecordNotFound
from gongzhi.common.models import DomainEvent, WorkingDayOverride

pytestmark = pytest.mark.django_db

DAY = date(2025, 6, 6)


@pytest.mark.parametrize(("changes", "field"), [
    ({"day": "2025-06-06"}, "day"),
    ({"day": None}, "day"),
    ({"day": datetime(2025, 6, 6, 12, 0)}, "day"),
    ({"is_working_day": "no"}, "is_working_day"),
    ({"is_working_day": None}, "is_working_day"),
    ({"reason": ""}, "reason"),
    ({"reason": "   "}, "reason"),
    ({"reason": None}, "reason"),
    ({"reason": "节" * 101}, "reason"),
])
def test_bad_input_names_the_field_and_writes_nothing(changes, field):
    arguments = {"day": DAY, "is_working_day": False, "reason": "古尔邦节", **changes}
    with pytest.raises(ValidationError) as raised:
        working_day_override_set(actor=None, **arguments)
    assert set(raised.value.message_dict) == {field}
    assert not WorkingDayOverride.objects.exists()
    assert not DomainEvent.objects.exists()


def test_setting_records_an_event_and_setting_again_changes_the_same_row():
    first = working_day_override_set(actor=None, day=DAY, is_working_day=False, reason=" 古尔邦节 ")
    assert first.reason == "古尔邦节"
    second = working_day_override_set(actor=None, day=DAY, is_working_day=True, reason="改为上班")
    assert second.pk == first.pk
    events = list(events_for_object(second))
    assert [event.action for event in events] == ["calendar.override_set", "calendar.override_set"]
    assert events[0].before is None
    assert events[1].before == {"day": "2025-06-06", "is_working_day": False, "reason": "古尔邦节"}
    assert events[1].after == {"day": "2025-06-06", "is_working_day": True, "reason": "改为上班"}


def test_removing_records_an_event_and_a_missing_day_is_not_found():
    override = working_day_override_set(actor=None, day=DAY, is_working_day=False, reason="古尔邦节")
    working_day_override_remove(actor=None, day=DAY)
    assert not WorkingDayOverride.objects.exists()
    removal = DomainEvent.objects.get(action="calendar.override_remove")
    assert removal.object_id == str(override.pk)
    assert removal.before["reason"] == "古尔邦节"
    with pytest.raises(RecordNotFound):
        working_day_override_remove(actor=None, day=DAY)
    with pytest.raises(ValidationError):
        working_day_override_remove(actor=None, day="2025-06-06")
