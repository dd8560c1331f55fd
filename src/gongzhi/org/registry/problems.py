"""What an import reports: every problem that stopped it, each with its place in the file, or,
when it went through, how many records it wrote."""
from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in an imported file.

    For a workbook ``source`` is the sheet, ``position`` the row as Excel numbers it and ``field``
    the column's machine name; for GeoJSON they are the file name, the feature's index and
    ``properties.<name>`` or ``geometry``. ``position`` and ``field`` are None for problems of a
    whole sheet or file."""

    source: str
    position: int | None
    field: str | None
    message: str

    @property
    def place(self) -> tuple[str, int | None, str | None]:
        return self.source, self.position, self.field


class ImportRejected(Exception):
    """The file had problems; nothing was imported."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=_reading_order)
        count = len(self.problems)
        super().__init__(ngettext("%(count)d problem; nothing was imported.",
                                  "%(count)d problems; nothing was imported.", count) % {"count": count})


CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


class ImportSummary:
    """How many records of each sheet (or file) were created, updated or found unchanged."""

    OUTCOMES = (CREATED, UPDATED, UNCHANGED)

    def __init__(self, sources: list[str]) -> None:
        self.counts: dict[str, Counter] = {source: Counter() for source in sources}

    def add(self, source: str, outcome: str) -> None:
        self.counts[source][outcome] += 1

    def lines(self) -> list[str]:
        return [
            _("%(source)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged") % {
                "source": source, **{outcome: count[outcome] for outcome in self.OUTCOMES}}
            for source, count in self.counts.items()
        ]


def _reading_order(problem: Problem) -> tuple:
    return (problem.source, problem.position or 0, problem.field or "", problem.message)


def problems_table(problems: list[Problem], headers: tuple[str, str, str, str]) -> str:
    """The problems as a plain-text table, widest cell first, for a terminal or a log."""
    rows = [tuple(headers)] + [
        (p.source, "" if p.position is None else str(p.position), p.field or "", p.message) for p in problems
    ]
    widths = [max(_display_width(row[index]) for row in rows) for index in range(3)]
    lines = []
    for number, row in enumerate(rows):
        cells = [_pad(value, widths[index]) for index, value in enumerate(row[:3])]
        lines.append("  ".join([*cells, row[3]]).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in [*widths, _display_width(row[3])]))
    return "\n".join(lines)


def _display_width(text: str) -> int:
    # Chinese characters take two columns in a terminal; without this the table's columns drift.
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _display_width(text))
