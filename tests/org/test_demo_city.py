"""The demo city, loaded once for this module through ``gongzhi load_demo``: its size, its map, its
departments and users, and that a second run changes nothing."""
from __future__ import annotations

import itertools
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.utils import translation
from shapely.geometry import Point, shape

from gongzhi.common.models import DomainEvent
from gongzhi.org.models import (Compound, Department, JointCommitteeSeat, Liaison, Membership,
                                PartyOrganisation, Unit, User)

DEMO_PASSWORD = "demo-password-for-tests"


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """Load the demo once, inside a transaction rolled back when the module ends, so that the
    tests (each in its own savepoint) share it and other modules never see it."""
    # A fast hasher: Argon2 on the 11 demo users would take most of this module's time.
    fast = override_settings(GONGZHI_DEMO_PASSWORD=DEMO_PASSWORD,
                             PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with fast, django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            output = StringIO()
            # Tests run with DEBUG off, so this also shows that --force lets the users be created.
            # Only the organisation's steps: other modules' demo data is theirs to test.
            call_command("load_demo", "--force", "--only", "org", stdout=output)
            yield output.getvalue()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo(demo_output, db) -> str:
    return demo_output


def units_of(kind: str) -> list[Unit]:
    return list(Unit.objects.filter(kind=kind))


def test_the_city_has_the_articles_shape(demo):
    city = Unit.objects.get(kind="city")
    assert (city.code, city.name) == ("652301", "昌吉市")
    streets = units_of("street")
    assert [street.code for street in streets] == [f"652301{n:03d}" for n in range(1, 7)]
    assert {street.name for street in streets} == {"宁边路街道", "延安北路街道", "北京南路街道", "绿洲路街道",
                                                   "中山路街道", "建国路街道"}
    assert len(units_of("community")) == 70
    assert len(units_of("grid")) == 130
    assert 290 <= Compound.objects.count() <= 310
    assert Unit.objects.values("name").distinct().count() == Unit.objects.count()


def test_household_counts_add_up_from_compounds_to_the_city(demo):
    city = Unit.objects.get(kind="city")
    assert 135_000 <= city.households <= 145_000
    for parent_kind, child_kind in (("city", "street"), ("street", "community"), ("community", "grid")):
        for parent in units_of(parent_kind):
            assert parent.households == sum(child.households for child in parent.children.all()), parent
    for grid in units_of("grid"):
        assert grid.households == sum(compound.households for compound in grid.grid_compounds.all()), grid
    assert sum(Compound.objects.values_list("households", flat=True)) == city.households


def test_boundaries_tile_the_city_without_overlaps(demo):
    polygons = {unit.code: shape(unit.boundary) for unit in Unit.objects.exclude(kind="city")}
    assert all(polygon.is_valid and polygon.area > 0 for polygon in polygons.values())
    for kind in ("street", "community", "grid"):
        codes = [unit.code for unit in units_of(kind)]
        for first, second in itertools.combinations(codes, 2):
            assert polygons[first].intersection(polygons[second]).area < 1e-12, (first, second)
        if kind != "street":
            for code in codes:
                parent = polygons[code[:-3]]
                assert polygons[code].difference(parent).area < 1e-12, code
    street_area = sum(polygons[unit.code].area for unit in units_of("street"))
    assert sum(polygons[unit.code].area for unit in units_of("grid")) == pytest.approx(street_area)
    centre = Point(87.30, 44.01)
    assert any(polygons[unit.code].contains(centre) for unit in units_of("grid"))


def test_each_compound_lies_in_its_grid_of_its_community(demo):
    grids = {unit.pk: shape(unit.boundary) for unit in units_of("grid")}
    for compound in Compound.objects.select_related("grid"):
        assert compound.grid.parent_id == compound.community_id
        point = Point(float(compound.longitude), float(compound.latitude))
        assert grids[compound.grid_id].contains(point), compound


def test_departments_each_name_a_liaison_in_every_street(demo):
    departments = list(Department.objects.all())
    assert 18 <= len(departments) <= 22
    names = {department.name for department in departments}
    assert {"城市管理和综合执法局", "住房和城乡建设局", "市场监督管理局", "生态环境局", "水务局", "交通运输局",
            "应急管理局"} <= names
    assert Department.objects.get(name="城市管理和综合执法局").kind == "law_enforcement"
    assert Department.objects.get(name="市场监督管理局").kind == "law_enforcement"
    for department in departments:
        assert department.liaisons.count() == 6, department
        assert {liaison.street.kind for liaison in department.liaisons.all()} == {"street"}


def test_party_organisations_and_joint_committees(demo):
    assert PartyOrganisation.objects.count() == 6 + 70 + 130
    assert set(PartyOrganisation.objects.filter(unit__kind="grid").values_list("kind", flat=True)) == {
        "grid_party_branch"}
    for street in units_of("street"):
        assert JointCommitteeSeat.objects.filter(unit=street).count() >= 3


EXPECTED_ROLES = {
    "city.admin": ("city_admin", "昌吉市"),
    "city.leader": ("city_leader", "昌吉市"),
    "street.jianguolu": ("street_dispatcher", "建国路街道"),
    "street.beijingnanlu": ("street_dispatcher", "北京南路街道"),
    "dept.housing": ("department_handler", "住房和城乡建设局"),
    "dept.urban": ("department_handler", "城市管理和综合执法局"),
}


def test_demo_users_log_in_with_the_demo_password_in_their_roles(demo):
    for username in [*EXPECTED_ROLES, "community.worker", "grid.worker"]:
        response = Client().post("/api/v1/auth/token", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 200, (username, response.content)
        assert Client().login(username=username, password=DEMO_PASSWORD), username
    for username, (role, place) in EXPECTED_ROLES.items():
        membership = Membership.objects.get(user__username=username)
        assert (membership.role, membership.organisation_name) == (role, place), username

    community_worker = Membership.objects.get(user__username="community.worker")
    assert community_worker.role == "community_worker"
    assert community_worker.unit.parent.name == "建国路街道"
    grid_worker = Membership.objects.get(user__username="grid.worker")
    assert grid_worker.role == "grid_worker"
    assert grid_worker.unit.parent == community_worker.unit

    admin = User.objects.get(username="city.admin")
    assert admin.is_staff and admin.is_superuser
    assert not User.objects.filter(is_superuser=True).exclude(username="city.admin").exists()
    liaison = Liaison.objects.get(user__username="dept.liaison")
    assert (liaison.department.code, liaison.street.name) == ("URBAN", "建国路街道")


def test_the_output_lists_the_logins(demo):
    assert DEMO_PASSWORD in demo
    for username in EXPECTED_ROLES:
        assert username in demo


def test_a_second_run_creates_nothing(demo):
    models = [Unit, Compound, Department, Liaison, PartyOrganisation, JointCommitteeSeat, User, Membership,
              DomainEvent]
    before = {model: model.objects.count() for model in models}
    output = StringIO()
    with translation.override("en"):
        call_command("load_demo", "--force", "--only", "org", stdout=output)
    assert {model: model.objects.count() for model in models} == before
    assert " 0 created" in output.getvalue() and " 1 created" not in output.getvalue()
    assert "207 reused" in output.getvalue()


def test_the_city_is_the_same_every_time(demo):
    """The plan is drawn from a fixed seed: a fresh draw gives exactly what was loaded."""
    from gongzhi.org.demo import plan

    plan.city_plan.cache_clear()
    fresh = plan.city_plan()
    loaded = {unit.code: (unit.name, unit.households, unit.boundary) for unit in Unit.objects.all()}
    assert loaded == {unit.code: (unit.name, unit.households, unit.boundary) for unit in fresh.units}
