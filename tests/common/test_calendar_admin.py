"""The overrides' admin goes through the services: checked, audited, and seen by the calendar."""
from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

import gongzhi.common.admin_calendar  # noqa: F401  (registers the admin, as common/admin.py will)
from gongzhi.common.calendar import is_working_day
from gongzhi.common.models import DomainEvent, WorkingDayOverride
from tests.conftest import PASSWORD

DAY = date(2025, 6, 6)


@pytest.fixture
def superuser_client(client, django_user_model):
    django_user_model.objects.create_superuser(username="root", password=PASSWORD)
    client.login(username="root", password=PASSWORD)
    return client


def test_adding_changing_and_deleting_an_override_in_the_admin(superuser_client):
    response = superuser_client.post(reverse("admin:common_workingdayoverride_add"),
                                     {"day": "2025-06-06", "is_working_day": "", "reason": "古尔邦节"})
    assert response.status_code == 302, response.content.decode()[:2000]
    override = WorkingDayOverride.objects.get(day=DAY)
    assert not is_working_day(DAY)

    response = superuser_client.post(reverse("admin:common_workingdayoverride_change", args=[override.pk]),
                                     {"is_working_day": "on", "reason": "照常上班"})
    assert response.status_code == 302
    assert WorkingDayOverride.objects.get(day=DAY).reason == "照常上班"
    assert is_working_day(DAY)

    response = superuser_client.post(reverse("admin:common_workingdayoverride_delete", args=[override.pk]),
                                     {"post": "yes"})
    assert response.status_code == 302
    assert not WorkingDayOverride.objects.exists()
    assert list(DomainEvent.objects.order_by("id").values_list("action", flat=True)) == [
        "calendar.override_set", "calendar.override_set", "calendar.override_remove"]


def test_the_list_shows_the_weekday(superuser_client):
    WorkingDayOverride.objects.create(day=DAY, is_working_day=False, reason="古尔邦节")
    response = superuser_client.get(reverse("admin:common_workingdayoverride_changelist"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "古尔邦节" in page and "星期五" in page  # Friday, in the default language


def test_staff_without_the_city_admin_role_cannot_reach_the_overrides(small_city, client):
    dispatcher = small_city.users["street_a_dispatcher"]
    dispatcher.is_staff = True
    dispatcher.save()
    client.force_login(dispatcher)
    assert client.get(reverse("admin:common_workingdayoverride_changelist")).status_code == 403
    response = client.post(reverse("admin:common_workingdayoverride_add"),
                           {"day": "2025-06-06", "is_working_day": "", "reason": "x"})
    assert response.status_code == 403
    assert not WorkingDayOverride.objects.exists()
