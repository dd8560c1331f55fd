"""What the workbook's rows mean together, checked against each other and against the database
before anything is written: repeated keys, references to units and departments that exist
neither in the file nor in the database, codes that do not fit their parent, cycles of parents,
records that already exist.

The result is the list of writes (service calls) the import will make, in an order where every
record's references are written before it: units parents first, then what refers to them."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.utils.translation import gettext as _

from gongzhi.common.access.actor import Actor
from gongzhi.org import services
from gongzhi.org.models import (
    CODE_LENGTH,
    PARTY_KIND_OF_UNIT,
    Compound,
    Department,
    JointCommitteeSeat,
    Liaison,
    PartyOrganisation,
    Unit,
    UnitKind,
    User,
)
from gongzhi.org.registry.excel_reading import INVALID, SheetRow
from gongzhi.org.registry.problems import CREATED, UNCHANGED, UPDATED, Problem
from gongzhi.org.registry.sheets import (
    COMPOUNDS,
    DEPARTMENTS,
    JOINT_COMMITTEE_SEATS,
    LIAISONS,
    PARTY_ORGANISATIONS,
    UNITS,
    Sheet,
)
from gongzhi.org.validation import unit_code_problem

# The unit fields an import may change on an existing unit (through unit_update), by column.
UNIT_UPDATABLE_COLUMNS = {"name": "name", "households": "households", "address": "address", "phone": "phone",
                          "active": "is_active"}


@dataclass(frozen=True)
class Write:
    """One row's change, made once every row has passed its checks."""

    row: SheetRow
    outcome: str
    run: Callable[..., Any] | None = None


class RegistryCheck:
    """Checks every row of every sheet; ``problems`` collects what is wrong, ``writes`` what to do."""

    def __init__(self, rows: dict[str, list[SheetRow]], *, update: bool, problems: list[Problem]) -> None:
        self.rows = rows
        self.update = update
        self.problems = problems
        self.writes: list[Write] = []
        self._load_database()
        self.file_units: dict[str, SheetRow] = {}
        self.file_departments: dict[str, SheetRow] = {}
        self._check_units()
        self._check_compounds()
        self._check_departments()
        self._check_liaisons()
        self._check_party_organisations()
        self._check_seats()

    # -- what the database holds --------------------------------------------------------------

    def _load_database(self) -> None:
        self.db_units = {unit.code: unit for unit in Unit.objects.select_related("parent")}
        self.db_compounds = {c.code: c for c in Compound.objects.select_related("community", "grid")}
        self.db_departments = {d.code: d for d in Department.objects.all()}
        self.db_liaisons = {(liaison.department.code, liaison.street.code): liaison
                            for liaison in Liaison.objects.select_related("department", "street", "user")}
        self.db_party_organisations = {organisation.unit.code: organisation
                                       for organisation in PartyOrganisation.objects.select_related("unit")}
        self.db_seats = {(seat.unit.code, seat.organisation_name): seat
                         for seat in JointCommitteeSeat.objects.select_related("unit")}
        user_names = {row["user_name"] for row in self.rows.get("liaisons", []) if row.valid("user_name")}
        self.user_names = set(User.objects.filter(username__in=user_names).values_list("username", flat=True))

    # -- helpers ------------------------------------------------------------------------------

    def problem(self, row: SheetRow, column: str | None, message: str) -> None:
        self.problems.append(Problem(row.sheet.name, row.number, column, message))

    def _first_occurrences(self, sheet: Sheet,
                           key_columns: tuple[str, ...] | None = None) -> dict[tuple, SheetRow]:
        """Rows by key (the sheet's, unless other columns are given), the first row holding each key;
        a later row with the same key is reported."""
        key_columns = key_columns or sheet.key
        first: dict[tuple, SheetRow] = {}
        for row in self.rows.get(sheet.name, []):
            if not row.valid(*key_columns):
                continue
            key = tuple(row[column] for column in key_columns)
            if key in first:
                self.problem(row, key_columns[-1], _(
                    "%(key)s already appears on row %(row)d of this sheet.") % {
                    "key": " / ".join(key), "row": first[key].number})
            else:
                first[key] = row
        return first

    def _rows_to_check(self, first: dict[tuple, SheetRow], stored: dict[Any, Any], *,
                       order: Callable[[SheetRow], Any] | None = None,
                       ) -> Iterator[tuple[tuple, SheetRow, Any]]:
        """Each row with the stored record its key names, if any. Outside update mode a row naming a
        stored record is refused here, so that importing a file twice changes nothing."""
        items = sorted(first.items(), key=lambda item: order(item[1])) if order else list(first.items())
        for key, row in items:
            existing = stored.get(key[0] if len(key) == 1 else key)
            if existing is not None and not self.update:
                self.problem(row, row.sheet.key[-1], _(
                    "%(key)s already exists in the database; only an import in update mode may change "
                    "it.") % {"key": " / ".join(key)})
                continue
            yield key, row, existing

    def _differences(self, row: SheetRow, record: Any) -> list[str]:
        """The columns in which the row differs from the stored record, compared as the file shows them."""
        stored = row.sheet.row_of(record)
        return [column.name for column in row.sheet.columns
                if column.read(stored[column.name]) != row[column.name]]

    def _unchanged_or_refused(self, row: SheetRow, record: Any, key: tuple, records: str) -> None:
        """For kinds no service may change: an identical row is fine, a different one is refused."""
        changed = self._differences(row, record)
        if changed:
            self.problem(row, changed[0], _(
                "%(key)s exists in the database with other values in %(columns)s; an import cannot "
                "change existing %(records)s.") % {
                "key": " / ".join(key), "columns": ", ".join(changed), "records": records})
        else:
            self.writes.append(Write(row, UNCHANGED))

    def _set_or_unchanged(self, row: SheetRow, record: Any, run: Callable[..., Any]) -> None:
        """For kinds whose one service both creates and changes: a row like the stored record is skipped."""
        if record is not None and not self._differences(row, record):
            self.writes.append(Write(row, UNCHANGED))
        else:
            self.writes.append(Write(row, UPDATED if record is not None else CREATED, run))

    def unit_kind(self, code: str) -> Any:
        """The kind of the unit with this code in the file or the database: None if there is no such
        unit, INVALID if the file's row for it has an unreadable kind (already reported)."""
        if code in self.file_units:
            return self.file_units[code]["kind"]
        unit = self.db_units.get(code)
        return unit.kind if unit else None

    def unit_parent_code(self, code: str) -> Any:
        if code in self.file_units:
            return self.file_units[code]["parent_code"]
        unit = self.db_units.get(code)
        return unit.parent.code if unit and unit.parent_id else ""

    def _require_unit(self, row: SheetRow, column: str, kinds: Iterable[str]) -> str | None:
        """The kind of the unit the column names, if it exists and is of one of these kinds."""
        code = row[column]
        kind = self.unit_kind(code)
        allowed = list(kinds)
        if kind is None:
            self.problem(row, column, _("No unit has the code %(code)s, in this file or in the database.") % {
                "code": code})
            return None
        if kind is INVALID:
            return None
        if kind not in allowed:
            self.problem(row, column, _("%(code)s is a %(kind)s, not a %(expected)s.") % {
                "code": code, "kind": kind, "expected": " / ".join(allowed)})
            return None
        return kind

    def _passed(self, row: SheetRow, problems_before: int) -> bool:
        return row.valid() and len(self.problems) == problems_before

    # -- units --------------------------------------------------------------------------------

    def _check_units(self) -> None:
        first = self._first_occurrences(UNITS)
        self.file_units = {code: row for (code,), row in first.items()}
        cycles = _parent_cycles({code: row["parent_code"] for code, row in self.file_units.items()
                                 if row.valid("parent_code") and row["parent_code"]})
        city_codes = {code for code, unit in self.db_units.items() if unit.kind == UnitKind.CITY}
        for (code,), row, existing in self._rows_to_check(first, self.db_units, order=_depth_then_row):
            before = len(self.problems)
            if code in cycles:
                self.problem(row, "parent_code", _("Parent references form a cycle: %(cycle)s.") % {
                    "cycle": " → ".join([*cycles[code], cycles[code][0]])})
                continue
            if row.valid("kind", "parent_code"):
                self._check_unit_place(row, existing)
                if row["kind"] == UnitKind.CITY and not existing:
                    if city_codes - {code}:
                        self.problem(row, "kind", _(
                            "The platform serves one city; %(code)s is already it.") % {
                            "code": sorted(city_codes)[0]})
                    city_codes.add(code)
            if self._passed(row, before):
                self.writes.append(self._unit_update(row, existing) if existing else self._unit_create(row))

    def _check_unit_place(self, row: SheetRow, existing: Unit | None) -> None:
        parent_code = row["parent_code"] or None
        parent_kind = None
        if parent_code:
            parent_kind = self.unit_kind(parent_code)
            if parent_kind is None:
                self.problem(row, "parent_code", _("No unit has the code %(code)s, in this file or in the "
                                                   "database.") % {"code": parent_code})
                return
            if parent_kind is INVALID:
                return
        problem = unit_code_problem(code=row["code"], kind=row["kind"], parent_code=parent_code,
                                    parent_kind=parent_kind)
        if problem:
            self.problem(row, "code", problem)
            return
        if existing is not None:
            if existing.kind != row["kind"]:
                self.problem(row, "kind", _(
                    "%(code)s is a %(kind)s in the database; an import cannot change a unit's kind.") % {
                    "code": existing.code, "kind": existing.kind})
            stored_parent = existing.parent.code if existing.parent_id else None
            if stored_parent != parent_code:
                self.problem(row, "parent_code", _(
                    "%(code)s belongs to %(parent)s in the database; an import cannot move a unit.") % {
                    "code": existing.code, "parent": stored_parent})

    def _unit_create(self, row: SheetRow) -> Write:
        return Write(row, CREATED, partial(
            services.unit_create, code=row["code"], name=row["name"], kind=row["kind"],
            parent_code=row["parent_code"] or None, households=row["households"], address=row["address"],
            phone=row["phone"], is_active=row["active"]))

    def _unit_update(self, row: SheetRow, unit: Unit) -> Write:
        changes = {UNIT_UPDATABLE_COLUMNS[column]: row[column] for column in self._differences(row, unit)}
        if not changes:
            return Write(row, UNCHANGED)
        return Write(row, UPDATED, partial(services.unit_update, unit=unit, changes=changes))

    # -- compounds ----------------------------------------------------------------------------

    def _check_compounds(self) -> None:
        first = self._first_occurrences(COMPOUNDS)
        for (code,), row, existing in self._rows_to_check(first, self.db_compounds):
            before = len(self.problems)
            if row.valid("community_code"):
                self._check_compound_place(row)
            if not self._passed(row, before):
                continue
            if existing:
                self._unchanged_or_refused(row, existing, (code,), _("compounds"))
            else:
                self.writes.append(Write(row, CREATED, partial(
                    services.compound_create, code=code, name=row["name"],
                    community_code=row["community_code"], grid_code=row["grid_code"] or None,
                    address=row["address"], households=row["households"], buildings=row["buildings"],
                    latitude=row["latitude"], longitude=row["longitude"], is_active=row["active"])))

    def _check_compound_place(self, row: SheetRow) -> None:
        if not self._require_unit(row, "community_code", [UnitKind.COMMUNITY]):
            return
        grid_code = row["grid_code"] if row.valid("grid_code") else ""
        if grid_code and self._require_unit(row, "grid_code", [UnitKind.GRID]):
            if self.unit_parent_code(grid_code) != row["community_code"]:
                self.problem(row, "grid_code", _("Grid %(grid)s is not in community %(community)s.") % {
                    "grid": grid_code, "community": row["community_code"]})

    # -- departments and their liaisons -------------------------------------------------------

    def _check_departments(self) -> None:
        first = self._first_occurrences(DEPARTMENTS)
        self.file_departments = {code: row for (code,), row in first.items()}
        names = self._first_occurrences(DEPARTMENTS, ("name",))
        name_rows = {id(row) for row in names.values()}
        stored_codes_by_name = {department.name: code for code, department in self.db_departments.items()}
        for (code,), row, existing in self._rows_to_check(first, self.db_departments):
            before = len(self.problems)
            if row.valid("name") and id(row) in name_rows:
                holder = stored_codes_by_name.get(row["name"])
                if holder is not None and holder != code:
                    self.problem(row, "name", _(
                        "The department %(holder)s already has the name %(name)s.") % {
                        "holder": holder, "name": row["name"]})
            if not self._passed(row, before) or (row.valid("name") and id(row) not in name_rows):
                continue
            if existing:
                self._unchanged_or_refused(row, existing, (code,), _("departments"))
            else:
                self.writes.append(Write(row, CREATED, partial(
                    services.department_create, code=code, name=row["name"], kind=row["kind"],
                    short_name=row["short_name"], phone=row["phone"], is_active=row["active"])))

    def _department_known(self, code: str) -> bool:
        return code in self.file_departments or code in self.db_departments

    def _check_liaisons(self) -> None:
        first = self._first_occurrences(LIAISONS)
        for key, row, existing in self._rows_to_check(first, self.db_liaisons):
            before = len(self.problems)
            if not self._department_known(row["department_code"]):
                self.problem(row, "department_code", _(
                    "No department has the code %(code)s, in this file or in the database.") % {
                    "code": row["department_code"]})
            self._require_unit(row, "street_code", [UnitKind.STREET])
            if row.valid("user_name") and row["user_name"] and row["user_name"] not in self.user_names:
                self.problem(row, "user_name", _("No user account has the user name %(name)s.") % {
                    "name": row["user_name"]})
            if self._passed(row, before):
                # liaison_assign names or replaces the street's liaison: the one action for both.
                self._set_or_unchanged(row, existing, partial(
                    _liaison_assign, department_code=key[0], street_code=key[1], name=row["name"],
                    title=row["title"], phone=row["phone"], user_name=row["user_name"]))

    # -- party organisations and joint committees ---------------------------------------------

    def _check_party_organisations(self) -> None:
        first = self._first_occurrences(PARTY_ORGANISATIONS)
        for (code,), row, existing in self._rows_to_check(first, self.db_party_organisations):
            before = len(self.problems)
            unit_kind = self._require_unit(row, "unit_code", list(PARTY_KIND_OF_UNIT))
            if unit_kind and row.valid("kind"):
                expected = PARTY_KIND_OF_UNIT[unit_kind]
                if not row["kind"]:
                    row.values["kind"] = expected
                elif row["kind"] != expected:
                    self.problem(row, "kind", _(
                        "The party organisation of a %(unit_kind)s is a %(expected)s.") % {
                        "unit_kind": unit_kind, "expected": expected})
            if self._passed(row, before):
                # party_organisation_set records or updates the unit's organisation: the one action for both.
                self._set_or_unchanged(row, existing, partial(
                    _with_unit(services.party_organisation_set), unit_code=code, name=row["name"],
                    secretary_name=row["secretary_name"], member_count=row["member_count"],
                    established_on=row["established_on"]))

    def _check_seats(self) -> None:
        first = self._first_occurrences(JOINT_COMMITTEE_SEATS)
        for key, row, existing in self._rows_to_check(first, self.db_seats):
            before = len(self.problems)
            self._require_unit(row, "unit_code", [UnitKind.STREET, UnitKind.COMMUNITY])
            if not self._passed(row, before):
                continue
            if existing:
                self._unchanged_or_refused(row, existing, key, _("joint committee seats"))
            else:
                self.writes.append(Write(row, CREATED, partial(
                    _with_unit(services.joint_committee_seat_add), unit_code=key[0], organisation_name=key[1],
                    organisation_kind=row["organisation_kind"],
                    representative_name=row["representative_name"], position=row["position"],
                    joined_on=row["joined_on"], is_active=row["active"])))


def _depth_then_row(row: SheetRow) -> tuple[int, int]:
    """Parents before children: a unit's depth follows from its kind (an unreadable kind goes last)."""
    return CODE_LENGTH.get(row["kind"], 99) if row.valid("kind") else 99, row.number


def _parent_cycles(parents: dict[str, str]) -> dict[str, list[str]]:
    """The codes whose parent references lead back to themselves, each with its cycle."""
    in_cycle: dict[str, list[str]] = {}
    for start in parents:
        path: list[str] = []
        index_in_path: dict[str, int] = {}
        code = start
        while code in parents and code not in index_in_path and code not in in_cycle:
            index_in_path[code] = len(path)
            path.append(code)
            code = parents[code]
        if code in index_in_path:
            cycle = path[index_in_path[code]:]
            for member in cycle:
                in_cycle[member] = cycle
    return in_cycle


def _with_unit(action: Callable[..., Any]) -> Callable[..., Any]:
    """The action, called with the unit the code names (looked up when the write runs, after the
    units of the same file exist)."""

    def run(*, actor: Actor | None, unit_code: str, **fields: Any) -> Any:
        return action(actor=actor, unit=Unit.objects.get(code=unit_code), **fields)

    return run


def _liaison_assign(*, actor: Actor | None, department_code: str, street_code: str, user_name: str,
                    **fields: Any) -> Liaison:
    return services.liaison_assign(
        actor=actor, department=Department.objects.get(code=department_code),
        street=Unit.objects.get(code=street_code),
        user=User.objects.get(username=user_name) if user_name else None, **fields)
