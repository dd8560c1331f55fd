"""The registry workbook's format, declared once for the export and the import: one sheet per kind
of record, each column with its machine name, its label for people, how a cell is read and how a
record fills it.

Row 1 of every sheet holds the columns' machine names, which the import matches; row 2 holds the
same columns' labels in the exporting user's language and is never read; data starts on row 3.
Boundaries are not in the workbook: they travel as GeoJSON (see ``boundaries``)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongzhi.org.models import DepartmentKind, PartyOrganisationKind, SeatOrganisationKind, UnitKind
from gongzhi.org.registry import cells

HEADER_ROW = 1
LABEL_ROW = 2
FIRST_DATA_ROW = 3
# Codes are written as text so that Excel neither drops leading zeros nor shows 6.52301E+14.
TEXT = "@"
DATE = "yyyy-mm-dd"


@dataclass(frozen=True)
class Column:
    name: str
    label: str | Promise
    read: cells.CellReader
    number_format: str | None = None
    width: int = 16


@dataclass(frozen=True)
class Sheet:
    name: str
    label: str | Promise
    columns: tuple[Column, ...]
    row_of: Callable[[Any], dict[str, Any]]
    # The columns that name one record: a second row with the same key is a duplicate.
    key: tuple[str, ...] = ("code",)

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)


def _code_of(record: Model | None) -> str:
    return record.code if record is not None else ""


def _unit_row(unit) -> dict[str, Any]:
    return {"code": unit.code, "name": unit.name, "kind": unit.kind, "parent_code": _code_of(unit.parent),
            "households": unit.households, "address": unit.address, "phone": unit.phone,
            "active": unit.is_active}


def _compound_row(compound) -> dict[str, Any]:
    return {"code": compound.code, "name": compound.name, "community_code": compound.community.code,
            "grid_code": _code_of(compound.grid), "address": compound.address,
            "households": compound.households, "buildings": compound.buildings,
            "latitude": None if compound.latitude is None else float(compound.latitude),
            "longitude": None if compound.longitude is None else float(compound.longitude),
            "active": compound.is_active}


def _department_row(department) -> dict[str, Any]:
    return {"code": department.code, "name": department.name, "short_name": department.short_name,
            "kind": department.kind, "phone": department.phone, "active": department.is_active}


def _liaison_row(liaison) -> dict[str, Any]:
    return {"department_code": liaison.department.code, "street_code": liaison.street.code,
            "name": liaison.name, "title": liaison.title, "phone": liaison.phone,
            "user_name": liaison.user.username if liaison.user_id else ""}


def _party_organisation_row(organisation) -> dict[str, Any]:
    return {"unit_code": organisation.unit.code, "kind": organisation.kind, "name": organisation.name,
            "secretary_name": organisation.secretary_name, "member_count": organisation.member_count,
            "established_on": organisation.established_on}


def _seat_row(seat) -> dict[str, Any]:
    return {"unit_code": seat.unit.code, "organisation_name": seat.organisation_name,
            "organisation_kind": seat.organisation_kind, "representative_name": seat.representative_name,
            "position": seat.position, "joined_on": seat.joined_on, "active": seat.is_active}


ACTIVE = Column("active", _("Active (TRUE/FALSE)"), cells.boolean, width=10)

UNITS = Sheet("units", _("Units"), (
    Column("code", _("Code"), cells.text(15, required=True), number_format=TEXT),
    Column("name", _("Name"), cells.text(100, required=True), width=30),
    Column("kind", _("Kind"), cells.choice(UnitKind.values), width=12),
    Column("parent_code", _("Parent unit's code"), cells.text(15), number_format=TEXT),
    Column("households", _("Households"), cells.count, width=12),
    Column("address", _("Office address"), cells.text(200), width=30),
    Column("phone", _("Office phone"), cells.text(40)),
    ACTIVE,
), _unit_row)

COMPOUNDS = Sheet("compounds", _("Compounds"), (
    Column("code", _("Code"), cells.text(20, required=True), number_format=TEXT),
    Column("name", _("Name"), cells.text(100, required=True), width=30),
    Column("community_code", _("Community code"), cells.text(15, required=True), number_format=TEXT),
    Column("grid_code", _("Grid code"), cells.text(15), number_format=TEXT),
    Column("address", _("Address"), cells.text(200), width=30),
    Column("households", _("Households"), cells.count, width=12),
    Column("buildings", _("Buildings"), cells.count, width=12),
    Column("latitude", _("Latitude"), cells.coordinate(90), width=12),
    Column("longitude", _("Longitude"), cells.coordinate(180), width=12),
    ACTIVE,
), _compound_row)

DEPARTMENTS = Sheet("departments", _("Departments"), (
    Column("code", _("Code"), cells.text(20, required=True), number_format=TEXT),
    Column("name", _("Name"), cells.text(100, required=True), width=30),
    Column("short_name", _("Short name"), cells.text(30)),
    Column("kind", _("Kind"), cells.choice(DepartmentKind.values), width=18),
    Column("phone", _("Office phone"), cells.text(40)),
    ACTIVE,
), _department_row)

LIAISONS = Sheet("liaisons", _("Liaisons"), (
    Column("department_code", _("Department code"), cells.text(20, required=True), number_format=TEXT),
    Column("street_code", _("Street code"), cells.text(15, required=True), number_format=TEXT),
    Column("name", _("Name"), cells.text(50, required=True)),
    Column("title", _("Title"), cells.text(50)),
    Column("phone", _("Phone"), cells.text(40)),
    Column("user_name", _("User account name"), cells.text(150)),
), _liaison_row, key=("department_code", "street_code"))

PARTY_ORGANISATIONS = Sheet("party_organisations", _("Party organisations"), (
    Column("unit_code", _("Unit code"), cells.text(15, required=True), number_format=TEXT),
    # Follows from the unit's kind; checked when filled in, derived when left blank.
    Column("kind", _("Kind"), cells.choice(PartyOrganisationKind.values, required=False), width=30),
    Column("name", _("Name"), cells.text(120, required=True), width=30),
    Column("secretary_name", _("Secretary"), cells.text(50)),
    Column("member_count", _("Members"), cells.count, width=10),
    Column("established_on", _("Established on"), cells.day, number_format=DATE, width=14),
), _party_organisation_row, key=("unit_code",))

JOINT_COMMITTEE_SEATS = Sheet("joint_committee_seats", _("Joint committee seats"), (
    Column("unit_code", _("Street or community code"), cells.text(15, required=True), number_format=TEXT),
    Column("organisation_name", _("Organisation"), cells.text(120, required=True), width=30),
    Column("organisation_kind", _("Organisation kind"), cells.choice(SeatOrganisationKind.values), width=14),
    Column("representative_name", _("Representative"), cells.text(50, required=True)),
    Column("position", _("Position on the committee"), cells.text(50)),
    Column("joined_on", _("Joined on"), cells.day, number_format=DATE, width=14),
    ACTIVE,
), _seat_row, key=("unit_code", "organisation_name"))

# In the order they are written and imported: each sheet refers only to sheets before it.
SHEETS: tuple[Sheet, ...] = (UNITS, COMPOUNDS, DEPARTMENTS, LIAISONS, PARTY_ORGANISATIONS,
                             JOINT_COMMITTEE_SEATS)
SHEETS_BY_NAME: dict[str, Sheet] = {sheet.name: sheet for sheet in SHEETS}
