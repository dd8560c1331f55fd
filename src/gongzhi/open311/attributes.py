"""The questions a service request may answer beyond description and place: GeoReport's service
definition attributes. Every public category asks the same few; emergencies ask one more.

Answers either fill an order field (the title, the address) or are written into the description as
one line each, so that the dispatcher reads them where they read the rest."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongzhi.orders.models import Category, OrderClass

YES_NO = (("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No")))


@dataclass(frozen=True)
class ServiceAttribute:
    code: str
    datatype: str  # GeoReport: string, number, datetime, text, singlevaluelist, multivaluelist
    description: str | Promise
    order: int
    required: bool = False
    max_length: int = 0
    values: tuple[tuple[str, str | Promise], ...] = ()
    datatype_description: str | Promise = ""
    # Set for answers written into the order's description as "label: answer"; the other
    # attributes fill order fields.
    label: str | Promise = ""


TITLE = ServiceAttribute("title", "string", gettext_lazy("A short line saying what and where"), 1,
                         max_length=120, datatype_description=gettext_lazy("At most 120 characters."))
PLACE_DETAIL = ServiceAttribute("place_detail", "string", gettext_lazy("Building, entrance or landmark"), 2,
                                max_length=100, datatype_description=gettext_lazy("At most 100 characters."))
SEEN_BEFORE = ServiceAttribute("seen_before", "singlevaluelist",
                               gettext_lazy("Has this happened here before?"), 3,
                               values=(*YES_NO, ("unknown", gettext_lazy("Don't know"))),
                               label=gettext_lazy("Happened here before"))
DANGER_NOW = ServiceAttribute("danger_now", "singlevaluelist",
                              gettext_lazy("Is anyone in danger right now? If so, call 110, 119 or 120 "
                                           "first."), 4,
                              required=True, values=YES_NO,
                              label=gettext_lazy("Someone in danger now"))


def service_attributes(category: Category) -> list[ServiceAttribute]:
    attributes = [TITLE, PLACE_DETAIL, SEEN_BEFORE]
    if category.order_class == OrderClass.EMERGENCY:
        attributes.append(DANGER_NOW)
    return attributes


def attribute_field(code: str) -> str:
    return f"attribute[{code}]"


def attributes_parse(category: Category, answers: dict[str, list[str]]) -> dict[str, str]:
    """Check the answers (``attribute[code]`` → values as sent) against the category's attributes.
    Raises ValidationError naming ``attribute[code]``."""
    known = {attribute.code: attribute for attribute in service_attributes(category)}
    errors: dict[str, str] = {}
    parsed: dict[str, str] = {}
    for code, values in answers.items():
        attribute = known.get(code)
        if attribute is None:
            errors[attribute_field(code)] = _("This service has no attribute “%(code)s”.") % {"code": code}
            continue
        values = [value.strip() for value in values if value is not None and value.strip()]
        if len(values) > 1:
            errors[attribute_field(code)] = _("Give one value.")
            continue
        value = values[0] if values else ""
        if attribute.values and value and value not in dict(attribute.values):
            errors[attribute_field(code)] = _("Choose one of: %(keys)s.") % {
                "keys": ", ".join(key for key, _name in attribute.values)}
        elif attribute.max_length and len(value) > attribute.max_length:
            errors[attribute_field(code)] = _("At most %(n)d characters.") % {"n": attribute.max_length}
        elif any(ord(character) < 32 for character in value):
            errors[attribute_field(code)] = _("Contains control characters.")
        elif value:
            parsed[code] = value
    for attribute in known.values():
        answered = attribute.code in parsed or attribute_field(attribute.code) in errors
        if attribute.required and not answered:
            errors[attribute_field(attribute.code)] = _("This attribute is required.")
    if errors:
        raise ValidationError(errors)
    return parsed


def description_lines(category: Category, parsed: dict[str, str]) -> list[str]:
    """The answers that go into the description, in the city's own language (the dispatcher's)."""
    lines = []
    with translation.override(settings.LANGUAGE_CODE):
        for attribute in service_attributes(category):
            if attribute.label and attribute.code in parsed:
                answer = dict(attribute.values).get(parsed[attribute.code], parsed[attribute.code])
                lines.append(f"{attribute.label}: {answer}")
    return lines


def attributes_from_query(data: Any) -> dict[str, list[str]]:
    """``attribute[code]=value`` and ``attribute[code][]=value`` pairs of a form-encoded body."""
    answers: dict[str, list[str]] = {}
    for key in data.keys():
        if key.startswith("attribute[") and "]" in key:
            code = key[len("attribute["):key.index("]")]
            answers.setdefault(code, []).extend(data.getlist(key))
    return answers
