"""The whole registry as an Excel workbook: one sheet per kind of record (see ``sheets``)."""
from __future__ import annotations

from io import BytesIO

from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.resolver import permission_require
from gongzhi.common.access.roles import Permission
from gongzhi.org import selectors
from gongzhi.org.models import Compound, Department, JointCommitteeSeat, Liaison, PartyOrganisation, Unit
from gongzhi.org.registry.sheets import FIRST_DATA_ROW, LABEL_ROW, SHEETS, Sheet

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_RELATED = {
    "units": ["parent"],
    "compounds": ["community", "grid"],
    "departments": [],
    "liaisons": ["department", "street", "user"],
    "party_organisations": ["unit"],
    "joint_committee_seats": ["unit"],
}


def registry_records(actor: Actor | None) -> dict[str, QuerySet]:
    """Every registry record the actor may transfer, by sheet name; ``actor=None`` is an operator
    at the console and gets the whole registry."""
    if actor is None:
        records = {
            "units": Unit.objects.all(),
            "compounds": Compound.objects.all(),
            "departments": Department.objects.all(),
            "liaisons": Liaison.objects.all(),
            "party_organisations": PartyOrganisation.objects.all(),
            "joint_committee_seats": JointCommitteeSeat.objects.all(),
        }
    else:
        permission_require(actor, Permission.REGISTRY_TRANSFER)
        records = {
            "units": selectors.units_visible_to(actor),
            "compounds": selectors.compounds_visible_to(actor),
            "departments": selectors.departments_visible_to(actor),
            "liaisons": selectors.liaisons_visible_to(actor),
            "party_organisations": selectors.party_organisations_visible_to(actor),
            "joint_committee_seats": selectors.joint_committee_seats_visible_to(actor),
        }
    return {name: queryset.select_related(*_RELATED[name]) for name, queryset in records.items()}


def registry_workbook_export(*, actor: Actor | None) -> bytes:
    """The registry as the bytes of an .xlsx file."""
    records = registry_records(actor)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in SHEETS:
        _write_sheet(workbook, sheet, records[sheet.name])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_sheet(workbook: Workbook, sheet: Sheet, records: QuerySet) -> None:
    worksheet = workbook.create_sheet(sheet.name)
    worksheet.append(sheet.column_names)
    worksheet.append([str(column.label) for column in sheet.columns])
    for record in records.iterator(chunk_size=500):
        values = sheet.row_of(record)
        worksheet.append([values[name] for name in sheet.column_names])
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        worksheet.column_dimensions[letter].width = column.width
        worksheet[f"{letter}1"].font = Font(bold=True)
        worksheet[f"{letter}{LABEL_ROW}"].font = Font(italic=True, color="666666")
        if column.number_format:
            for (cell,) in worksheet.iter_rows(min_row=FIRST_DATA_ROW, min_col=index, max_col=index):
                cell.number_format = column.number_format
    worksheet.freeze_panes = f"A{FIRST_DATA_ROW}"
