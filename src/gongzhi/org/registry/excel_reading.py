"""Reading an uploaded workbook into rows of cell values, each cell read by its column's reader.

Problems of the file's shape (not a workbook, unknown sheets, missing or unknown columns) and of
single cells are collected here; what rows mean together is for ``excel_checks``."""
from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from typing import Any, BinaryIO

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from gongzhi.org.registry.cells import CellProblem, is_blank
from gongzhi.org.registry.problems import Problem
from gongzhi.org.registry.sheets import FIRST_DATA_ROW, HEADER_ROW, SHEETS_BY_NAME, Sheet


class _Invalid:
    """A cell whose value could not be read (its problem is already reported)."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()


@dataclass
class SheetRow:
    sheet: Sheet
    number: int
    values: dict[str, Any]

    def __getitem__(self, column: str) -> Any:
        return self.values[column]

    def valid(self, *columns: str) -> bool:
        """Were these cells (all cells when none are named) read without a problem?"""
        return all(self.values[name] is not INVALID for name in columns or self.values)


def workbook_rows(file: BinaryIO | bytes, *, file_name: str,
                  problems: list[Problem]) -> dict[str, list[SheetRow]]:
    """The data rows of each known sheet (a missing sheet has none)."""
    try:
        workbook = load_workbook(BytesIO(file) if isinstance(file, bytes) else file, data_only=True)
    except Exception:  # openpyxl raises a dozen types for files that are not workbooks
        problems.append(Problem(file_name, None, None, _("This is not an Excel (.xlsx) workbook.")))
        return {}
    rows: dict[str, list[SheetRow]] = {name: [] for name in SHEETS_BY_NAME}
    for worksheet in workbook.worksheets:
        sheet = SHEETS_BY_NAME.get(worksheet.title)
        if sheet is None:
            problems.append(Problem(worksheet.title, None, None, _("Unknown sheet; expected: %(names)s.") % {
                "names": ", ".join(SHEETS_BY_NAME)}))
            continue
        rows[sheet.name] = _sheet_rows(worksheet, sheet, problems)
    return rows


def _sheet_rows(worksheet, sheet: Sheet, problems: list[Problem]) -> list[SheetRow]:
    header = next(worksheet.iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW, values_only=True), ())
    position = _column_positions(header, sheet, problems)
    if position is None:
        return []
    rows = []
    for number, cells in enumerate(worksheet.iter_rows(min_row=FIRST_DATA_ROW, values_only=True),
                                   start=FIRST_DATA_ROW):
        if all(is_blank(value) for value in cells):
            continue
        values = {}
        for column in sheet.columns:
            index = position[column.name]
            try:
                values[column.name] = column.read(cells[index] if index < len(cells) else None)
            except CellProblem as problem:
                problems.append(Problem(sheet.name, number, column.name, problem.message))
                values[column.name] = INVALID
        rows.append(SheetRow(sheet, number, values))
    return rows


def _column_positions(header: tuple, sheet: Sheet, problems: list[Problem]) -> dict[str, int] | None:
    """Where each column stands in the header row, or None when the header is unusable."""
    position: dict[str, int] = {}
    found_problem = False
    for index, value in enumerate(header):
        name = "" if is_blank(value) else str(value).strip()
        if not name:
            continue
        if name not in sheet.column_names:
            problems.append(Problem(sheet.name, HEADER_ROW, name, _(
                "Unknown column; expected: %(names)s.") % {"names": ", ".join(sheet.column_names)}))
            found_problem = True
        elif name in position:
            problems.append(Problem(sheet.name, HEADER_ROW, name, _("This column appears twice.")))
            found_problem = True
        else:
            position[name] = index
    for name in sheet.column_names:
        if name not in position:
            problems.append(Problem(sheet.name, HEADER_ROW, name, _("This column is missing.")))
            found_problem = True
    return None if found_problem else position
