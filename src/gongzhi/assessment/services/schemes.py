"""The scheme of a period, defined by the city while the period is open: the period itself, its
automatic indicators with their scoring rules and weights, and the items the streets score."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.assessment.models import (RATE_METRICS, Indicator, ManualItem, ManualItemKind, Metric, Period,
                                       PeriodKind, PeriodState, RuleKind)
from gongzhi.assessment.services.common import period_action, period_for_change, require, snapshot
from gongzhi.assessment.validation import (clean_choice, clean_number, clean_text, clean_whole, refused)
from gongzhi.common.access.actor import Actor
from gongzhi.common.access.roles import Permission
from gongzhi.common.events import event_record

MAX_WEIGHT = 1000
MAX_COUNT_BOUND = 100_000
MAX_THRESHOLDS = 10
PERIOD_FIELDS = ["name", "kind", "year", "quarter", "starts_on", "ends_on", "street_share"]
INDICATOR_FIELDS = ["metric", "weight", "rule", "zero_at", "full_at", "steps"]
ITEM_FIELDS = ["name", "description", "kind", "weight", "max_score"]


def period_dates(kind: str, year: int, quarter: int | None) -> tuple[date, date]:
    if kind == PeriodKind.YEAR:
        return date(year, 1, 1), date(year, 12, 31)
    first_month = 3 * quarter - 2
    next_start = date(year + 1, 1, 1) if quarter == 4 else date(year, first_month + 3, 1)
    return date(year, first_month, 1), date.fromordinal(next_start.toordinal() - 1)


def _share(value: Any) -> Decimal:
    return clean_number(value, field="street_share", minimum=0, maximum=100)


@transaction.atomic
def period_create(*, actor: Actor | None, name: Any, kind: Any, year: Any, quarter: Any = None,
                  street_share: Any = 20, copy_from: Any = None) -> Period:
    """A new period, open for its scheme; ``copy_from`` (a period's id) copies that period's scheme."""
    require(actor, Permission.ASSESSMENT_MANAGE)
    name = clean_text(name, field="name", max_length=100)
    kind = clean_choice(kind, field="kind", choices=PeriodKind)
    year = clean_whole(year, field="year", minimum=2000, maximum=2100)
    if kind == PeriodKind.QUARTER:
        quarter = clean_whole(quarter, field="quarter", minimum=1, maximum=4)
    elif quarter not in (None, ""):
        raise refused("quarter", _("A yearly period has no quarter."))
    else:
        quarter = None
    share = _share(street_share)
    source = None
    if copy_from not in (None, ""):
        source = Period.objects.filter(pk=clean_whole(copy_from, field="copy_from", minimum=1,
                                                      maximum=2**62)).first()
        if source is None:
            raise refused("copy_from", _("No period has this id."))
    if Period.objects.filter(name=name).exists():
        raise refused("name", _("A period with this name exists already."))
    if Period.objects.filter(kind=kind, year=year, quarter=quarter).exists():
        raise refused("year", _("This year (or quarter) has its period already."))
    starts_on, ends_on = period_dates(kind, year, quarter)
    period = Period.objects.create(name=name, kind=kind, year=year, quarter=quarter, starts_on=starts_on,
                                   ends_on=ends_on, street_share=share)
    if source is not None:
        Indicator.objects.bulk_create(Indicator(period=period, **snapshot(indicator, INDICATOR_FIELDS))
                                      for indicator in source.indicators.all())
        ManualItem.objects.bulk_create(ManualItem(period=period, **snapshot(item, ITEM_FIELDS))
                                       for item in source.manual_items.all())
    event_record(actor=actor, action="assessment.period_create", target=period,
                 after={**snapshot(period, PERIOD_FIELDS), "copied_from": source.pk if source else None})
    return period


@period_action
def period_update(*, actor: Actor | None, period: Period, changes: dict[str, Any]) -> Period:
    require(actor, Permission.ASSESSMENT_MANAGE)
    period = period_for_change(period, states={PeriodState.OPEN})
    unknown = set(changes) - {"name", "street_share"}
    if unknown:
        raise refused(sorted(unknown)[0], _("This field cannot be changed."))
    before = snapshot(period, sorted(changes))
    if "name" in changes:
        name = clean_text(changes["name"], field="name", max_length=100)
        if Period.objects.filter(name=name).exclude(pk=period.pk).exists():
            raise refused("name", _("A period with this name exists already."))
        period.name = name
    if "street_share" in changes:
        period.street_share = _share(changes["street_share"])
    period.save()
    event_record(actor=actor, action="assessment.period_update", target=period, before=before,
                 after=snapshot(period, sorted(changes)))
    return period


def _rule_clean(*, metric: str, rule: Any, zero_at: Any, full_at: Any, steps: Any) -> dict[str, Any]:
    rule = clean_choice(rule, field="rule", choices=RuleKind)
    maximum = 100 if metric in RATE_METRICS else MAX_COUNT_BOUND
    if rule == RuleKind.LINEAR:
        zero = clean_number(zero_at, field="zero_at", minimum=0, maximum=maximum)
        full = clean_number(full_at, field="full_at", minimum=0, maximum=maximum)
        if zero == full:
            raise refused("full_at", _("The value scoring 100 must differ from the value scoring 0."))
        return {"rule": rule, "zero_at": zero, "full_at": full, "steps": []}
    if not isinstance(steps, list) or not 1 <= len(steps) <= MAX_THRESHOLDS:
        raise refused("steps", _("Give from 1 to %(n)d thresholds, each a bound and its score.")
                      % {"n": MAX_THRESHOLDS})
    cleaned = []
    for index, step in enumerate(steps):
        if not isinstance(step, dict) or set(step) != {"at", "score"}:
            raise refused(f"steps[{index}]", _("A threshold is a bound (“at”) and its score (“score”)."))
        bound = clean_number(step["at"], field=f"steps[{index}].at", minimum=0, maximum=maximum)
        score = clean_number(step["score"], field=f"steps[{index}].score", minimum=0, maximum=100)
        if any(Decimal(str(earlier["at"])) == bound for earlier in cleaned):
            raise refused(f"steps[{index}].at", _("Each bound may appear once."))
        cleaned.append({"at": float(bound), "score": float(score)})
    return {"rule": rule, "zero_at": None, "full_at": None, "steps": cleaned}


def _weight(value: Any) -> Decimal:
    weight = clean_number(value, field="weight", minimum=0, maximum=MAX_WEIGHT)
    if not weight:
        raise refused("weight", _("A weight must be more than 0."))
    return weight


@period_action
def indicator_add(*, actor: Actor | None, period: Period, metric: Any, weight: Any, rule: Any,
                  zero_at: Any = None, full_at: Any = None, steps: Any = None) -> Indicator:
    require(actor, Permission.ASSESSMENT_MANAGE)
    period = period_for_change(period, states={PeriodState.OPEN})
    metric = clean_choice(metric, field="metric", choices=Metric)
    if period.indicators.filter(metric=metric).exists():
        raise refused("metric", _("The scheme has this indicator already."))
    indicator = Indicator.objects.create(period=period, metric=metric, weight=_weight(weight),
                                         **_rule_clean(metric=metric, rule=rule, zero_at=zero_at,
                                                       full_at=full_at, steps=steps))
    event_record(actor=actor, action="assessment.indicator_add", target=period,
                 after={"indicator": indicator.pk, **snapshot(indicator, INDICATOR_FIELDS)})
    return indicator


@period_action
def indicator_update(*, actor: Actor | None, indicator: Indicator, changes: dict[str, Any]) -> Indicator:
    """Change an indicator's weight or rule; what the change leaves out keeps its value."""
    require(actor, Permission.ASSESSMENT_MANAGE)
    period = period_for_change(indicator.period, states={PeriodState.OPEN})
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    unknown = set(changes) - {"weight", "rule", "zero_at", "full_at", "steps"}
    if unknown:
        raise refused(sorted(unknown)[0], _("This field cannot be changed."))
    before = snapshot(indicator, INDICATOR_FIELDS)
    if "weight" in changes:
        indicator.weight = _weight(changes["weight"])
    if set(changes) & {"rule", "zero_at", "full_at", "steps"}:
        rule = _rule_clean(metric=indicator.metric, rule=changes.get("rule", indicator.rule),
                           zero_at=changes.get("zero_at", indicator.zero_at),
                           full_at=changes.get("full_at", indicator.full_at),
                           steps=changes.get("steps", indicator.steps))
        for name, value in rule.items():
            setattr(indicator, name, value)
    indicator.save()
    event_record(actor=actor, action="assessment.indicator_update", target=period, before=before,
                 after={"indicator": indicator.pk, **snapshot(indicator, INDICATOR_FIELDS)})
    return indicator


@period_action
def indicator_remove(*, actor: Actor | None, indicator: Indicator) -> None:
    """Take an indicator out of a scheme still being defined (nothing was computed with it yet)."""
    require(actor, Permission.ASSESSMENT_MANAGE)
    period = period_for_change(indicator.period, states={PeriodState.OPEN})
    before = {"indicator": indicator.pk, **snapshot(indicator, INDICATOR_FIELDS)}
    Indicator.objects.filter(pk=indicator.pk).delete()
    event_record(actor=actor, action="assessment.indicator_remove", target=period, before=before)


def _item_values(values: dict[str, Any]) -> dict[str, Any]:
    cleaned = {}
    if "name" in values:
        cleaned["name"] = clean_text(values["name"], field="name", max_length=100)
    if "description" in values:
        cleaned["description"] = clean_text(values["description"], field="description", max_length=300,
                                            required=False)
    if "kind" in values:
        cleaned["kind"] = clean_choice(values["kind"], field="kind", choices=ManualItemKind)
    if "weight" in values:
        cleaned["weight"] = _weight(values["weight"])
    if "max_score" in values:
        cleaned["max_score"] = clean_number(values["max_score"], field="max_score", minimum=1, maximum=1000)
    return cleaned


@period_action
def manual_item_add(*, actor: Actor | None, period: Period, name: Any, weight: Any,
                    kind: Any = ManualItemKind.RATING, max_score: Any = 100,
                    description: Any = "") -> ManualItem:
    require(actor, Permission.ASSESSMENT_MANAGE)
    period = period_for_change(period, states={PeriodState.OPEN})
    values = _item_values({"name": name, "description": description, "kind": kind, "weight": weight,
                           "max_score": max_score})
    if period.manual_items.filter(name=values["name"]).exists():
        raise refused("name", _("The scheme has an item of this name already."))
    item = ManualItem.objects.create(period=period, **values)
    event_record(actor=actor, action="assessment.manual_item_add", target=period,
                 after={"item": item.pk, **snapshot(item, ITEM_FIELDS)})
    return item


@period_action
def manual_item_update(*, actor: Actor | None, item: ManualItem, changes: dict[str, Any]) -> ManualItem:
    require(actor, Permission.ASSESSMENT_MANAGE)
    period = period_for_change(item.period, states={PeriodState.OPEN})
    item = ManualItem.objects.select_for_update().get(pk=item.pk)
    unknown = set(changes) - set(ITEM_FIELDS)
    if unknown:
        raise refused(sorted(unknown)[0], _("This field cannot be changed."))
    before = snapshot(item, ITEM_FIELDS)
    values = _item_values(changes)
    if "name" in values and period.manual_items.filter(name=values["name"]).exclude(pk=item.pk).exists():
        raise refused("name", _("The scheme has an item of this name already."))
    for name, value in values.items():
        setattr(item, name, value)
    item.save()
    event_record(actor=actor, action="assessment.manual_item_update", target=period, before=before,
                 after={"item": item.pk, **snapshot(item, ITEM_FIELDS)})
    return item


@period_action
def manual_item_remove(*, actor: Actor | None, item: ManualItem) -> None:
    require(actor, Permission.ASSESSMENT_MANAGE)
    period = period_for_change(item.period, states={PeriodState.OPEN})
    before = {"item": item.pk, **snapshot(item, ITEM_FIELDS)}
    ManualItem.objects.filter(pk=item.pk).delete()
    event_record(actor=actor, action="assessment.manual_item_remove", target=period, before=before)
