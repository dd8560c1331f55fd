"""Forms of the assessment's pages: they turn what a person typed into a service's arguments and
offer the choices the actor may make; the services do the checking that matters, and their errors
show on these forms."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.assessment.models import (CriterionSource, Grade, ManualItemKind, Metric, PeriodKind, PostKind,
                                       RuleKind)
from gongzhi.common.forms import ShellFormMixin

DAY = forms.DateInput(attrs={"type": "date"})


def _number(label, *, required: bool = True, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(label=label, required=required, max_digits=9, decimal_places=2, **kwargs)


def _choices(records, *, label_of=str, blank: str | None = None) -> list[tuple[str, str]]:
    choices = [(str(record.code if hasattr(record, "code") else record.pk),
                label_of(record)) for record in records]
    return ([("", blank)] if blank is not None else []) + choices


class PeriodForm(ShellFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=PeriodKind.choices)
    year = forms.IntegerField(label=_("Year"))
    quarter = forms.IntegerField(label=_("Quarter"), required=False, help_text=_("1–4, for a quarter."))
    street_share = _number(_("Streets' share (%)"), initial=20)
    copy_from = forms.ChoiceField(label=_("Copy the scheme of"), required=False)

    def __init__(self, *args, periods=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["copy_from"].choices = [("", _("(start empty)"))] + [(str(period.pk), period.name)
                                                                          for period in periods]


class PeriodEditForm(ShellFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    street_share = _number(_("Streets' share (%)"))


def thresholds_parse(text: str) -> list[dict[str, Decimal]]:
    """"95:100, 80:80" → [{"at": 95, "score": 100}, {"at": 80, "score": 80}]."""
    problem = _("Write each threshold as bound:score, separated by commas.")
    steps = []
    for part in filter(None, (piece.strip() for piece in text.replace("，", ",").split(","))):
        bound, separator, score = part.replace("：", ":").partition(":")
        try:
            steps.append({"at": Decimal(bound.strip()), "score": Decimal(score.strip())})
        except ArithmeticError:
            raise forms.ValidationError(problem) from None
        if not separator:
            raise forms.ValidationError(problem)
    return steps


class IndicatorForm(ShellFormMixin, forms.Form):
    metric = forms.ChoiceField(label=_("Indicator"), choices=Metric.choices)
    weight = _number(_("Weight"))
    rule = forms.ChoiceField(label=_("Scoring rule"), choices=RuleKind.choices)
    zero_at = _number(_("Value scoring 0"), required=False, help_text=_("Linear rule. Rates in percent."))
    full_at = _number(_("Value scoring 100"), required=False, help_text=_("Linear rule."))
    thresholds = forms.CharField(label=_("Thresholds"), required=False, max_length=300,
                                 help_text=_("Thresholds rule: bound:score, separated by commas, e.g. "
                                             "95:100, 80:80, 60:60."))

    def clean_thresholds(self) -> list[dict]:
        return thresholds_parse(self.cleaned_data.get("thresholds") or "")

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"metric": data["metric"], "weight": data["weight"], "rule": data["rule"],
                "zero_at": data["zero_at"], "full_at": data["full_at"], "steps": data["thresholds"]}


class ItemForm(ShellFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=ManualItemKind.choices)
    weight = _number(_("Weight"))
    max_score = _number(_("Highest score"), initial=100)
    description = forms.CharField(label=_("Description"), required=False, max_length=300)


class StaffForm(ShellFormMixin, forms.Form):
    department = forms.ChoiceField(label=_("Department"))
    street = forms.ChoiceField(label=_("Street"))
    name = forms.CharField(label=_("Name"), max_length=50)
    title = forms.CharField(label=_("Post"), max_length=50, required=False)
    posted_on = forms.DateField(label=_("Posted on"), widget=DAY)

    def __init__(self, *args, departments=(), streets=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = _choices(departments, label_of=lambda record: record.name)
        self.fields["street"].choices = _choices(streets, label_of=lambda record: record.name)

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"department_code": data["department"], "street_code": data["street"], "name": data["name"],
                "title": data["title"], "posted_on": data["posted_on"]}


class PostingEndForm(ShellFormMixin, forms.Form):
    ended_on = forms.DateField(label=_("Posting ended on"), widget=DAY)


class AppealForm(ShellFormMixin, forms.Form):
    item = forms.ChoiceField(label=_("Item appealed"))
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, items=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = list(items)

    def service_arguments(self) -> dict[str, Any]:
        kind, _separator, item_id = self.cleaned_data["item"].partition(":")
        return {"item_kind": kind, "item_id": item_id, "reason": self.cleaned_data["reason"]}


class DecisionForm(ShellFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=[("adjusted", _("Adjust the score")),
                                                              ("dismissed", _("Dismiss the appeal"))])
    score = _number(_("Adjusted score"), required=False)
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class StreetScoresForm(ShellFormMixin, forms.Form):
    """One number per department and item (per staff member for a posted-staff item); a blank
    field is left as it was."""

    def __init__(self, *args, items=(), departments=(), staff=(), existing=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        existing = existing or {}
        self.rows: list[dict] = []
        for item in items:
            if item.kind == ManualItemKind.POSTED_STAFF:
                targets = [(f"staff-{item.pk}-{member.pk}", {"item": item.pk, "staff": member.pk},
                            f"{member.name} ({member.department.name})", (item.pk, None, member.pk))
                           for member in staff]
            else:
                targets = [(f"score-{item.pk}-{department.code}", {"item": item.pk,
                                                                   "department": department.code},
                            department.name, (item.pk, department.pk, None)) for department in departments]
            for name, entry, label, key in targets:
                self.fields[name] = _number(label, required=False, min_value=0, max_value=item.max_score,
                                            initial=existing.get(key))
                self.rows.append({"item": item, "name": name, "entry": entry, "field": self[name]})

    def entries(self) -> list[dict]:
        return [{**row["entry"], "score": self.cleaned_data[row["name"]]} for row in self.rows
                if self.cleaned_data.get(row["name"]) is not None]

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.entries():
            raise forms.ValidationError(_("Enter at least one score."))
        return cleaned


class SessionForm(ShellFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Year reviewed"))
    title = forms.CharField(label=_("Title"), max_length=100)
    held_on = forms.DateField(label=_("Held on"), widget=DAY)
    excellent_from = _number(_("Excellent from"), initial=90)
    good_from = _number(_("Good from"), initial=80)
    average_from = _number(_("Average from"), initial=60)


class CriterionForm(ShellFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    source = forms.ChoiceField(label=_("Source"), choices=CriterionSource.choices)
    weight = _number(_("Weight"))
    max_score = _number(_("Highest score"), initial=100)
    description = forms.CharField(label=_("Description"), required=False, max_length=300)


class EvaluatorForm(ShellFormMixin, forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)


class SubjectForm(ShellFormMixin, forms.Form):
    cadre = forms.ChoiceField(label=_("Cadre"))
    title = forms.CharField(label=_("Post reported for"), required=False, max_length=100,
                            help_text=_("Leave empty for the cadre's current post."))

    def __init__(self, *args, cadres=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cadre"].choices = [(str(cadre.pk), f"{cadre.name} · {cadre.title}") for cadre in cadres]

    def service_arguments(self) -> dict[str, Any]:
        return {"cadre_id": self.cleaned_data["cadre"], "title": self.cleaned_data["title"]}


class ReviewScoresForm(ShellFormMixin, forms.Form):
    def __init__(self, *args, criteria=(), existing=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        existing = existing or {}
        for criterion in criteria:
            self.fields[f"criterion-{criterion.pk}"] = _number(
                criterion.name, min_value=0, max_value=criterion.max_score,
                                                               initial=existing.get(criterion.pk),
                help_text=_("From 0 to %(highest)s.") % {"highest": criterion.max_score})

    def scores(self) -> dict[str, Decimal]:
        return {name.removeprefix("criterion-"): value for name, value in self.cleaned_data.items()}


class OrganisationFormMixin:
    """A post is held in a unit (by its code) or a department (chosen from the active ones)."""

    def __init__(self, *args, departments=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = _choices(departments, label_of=lambda record: record.name,
                                                     blank=_("(none)"))

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["unit_code"], data["department_code"] = data.pop("unit"), data.pop("department")
        return data


class CadreForm(OrganisationFormMixin, ShellFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=50)
    post_kind = forms.ChoiceField(label=_("Kind of post"), choices=PostKind.choices)
    title = forms.CharField(label=_("Post"), max_length=100)
    unit = forms.CharField(label=_("Unit code"), required=False, max_length=15,
                           help_text=_("The street or community, for posts held there."))
    department = forms.ChoiceField(label=_("Department"), required=False)
    started_on = forms.DateField(label=_("In the post since"), widget=DAY)
    username = forms.CharField(label=_("User account"), required=False, max_length=150)


class HonourForm(ShellFormMixin, forms.Form):
    title = forms.CharField(label=_("Honour"), max_length=100)
    awarded_by = forms.CharField(label=_("Awarded by"), max_length=100)
    awarded_on = forms.DateField(label=_("Awarded on"), widget=DAY)


class PromotionForm(OrganisationFormMixin, ShellFormMixin, forms.Form):
    post_kind = forms.ChoiceField(label=_("Kind of post"), choices=PostKind.choices)
    title = forms.CharField(label=_("New post"), max_length=100)
    unit = forms.CharField(label=_("Unit code"), required=False, max_length=15)
    department = forms.ChoiceField(label=_("Department"), required=False)
    effective_on = forms.DateField(label=_("Takes effect on"), widget=DAY)
    basis = forms.CharField(label=_("Basis"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class TalentForm(ShellFormMixin, forms.Form):
    grade = forms.ChoiceField(label=_("At least"), choices=Grade.choices, required=False, initial=Grade.GOOD)
    since = forms.IntegerField(label=_("Since the year"), required=False, min_value=2000, max_value=2100)
    times = forms.IntegerField(label=_("At least this many times"), required=False, min_value=1, max_value=50,
                               initial=1)
    post_kind = forms.ChoiceField(label=_("Kind of post"), required=False,
                                  choices=[("", _("Any"))] + PostKind.choices)
