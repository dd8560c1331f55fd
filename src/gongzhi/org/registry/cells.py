"""Reading one spreadsheet cell as the value a registry field needs.

Offices type into Excel, so a cell may hold a number where a code was meant (652301 rather than
"652301"), a float where a count was meant (300.0), or the words TRUE/是. Each reader accepts what
a spreadsheet plausibly produces for its field and refuses the rest with a message for the person
fixing the file; it raises ``CellProblem`` rather than guessing."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _

CellReader = Callable[[Any], Any]

# The largest count a registry field takes (the services refuse more).
MAX_COUNT = 10_000_000
TRUE_WORDS = {"true", "yes", "y", "1", "是", "真"}
FALSE_WORDS = {"false", "no", "n", "0", "否", "假"}


class CellProblem(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _as_text(value: Any) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, bool):
        raise CellProblem(_("Must be text, not TRUE or FALSE."))
    if isinstance(value, float) and value.is_integer():
        # Excel stores every number as a float: 652301 comes back as 652301.0.
        return str(int(value))
    return str(value).strip()


def text(max_length: int, *, required: bool = False) -> CellReader:
    def read(value: Any) -> str:
        result = _as_text(value)
        if required and not result:
            raise CellProblem(_("This field is required."))
        if len(result) > max_length:
            raise CellProblem(_("At most %(n)d characters.") % {"n": max_length})
        return result

    return read


def choice(values: Iterable[str], *, required: bool = True) -> CellReader:
    allowed = list(values)

    def read(value: Any) -> str:
        result = _as_text(value)
        if not result and not required:
            return ""
        if result not in allowed:
            raise CellProblem(_("“%(value)s” is not one of: %(allowed)s.") % {
                "value": result, "allowed": ", ".join(allowed)})
        return result

    return read


def count(value: Any) -> int:
    """A whole number of at least 0; a blank cell is 0."""
    if is_blank(value):
        return 0
    number = value
    if isinstance(value, str):
        try:
            number = int(value.strip())
        except ValueError:
            number = None
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    if isinstance(number, bool) or not isinstance(number, int) or not 0 <= number <= MAX_COUNT:
        raise CellProblem(_("Must be a whole number of at least 0."))
    return number


def boolean(value: Any) -> bool:
    """TRUE/FALSE (or yes/no, 1/0, 是/否); a blank cell means the record is active."""
    if is_blank(value):
        return True
    if isinstance(value, bool):
        return value
    word = str(int(value) if isinstance(value, float) and value.is_integer() else value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellProblem(_("Must be TRUE or FALSE."))


def day(value: Any) -> date | None:
    """A date cell, or text in the form YYYY-MM-DD; blank means unknown."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        if value.time() != datetime.min.time():
            raise CellProblem(_("Must be a date without a time of day."))
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise CellProblem(_("Must be a date (YYYY-MM-DD)."))


def coordinate(limit: int) -> CellReader:
    """A longitude (limit 180) or latitude (limit 90) in decimal degrees; blank means unknown."""

    def read(value: Any) -> float | None:
        if is_blank(value):
            return None
        if isinstance(value, bool):
            raise CellProblem(_("Must be a number."))
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise CellProblem(_("Must be a number.")) from None
        if not -limit <= number <= limit:
            raise CellProblem(_("Must be between -%(n)d and %(n)d.") % {"n": limit})
        return number

    return read
