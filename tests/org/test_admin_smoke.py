"""Every admin page of the organisation and the kernel opens for a superuser, in both languages."""
from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from gongzhi.org import services
from tests.conftest import PASSWORD

APPS = {"org", "common", "auditlog"}
MODEL_ADMINS = sorted((model._meta.app_label, model._meta.model_name) for model in admin.site._registry
                      if model._meta.app_label in APPS)


@pytest.fixture
def superuser_client(client, django_user_model, small_city):
    django_user_model.objects.create_superuser(username="root", password=PASSWORD)
    client.login(username="root", password=PASSWORD)
    # A record of every kind, and events and field changes to list.
    services.compound_create(actor=None, code="XQ-1", name="幸福小区", community_code="652301001001")
    services.liaison_assign(actor=None, department=small_city.housing, street=small_city.street_a, name="张三")
    services.party_organisation_set(actor=None, unit=small_city.street_a, name="建国路街道党工委")
    services.joint_committee_seat_add(actor=None, unit=small_city.street_a, organisation_name="市第一中学",
                                      organisation_kind="school", representative_name="钱校长")
    services.unit_update(actor=None, unit=small_city.street_a, changes={"households": 5})
    return client


def test_the_registry_models_are_all_in_the_admin():
    assert {name for app, name in MODEL_ADMINS if app == "org"} >= {
        "unit", "compound", "department", "liaison", "partyorganisation", "jointcommitteeseat", "membership",
        "user"}
    assert ("common", "domainevent") in MODEL_ADMINS


@pytest.mark.parametrize("app, model", MODEL_ADMINS, ids=[f"{a}.{m}" for a, m in MODEL_ADMINS])
def test_changelist_search_and_change_page_open(superuser_client, app, model):
    changelist = reverse(f"admin:{app}_{model}_changelist")
    response = superuser_client.get(changelist)
    assert response.status_code == 200
    assert superuser_client.get(changelist, {"q": "建国路"}).status_code == 200
    record = response.context["cl"].result_list[0] if response.context["cl"].result_list else None
    if record is not None:
        change_page = reverse(f"admin:{app}_{model}_change", args=[record.pk])
        assert superuser_client.get(change_page).status_code == 200


@pytest.mark.parametrize("model", ["unit", "compound", "department", "liaison", "partyorganisation",
                                   "jointcommitteeseat", "membership", "user"])
def test_add_page_opens(superuser_client, model):
    assert superuser_client.get(reverse(f"admin:org_{model}_add")).status_code == 200


def test_admin_speaks_chinese_by_default_and_english_on_request(superuser_client):
    url = reverse("admin:org_unit_changelist")
    assert "选择" in superuser_client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "Select unit to change" in superuser_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_a_records_page_links_to_its_field_changes_and_domain_events(superuser_client, small_city):
    page = superuser_client.get(reverse("admin:org_unit_change", args=[small_city.street_a.pk]))
    page = page.content.decode()
    history = reverse("admin:org_unit_auditlog", args=[small_city.street_a.pk])
    assert history in page
    assert "object_type=org.unit" in page
    response = superuser_client.get(history, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "households" in response.content.decode().lower()
    events = superuser_client.get(reverse("admin:common_domainevent_changelist"),
                                  {"object_type": "org.unit", "object_id": small_city.street_a.pk})
    assert [event.action for event in events.context["cl"].result_list] == ["unit.update"]
