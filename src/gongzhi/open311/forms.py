"""Forms of the resident portal and the staff map. They parse what was typed; the services check
what matters and their errors land back on these fields."""
from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gongzhi.common.forms import ShellFormMixin
from gongzhi.open311.services.reports import PORTAL_MAX_DESCRIPTION, PORTAL_MAX_PHOTOS
from gongzhi.orders.forms import PhotosField, category_choices

COORDINATE_WIDGET = forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"})


class ResidentReportForm(ShellFormMixin, forms.Form):
    category = forms.ChoiceField(label=_("What kind of problem"))
    description = forms.CharField(
        label=_("What is wrong"), max_length=PORTAL_MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you saw, and since when. Please leave out other people's names."))
    photos = PhotosField(label=_("Photos"), help_text=format_lazy(
        _("Up to {n} photos (JPEG, PNG or WebP), each at most 8 MB."), n=PORTAL_MAX_PHOTOS))
    latitude = forms.DecimalField(label=_("Latitude"), required=False, max_digits=9, decimal_places=6,
                                  widget=COORDINATE_WIDGET)
    longitude = forms.DecimalField(label=_("Longitude"), required=False, max_digits=10, decimal_places=6,
                                   widget=COORDINATE_WIDGET)
    address = forms.CharField(label=_("Address or landmark"), required=False, max_length=200,
                              widget=forms.TextInput(attrs={"autocomplete": "off"}),
                              help_text=_("E.g. the compound, building and entrance."))
    compound = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    reporter_name = forms.CharField(label=_("Your name (optional)"), required=False, max_length=50)
    reporter_phone = forms.CharField(
        label=_("Your phone (optional)"), required=False, max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("Only the staff handling your report see it, to call you back if they need to."))
    # Set once the resident has seen the open reports nearby and still reports.
    confirmed_new = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, categories, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Choose…"))] + category_choices(categories)

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"category_code": data["category"], "description": data["description"],
                "latitude": data.get("latitude"), "longitude": data.get("longitude"),
                "address": data.get("address", ""), "compound_code": data.get("compound") or None,
                "reporter_name": data.get("reporter_name", ""),
                "reporter_phone": data.get("reporter_phone", ""),
                "photos": data.get("photos") or []}


class TrackLookupForm(ShellFormMixin, forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=40,
                           widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
                           help_text=_("The code you were given when you reported."))
