"""Checks of single values, shared by the services and the Excel import so that a form, the API and
a spreadsheet are refused alike, with one message per field."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gongzhi.workforce.models import LEVELS

MAX_MONTHLY_PAY = Decimal("100000")
_PHONE = re.compile(r"^\+?[0-9][0-9 -]{5,18}[0-9]$")


class Problems:
    """Collects one message per field, so a form or a spreadsheet row shows everything wrong at once."""

    def __init__(self) -> None:
        self.messages: dict[str, list[str]] = {}

    def check(self, check: Callable[[], Any], default: Any = None) -> Any:
        try:
            return check()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.messages.setdefault(field, []).extend(messages)
            return default

    def add(self, field: str, message: str) -> None:
        self.messages.setdefault(field, []).append(message)

    def raise_any(self) -> None:
        if self.messages:
            raise ValidationError(self.messages)


def refuse(field: str, message: str) -> None:
    raise ValidationError({field: message})


def text_required(value: Any, field: str, max_length: int) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        refuse(field, _("This field is required."))
    if len(text) > max_length:
        refuse(field, _("At most %(n)d characters.") % {"n": max_length})
    return text


def text_optional(value: Any, field: str, max_length: int) -> str:
    if value in (None, ""):
        return ""
    if not isinstance(value, str):
        refuse(field, _("Must be text."))
    return text_required(value, field, max_length) if value.strip() else ""


def choice(value: Any, field: str, choices) -> str:
    if value not in choices.values:
        refuse(
            field,
            _("“%(value)s” is not one of: %(allowed)s.")
            % {"value": value, "allowed": ", ".join(choices.values)},
        )
    return value


def level_value(value: Any, field: str = "level") -> int:
    if isinstance(value, bool) or value not in LEVELS:
        refuse(field, _("A level is a whole number from 1 to 5."))
    return int(value)


def day_value(value: Any, field: str) -> date:
    if not isinstance(value, date):
        refuse(field, _("Must be a date (YYYY-MM-DD)."))
    return value


def first_of_month(value: Any, field: str) -> date:
    day = day_value(value, field)
    if day.day != 1:
        refuse(field, _("Must be the first day of a month."))
    return day


def _decimal(value: Any, field: str, message: str) -> Decimal:
    if isinstance(value, bool):
        refuse(field, message)
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        refuse(field, message)
    if not number.is_finite():
        refuse(field, message)
    return number


def amount(value: Any, field: str, *, maximum: Decimal = MAX_MONTHLY_PAY) -> Decimal:
    """A sum of money in yuan: at least 0, at most ``maximum``, in whole fen."""
    number = _decimal(value, field, _("Must be an amount in yuan."))
    if number < 0 or number > maximum:
        refuse(field, _("Must be an amount from 0 to %(maximum)s yuan.") % {"maximum": maximum})
    if number != number.quantize(Decimal("0.01")):
        refuse(field, _("At most two decimal places."))
    return number


def share(value: Any, field: str) -> Decimal:
    """A fraction from 0 to 1 with at most three decimals (0.2 = 20 %)."""
    message = _("Must be a fraction from 0 to 1 with at most three decimals.")
    number = _decimal(value, field, message)
    if number < 0 or number > 1 or number != number.quantize(Decimal("0.001")):
        refuse(field, message)
    return number


def phone_value(value: Any, field: str = "phone") -> str:
    text = text_optional(value, field, 20)
    if text and not _PHONE.match(text):
        refuse(field, _("A phone number holds digits, spaces or dashes (7 to 20 characters)."))
    return text
