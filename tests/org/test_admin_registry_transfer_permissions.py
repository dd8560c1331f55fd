"""The registry's import/export page in the admin: for city administrators only; downloads are the
workbook and the GeoJSON, uploads import through the same checks as the commands."""
from __future__ import annotations

import json
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from gongzhi.common.models import DomainEvent
from gongzhi.org.models import Unit
from tests.org.registry_helpers import SMALL_CITY_USERS, as_admin_staff, database_state, workbook_bytes

USERS = SMALL_CITY_USERS
NEW_STREET = {"code": "652301003", "name": "宁边路街道", "kind": "street", "parent_code": "652301"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def staff_client(client, small_city):
    return lambda key="city_admin": as_admin_staff(client, small_city.users[key])


def upload(client, content: bytes, name: str, **fields):
    prefix = "registry" if name.endswith(".xlsx") else "boundaries"
    data = {f"{prefix}-file": SimpleUploadedFile(name, content), f"import_{prefix}": "1",
            **{f"{prefix}-{key}": value for key, value in fields.items()}}
    return client.post(reverse("admin:org_unit_registry_transfer"), data)


@pytest.mark.parametrize("user", USERS)
def test_admin_registry_transfer_permissions(small_city, staff_client, user):
    client = staff_client(user)
    allowed = user == "city_admin"
    for url_name in ("admin:org_unit_registry_transfer", "admin:org_unit_registry_export",
                     "admin:org_unit_boundaries_export"):
        assert client.get(reverse(url_name)).status_code == (200 if allowed else 403)
    before = database_state()
    response = upload(client, workbook_bytes({"units": [NEW_STREET]}), "registry.xlsx")
    assert response.status_code == (302 if allowed else 403)
    if not allowed:
        assert database_state() == before


def test_the_units_list_links_to_the_page_for_city_administrators_only(small_city, staff_client):
    link = reverse("admin:org_unit_registry_transfer")
    assert link in staff_client("city_admin").get(reverse("admin:org_unit_changelist")).content.decode()
    assert link not in staff_client("city_leader").get(reverse("admin:org_unit_changelist")).content.decode()


def test_downloads_are_the_workbook_and_the_boundaries(small_city, staff_client):
    client = staff_client()
    response = client.get(reverse("admin:org_unit_registry_export"))
    assert response["Content-Type"] == XLSX and "attachment" in response["Content-Disposition"]
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames == ["units", "compounds", "departments", "liaisons", "party_organisations",
                                   "joint_committee_seats"]
    assert [cell.value for cell in workbook["units"][3]][:2] == ["652301", "昌吉市"]
    geojson = json.loads(client.get(reverse("admin:org_unit_boundaries_export")).content)
    assert len(geojson["features"]) == 2


def test_an_upload_imports_with_the_administrator_as_actor(small_city, staff_client):
    response = upload(staff_client(), workbook_bytes({"units": [NEW_STREET]}), "registry.xlsx")
    assert response.status_code == 302
    assert Unit.objects.filter(code="652301003").exists()
    assert DomainEvent.objects.get(action="unit.create").actor == small_city.users["city_admin"]


def test_a_bad_upload_lists_every_problem_and_imports_nothing(small_city, staff_client):
    before = database_state()
    content = workbook_bytes({"units": [NEW_STREET,
                                        {**NEW_STREET, "code": "652301004", "parent_code": "652309"},
                                        {**NEW_STREET, "code": "652301005", "name": ""}]})
    response = upload(staff_client(), content, "registry.xlsx")
    assert response.status_code == 400
    assert [problem.place for problem in response.context["rejected"].problems] == [
        ("units", 4, "parent_code"), ("units", 5, "name")]
    assert "652309" in response.content.decode()
    assert database_state() == before


def test_update_mode_is_a_choice_of_the_upload(small_city, staff_client):
    street = {"code": "652301001", "name": "建国路街道（新）", "kind": "street", "parent_code": "652301"}
    client = staff_client()
    assert upload(client, workbook_bytes({"units": [street]}), "registry.xlsx").status_code == 400
    response = upload(client, workbook_bytes({"units": [street]}), "registry.xlsx", update="on")
    assert response.status_code == 302
    assert Unit.objects.get(code="652301001").name == "建国路街道（新）"


def test_a_bad_boundaries_upload_lists_its_problems(small_city, staff_client):
    before = database_state()
    content = json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": "652301001"},
         "geometry": {"type": "Point", "coordinates": [1, 2]}}
    ]}).encode()
    response = upload(staff_client(), content, "b.geojson")
    assert response.status_code == 400
    places = [problem.place for problem in response.context["rejected"].problems]
    assert places == [("b.geojson", 0, "geometry")]
    assert database_state() == before


def test_an_upload_without_a_file_is_refused_by_field(small_city, staff_client):
    response = staff_client().post(reverse("admin:org_unit_registry_transfer"), {"import_registry": "1"})
    assert response.status_code == 400
    assert "file" in response.context["registry_form"].errors
