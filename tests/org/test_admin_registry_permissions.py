"""Who may use the organisation admin: staff acting in a city-wide role whose permissions allow it.
City administrators edit; city leaders look (read-only); unit and department staff are refused
even when marked as admin staff, since the admin lists the whole city."""
from __future__ import annotations

import pytest
from django.urls import reverse

from tests.org.registry_helpers import SMALL_CITY_USERS, as_admin_staff, database_state

USERS = SMALL_CITY_USERS
# (may view the registry, may edit it, may view memberships, may view domain events)
EXPECTED = {"city_admin": (True, True, True, True), "city_leader": (True, False, True, False)}


@pytest.fixture
def staff_client(client, small_city):
    return lambda key: as_admin_staff(client, small_city.users[key])


@pytest.mark.parametrize("user", USERS)
def test_admin_registry_permissions(small_city, staff_client, user):
    client = staff_client(user)
    may_view, may_edit, may_view_memberships, may_view_events = EXPECTED.get(user, (False,) * 4)

    def status(url_name, *args):
        return client.get(reverse(url_name, args=args)).status_code

    assert status("admin:org_unit_changelist") == (200 if may_view else 403)
    assert status("admin:org_unit_change", small_city.street_b.pk) == (200 if may_view else 403)
    assert status("admin:org_unit_add") == (200 if may_edit else 403)
    assert status("admin:org_membership_changelist") == (200 if may_view_memberships else 403)
    assert status("admin:common_domainevent_changelist") == (200 if may_view_events else 403)

    before = database_state()
    response = client.post(reverse("admin:org_unit_change", args=[small_city.street_b.pk]), {
        "name": "改名", "households": "1", "address": "", "phone": "", "boundary": "", "is_active": "on"})
    if may_edit:
        assert response.status_code == 302
    else:
        assert response.status_code == 403
        assert database_state() == before


def test_people_who_are_not_admin_staff_are_sent_to_the_admin_login(small_city, client):
    client.force_login(small_city.users["city_admin"])
    response = client.get(reverse("admin:org_unit_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
