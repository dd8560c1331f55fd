"""A period as an Excel workbook: its scheme, the results and ranking, and the streets' scores —
each limited to what the reader may see (the caller passes scoped records). Text stays text: a
name that begins with "=" must not become a formula in an office's spreadsheet."""
from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from gongzhi.assessment.models import DepartmentResult, Indicator, ManualItem, ManualScore, Period

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _plain(value: Any) -> Any:
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _table(workbook: Workbook, title: str, header: list[str], rows: Iterable[list[Any]]) -> None:
    sheet = workbook.create_sheet(title[:31])
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_plain(value) for value in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula
    for index, label in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(10, min(40, 2 * len(label)))
    sheet.freeze_panes = "A2"


def _rule_text(indicator: Indicator) -> str:
    if indicator.zero_at is not None:
        return _("0 at %(zero)s, 100 at %(full)s") % {"zero": indicator.zero_at, "full": indicator.full_at}
    return "; ".join(f"{step['at']:g} → {step['score']:g}" for step in indicator.steps)


def period_workbook(*, period: Period, results: Iterable[DepartmentResult], scores: Iterable[ManualScore],
                    indicator_values: dict[tuple[int, int], tuple[Any, Any]]) -> bytes:
    """``indicator_values`` maps (department id, indicator id) to (value, score) for the results given."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    indicators: list[Indicator] = list(period.indicators.all())
    items: list[ManualItem] = list(period.manual_items.all())
    _table(workbook, _("Scheme"), [_("part"), _("indicator or item"), _("weight"),
                                   _("rule or highest score")],
           [*([_("automatic"), indicator.get_metric_display(), indicator.weight, _rule_text(indicator)]
              for indicator in indicators),
            *([_("streets"), f"{item.name} ({item.get_kind_display()})", item.weight, item.max_score]
              for item in items)])
    indicator_columns = [f"{indicator.get_metric_display()} ({label})" for indicator in indicators
                         for label in (_("value"), _("score"))]
    _table(workbook, _("Ranking"),
           [_("rank"), _("department code"), _("department"), _("total"), _("automatic part"),
            _("streets' part"), *indicator_columns],
           ([result.rank, result.department.code, result.department.name, result.total,
             result.automatic_score, result.street_score,
             *(value for indicator in indicators
               for value in indicator_values.get((result.department_id, indicator.pk), (None, None)))]
            for result in results))
    _table(workbook, _("Streets' scores"),
           [_("street"), _("department"), _("item"), _("posted staff member"), _("score"),
            _("adjusted score"), _("comment")],
           ([score.street.name, score.department.name, score.item.name,
             score.staff.name if score.staff else "",
             score.score, score.adjusted_score, score.comment] for score in scores))
    _table(workbook, _("About"), [_("item"), _("value")], [
        [_("period"), period.name], [_("state"), period.get_state_display()],
        [_("from"), period.starts_on.isoformat()], [_("to"), period.ends_on.isoformat()],
        [_("streets' share (%)"), period.street_share],
        [_("exported at"), timezone.localtime().strftime("%Y-%m-%d %H:%M")]])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
