"""The demo loader's city step: the plan turned into records through the organisation services
(as the platform itself, ``actor=None``), reusing whatever already exists by its code."""
from __future__ import annotations

from gongzhi.org import services
from gongzhi.org.demo.plan import city_plan
from gongzhi.org.demo.steps import DemoContext
from gongzhi.org.models import Compound, Department, JointCommitteeSeat, Liaison, PartyOrganisation, Unit


def _units(context: DemoContext) -> dict[str, Unit]:
    units = {unit.code: unit for unit in Unit.objects.all()}
    for plan in city_plan().units:
        if not context.reused(Unit, plan.code in units):
            units[plan.code] = services.unit_create(
                actor=None, code=plan.code, name=plan.name, kind=plan.kind, parent_code=plan.parent_code,
                households=plan.households, boundary=plan.boundary,
            )
    return units


def _compounds(context: DemoContext) -> None:
    existing = set(Compound.objects.values_list("code", flat=True))
    for plan in city_plan().compounds:
        if not context.reused(Compound, plan.code in existing):
            services.compound_create(
                actor=None, code=plan.code, name=plan.name, community_code=plan.community_code,
                grid_code=plan.grid_code, address=plan.address, households=plan.households,
                buildings=plan.buildings, latitude=plan.latitude, longitude=plan.longitude,
            )


def _departments(context: DemoContext) -> dict[str, Department]:
    departments = {department.code: department for department in Department.objects.all()}
    for code, name, kind in city_plan().departments:
        if not context.reused(Department, code in departments):
            departments[code] = services.department_create(actor=None, code=code, name=name, kind=kind)
    return departments


def _liaisons(context: DemoContext, units: dict[str, Unit], departments: dict[str, Department]) -> None:
    existing = set(Liaison.objects.values_list("department__code", "street__code"))
    for plan in city_plan().liaisons:
        if not context.reused(Liaison, (plan.department_code, plan.street_code) in existing):
            services.liaison_assign(
                actor=None, department=departments[plan.department_code], street=units[plan.street_code],
                name=plan.name, title=plan.title,
            )


def _party_organisations(context: DemoContext, units: dict[str, Unit]) -> None:
    existing = set(PartyOrganisation.objects.values_list("unit__code", flat=True))
    for plan in city_plan().party_organisations:
        if not context.reused(PartyOrganisation, plan.unit_code in existing):
            services.party_organisation_set(
                actor=None, unit=units[plan.unit_code], name=plan.name, secretary_name=plan.secretary_name,
                member_count=plan.member_count, established_on=plan.established_on,
            )


def _seats(context: DemoContext, units: dict[str, Unit]) -> None:
    existing = set(JointCommitteeSeat.objects.values_list("unit__code", "organisation_name"))
    for plan in city_plan().seats:
        if not context.reused(JointCommitteeSeat, (plan.unit_code, plan.organisation_name) in existing):
            services.joint_committee_seat_add(
                actor=None, unit=units[plan.unit_code], organisation_name=plan.organisation_name,
                organisation_kind=plan.organisation_kind, representative_name=plan.representative_name,
                position=plan.position, joined_on=plan.joined_on,
            )


def demo_city_load(context: DemoContext) -> None:
    units = _units(context)
    _compounds(context)
    departments = _departments(context)
    _liaisons(context, units, departments)
    _party_organisations(context, units)
    _seats(context, units)
