"""Importing personnel files from a workbook with one sheet, ``workers``.

Each row is read cell by cell, then checked as a whole by the same check the file form and the API
use (``worker_fields_check``), and against the other rows (an identity number twice). Only a file
without a single problem is written, in one transaction, through ``workers_create``."""

from __future__ import annotations

from io import BytesIO
from typing import Any, BinaryIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.roles import Permission
from gongzhi.org.registry import cells

# The registry import's reader of one sheet: header matched by machine name, each cell read by its
# column's reader, every cell problem reported with its row and column.
from gongzhi.org.registry.excel_reading import SheetRow, _sheet_rows
from gongzhi.org.registry.problems import ImportRejected, Problem
from gongzhi.org.registry.sheets import DATE, FIRST_DATA_ROW, LABEL_ROW, TEXT, Column, Sheet
from gongzhi.workforce.identity import identity_number_normalise
from gongzhi.workforce.models import (
    CredentialKind,
    Education,
    Gender,
    PostCategory,
    RecruitmentSource,
    Worker,
)
from gongzhi.workforce.services.access import require
from gongzhi.workforce.services.workers import (
    CredentialEntry,
    KnownRecords,
    WorkerFields,
    worker_fields_check,
    workers_create,
)

SHEET_NAME = "workers"


def _level(value: Any) -> int | None:
    if cells.is_blank(value):
        return None
    number = cells.count(value)
    if not 1 <= number <= 5:
        raise cells.CellProblem(_("A level is a whole number from 1 to 5."))
    return number


def _pay(value: Any) -> Any:
    """An amount in yuan; the service checks its range. Blank: no previous pay (a new hire)."""
    if cells.is_blank(value):
        return None
    if isinstance(value, bool):
        raise cells.CellProblem(_("Must be an amount in yuan."))
    return value if isinstance(value, (int, float)) else str(value).strip()


WORKERS = Sheet(
    SHEET_NAME,
    gettext_lazy("Workers"),
    (
        Column(
            "unit_code",
            gettext_lazy("Community or street code"),
            cells.text(15, required=True),
            number_format=TEXT,
        ),
        Column("name", gettext_lazy("Name"), cells.text(50, required=True)),
        Column(
            "identity_number",
            gettext_lazy("Identity number"),
            cells.text(18, required=True),
            number_format=TEXT,
            width=22,
        ),
        Column(
            "gender",
            gettext_lazy("Gender (male/female; blank: from the identity number)"),
            cells.choice(Gender.values, required=False),
            width=10,
        ),
        Column(
            "birth_date",
            gettext_lazy("Birth date (blank: from the identity number)"),
            cells.day,
            number_format=DATE,
            width=12,
        ),
        Column("phone", gettext_lazy("Phone"), cells.text(20), number_format=TEXT),
        Column("education", gettext_lazy("Education"), cells.choice(Education.values), width=12),
        Column(
            "source",
            gettext_lazy("Recruited through (blank: regular)"),
            cells.choice(RecruitmentSource.values, required=False),
            width=12,
        ),
        Column("hire_date", gettext_lazy("Hire date"), cells.day, number_format=DATE, width=12),
        Column(
            "post_category",
            gettext_lazy("Post (head/deputy/staff)"),
            cells.choice(PostCategory.values),
            width=10,
        ),
        Column("level", gettext_lazy("Level 1-5 (blank: placed by the pay migration)"), _level, width=8),
        Column(
            "previous_monthly_pay", gettext_lazy("Monthly pay before the migration (yuan)"), _pay, width=12
        ),
        Column(
            "credential_kind",
            gettext_lazy("Credential"),
            cells.choice(CredentialKind.values, required=False),
            width=24,
        ),
        Column(
            "credential_obtained_on",
            gettext_lazy("Credential obtained on"),
            cells.day,
            number_format=DATE,
            width=12,
        ),
        Column("credential_number", gettext_lazy("Certificate number"), cells.text(40)),
    ),
    row_of=lambda worker: {},
    key=("identity_number",),
)

# Fields the service names that are columns under another name.
_COLUMN_OF_FIELD = {"credential_kind": "credential_kind", "credential_obtained_on": "credential_obtained_on"}


def _rows(file: BinaryIO | bytes, file_name: str, problems: list[Problem]) -> list[SheetRow]:
    try:
        workbook = load_workbook(BytesIO(file) if isinstance(file, bytes) else file, data_only=True)
    except Exception:  # openpyxl raises a dozen types for files that are not workbooks
        problems.append(Problem(file_name, None, None, _("This is not an Excel (.xlsx) workbook.")))
        return []
    if SHEET_NAME not in workbook.sheetnames:
        problems.append(
            Problem(
                file_name, None, None, _("The workbook has no sheet named “%(name)s”.") % {"name": SHEET_NAME}
            )
        )
        return []
    rows = _sheet_rows(workbook[SHEET_NAME], WORKERS, problems)
    if not rows and not problems:
        problems.append(Problem(SHEET_NAME, None, None, _("The sheet holds no worker.")))
    return rows


def _credentials(row: SheetRow, problems: list[Problem]) -> list[CredentialEntry] | None:
    kind, obtained_on = row["credential_kind"], row["credential_obtained_on"]
    if kind and obtained_on is None:
        problems.append(
            Problem(
                SHEET_NAME, row.number, "credential_obtained_on", _("Required when a credential is named.")
            )
        )
        return None
    if not kind and obtained_on is not None:
        problems.append(
            Problem(
                SHEET_NAME, row.number, "credential_kind", _("Name the credential obtained on this date.")
            )
        )
        return None
    return (
        [CredentialEntry(kind=kind, obtained_on=obtained_on, number=row["credential_number"])] if kind else []
    )


def _row_check(
    actor: Actor | None, row: SheetRow, problems: list[Problem], known: KnownRecords
) -> WorkerFields | None:
    credentials = _credentials(row, problems)
    if credentials is None:
        return None
    try:
        return worker_fields_check(
            actor=actor,
            unit_code=row["unit_code"],
            name=row["name"],
            identity_number=row["identity_number"],
            gender=row["gender"],
            birth_date=row["birth_date"],
            phone=row["phone"],
            education=row["education"],
            source=row["source"] or RecruitmentSource.REGULAR,
            hire_date=row["hire_date"],
            post_category=row["post_category"],
            level=row["level"],
            previous_monthly_pay=row["previous_monthly_pay"],
            credentials=credentials,
            known=known,
        )
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            column = field if field in WORKERS.column_names else None
            problems.extend(Problem(SHEET_NAME, row.number, column, message) for message in messages)
        return None


def workers_workbook_import(
    *, actor: Actor | None, file: BinaryIO | bytes, file_name: str = "workers.xlsx"
) -> list[Worker]:
    """Open a personnel file per row. Raises ``ImportRejected`` with every problem found, having
    written nothing, when any row fails."""
    require(actor, Permission.WORKFORCE_MANAGE)
    problems: list[Problem] = []
    rows = _rows(file, file_name, problems)
    entries: list[WorkerFields] = []
    first_row_of_number: dict[str, int] = {}
    with transaction.atomic():
        known = KnownRecords(preload=True)
        for row in rows:
            if row.valid("identity_number"):
                number = identity_number_normalise(row["identity_number"])
                if number in first_row_of_number:
                    problems.append(
                        Problem(
                            SHEET_NAME,
                            row.number,
                            "identity_number",
                            _("This identity number already appears on row %(row)d.")
                            % {"row": first_row_of_number[number]},
                        )
                    )
                    continue
                first_row_of_number[number] = row.number
            if not row.valid():
                continue
            checked = _row_check(actor, row, problems, known)
            if checked is not None:
                entries.append(checked)
        if problems:
            raise ImportRejected(problems)
        return workers_create(actor=actor, entries=entries)


def workers_workbook_template() -> bytes:
    """An empty import workbook: the machine names the import reads, and their labels for people."""
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = SHEET_NAME
    worksheet.append(WORKERS.column_names)
    worksheet.append([str(column.label) for column in WORKERS.columns])
    for index, column in enumerate(WORKERS.columns, start=1):
        letter = get_column_letter(index)
        worksheet.column_dimensions[letter].width = max(column.width, 12)
        worksheet[f"{letter}1"].font = Font(bold=True)
        worksheet[f"{letter}{LABEL_ROW}"].font = Font(italic=True, color="666666")
    worksheet.freeze_panes = f"A{FIRST_DATA_ROW}"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
