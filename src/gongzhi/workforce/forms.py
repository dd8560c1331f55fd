"""Forms of the workforce pages. They read types (dates, numbers, choices) and carry the input to
the services, which own the rules; field names are the services' so refusals land on the field."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.common.forms import ShellFormMixin
from gongzhi.workforce.models import (
    LEVELS,
    AssessmentResult,
    CredentialKind,
    Education,
    Gender,
    PostCategory,
    RecruitmentSource,
    WorkerStatus,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"})
LEVEL_CHOICES = [(level, str(level)) for level in LEVELS]


def _optional(choices) -> list[tuple[str, str]]:
    return [("", "—"), *choices]


def _units(units) -> list[tuple[str, str]]:
    return [(unit.code, f"{unit.name} ({unit.code})") for unit in units]


class WorkerFilterForm(ShellFormMixin, forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=50)
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    post_category = forms.ChoiceField(
        label=_("Post"), required=False, choices=_optional(PostCategory.choices)
    )
    level = forms.TypedChoiceField(
        label=_("Level"), required=False, coerce=int, empty_value=None, choices=_optional(LEVEL_CHOICES)
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_optional(WorkerStatus.choices))
    source = forms.ChoiceField(
        label=_("Recruited through"), required=False, choices=_optional(RecruitmentSource.choices)
    )

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = _optional(_units(units))


class WorkerForm(ShellFormMixin, forms.Form):
    unit_code = forms.ChoiceField(label=_("Community or street"))
    name = forms.CharField(label=_("Name"), max_length=50)
    identity_number = forms.CharField(
        label=_("Identity number"), max_length=18, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    gender = forms.ChoiceField(
        label=_("Gender"),
        required=False,
        choices=_optional(Gender.choices),
        help_text=_("Blank: read from the identity number."),
    )
    birth_date = forms.DateField(
        label=_("Birth date"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Blank: read from the identity number."),
    )
    phone = forms.CharField(label=_("Phone"), required=False, max_length=20)
    education = forms.ChoiceField(label=_("Education"), choices=Education.choices)
    source = forms.ChoiceField(label=_("Recruited through"), choices=RecruitmentSource.choices)
    hire_date = forms.DateField(label=_("Hire date"), widget=DATE_INPUT)
    post_category = forms.ChoiceField(label=_("Post"), choices=PostCategory.choices)
    level = forms.TypedChoiceField(
        label=_("Level"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=_optional(LEVEL_CHOICES),
        help_text=_("Blank: placed later by the pay migration."),
    )
    previous_monthly_pay = forms.DecimalField(
        label=_("Monthly pay before the migration"), required=False, min_value=0, decimal_places=2
    )
    credential_kind = forms.ChoiceField(
        label=_("Credential"), required=False, choices=_optional(CredentialKind.choices)
    )
    credential_obtained_on = forms.DateField(
        label=_("Credential obtained on"), required=False, widget=DATE_INPUT
    )
    credential_number = forms.CharField(label=_("Certificate number"), required=False, max_length=40)
    user = forms.CharField(
        label=_("User account name"),
        required=False,
        max_length=150,
        help_text=_("The worker's own account, so that they can see their file."),
    )

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit_code"].choices = _units(units)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("credential_kind") and not cleaned.get("credential_obtained_on"):
            self.add_error("credential_obtained_on", _("Required when a credential is named."))
        return cleaned


class WorkerUpdateForm(ShellFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=50)
    phone = forms.CharField(
        label=_("New phone"), required=False, max_length=20, help_text=_("Blank keeps the number on file.")
    )
    education = forms.ChoiceField(label=_("Education"), choices=Education.choices)
    status = forms.ChoiceField(label=_("Status"), choices=WorkerStatus.choices)
    user = forms.CharField(label=_("User account name"), required=False, max_length=150)

    def __init__(self, *args, phone_masked: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].widget.attrs["placeholder"] = phone_masked


class CredentialForm(ShellFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Credential"), choices=CredentialKind.choices)
    obtained_on = forms.DateField(label=_("Obtained on"), widget=DATE_INPUT)
    number = forms.CharField(label=_("Certificate number"), required=False, max_length=40)


class AssessmentForm(ShellFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    result = forms.ChoiceField(label=_("Result"), choices=AssessmentResult.choices)


class PostAssignForm(ShellFormMixin, forms.Form):
    post_category = forms.ChoiceField(label=_("Post"), choices=PostCategory.choices)
    level = forms.TypedChoiceField(label=_("Level"), coerce=int, choices=LEVEL_CHOICES)
    unit_code = forms.ChoiceField(label=_("Community or street"))
    starts_on = forms.DateField(label=_("From"), widget=DATE_INPUT)
    basis = forms.CharField(
        label=_("Basis"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit_code"].choices = _units(units)


class ImportForm(ShellFormMixin, forms.Form):
    file = forms.FileField(label=_("Workbook (.xlsx)"))


class MonthField(forms.DateField):
    """A month picker (YYYY-MM), read as the month's first day."""

    widget = forms.DateInput(attrs={"type": "month"})
    input_formats = ["%Y-%m", "%Y-%m-%d"]

    def to_python(self, value):
        day = super().to_python(value)
        return day.replace(day=1) if day else day

    def prepare_value(self, value):
        return value.strftime("%Y-%m") if isinstance(value, date) else value


class PayTableForm(ShellFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    effective_from = forms.DateField(label=_("In force from (the first day of a month)"), widget=DATE_INPUT)
    seniority_per_year = forms.DecimalField(label=_("Seniority increment per year"), decimal_places=2)
    seniority_cap_years = forms.IntegerField(label=_("Years of service counted at most"))
    performance_share = forms.DecimalField(
        label=_("Performance share of the base pay (0.2 = 20 %)"), decimal_places=3
    )
    allowance_assistant_social_worker = forms.DecimalField(
        label=_("Allowance: assistant social worker"), decimal_places=2
    )
    allowance_social_worker = forms.DecimalField(label=_("Allowance: social worker"), decimal_places=2)
    allowance_senior_social_worker = forms.DecimalField(
        label=_("Allowance: senior social worker"), decimal_places=2
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for post, label in PostCategory.choices:
            for level in LEVELS:
                self.fields[f"base_{post}_{level}"] = forms.DecimalField(
                    label=_("%(post)s, level %(level)d") % {"post": label, "level": level}, decimal_places=2
                )
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")

    def base_pay_fields(self):
        return [[self[f"base_{post}_{level}"] for level in LEVELS] for post in PostCategory.values]

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        base_pay = {
            post: [data.pop(f"base_{post}_{level}") for level in LEVELS] for post in PostCategory.values
        }
        return {**data, "base_pay": base_pay}

    @staticmethod
    def initial_from(table) -> dict:
        initial = {
            name: getattr(table, name)
            for name in (
                "name",
                "effective_from",
                "seniority_per_year",
                "seniority_cap_years",
                "performance_share",
                "allowance_assistant_social_worker",
                "allowance_social_worker",
                "allowance_senior_social_worker",
                "note",
            )
        }
        initial.update(
            {f"base_{rate.post_category}_{rate.level}": rate.base_pay for rate in table.rates.all()}
        )
        return initial


class PayRunForm(ShellFormMixin, forms.Form):
    unit_code = forms.ChoiceField(label=_("Unit"))
    month = MonthField(label=_("Month"))

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit_code"].choices = _units(units)
        self.fields["month"].initial = timezone.localdate().replace(day=1)


class MigrationForm(ShellFormMixin, forms.Form):
    unit_code = forms.ChoiceField(label=_("Unit"))
    migrated_on = forms.DateField(label=_("Migrated on (the first day of a month)"), widget=DATE_INPUT)

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit_code"].choices = _units(units)


class PeriodForm(ShellFormMixin, forms.Form):
    period = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)


class PromotionForm(ShellFormMixin, forms.Form):
    worker = forms.IntegerField(widget=forms.HiddenInput)
    period = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Basis and note"), required=False, max_length=1000)


class CourseForm(ShellFormMixin, forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20)
    title = forms.CharField(label=_("Title"), max_length=100)
    hours = forms.DecimalField(label=_("Hours"), decimal_places=1)
    unit_code = forms.ChoiceField(label=_("Organised by"))

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit_code"].choices = _units(units)


class TrainingSessionForm(ShellFormMixin, forms.Form):
    course = forms.ChoiceField(label=_("Course"))
    unit_code = forms.ChoiceField(label=_("Organised by"))
    held_on = forms.DateField(label=_("Held on"), widget=DATE_INPUT)
    place = forms.CharField(label=_("Place"), required=False, max_length=100)
    hours = forms.DecimalField(
        label=_("Hours"), required=False, decimal_places=1, help_text=_("Blank: the course's hours.")
    )

    def __init__(self, *args, courses, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["course"].choices = [
            (course.code, f"{course.title} ({course.code})") for course in courses
        ]
        self.fields["unit_code"].choices = _units(units)


class AttendanceForm(ShellFormMixin, forms.Form):
    workers = forms.TypedMultipleChoiceField(
        label=_("Workers who attended"), coerce=int, widget=forms.SelectMultiple(attrs={"size": 12})
    )
    hours = forms.DecimalField(
        label=_("Hours"), required=False, decimal_places=1, help_text=_("Blank: the session's hours.")
    )

    def __init__(self, *args, workers, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["workers"].choices = [
            (worker.pk, f"{worker.name} · {worker.unit.name}") for worker in workers
        ]


class SecondmentForm(ShellFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=50)
    department_code = forms.ChoiceField(label=_("From department"), required=False)
    home_organisation = forms.CharField(
        label=_("Or from organisation (a town…)"), required=False, max_length=100
    )
    community_code = forms.ChoiceField(label=_("Community"))
    duty = forms.CharField(label=_("Duty"), required=False, max_length=100)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=20)
    starts_on = forms.DateField(label=_("From"), widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("Until"), required=False, widget=DATE_INPUT)

    def __init__(self, *args, departments, communities, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department_code"].choices = _optional([(d.code, d.name) for d in departments])
        self.fields["community_code"].choices = _units(communities)


class MentoringPairForm(ShellFormMixin, forms.Form):
    mentor = forms.TypedChoiceField(label=_("Mentor"), coerce=int)
    mentee = forms.TypedChoiceField(label=_("New worker"), coerce=int)
    starts_on = forms.DateField(label=_("From"), widget=DATE_INPUT)
    goal = forms.CharField(label=_("Goal"), required=False, max_length=200)

    def __init__(self, *args, mentors, mentees, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentor"].choices = [(w.pk, f"{w.name} · {w.unit.name}") for w in mentors]
        self.fields["mentee"].choices = [(w.pk, f"{w.name} · {w.unit.name}") for w in mentees]


class EndForm(ShellFormMixin, forms.Form):
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE_INPUT)
