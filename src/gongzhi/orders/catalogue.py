"""The category catalogue: seeding from the national event classes (data/event-categories.csv),
edits by city admins, streets' overrides of the responsibility list, and the suggested department.

Edits apply to new orders only: an order copies its class and deadlines when it is dispatched."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.resolver import permission_require, permission_require_on_unit
from gongzhi.common.access.roles import Permission
from gongzhi.common.events import event_record
from gongzhi.org.models import Department, Unit
from gongzhi.orders.models import Category, OrderClass, StreetResponsibility, TimeUnit, WorkOrder

CATALOGUE_CSV = Path(__file__).resolve().parent / "data" / "event-categories.csv"
# Accept limits (working hours) by class when the source gives none.
DEFAULT_ACCEPT_HOURS = {OrderClass.EMERGENCY: Decimal("0.5"), OrderClass.ROUTINE: Decimal("2"),
                        OrderClass.KEY: Decimal("4")}
CATEGORY_FIELDS = ["code", "name", "parent", "default_department", "order_class", "accept_within_hours",
                   "complete_within", "complete_within_unit", "is_public", "is_active"]


def _limit(text: str) -> tuple[int, str]:
    text = (text or "").strip().lower()
    if len(text) < 2 or text[-1] not in TimeUnit.values or not text[:-1].isdigit():
        raise ValidationError({"complete_within": _("Write a limit like 4h or 7d.")})
    return int(text[:-1]), text[-1]


@transaction.atomic
def catalogue_seed(*, actor: Actor | None = None, path: Path = CATALOGUE_CSV) -> tuple[int, int]:
    """Create the categories the file lists and the database lacks; existing ones are left as the
    city edited them. Returns (created, kept)."""
    if actor is not None:
        permission_require(actor, Permission.CATALOGUE_MANAGE)
    departments = {d.name: d for d in Department.objects.all()}
    created = kept = 0
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            major, _new = Category.objects.get_or_create(code=row["major_code"], defaults={"name": row["major_name"]})
            if Category.objects.filter(code=row["minor_code"]).exists():
                kept += 1
                continue
            amount, unit = _limit(row["complete_within"])
            order_class = row["class"]
            category = Category.objects.create(
                code=row["minor_code"], name=row["minor_name"], parent=major,
                default_department=departments.get(row["default_department"]), order_class=order_class,
                accept_within_hours=DEFAULT_ACCEPT_HOURS[order_class], complete_within=amount,
                complete_within_unit=unit,
            )
            event_record(actor=actor, action="category.create", target=category,
                         after={f: getattr(category, f + ("_id" if f in ("parent", "default_department") else ""))
                                for f in CATEGORY_FIELDS})
            created += 1
    return created, kept


EDITABLE = {"name", "default_department_code", "order_class", "accept_within_hours", "complete_within",
            "complete_within_unit", "is_public", "is_active"}


@transaction.atomic
def category_update(*, actor: Actor | None, category: Category, changes: dict[str, Any]) -> Category:
    if actor is not None:
        permission_require(actor, Permission.CATALOGUE_MANAGE)
    category = Category.objects.select_for_update().get(pk=category.pk)
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in sorted(unknown)})
    before = {f: getattr(category, f) for f in ("name", "default_department_id", "order_class",
                                                "accept_within_hours", "complete_within", "complete_within_unit",
                                                "is_public", "is_active")}
    if "name" in changes:
        name = str(changes["name"] or "").strip()
        if not name or len(name) > 60:
            raise ValidationError({"name": _("Give a name of at most 60 characters.")})
        category.name = name
    if "default_department_code" in changes:
        code = changes["default_department_code"]
        department = Department.objects.filter(code=code).first() if code else None
        if code and department is None:
            raise ValidationError({"default_department_code": _("No department has this code.")})
        category.default_department = department
    if "order_class" in changes:
        if changes["order_class"] not in OrderClass.values:
            raise ValidationError({"order_class": _("Unknown class.")})
        category.order_class = changes["order_class"]
    if "accept_within_hours" in changes:
        try:
            hours = Decimal(str(changes["accept_within_hours"]))
        except (InvalidOperation, ValueError):
            raise ValidationError({"accept_within_hours": _("Must be a number of hours.")}) from None
        if not hours.is_finite() or not Decimal("0.1") <= hours <= Decimal("240"):
            raise ValidationError({"accept_within_hours": _("Between 0.1 and 240 hours.")})
        category.accept_within_hours = hours
    if "complete_within" in changes:
        try:
            amount = int(changes["complete_within"])
        except (TypeError, ValueError):
            raise ValidationError({"complete_within": _("Must be a whole number.")}) from None
        if not 1 <= amount <= 365:
            raise ValidationError({"complete_within": _("Between 1 and 365.")})
        category.complete_within = amount
    if "complete_within_unit" in changes:
        if changes["complete_within_unit"] not in TimeUnit.values:
            raise ValidationError({"complete_within_unit": _("Use h (working hours) or d (working days).")})
        category.complete_within_unit = changes["complete_within_unit"]
    for flag in ("is_public", "is_active"):
        if flag in changes:
            setattr(category, flag, bool(changes[flag]))
    category.save()
    after = {f: getattr(category, f) for f in before}
    event_record(actor=actor, action="category.update", target=category, before=before, after=after)
    return category


@transaction.atomic
def street_responsibility_set(*, actor: Actor | None, street: Unit, category: Category,
                              department: Department | None) -> StreetResponsibility | None:
    """A street names its own lead department for a category (None: back to the city's default)."""
    if actor is not None:
        permission_require_on_unit(actor, Permission.ORDERS_DISPATCH, street.code)
    if street.kind != "street":
        raise ValidationError({"street": _("Responsibility overrides belong to streets.")})
    current = StreetResponsibility.objects.select_for_update().filter(street=street, category=category).first()
    before = {"department": current.department_id if current else None}
    if department is None:
        if current:
            current.delete()
        result = None
    else:
        result = current or StreetResponsibility(street=street, category=category)
        result.department = department
        result.save()
    event_record(actor=actor, action="responsibility.set", target=category, unit_code=street.code, before=before,
                 after={"department": department.pk if department else None, "street": street.code})
    return result


class SuggestionSource:
    STREET = "street"            # the street's own responsibility list
    HISTORY = "history"          # the classifier trained on completed orders (orders/routing.py)
    CATEGORY = "category"        # the city's default department for the category


@dataclass(frozen=True)
class DepartmentSuggestion:
    department: Department
    source: str
    probability: float | None = None


def department_suggestion(*, order: WorkOrder) -> DepartmentSuggestion | None:
    """The lead department the street is offered, and why: its own override for the category, else
    what similar past orders say (when the model is confident), else the city's default."""
    if order.street_id:
        override = StreetResponsibility.objects.filter(street_id=order.street_id, category_id=order.category_id
                                                       ).select_related("department").first()
        if override:
            return DepartmentSuggestion(override.department, SuggestionSource.STREET)
    from gongzhi.orders.routing import department_predict

    prediction = department_predict(order=order)
    if prediction is not None:
        department = Department.objects.filter(code=prediction.department_code, is_active=True).first()
        if department is not None:
            return DepartmentSuggestion(department, SuggestionSource.HISTORY, prediction.probability)
    if order.category.default_department is not None:
        return DepartmentSuggestion(order.category.default_department, SuggestionSource.CATEGORY)
    return None


def department_suggest(*, order: WorkOrder) -> Department | None:
    """The suggested lead department alone (see department_suggestion). The dispatcher always confirms."""
    suggestion = department_suggestion(order=order)
    return suggestion.department if suggestion else None
