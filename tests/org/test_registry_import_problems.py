"""Every kind of bad row in a registry workbook is reported at its (sheet, row, column), and a
file with any problem imports nothing: neither its good rows nor a single event."""
from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook

from gongzhi.org.registry.excel_import import registry_workbook_import
from gongzhi.org.registry.problems import ImportRejected
from tests.org.registry_helpers import database_state, workbook_bytes

# Rows that would import cleanly into the small city; each case adds one bad row after them, so a
# passing case also proves that good rows are not written when another row fails.
NEW_STREET = {"code": "652301003", "name": "宁边路街道", "kind": "street", "parent_code": "652301",
              "households": 100}
NEW_COMPOUND = {"code": "XQ-100", "name": "幸福小区", "community_code": "652301001001", "households": 80}
NEW_DEPARTMENT = {"code": "HEALTH", "name": "卫生健康委员会", "kind": "functional"}


def rejected_places(sheets: dict, *, update: bool = False) -> list[tuple]:
    before = database_state()
    with pytest.raises(ImportRejected) as rejected:
        registry_workbook_import(actor=None, file=workbook_bytes(sheets), update=update)
    assert database_state() == before
    for problem in rejected.value.problems:
        assert problem.message
    return [problem.place for problem in rejected.value.problems]


ANOTHER_STREET = {"code": "652301006", "name": "街道", "kind": "street", "parent_code": "652301"}


def units(*rows: dict) -> dict:
    return {"units": [NEW_STREET, *rows]}


CASES = {
    "code does not match its parent": (
        units({"code": "652301002009", "name": "错社区", "kind": "community", "parent_code": "652301001"}),
        [("units", 4, "code")]),
    "code of the wrong length for its kind": (
        units({"code": "6523010011", "name": "错社区", "kind": "community", "parent_code": "652301001"}),
        [("units", 4, "code")]),
    "parent of the wrong kind": (
        units({"code": "652301001001009", "name": "错网格", "kind": "grid", "parent_code": "652301001"}),
        [("units", 4, "code")]),
    "unit code repeated within the file": (
        units({"code": "652301003", "name": "又一个", "kind": "street", "parent_code": "652301"}),
        [("units", 4, "code")]),
    "unit code already in the database": (
        units({"code": "652301001", "name": "建国路街道", "kind": "street", "parent_code": "652301"}),
        [("units", 4, "code")]),
    "cycle of parent references": (
        units({"code": "652301004", "name": "甲", "kind": "street", "parent_code": "652301004001"},
              {"code": "652301004001", "name": "乙", "kind": "community", "parent_code": "652301004"}),
        [("units", 4, "parent_code"), ("units", 5, "parent_code")]),
    "unit that is its own parent": (
        units({"code": "652301005", "name": "自己", "kind": "street", "parent_code": "652301005"}),
        [("units", 4, "parent_code")]),
    "unknown parent": (
        units({"code": "652301009001", "name": "孤儿社区", "kind": "community", "parent_code": "652301009"}),
        [("units", 4, "parent_code")]),
    "missing parent": (
        units({"code": "652301006", "name": "无上级", "kind": "street"}),
        [("units", 4, "code")]),
    "missing unit name": (
        units({"code": "652301006", "name": "  ", "kind": "street", "parent_code": "652301"}),
        [("units", 4, "name")]),
    "unknown unit kind": (
        units({"code": "652301006", "name": "镇", "kind": "town", "parent_code": "652301"}),
        [("units", 4, "kind")]),
    "second city": (
        units({"code": "652302", "name": "另一城市", "kind": "city"}),
        [("units", 4, "kind")]),
    "households not a number": (
        units({**ANOTHER_STREET, "households": "很多"}),
        [("units", 4, "households")]),
    "households negative": (
        units({**ANOTHER_STREET, "households": -5}),
        [("units", 4, "households")]),
    "households not whole": (
        units({**ANOTHER_STREET, "households": 2.5}),
        [("units", 4, "households")]),
    "active flag not a truth value": (
        units({**ANOTHER_STREET, "active": "maybe"}),
        [("units", 4, "active")]),
    "phone too long": (
        units({**ANOTHER_STREET, "phone": "1" * 41}),
        [("units", 4, "phone")]),
    "compound in an unknown community": (
        {"compounds": [NEW_COMPOUND, {"code": "XQ-101", "name": "小区", "community_code": "652301001099"}]},
        [("compounds", 4, "community_code")]),
    "compound whose community is a street": (
        {"compounds": [NEW_COMPOUND, {"code": "XQ-101", "name": "小区", "community_code": "652301001"}]},
        [("compounds", 4, "community_code")]),
    "compound in a grid of another community": (
        {"compounds": [NEW_COMPOUND, {"code": "XQ-101", "name": "小区", "community_code": "652301001001",
                                      "grid_code": "652301002001001"}]},
        [("compounds", 4, "grid_code")]),
    "compound code repeated within the file": (
        {"compounds": [NEW_COMPOUND, {**NEW_COMPOUND, "name": "另一个"}]},
        [("compounds", 4, "code")]),
    "compound latitude out of range": (
        {"compounds": [NEW_COMPOUND, {"code": "XQ-101", "name": "小区", "community_code": "652301001001",
                                      "latitude": 95}]},
        [("compounds", 4, "latitude")]),
    "compound without a name": (
        {"compounds": [NEW_COMPOUND, {"code": "XQ-101", "community_code": "652301001001"}]},
        [("compounds", 4, "name")]),
    "department code already in the database": (
        {"departments": [NEW_DEPARTMENT, {"code": "HOUSING", "name": "住建局", "kind": "functional"}]},
        [("departments", 4, "code")]),
    "department name taken by another department": (
        {"departments": [NEW_DEPARTMENT, {"code": "HOUSING2", "name": "住房和城乡建设局", "kind": "functional"}]},
        [("departments", 4, "name")]),
    "department name repeated within the file": (
        {"departments": [NEW_DEPARTMENT, {"code": "HEALTH2", "name": "卫生健康委员会", "kind": "functional"}]},
        [("departments", 4, "name")]),
    "unknown department kind": (
        {"departments": [NEW_DEPARTMENT, {"code": "WATER", "name": "水务局", "kind": "water"}]},
        [("departments", 4, "kind")]),
    "liaison of an unknown department": (
        {"departments": [NEW_DEPARTMENT],
         "liaisons": [{"department_code": "HEALTH", "street_code": "652301001", "name": "王医生"},
                      {"department_code": "NOPE", "street_code": "652301001", "name": "李四"}]},
        [("liaisons", 4, "department_code")]),
    "liaison for a community instead of a street": (
        {"liaisons": [{"department_code": "HOUSING", "street_code": "652301001", "name": "张三"},
                      {"department_code": "URBAN", "street_code": "652301001001", "name": "李四"}]},
        [("liaisons", 4, "street_code")]),
    "liaison with an unknown user account": (
        {"liaisons": [{"department_code": "HOUSING", "street_code": "652301001", "name": "张三",
                       "user_name": "housing.handler"},
                      {"department_code": "URBAN", "street_code": "652301001", "name": "李四",
                       "user_name": "no.such.user"}]},
        [("liaisons", 4, "user_name")]),
    "liaison repeated for the same department and street": (
        {"liaisons": [{"department_code": "HOUSING", "street_code": "652301001", "name": "张三"},
                      {"department_code": "HOUSING", "street_code": "652301001", "name": "李四"}]},
        [("liaisons", 4, "street_code")]),
    "party organisation of the wrong kind for its unit": (
        {"party_organisations": [
            {"unit_code": "652301001", "name": "建国路街道党工委"},
            {"unit_code": "652301001001", "kind": "grid_party_branch", "name": "第一社区党委"}]},
        [("party_organisations", 4, "kind")]),
    "party organisation attached to the city": (
        {"party_organisations": [{"unit_code": "652301001", "name": "建国路街道党工委"},
                                 {"unit_code": "652301", "name": "市委"}]},
        [("party_organisations", 4, "unit_code")]),
    "party organisation with a bad date": (
        {"party_organisations": [{"unit_code": "652301001", "name": "建国路街道党工委"},
                                 {"unit_code": "652301001001", "name": "第一社区党委", "established_on": "去年"}]},
        [("party_organisations", 4, "established_on")]),
    "party organisation with a bad member count": (
        {"party_organisations": [{"unit_code": "652301001", "name": "建国路街道党工委"},
                                 {"unit_code": "652301001001", "name": "第一社区党委", "member_count": "x"}]},
        [("party_organisations", 4, "member_count")]),
    "seat on a grid's committee": (
        {"joint_committee_seats": [
            {"unit_code": "652301001", "organisation_name": "市第一中学", "organisation_kind": "school",
             "representative_name": "赵校长"},
            {"unit_code": "652301001001001", "organisation_name": "市医院", "organisation_kind": "hospital",
             "representative_name": "钱院长"}]},
        [("joint_committee_seats", 4, "unit_code")]),
    "seat of an unknown organisation kind": (
        {"joint_committee_seats": [
            {"unit_code": "652301001", "organisation_name": "市第一中学", "organisation_kind": "school",
             "representative_name": "赵校长"},
            {"unit_code": "652301001", "organisation_name": "某协会", "organisation_kind": "club",
             "representative_name": "孙会长"}]},
        [("joint_committee_seats", 4, "organisation_kind")]),
    "seat without a representative": (
        {"joint_committee_seats": [
            {"unit_code": "652301001", "organisation_name": "市第一中学", "organisation_kind": "school",
             "representative_name": "赵校长"},
            {"unit_code": "652301001", "organisation_name": "市医院", "organisation_kind": "hospital"}]},
        [("joint_committee_seats", 4, "representative_name")]),
}


@pytest.mark.parametrize("sheets, expected", CASES.values(), ids=CASES.keys())
def test_bad_row_is_reported_at_its_place_and_nothing_is_imported(small_city, sheets, expected):
    assert rejected_places(sheets) == expected


def test_every_bad_row_of_every_sheet_is_reported_at_once(small_city):
    sheets = {
        "units": [NEW_STREET, {"code": "652301006", "kind": "street", "parent_code": "652301"},
                  {"code": "652301007", "name": "街道", "kind": "street", "parent_code": "652309"}],
        "compounds": [{"code": "XQ-101", "name": "小区", "community_code": "652301001001", "buildings": -1}],
        "departments": [{"code": "WATER", "name": "水务局", "kind": "water"}],
    }
    assert rejected_places(sheets) == [
        ("compounds", 3, "buildings"), ("departments", 3, "kind"), ("units", 4, "name"),
        ("units", 5, "parent_code"),
    ]


def test_children_of_a_bad_row_are_not_reported_again(small_city):
    """A street with a bad name still exists in the file for its communities: one problem, not a cascade."""
    sheets = units({"code": "652301006", "name": "", "kind": "street", "parent_code": "652301"},
                   {"code": "652301006001", "name": "社区", "kind": "community", "parent_code": "652301006"})
    assert rejected_places(sheets) == [("units", 4, "name")]


def test_existing_records_are_refused_without_update_mode(small_city):
    sheets = {"units": [{"code": "652301001", "name": "建国路街道（新名）", "kind": "street",
                         "parent_code": "652301"}]}
    assert rejected_places(sheets) == [("units", 3, "code")]


def test_update_mode_cannot_move_a_unit_or_change_its_kind(small_city):
    sheets = {"units": [{"code": "652301001001", "name": "建国路第一社区", "kind": "community",
                         "parent_code": "652301002"}]}
    assert rejected_places(sheets, update=True) == [("units", 3, "code")]


def test_update_mode_refuses_changes_to_compounds(small_city):
    from gongzhi.org.services import compound_create

    compound_create(actor=None, code="XQ-1", name="幸福小区", community_code="652301001001", households=10)
    sheets = {"compounds": [{"code": "XQ-1", "name": "幸福小区", "community_code": "652301001001",
                             "households": 11}]}
    assert rejected_places(sheets, update=True) == [("compounds", 3, "households")]


@pytest.mark.parametrize("header, expected", [
    (["code", "name", "kind", "parent_code", "households", "address", "phone"], ("units", 1, "active")),
    (["code", "name", "kind", "parent_code", "households", "address", "phone", "active", "colour"],
     ("units", 1, "colour")),
    (["code", "name", "name", "kind", "parent_code", "households", "address", "phone", "active"],
     ("units", 1, "name")),
], ids=["missing column", "unknown column", "repeated column"])
def test_header_problems_are_reported_on_row_one(small_city, header, expected):
    before = database_state()
    content = workbook_bytes({"units": [{"code": "652301003"}]}, header={"units": header})
    with pytest.raises(ImportRejected) as rejected:
        registry_workbook_import(actor=None, file=content)
    assert [problem.place for problem in rejected.value.problems] == [expected]
    assert database_state() == before


def test_unknown_sheet_is_reported(small_city):
    content = workbook_bytes({"units": [NEW_STREET]})
    workbook = load_workbook(BytesIO(content))
    workbook["units"].title = "unit"
    buffer = BytesIO()
    workbook.save(buffer)
    with pytest.raises(ImportRejected) as rejected:
        registry_workbook_import(actor=None, file=buffer.getvalue())
    assert [problem.place for problem in rejected.value.problems] == [("unit", None, None)]


def test_a_file_that_is_not_a_workbook_is_reported(small_city):
    with pytest.raises(ImportRejected) as rejected:
        registry_workbook_import(actor=None, file=b"code,name\n1,2\n", file_name="units.csv")
    assert [problem.place for problem in rejected.value.problems] == [("units.csv", None, None)]
