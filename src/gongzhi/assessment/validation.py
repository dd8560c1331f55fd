"""Checks of single input values for the assessment's services: every caller (page, API, demo,
admin) is refused alike, with a message naming the field. Nothing here writes."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def refused(field: str, message: str) -> ValidationError:
    return ValidationError({field: message})


def clean_text(value: Any, *, field: str, max_length: int, required: bool = True) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise refused(field, _("Must be text."))
    text = value.strip()
    if required and not text:
        raise refused(field, _("This field is required."))
    if len(text) > max_length:
        raise refused(field, _("At most %(n)d characters.") % {"n": max_length})
    if _CONTROL_CHARACTERS.search(text):
        raise refused(field, _("Contains control characters."))
    return text


def clean_number(value: Any, *, field: str, minimum: Decimal | int, maximum: Decimal | int,
                 places: int = 2) -> Decimal:
    """A decimal number within [minimum, maximum] with at most ``places`` decimals."""
    message = _("Must be a number from %(minimum)s to %(maximum)s with at most %(places)d decimals.") % {
        "minimum": minimum, "maximum": maximum, "places": places}
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        raise refused(field, message)
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise refused(field, message) from None
    if not number.is_finite() or not (minimum <= number <= maximum) or number != round(number, places):
        raise refused(field, message)
    # As the column keeps it, so that what an event records is what was stored.
    return number.quantize(Decimal(1).scaleb(-places))


def clean_whole(value: Any, *, field: str, minimum: int, maximum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise refused(field, _("Must be a whole number from %(minimum)d to %(maximum)d.")
                      % {"minimum": minimum, "maximum": maximum})
    try:
        number = int(str(value).strip())
    except ValueError:
        number = None
    if number is None or not (minimum <= number <= maximum):
        raise refused(field, _("Must be a whole number from %(minimum)d to %(maximum)d.")
                      % {"minimum": minimum, "maximum": maximum})
    return number


def clean_choice(value: Any, *, field: str, choices: type[models.TextChoices]) -> str:
    if not isinstance(value, str) or value not in choices.values:
        raise refused(field, _("Choose one of: %(choices)s.") % {"choices": ", ".join(choices.values)})
    return value


def clean_date(value: Any, *, field: str, required: bool = True) -> date | None:
    if value in (None, "") and not required:
        return None
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            pass
    if not isinstance(value, date):
        raise refused(field, _("Must be a date (YYYY-MM-DD)."))
    return value
