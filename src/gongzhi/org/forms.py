"""Forms of the organisation's pages: they carry input to the services, which do the checking."""
from __future__ import annotations

from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.utils.translation import gettext_lazy as _

from gongzhi.common.forms import ShellFormMixin


class LoginForm(ShellFormMixin, forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150,
                               widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}))
    password = forms.CharField(label=_("Password"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class PasswordChangeForm(ShellFormMixin, forms.Form):
    old_password = forms.CharField(label=_("Current password"), strip=False,
                                   widget=forms.PasswordInput(attrs={"autocomplete": "current-password",
                                                                     "autofocus": True}))
    new_password = forms.CharField(label=_("New password"), strip=False,
                                   widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    new_password_again = forms.CharField(label=_("New password again"), strip=False,
                                         widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Built per request, so the rules read in the language of the page.
        self.fields["new_password"].help_text = password_validators_help_text_html()

    def clean(self):
        cleaned = super().clean()
        new, again = cleaned.get("new_password"), cleaned.get("new_password_again")
        if new and again and new != again:
            self.add_error("new_password_again", _("The two new passwords differ."))
        return cleaned


class CompoundSearchForm(ShellFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    unit = forms.RegexField(label=_("Unit code"), required=False, regex=r"^\d{6,15}$",
                            error_messages={"invalid": _("A unit code is 6 to 15 digits.")})
