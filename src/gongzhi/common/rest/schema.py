"""OpenAPI generation: every operation documents the error answers it can give, in the one shape
that common.rest.errors produces, so that clients (and the schema-driven fuzz tests) know them."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers
from rest_framework.permissions import AllowAny


class ErrorBodySerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Machine-readable reason, e.g. invalid, not_found."))
    message = serializers.CharField(help_text=_("A sentence for people, in the request's language."))
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_("For invalid input: the messages of each field at fault."),
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorBodySerializer()


WRITE_METHODS = frozenset({"POST", "PUT", "PATCH"})


class ErrorDocumentingAutoSchema(AutoSchema):
    def _error_statuses(self) -> dict[str, str]:
        statuses: dict[str, str] = {}
        if self.method in WRITE_METHODS or self._get_filter_parameters():
            statuses["400"] = str(_("Invalid input; the fields at fault are named."))
        if not any(isinstance(permission, AllowAny) for permission in self.view.get_permissions()):
            statuses["401"] = str(_("Not signed in (no valid token or session)."))
            statuses["403"] = str(_("The acting role does not allow this."))
        if "{" in self.path:
            statuses["404"] = str(_("No such record, or it lies outside the actor's scope."))
        return statuses

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for status_code, description in self._error_statuses().items():
            if status_code not in responses:
                documented = self._get_response_for_code(ErrorSerializer, status_code, direction=direction)
                responses[status_code] = {**documented, "description": description}
        return responses
