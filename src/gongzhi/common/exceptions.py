"""Exceptions raised by services and selectors; the API and the pages translate them to 4xx answers.

Services raise django.core.exceptions.ValidationError (400, naming fields) for bad input, and these
for the rest, so that every caller (page, API, command, admin) answers the same way."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class ActionNotPermitted(Exception):
    """The actor may see the record but their role does not allow this action (403)."""

    default_message = _("Your role does not allow this action.")

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or str(self.default_message))
        self.message = message or str(self.default_message)


class RecordNotFound(Exception):
    """The record does not exist or lies outside the actor's scope: both answer alike (404)."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or str(_("Not found.")))
        self.message = message or str(_("Not found."))


class IllegalTransition(Exception):
    """The action does not apply in the record's current state (409)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
