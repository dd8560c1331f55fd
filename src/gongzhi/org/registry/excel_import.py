"""Importing a registry workbook: every row is checked first, and only a file without any
problem is written, through the org services, in one transaction.

Records that already exist (same code; for liaisons the same department and street, for seats the
same unit and organisation) are refused by default, so that importing a file twice, or into the
wrong city, changes nothing. In update mode they are taken as the current state instead: units'
names, households, address, phone and active flag change through ``unit_update``, liaisons and
party organisations through the services that assign and set them; compounds, departments and
seats have no service that changes them, so they must match what is stored."""
from __future__ import annotations

from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.resolver import permission_require
from gongzhi.common.access.roles import Permission
from gongzhi.org.registry.excel_checks import RegistryCheck, Write
from gongzhi.org.registry.excel_reading import workbook_rows
from gongzhi.org.registry.problems import ImportRejected, ImportSummary, Problem
from gongzhi.org.registry.sheets import SHEETS

PROBLEM_HEADERS = (gettext_lazy("sheet"), gettext_lazy("row"), gettext_lazy("column"),
                   gettext_lazy("problem"))
# Service field names that differ from the workbook's column names.
_COLUMN_OF_FIELD = {"is_active": "active", "unit": "unit_code", "street": "street_code",
                    "department": "department_code", "user": "user_name"}


def registry_workbook_import(
    *, actor: Actor | None, file: BinaryIO | bytes, file_name: str = "registry.xlsx", update: bool = False,
) -> ImportSummary:
    """Import a workbook made like ``registry_workbook_export``'s. Raises ``ImportRejected`` with
    every problem found, having written nothing, when any row fails."""
    if actor is not None:
        permission_require(actor, Permission.REGISTRY_TRANSFER)
    problems: list[Problem] = []
    rows = workbook_rows(file, file_name=file_name, problems=problems)
    summary = ImportSummary([sheet.name for sheet in SHEETS])
    # Checking and writing share one transaction: the rows are written against the state they were checked on.
    with transaction.atomic():
        writes = RegistryCheck(rows, update=update, problems=problems).writes
        if problems:
            raise ImportRejected(problems)
        for write in writes:
            _run(write, actor, problems)
            summary.add(write.row.sheet.name, write.outcome)
        if problems:
            # A service refused a row the checks let through (or another session changed the
            # registry meanwhile): raising rolls back every row written so far.
            raise ImportRejected(problems)
    return summary


def _run(write: Write, actor: Actor | None, problems: list[Problem]) -> None:
    if write.run is None:
        return
    sheet, row = write.row.sheet, write.row.number
    try:
        write.run(actor=actor)
    except ValidationError as error:
        details = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
        for name, messages in details.items():
            column = _COLUMN_OF_FIELD.get(name, name)
            column = column if column in sheet.column_names else None
            for message in messages:
                problems.append(Problem(sheet.name, row, column, message))
    except IntegrityError:
        problems.append(Problem(sheet.name, row, None, _("The database refused this row (it conflicts with a "
                                                         "record saved meanwhile).")))
