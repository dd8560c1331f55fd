"""Forms of the work-order pages. They turn what a person typed into the arguments of a service;
the services do the checking that matters (and their errors are shown on these forms), so a form
only parses input and offers the choices the actor may make."""
from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gongzhi.common.forms import ShellFormMixin
from gongzhi.orders.catalogue import DepartmentSuggestion, SuggestionSource
from gongzhi.orders.models import (Category, Channel, OrderClass, OrderState, RejectReason, Satisfaction,
                                   WorkOrder)
from gongzhi.orders.services.common import MAX_PHOTOS
from gongzhi.orders.services.handling import MAX_EXTENSION_DAYS
from gongzhi.orders.services.intake import STAFF_CHANNELS

ANY = [("", _("Any"))]


class MultiplePhotoInput(forms.FileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos in one input; the services check that each is a real image."""

    def __init__(self, **kwargs) -> None:
        attrs = {"accept": "image/*", "capture": "environment", "multiple": True}
        kwargs.setdefault("widget", MultiplePhotoInput(attrs=attrs))
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", format_lazy(_("Up to {count} photos (JPEG, PNG or WebP)."), count=MAX_PHOTOS))
        super().__init__(**kwargs)

    def clean(self, data, initial=None) -> list:
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def category_choices(categories) -> list:
    """Minor categories grouped under their majors, as the catalogue is read."""
    groups: dict[Category, list] = {}
    for category in categories:
        if category.parent_id is not None:
            groups.setdefault(category.parent, []).append((category.code, f"{category.code} {category.name}"))
    return [(f"{major.code} {major.name}", minors) for major, minors in sorted(groups.items(), key=lambda g: g[0].code)]


def department_choices(departments) -> list[tuple[str, str]]:
    return [(department.code, department.name) for department in departments]


def _text(label, *, required: bool = True, max_length: int = 1000, rows: int = 2, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=max_length,
                           widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


class ReportForm(ShellFormMixin, forms.Form):
    """A new problem, as a grid worker on patrol or a hotline operator enters it."""

    title = forms.CharField(label=_("Title"), max_length=120,
                            help_text=_("A short line saying what and where, e.g. “建国路12号门前井盖破损”."))
    description = _text(_("Description"), max_length=4000, rows=4)
    category = forms.ChoiceField(label=_("Category"))
    photos = PhotosField(label=_("Photos"))
    latitude = forms.DecimalField(label=_("Latitude"), required=False, max_digits=9, decimal_places=6,
                                  widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}))
    longitude = forms.DecimalField(label=_("Longitude"), required=False, max_digits=10, decimal_places=6,
                                   widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}))
    place = forms.ChoiceField(label=_("Grid or compound"), required=False,
                              help_text=_("Instead of a point on the map, or to be more precise."))
    address = forms.CharField(label=_("Address"), required=False, max_length=200)
    channel = forms.ChoiceField(label=_("Channel"))
    reporter_name = forms.CharField(label=_("Reporter's name"), required=False, max_length=50,
                                    help_text=_("Only for problems a resident reported, e.g. on the hotline."))
    reporter_phone = forms.CharField(label=_("Reporter's phone"), required=False, max_length=20,
                                     widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}))

    # Where the services' error keys land on this form.
    SERVICE_FIELDS = {"category_code": "category", "compound_code": "place", "grid_code": "place",
                      "community_code": "place", "street_code": "place", "location": "place"}

    def __init__(self, *args, categories, grids, compounds, default_channel: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Choose a category"))] + category_choices(categories)
        places = []
        if grids:
            places.append((_("Grids"), [(f"grid:{grid.code}", grid.name) for grid in grids]))
        if compounds:
            places.append((_("Compounds"), [(f"compound:{compound.code}", f"{compound.name} · {compound.community.name}")
                                            for compound in compounds]))
        self.fields["place"].choices = [("", _("None chosen"))] + places
        self.fields["channel"].choices = [(value, label) for value, label in Channel.choices
                                          if value in STAFF_CHANNELS]
        self.fields["channel"].initial = default_channel

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        kind, _separator, code = (data.get("place") or "").partition(":")
        return {
            "title": data["title"], "description": data["description"], "category_code": data["category"],
            "channel": data["channel"], "latitude": data.get("latitude"), "longitude": data.get("longitude"),
            "address": data.get("address", ""),
            "grid_code": code if kind == "grid" else None,
            "compound_code": code if kind == "compound" else None,
            "reporter_name": data.get("reporter_name", ""), "reporter_phone": data.get("reporter_phone", ""),
            "photos": data.get("photos") or [],
        }


class ActionForm(ShellFormMixin, forms.Form):
    """The fields one action of the loop needs. Field names are the services' error keys;
    ``service_arguments`` renames them to the service's keyword arguments where they differ."""

    SERVICE_ARGUMENTS: dict[str, str] = {}
    has_files = False

    def __init__(self, *args, action: str, order: WorkOrder, departments=(), categories=(),
                 suggestion=None, **kwargs) -> None:
        # Every action's form sits on the order page at once: ids must not collide.
        kwargs.setdefault("auto_id", f"{action}-%s")
        super().__init__(*args, **kwargs)
        self.action = action
        self.order = order

    def service_arguments(self) -> dict[str, Any]:
        return {self.SERVICE_ARGUMENTS.get(name, name): value for name, value in self.cleaned_data.items()}


class DepartmentChoiceMixin:
    """Lead and assisting departments, offered from the active departments."""

    def departments_offer(self, departments, suggestion: DepartmentSuggestion | None) -> None:
        choices = department_choices(departments)
        self.fields["lead_department"].choices = [("", _("Choose a department"))] + choices
        self.fields["assisting_departments"].choices = choices
        if suggestion is not None:
            self.fields["lead_department"].initial = suggestion.department.code
            self.fields["lead_department"].help_text = suggestion_text(suggestion)


def suggestion_text(suggestion: DepartmentSuggestion) -> str:
    """Why this department is offered, so the dispatcher knows how much to trust it."""
    name = suggestion.department.name
    if suggestion.source == SuggestionSource.STREET:
        return _("Suggested by your street's responsibility list: %(name)s.") % {"name": name}
    if suggestion.source == SuggestionSource.HISTORY:
        return _("Suggested by similar past orders (%(share)d %% confidence): %(name)s.") % {
            "name": name, "share": round((suggestion.probability or 0) * 100)}
    return _("Suggested by the category: %(name)s.") % {"name": name}


class DispatchForm(DepartmentChoiceMixin, ActionForm):
    lead_department = forms.ChoiceField(label=_("Lead department"))
    assisting_departments = forms.MultipleChoiceField(label=_("Assisting departments"), required=False,
                                                      help_text=_("For joint orders only."))
    category = forms.ChoiceField(label=_("Category"), required=False)
    order_class = forms.ChoiceField(label=_("Class"), required=False)
    complete_by = forms.DateTimeField(label=_("Complete by"), required=False,
                                      widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                      help_text=_("Leave empty for the category's working-time limit."))
    comment = _text(_("Note to the department"), required=False)
    SERVICE_ARGUMENTS = {"lead_department": "lead_department_code",
                         "assisting_departments": "assisting_department_codes", "category": "category_code"}

    def __init__(self, *args, departments=(), categories=(), suggestion=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.departments_offer(departments, suggestion)
        self.fields["category"].choices = [("", _("Keep %(category)s") % {"category": self.order.category})] + \
            category_choices(categories)
        self.fields["order_class"].choices = [("", _("Keep %(class)s") % {
            "class": self.order.get_order_class_display()})] + list(OrderClass.choices)


class ArbitrateForm(DepartmentChoiceMixin, ActionForm):
    lead_department = forms.ChoiceField(label=_("Department that takes the order"))
    assisting_departments = forms.MultipleChoiceField(label=_("Assisting departments"), required=False)
    comment = _text(_("Reason for the decision"))
    SERVICE_ARGUMENTS = DispatchForm.SERVICE_ARGUMENTS

    def __init__(self, *args, departments=(), suggestion=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.departments_offer(departments, suggestion)


class ResultForm(ActionForm):
    """Completion by the department, or the street handling it itself: what was done, with photos."""

    has_files = True
    result = _text(_("What was done"), max_length=4000, rows=3)
    photos = PhotosField(label=_("Photos of the result"))


class RejectForm(ActionForm):
    reason = forms.ChoiceField(label=_("Reason"), choices=[(value, label) for value, label in RejectReason.choices
                                                           if value != RejectReason.DUPLICATE])
    comment = _text(_("Explanation"))


class MarkDuplicateForm(ActionForm):
    original = forms.CharField(label=_("Number of the earlier order"), max_length=20)
    comment = _text(_("Note"), required=False)
    SERVICE_ARGUMENTS = {"original": "original_number"}


class ReasonForm(ActionForm):
    """Actions that need only a reason."""

    reason = _text(_("Reason"), max_length=500)


class CommentForm(ActionForm):
    """Actions where a comment is optional."""

    comment = _text(_("Comment"), required=False, max_length=500)


class DenyExtensionForm(ActionForm):
    comment = _text(_("Why not"), max_length=500)


class RequestExtensionForm(ActionForm):
    working_days = forms.IntegerField(label=_("Extra working days"), min_value=1, max_value=MAX_EXTENSION_DAYS)
    reason = _text(_("Reason"), max_length=500)


class RateForm(ActionForm):
    satisfaction = forms.ChoiceField(label=_("Satisfaction"), choices=Satisfaction.choices,
                                     widget=forms.RadioSelect)
    comment = _text(_("Comment"), required=False, max_length=500)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["satisfaction"].widget.attrs["class"] = "form-check-input"


ACTION_FORMS: dict[str, type[ActionForm]] = {
    "dispatch": DispatchForm, "arbitrate": ArbitrateForm,
    "handle_locally": ResultForm, "complete": ResultForm,
    "reject": RejectForm, "mark_duplicate": MarkDuplicateForm,
    "cancel": ReasonForm, "return": ReasonForm, "rework": ReasonForm, "reopen": ReasonForm, "escalate": ReasonForm,
    "accept": CommentForm, "verify": CommentForm, "urge": CommentForm, "approve_extension": CommentForm,
    "deny_extension": DenyExtensionForm, "request_extension": RequestExtensionForm, "rate": RateForm,
}


class BulkDispatchForm(ShellFormMixin, forms.Form):
    numbers = forms.MultipleChoiceField(label=_("Orders"), widget=forms.CheckboxSelectMultiple,
                                        error_messages={"required": _("Select the orders to dispatch.")})
    lead_department = forms.ChoiceField(label=_("Dispatch the selected orders to"))

    def __init__(self, *args, numbers, departments, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["numbers"].choices = [(number, number) for number in numbers]
        self.fields["lead_department"].choices = [("", _("Choose a department"))] + department_choices(departments)


SORTS = {
    "deadline": _("Deadline, soonest first"),
    "newest": _("Newest first"),
    "oldest": _("Oldest first"),
}


class QueueFilterForm(ShellFormMixin, forms.Form):
    """The queue's filters, read from the query string; every one optional."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search",
                                                      "placeholder": _("Number, title, description or address")}))
    state = forms.ChoiceField(label=_("State"), required=False, choices=ANY + list(OrderState.choices))
    street = forms.ChoiceField(label=_("Street"), required=False)
    community = forms.ChoiceField(label=_("Community"), required=False)
    department = forms.ChoiceField(label=_("Lead department"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    order_class = forms.ChoiceField(label=_("Class"), required=False, choices=ANY + list(OrderClass.choices))
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    reported_from = forms.DateField(label=_("Reported from"), required=False,
                                    widget=forms.DateInput(attrs={"type": "date"}))
    reported_to = forms.DateField(label=_("Reported to"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=list(SORTS.items()))

    def __init__(self, *args, streets, communities, departments, categories, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["street"].choices = ANY + [(unit.code, unit.name) for unit in streets]
        self.fields["community"].choices = ANY + [(unit.code, unit.name) for unit in communities]
        self.fields["department"].choices = ANY + department_choices(departments)
        self.fields["category"].choices = ANY + category_choices(categories)
        self.fields["overdue"].widget.attrs["class"] = "form-check-input"

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("reported_from"), cleaned.get("reported_to")
        if start and end and start > end:
            self.add_error("reported_to", _("The end date is before the start date."))
        return cleaned


class StatisticsForm(ShellFormMixin, forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    group_by = forms.ChoiceField(label=_("Group by"), required=False, initial="department", choices=[
        ("department", _("Department")), ("street", _("Street")), ("category", _("Category")),
        ("month", _("Month")),
    ])

    def clean_group_by(self) -> str:
        return self.cleaned_data.get("group_by") or "department"
