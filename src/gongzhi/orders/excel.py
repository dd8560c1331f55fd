"""Work orders and their statistics as Excel workbooks: offices live in Excel.

Workbooks are written in openpyxl's write-only mode, so a long export streams its rows instead of
holding a cell object for each. Text is always stored as text: a title that starts with "=" must
not become a formula in somebody's spreadsheet. An export leaves the platform, so reporters'
contacts are masked in it whoever asks."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from gongzhi.common.masking import mask_name, mask_phone
from gongzhi.orders.models import WorkOrder

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# An export is for an office's spreadsheet, not a database dump: beyond this, narrow the filters.
EXPORT_ROW_LIMIT = 50_000
DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm"
RATE_FORMAT = "0.0%"


@dataclass(frozen=True)
class Column:
    label: str | Promise
    value: Callable[[Any], Any]
    width: int = 14
    number_format: str | None = None


@dataclass(frozen=True)
class Export:
    content: bytes
    rows: int
    truncated: bool


def _name(record) -> str:
    return record.name if record is not None else ""


ORDER_COLUMNS = [
    Column(_("number"), lambda o: o.number, 16),
    Column(_("title"), lambda o: o.title, 30),
    Column(_("state"), lambda o: o.get_state_display(), 10),
    Column(_("class"), lambda o: o.get_order_class_display(), 10),
    Column(_("category code"), lambda o: o.category.code, 8),
    Column(_("category"), lambda o: o.category.name, 16),
    Column(_("channel"), lambda o: o.get_channel_display(), 12),
    Column(_("street"), lambda o: _name(o.street), 16),
    Column(_("community"), lambda o: _name(o.community), 18),
    Column(_("grid"), lambda o: _name(o.grid), 20),
    Column(_("address"), lambda o: o.address, 30),
    Column(_("lead department"), lambda o: _name(o.lead_department), 22),
    Column(_("reporter's name"), lambda o: mask_name(o.reporter_name), 10),
    Column(_("reporter's phone"), lambda o: mask_phone(o.reporter_phone), 14),
    Column(_("reported at"), lambda o: o.reported_at, 17, DATE_TIME_FORMAT),
    Column(_("dispatched at"), lambda o: o.dispatched_at, 17, DATE_TIME_FORMAT),
    Column(_("accept by"), lambda o: o.accept_by, 17, DATE_TIME_FORMAT),
    Column(_("accepted at"), lambda o: o.accepted_at, 17, DATE_TIME_FORMAT),
    Column(_("complete by"), lambda o: o.complete_by, 17, DATE_TIME_FORMAT),
    Column(_("completed at"), lambda o: o.completed_at, 17, DATE_TIME_FORMAT),
    Column(_("closed at"), lambda o: o.closed_at, 17, DATE_TIME_FORMAT),
    Column(_("overdue since"), lambda o: o.overdue_since, 17, DATE_TIME_FORMAT),
    Column(_("returns"), lambda o: o.return_count, 8),
    Column(_("reworks"), lambda o: o.rework_count, 8),
    Column(_("extensions"), lambda o: o.extension_count, 8),
    Column(_("urges"), lambda o: o.urge_count, 8),
    Column(_("satisfaction"), lambda o: o.get_satisfaction_display(), 12),
    Column(_("description"), lambda o: o.description, 40),
    Column(_("result"), lambda o: o.result, 40),
]


def _cell(worksheet, value: Any, number_format: str | None = None) -> WriteOnlyCell:
    if isinstance(value, datetime):
        # Excel has no time zones: write the city's wall-clock time.
        value = timezone.localtime(value).replace(tzinfo=None)
    elif isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(worksheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula
    if number_format and value is not None:
        cell.number_format = number_format
    return cell


def _sheet(workbook: Workbook, title: str | Promise, columns: list[Column], records: Iterable[Any]) -> int:
    """One sheet: a bold header row, then a row per record. Returns the number of records."""
    worksheet = workbook.create_sheet(str(title)[:31])
    for index, column in enumerate(columns, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = column.width
    worksheet.freeze_panes = "A2"
    header = []
    for column in columns:
        cell = _cell(worksheet, column.label)
        cell.font = Font(bold=True)
        header.append(cell)
    worksheet.append(header)
    count = 0
    for record in records:
        worksheet.append([_cell(worksheet, column.value(record), column.number_format) for column in columns])
        count += 1
    return count


def _about_sheet(workbook: Workbook, lines: list[tuple[str | Promise, Any]]) -> None:
    _sheet(workbook, _("About"), [Column(_("item"), lambda line: line[0], 24),
                                  Column(_("value"), lambda line: line[1], 60)], lines)


def _bytes(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def orders_workbook(*, orders: QuerySet[WorkOrder], filters: dict[str, Any]) -> Export:
    """The orders (already scoped, filtered and ordered by the caller), at most EXPORT_ROW_LIMIT of
    them, and an "About" sheet saying which filters made the list and whether it was cut short."""
    workbook = Workbook(write_only=True)
    rows = orders.select_related("category", "street", "community", "grid", "lead_department")
    written = _sheet(workbook, _("Work orders"), ORDER_COLUMNS, rows[:EXPORT_ROW_LIMIT].iterator(chunk_size=2000))
    truncated = written == EXPORT_ROW_LIMIT and rows[EXPORT_ROW_LIMIT:].exists()
    about: list[tuple[str | Promise, Any]] = [
        (_("exported at"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
        (_("rows"), written),
        *((name, value) for name, value in filters.items()),
    ]
    if truncated:
        about.append((_("note"), _("More orders match than one export holds (%(limit)d); these are the first "
                                   "ones in the chosen order. Narrow the filters to export the rest.")
                      % {"limit": EXPORT_ROW_LIMIT}))
    _about_sheet(workbook, about)
    return Export(content=_bytes(workbook), rows=written, truncated=truncated)


STATISTICS_COUNTS = [
    ("dispatched", _("dispatched")), ("accepted_on_time", _("accepted on time")), ("completed", _("completed")),
    ("completed_on_time", _("completed on time")), ("returned", _("returned")), ("reworked", _("reworked")),
    ("overdue", _("overdue")), ("rated", _("rated")), ("satisfied", _("satisfied")),
]
STATISTICS_RATES = [
    ("completion_rate", _("completion rate")), ("on_time_acceptance_rate", _("on-time acceptance rate")),
    ("on_time_completion_rate", _("on-time completion rate")), ("satisfaction_rate", _("satisfaction rate")),
]


def _statistics_columns() -> list[Column]:
    def value_of(name: str) -> Callable[[dict], Any]:
        return lambda row: row.get(name)

    return [
        Column(_("group"), value_of("label"), 24),
        Column(_("key"), lambda row: "" if row.get("key") is None else str(row["key"]), 10),
        *(Column(label, value_of(name), 10) for name, label in STATISTICS_COUNTS),
        *(Column(label, value_of(name), 12, RATE_FORMAT) for name, label in STATISTICS_RATES),
    ]


def statistics_workbook(*, statistics: dict[str, Any]) -> bytes:
    """The result of orders.statistics.order_statistics: a row per group and a totals row."""
    workbook = Workbook(write_only=True)
    totals = {**statistics["totals"], "label": str(_("Total")), "key": None}
    _sheet(workbook, _("Statistics"), _statistics_columns(), [*statistics["groups"], totals])
    _about_sheet(workbook, [
        (_("exported at"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
        (_("grouped by"), statistics["group_by"]),
        (_("from"), str(statistics["from"])),
        (_("to"), str(statistics["to"])),
    ])
    return _bytes(workbook)
