"""GET /api/v1/audit/events/: the domain events, with filters, in the audit page's scope."""
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from gongzhi.common.models import DomainEvent
from gongzhi.org.services import compound_create, department_create, unit_update

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def events(small_city):
    admin = small_city.actor("city_admin")
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI)):
        unit_update(actor=admin, unit=small_city.community_a1, changes={"households": 410})
    with time_machine.travel(datetime(2026, 3, 3, 23, 30, tzinfo=SHANGHAI)):
        unit_update(actor=admin, unit=small_city.community_b1, changes={"households": 310})
    with time_machine.travel(datetime(2026, 3, 4, 0, 30, tzinfo=SHANGHAI)):
        compound_create(actor=None, code="C-B1", name="南湖小区", community_code=small_city.community_b1.code)
        department_create(actor=admin, code="EDU", name="教育局")


@pytest.fixture
def auditor(small_city, api_client_for):
    return api_client_for(small_city.users["city_admin"])


def _actions(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [(row["action"], row["unit_code"]) for row in response.json()["results"]]


def test_events_carry_the_domain_event_fields_newest_first(small_city, events, auditor):
    rows = auditor.get(reverse("api:audit-events")).json()["results"]
    assert [row["action"] for row in rows] == [
        "department.create", "compound.create", "unit.update", "unit.update"]
    update = rows[-1]
    assert update["actor"] == "city.admin"
    assert update["acting_role"] == "city_admin"
    assert update["object_type"] == "org.unit"
    assert update["object_id"] == str(small_city.community_a1.pk)
    assert update["before"] == {"households": 400} and update["after"] == {"households": 410}
    assert update["occurred_at"].startswith("2026-03-02T09:00:00")
    assert rows[1]["actor"] is None and rows[1]["acting_role"] is None  # the platform itself
    assert set(update) == {"id", "occurred_at", "actor", "membership", "acting_role", "action",
                           "object_type", "object_id", "object_repr", "unit_code", "before", "after",
                           "comment", "attachments"}


@pytest.mark.parametrize("query,expected", [
    ({"action": "unit.update"}, [("unit.update", "652301002001"), ("unit.update", "652301001001")]),
    ({"object_type": "org.department"}, [("department.create", "")]),
    ({"actor": "city.admin", "action": "department.create"}, [("department.create", "")]),
    ({"actor": "street.a.dispatcher"}, []),
    ({"unit": "652301002"}, [("compound.create", "652301002001"), ("unit.update", "652301002001")]),
    ({"unit": "652301001001"}, [("unit.update", "652301001001")]),
    # Whole local days, both ends included: 23:30 on the 3rd is the 3rd, 00:30 on the 4th the 4th.
    ({"occurred_from": "2026-03-03", "occurred_to": "2026-03-03"}, [("unit.update", "652301002001")]),
    ({"occurred_from": "2026-03-04"}, [("department.create", ""), ("compound.create", "652301002001")]),
    ({"occurred_to": "2026-03-02"}, [("unit.update", "652301001001")]),
])
def test_events_filter(small_city, events, auditor, query, expected):
    assert _actions(auditor.get(reverse("api:audit-events"), query)) == expected


def test_events_filter_by_record(small_city, events, auditor):
    response = auditor.get(reverse("api:audit-events"), {"object_type": "org.unit",
                                                         "object_id": str(small_city.community_b1.pk)})
    assert _actions(response) == [("unit.update", "652301002001")]


def test_a_malformed_date_is_a_named_400(small_city, events, auditor):
    response = auditor.get(reverse("api:audit-events"), {"occurred_from": "last tuesday"})
    assert response.status_code == 400
    assert "occurred_from" in response.json()["error"]["fields"]


def test_api_writes_show_up_in_the_trail(small_city, auditor):
    response = auditor.patch(reverse("api:unit-detail", args=[small_city.street_a.code]), {"households": 7},
                             format="json")
    assert response.status_code == 200
    row, = auditor.get(reverse("api:audit-events"), {"action": "unit.update"}).json()["results"]
    assert row["object_id"] == str(small_city.street_a.pk) and row["after"] == {"households": 7}
    assert DomainEvent.objects.count() == 1
