"""Who may set and remove working-day overrides: city administrators only (``catalogue.manage``)."""
from __future__ import annotations

from datetime import date

import pytest

from gongzhi.common.calendar.services import working_day_override_remove, working_day_override_set
from gongzhi.common.exceptions import ActionNotPermitted
from gongzhi.common.models import WorkingDayOverride

DAY = date(2025, 6, 6)
REFUSED = ["city_leader", "street_a_dispatcher", "street_a_leader", "community_a1_worker", "grid_a1_worker",
           "housing_handler", "housing_leader", "urban_liaison", "nobody"]


def test_a_city_admin_sets_and_removes_an_override(small_city):
    actor = small_city.actor("city_admin")
    working_day_override_set(actor=actor, day=DAY, is_working_day=False, reason="古尔邦节")
    assert WorkingDayOverride.objects.get(day=DAY).is_working_day is False
    working_day_override_remove(actor=actor, day=DAY)
    assert not WorkingDayOverride.objects.filter(day=DAY).exists()


# One city for all roles: building it hashes a password per user, which is slow.
def test_other_roles_may_neither_set_nor_remove_an_override(small_city):
    working_day_override_set(actor=None, day=DAY, is_working_day=False, reason="古尔邦节")
    allowed = []
    for key in REFUSED:
        actor = small_city.actor(key)
        for attempt in (
            lambda: working_day_override_set(actor=actor, day=date(2025, 6, 9), is_working_day=False, reason="x"),
            lambda: working_day_override_set(actor=actor, day=DAY, is_working_day=True, reason="x"),
            lambda: working_day_override_remove(actor=actor, day=DAY),
        ):
            try:
                attempt()
            except ActionNotPermitted:
                continue
            allowed.append(key)
    assert allowed == []
    assert list(WorkingDayOverride.objects.values_list("day", "is_working_day")) == [(DAY, False)]
