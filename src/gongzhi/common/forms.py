"""Forms of the kernel's pages, and the styling every page form shares."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ShellFormMixin:
    """Gives widgets the shell's (Bootstrap's) classes; Django itself marks invalid fields with
    aria-invalid and links help and errors through aria-describedby."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = f"{field.widget.attrs.get('class', '')} {css}".strip()


class AuditFilterForm(ShellFormMixin, forms.Form):
    """The audit browser's filters (read from the query string; every field optional)."""

    action = forms.ChoiceField(label=_("Action"), required=False)
    object_type = forms.ChoiceField(label=_("Record type"), required=False)
    actor = forms.CharField(label=_("User name"), required=False, max_length=150)
    unit = forms.RegexField(label=_("Unit code"), required=False, regex=r"^\d{1,15}$",
                            error_messages={"invalid": _("A unit code is up to 15 digits.")})
    occurred_from = forms.DateField(label=_("From"), required=False,
                                    widget=forms.DateInput(attrs={"type": "date"}))
    occurred_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, actions: list[str], object_types: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        self.fields["action"].choices = anything + [(value, value) for value in actions]
        self.fields["object_type"].choices = anything + [(value, value) for value in object_types]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("occurred_from"), cleaned.get("occurred_to")
        if start and end and start > end:
            self.add_error("occurred_to", _("The end date is before the start date."))
        return cleaned
