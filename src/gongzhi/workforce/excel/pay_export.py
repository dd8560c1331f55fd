"""A pay run as an Excel workbook: a row per slip with its breakdown, and a totals row. Names are
written as text (never formulas); identity numbers are not in it at all."""

from __future__ import annotations

from io import BytesIO

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from gongzhi.workforce.models import PayLine, PayRun

MONEY_FORMAT = "#,##0.00"
MONEY_COLUMNS = ("base_pay", "seniority_pay", "credential_allowance", "performance_pay", "total")


def _columns() -> list[tuple[str, str, int]]:
    return [
        ("unit", _("Unit"), 22),
        ("worker", _("Worker"), 12),
        ("post", _("Post"), 14),
        ("level", _("Level"), 7),
        ("years", _("Years of service"), 9),
        ("credential", _("Credential counted"), 18),
        ("base_pay", _("Base pay"), 11),
        ("seniority_pay", _("Seniority pay"), 11),
        ("credential_allowance", _("Credential allowance"), 11),
        ("performance_pay", _("Performance pay"), 11),
        ("total", _("Total"), 12),
    ]


def _row(line: PayLine) -> dict:
    return {
        "unit": line.unit.name,
        "worker": line.worker.name,
        "post": str(line.get_post_category_display()),
        "level": line.level,
        "years": line.years_of_service,
        "credential": str(line.get_credential_kind_display()) if line.credential_kind else "",
        **{name: getattr(line, name) for name in MONEY_COLUMNS},
    }


def pay_run_workbook(*, run: PayRun, lines: QuerySet[PayLine]) -> bytes:
    """The run's slips (already scoped by the caller) with a totals row."""
    columns = _columns()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = run.month.strftime("%Y-%m")
    sheet.append(
        [
            _("Pay run: %(unit)s, %(month)s (pay table: %(table)s)")
            % {"unit": run.unit.name, "month": run.month.strftime("%Y-%m"), "table": run.table.name}
        ]
    )
    sheet.append([label for _name, label, _width in columns])
    totals = dict.fromkeys(MONEY_COLUMNS, 0)
    count = 0
    for line in lines.iterator(chunk_size=1000):
        values = _row(line)
        sheet.append([values[name] for name, _label, _width in columns])
        for name in MONEY_COLUMNS:
            totals[name] += values[name]
        count += 1
    sheet.append(
        [
            _("Total"),
            _("%(count)d workers") % {"count": count},
            *[""] * 4,
            *[totals[name] for name in MONEY_COLUMNS],
        ]
    )
    for index, (name, _label, width) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        if name in MONEY_COLUMNS:
            for (cell,) in sheet.iter_rows(min_row=3, min_col=index, max_col=index):
                cell.number_format = MONEY_FORMAT
    for cell in (*sheet[1], *sheet[2], *sheet[sheet.max_row]):
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=3, max_col=2):
        for cell in row:
            cell.data_type = "s" if isinstance(cell.value, str) else cell.data_type
    sheet.freeze_panes = "A3"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
