"""Registry export → import into an empty database → the same registry, field for field."""
from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from gongzhi.common.access.actor import Actor
from gongzhi.common.models import DomainEvent
from gongzhi.org import services
from gongzhi.org.models import (
    Compound,
    Department,
    JointCommitteeSeat,
    Liaison,
    Membership,
    PartyOrganisation,
    Unit,
)
from gongzhi.org.registry.boundaries import boundaries_export_bytes, boundaries_import
from gongzhi.org.registry.excel_export import registry_workbook_export
from gongzhi.org.registry.excel_import import registry_workbook_import
from tests.factories import UserFactory
from tests.org.registry_helpers import REGISTRY_MODELS, registry_snapshot


@pytest.fixture
def full_registry(small_city):
    """The small city with every kind of record and every optional field, blank and filled."""
    city = small_city
    services.unit_update(actor=None, unit=city.street_a,
                         changes={"address": "建国路 1 号", "phone": "0994-2345678"})
    services.unit_update(actor=None, unit=city.community_a1, changes={"boundary": {
        "type": "MultiPolygon", "coordinates": [
            [[[87.30, 44.01], [87.31, 44.01], [87.31, 44.02], [87.30, 44.01]]],
            [[[87.32, 44.01], [87.33, 44.01], [87.33, 44.02], [87.32, 44.01]]]]}})
    services.unit_create(actor=None, code="652301001002001", name="建国路第二社区一网格", kind="grid",
                         parent_code="652301001002", households=120, is_active=False)
    services.compound_create(actor=None, code="XQ-001", name="幸福小区", community_code="652301001001",
                             grid_code="652301001001001", address="幸福路 8 号", households=320, buildings=12,
                             latitude="44.012345", longitude="87.301234")
    services.compound_create(actor=None, code="XQ-002", name="老街小区", community_code="652301002001")
    services.compound_create(actor=None, code="XQ-003", name="拆迁小区", community_code="652301001002",
                             households=5, is_active=False)
    health = services.department_create(actor=None, code="HEALTH", name="卫生健康委员会", short_name="卫健委",
                                        phone="0994-1111111", is_active=False)
    services.liaison_assign(actor=None, department=city.housing, street=city.street_a, name="张三", title="科长",
                            phone="138 0000 0000", user=city.users["housing_handler"])
    services.liaison_assign(actor=None, department=city.urban, street=city.street_b, name="李四")
    services.liaison_assign(actor=None, department=health, street=city.street_a, name="王五", title="副主任")
    services.party_organisation_set(actor=None, unit=city.street_a, name="建国路街道党工委", secretary_name="赵书记",
                                    member_count=45, established_on=date(2015, 7, 1))
    services.party_organisation_set(actor=None, unit=city.community_a1, name="建国路第一社区党委")
    services.party_organisation_set(actor=None, unit=city.grid_a1, name="第一网格党支部", member_count=9)
    services.joint_committee_seat_add(actor=None, unit=city.street_a, organisation_name="市第一中学",
                                      organisation_kind="school", representative_name="钱校长", position="委员",
                                      joined_on=date(2021, 3, 15))
    services.joint_committee_seat_add(actor=None, unit=city.community_b1, organisation_name="昌吉电力公司",
                                      organisation_kind="company", representative_name="孙经理", is_active=False)
    return city


def _empty_the_registry() -> None:
    # Events and memberships refer to registry records; users stay, as accounts are not part of the registry.
    DomainEvent.objects.all().delete()
    Membership.objects.all().delete()
    for model in (Liaison, JointCommitteeSeat, PartyOrganisation, Compound, Department):
        model.objects.all().delete()
    for kind in ("grid", "community", "street", "city"):
        Unit.objects.filter(kind=kind).delete()
    assert not any(model.objects.exists() for model in REGISTRY_MODELS)


def test_export_then_import_into_an_empty_database_gives_the_same_registry(full_registry):
    original = registry_snapshot()
    workbook = registry_workbook_export(actor=None)
    boundaries = boundaries_export_bytes(actor=None)

    _empty_the_registry()
    summary = registry_workbook_import(actor=None, file=workbook)
    boundaries_import(actor=None, file=boundaries)

    assert registry_snapshot() == original
    assert summary.counts["units"]["created"] == len(original["unit"]) == 9
    assert summary.counts["liaisons"]["created"] == 3


def test_every_imported_row_writes_its_event(full_registry):
    workbook = registry_workbook_export(actor=None)
    _empty_the_registry()
    registry_workbook_import(actor=None, file=workbook)
    actions = list(DomainEvent.objects.values_list("action", flat=True))
    assert actions.count("unit.create") == Unit.objects.count()
    assert actions.count("compound.create") == Compound.objects.count()
    assert actions.count("department.create") == Department.objects.count()
    assert actions.count("liaison.assign") == Liaison.objects.count()
    assert actions.count("party_organisation.set") == PartyOrganisation.objects.count()
    assert actions.count("joint_committee_seat.add") == JointCommitteeSeat.objects.count()


def test_an_admin_round_trip_records_the_admin_in_every_event(full_registry):
    admin = UserFactory(username="platform.admin", is_superuser=True, is_staff=True)
    actor = Actor(user=admin, membership=None)
    original = registry_snapshot()
    workbook = registry_workbook_export(actor=actor)
    boundaries = boundaries_export_bytes(actor=actor)
    _empty_the_registry()
    registry_workbook_import(actor=actor, file=workbook)
    boundaries_import(actor=actor, file=boundaries)
    assert registry_snapshot() == original
    assert set(DomainEvent.objects.values_list("actor__username", flat=True)) == {"platform.admin"}


def test_importing_the_same_export_again_in_update_mode_changes_nothing(full_registry):
    original = registry_snapshot()
    events = DomainEvent.objects.count()
    summary = registry_workbook_import(actor=None, file=registry_workbook_export(actor=None), update=True)
    assert registry_snapshot() == original
    assert DomainEvent.objects.count() == events
    assert sum(count["unchanged"] for count in summary.counts.values()) == sum(map(len, original.values()))


def test_update_mode_changes_units_liaisons_and_party_organisations_through_their_services(full_registry):
    workbook = load_workbook(BytesIO(registry_workbook_export(actor=None)))
    units = workbook["units"]
    row = next(r for r in units.iter_rows(min_row=3) if r[0].value == "652301001")
    row[1].value, row[4].value, row[7].value = "建国路街道（新）", 999, False
    liaisons = workbook["liaisons"]
    liaison_row = next(r for r in liaisons.iter_rows(min_row=3) if r[0].value == "URBAN")
    liaison_row[2].value = "周六"
    buffer = BytesIO()
    workbook.save(buffer)

    summary = registry_workbook_import(actor=None, file=buffer.getvalue(), update=True)

    street = Unit.objects.get(code="652301001")
    assert (street.name, street.households, street.is_active) == ("建国路街道（新）", 999, False)
    assert Liaison.objects.get(department__code="URBAN").name == "周六"
    assert summary.counts["units"]["updated"] == 1 and summary.counts["liaisons"]["updated"] == 1
    event = DomainEvent.objects.filter(action="unit.update").latest("id")
    assert event.before == {"households": 0, "is_active": True, "name": "建国路街道"}


@pytest.mark.parametrize("change", [
    lambda: Compound.objects.filter(code="XQ-001").update(latitude="44.012346"),
    lambda: Liaison.objects.filter(name="张三").update(user=None),
    lambda: JointCommitteeSeat.objects.filter(organisation_name="市第一中学").update(joined_on=date(2021, 3, 16)),
    lambda: Unit.objects.filter(code="652301001001001").update(boundary=None),
    lambda: PartyOrganisation.objects.filter(name="第一网格党支部").update(member_count=10),
    lambda: Department.objects.filter(code="HEALTH").update(is_active=True),
], ids=["decimal", "user reference", "date", "geometry", "count", "flag"])
def test_the_comparison_notices_a_change_in_any_kind_of_field(full_registry, change):
    original = registry_snapshot()
    change()
    assert registry_snapshot() != original
