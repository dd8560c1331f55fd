"""Admin saves of registry records go through the org services (their checks, their events); plain
edits where no service exists are logged by django-auditlog; nothing is deleted."""
from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from gongzhi.common.models import DomainEvent
from gongzhi.org import services
from gongzhi.org.models import Compound, Liaison, Membership, PartyOrganisation, Unit, User
from tests.conftest import PASSWORD
from tests.org.registry_helpers import as_admin_staff, database_state


@pytest.fixture
def admin_client(client, small_city):
    """The city administrator of the small city, made admin staff."""
    return as_admin_staff(client, small_city.users["city_admin"])


def post(client, url_name, data, *args):
    return client.post(reverse(url_name, args=args), data)


UNIT = {"code": "652301003", "name": "宁边路街道", "kind": "street", "households": "0", "address": "",
        "phone": "", "boundary": "", "is_active": "on"}


def test_adding_a_unit_is_the_unit_create_action(admin_client, small_city):
    response = post(admin_client, "admin:org_unit_add", {**UNIT, "parent": small_city.city.pk})
    assert response.status_code == 302
    unit = Unit.objects.get(code="652301003")
    event = DomainEvent.objects.get(action="unit.create")
    assert (event.object_id, event.actor) == (str(unit.pk), small_city.users["city_admin"])
    assert event.membership.role == "city_admin"


@pytest.mark.parametrize("change, field", [
    ({"code": "652301"}, "code"),                       # the service: a street's code has 9 digits
    ({"code": "652302003"}, "code"),                    # the service: not under its parent's code
    ({"parent": ""}, "code"),                           # the service: a street needs a parent unit
    ({"boundary": '{"type": "Point", "coordinates": [1, 2]}'}, "boundary"),
])
def test_a_unit_the_service_refuses_shows_the_reason_on_the_form(admin_client, small_city, change, field):
    before = database_state()
    response = post(admin_client, "admin:org_unit_add", {**UNIT, "parent": small_city.city.pk, **change})
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert database_state() == before


def test_changing_a_unit_is_the_unit_update_action_and_is_logged_field_by_field(admin_client, small_city):
    street = small_city.street_a
    response = post(admin_client, "admin:org_unit_change", {
        "name": "建国路街道办事处", "households": "10", "address": "", "phone": "", "boundary": "",
        "is_active": "on", "code": "999", "kind": "grid"}, street.pk)
    assert response.status_code == 302
    street.refresh_from_db()
    assert (street.name, street.households) == ("建国路街道办事处", 10)
    assert (street.code, street.kind) == ("652301001", "street")
    event = DomainEvent.objects.get(action="unit.update")
    assert event.before == {"households": 0, "name": "建国路街道"}
    entry = LogEntry.objects.get_for_object(street).latest("timestamp")
    assert set(entry.changes_dict) == {"name", "households"}
    assert entry.actor == small_city.users["city_admin"]


def test_adding_a_compound_is_the_compound_create_action(admin_client, small_city):
    data = {"code": "XQ-9", "name": "幸福小区", "community": small_city.community_a1.pk,
            "grid": small_city.grid_b1.pk, "address": "", "households": "5", "buildings": "1", "latitude": "",
            "longitude": "", "is_active": "on"}
    response = post(admin_client, "admin:org_compound_add", data)
    assert response.status_code == 200
    assert "grid" in response.context["adminform"].form.errors      # the grid lies in another community
    response = post(admin_client, "admin:org_compound_add", {**data, "grid": small_city.grid_a1.pk})
    assert response.status_code == 302
    assert DomainEvent.objects.filter(action="compound.create").count() == 1


def test_a_plain_compound_edit_is_logged_by_auditlog(admin_client, small_city):
    compound = services.compound_create(actor=None, code="XQ-9", name="幸福小区", community_code="652301001001")
    response = post(admin_client, "admin:org_compound_change", {
        "name": "幸福家园", "address": "", "households": "7", "buildings": "1", "latitude": "", "longitude": "",
        "is_active": "on"}, compound.pk)
    assert response.status_code == 302
    entry = LogEntry.objects.get_for_object(compound).latest("timestamp")
    assert entry.changes_dict["name"] == ["幸福小区", "幸福家园"]
    assert entry.actor == small_city.users["city_admin"]


def test_liaisons_and_party_organisations_are_assigned_through_their_services(admin_client, small_city):
    response = post(admin_client, "admin:org_liaison_add", {
        "department": small_city.housing.pk, "street": small_city.street_a.pk, "name": "张三", "title": "",
        "phone": "", "user": ""})
    assert response.status_code == 302
    liaison = Liaison.objects.get()
    response = post(admin_client, "admin:org_liaison_change", {"name": "李四", "title": "科长", "phone": "",
                                                               "user": ""}, liaison.pk)
    assert response.status_code == 302
    assert Liaison.objects.get().name == "李四"
    response = post(admin_client, "admin:org_partyorganisation_add", {
        "unit": small_city.grid_a1.pk, "name": "一网格党支部", "secretary_name": "", "member_count": "3",
        "established_on": ""})
    assert response.status_code == 302
    assert PartyOrganisation.objects.get().kind == "grid_party_branch"
    assert list(DomainEvent.objects.order_by("id").values_list("action", flat=True)) == [
        "liaison.assign", "liaison.assign", "party_organisation.set"]


def test_memberships_are_granted_and_revoked_through_their_services(admin_client, small_city):
    user = small_city.users["nobody"]
    grant = {"user": user.pk, "role": "grid_worker", "department": ""}
    response = post(admin_client, "admin:org_membership_add", {**grant, "unit": small_city.street_a.pk})
    assert response.status_code == 200                     # a grid worker's role is held in a grid
    assert not Membership.objects.filter(user=user).exists()
    response = post(admin_client, "admin:org_membership_add", {**grant, "unit": small_city.grid_a1.pk})
    assert response.status_code == 302
    membership = Membership.objects.get(user=user)
    response = post(admin_client, "admin:org_membership_change", {}, membership.pk)
    assert response.status_code == 302
    assert not Membership.objects.get(pk=membership.pk).is_active
    assert list(DomainEvent.objects.order_by("id").values_list("action", flat=True)) == [
        "membership.grant", "membership.revoke"]


def test_adding_a_user_is_the_user_create_action(admin_client, small_city):
    response = post(admin_client, "admin:org_user_add", {
        "username": "new.worker", "display_name": "新同事", "phone": "", "email": "", "usable_password": "true",
        "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(username="new.worker")
    assert user.check_password(PASSWORD) and user.display_name == "新同事"
    assert DomainEvent.objects.get(action="user.create").object_id == str(user.pk)


def test_a_city_administrator_cannot_make_anyone_a_superuser(admin_client, small_city):
    nobody = small_city.users["nobody"]
    response = admin_client.get(reverse("admin:org_user_change", args=[nobody.pk]))
    assert "is_superuser" not in response.context["adminform"].form.fields
    assert "is_staff" not in response.context["adminform"].form.fields


@pytest.mark.parametrize("url_name", ["admin:org_unit_delete", "admin:org_compound_delete",
                                      "admin:org_membership_delete", "admin:common_domainevent_delete"])
def test_nothing_is_deleted_from_the_admin(admin_client, small_city, url_name):
    services.compound_create(actor=None, code="XQ-9", name="幸福小区", community_code="652301001001")
    model = {"unit": Unit, "compound": Compound, "membership": Membership, "domainevent": DomainEvent}[
        url_name.split("_")[1]]
    record = model.objects.first()
    before = database_state()
    assert admin_client.post(reverse(url_name, args=[record.pk]), {"post": "yes"}).status_code == 403
    assert database_state() == before


def test_domain_events_are_read_only(admin_client, small_city):
    event = services.compound_create(actor=None, code="XQ-9", name="幸福小区", community_code="652301001001")
    event = DomainEvent.objects.get()
    assert admin_client.get(reverse("admin:common_domainevent_add")).status_code == 403
    response = admin_client.post(reverse("admin:common_domainevent_change", args=[event.pk]),
                                 {"action": "forged", "comment": "x"})
    assert response.status_code == 403
    assert DomainEvent.objects.get().action == "compound.create"
    page = admin_client.get(reverse("admin:common_domainevent_change", args=[event.pk])).content.decode()
    assert "幸福小区" in page and "compound.create" in page
