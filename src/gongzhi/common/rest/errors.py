"""One error shape for the whole API: {"error": {"code", "message", "fields"}} with the right 4xx.

Services raise Django's ValidationError and the exceptions of common.exceptions; they are mapped
here so that no view needs its own try/except and no bad input turns into a 500."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from gongzhi.common.exceptions import ActionNotPermitted, IllegalTransition, RecordNotFound


def error_response(*, status_code: int, code: str, message: str, fields: dict | None = None) -> Response:
    return Response({"error": {"code": code, "message": message, "fields": fields or {}}}, status=status_code)


def _flatten(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        out: dict[str, list[str]] = {}
        for key, value in detail.items():
            if isinstance(value, dict):
                for sub_key, sub_value in _flatten(value).items():
                    out[f"{key}.{sub_key}"] = sub_value
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                for index, item in enumerate(value):
                    for sub_key, sub_value in _flatten(item).items():
                        out[f"{key}[{index}].{sub_key}"] = sub_value
            else:
                out[key] = [str(v) for v in (value if isinstance(value, list) else [value])]
        return out
    return {"non_field_errors": [str(v) for v in (detail if isinstance(detail, list) else [detail])]}


def _validation_message(fields: dict[str, list[str]]) -> str:
    named = [name for name in fields if name != "non_field_errors"]
    if named:
        first = named[0]
        return _("Invalid input in field “%(field)s”: %(message)s") % {"field": first, "message": fields[first][0]}
    messages = fields.get("non_field_errors") or [_("Invalid input.")]
    return messages[0]


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        fields = _flatten(detail)
        return error_response(status_code=400, code="invalid", message=_validation_message(fields), fields=fields)
    if isinstance(exc, ActionNotPermitted):
        return error_response(status_code=403, code="permission_denied", message=exc.message)
    if isinstance(exc, (RecordNotFound, Http404)):
        return error_response(status_code=404, code="not_found", message=_("Not found."))
    if isinstance(exc, IllegalTransition):
        return error_response(status_code=409, code="illegal_transition", message=exc.message)
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        response.data = {"error": {"code": "invalid", "message": _validation_message(fields), "fields": fields}}
        response.status_code = status.HTTP_400_BAD_REQUEST
        return response
    code = getattr(exc, "default_code", "error")
    detail = getattr(exc, "detail", None)
    message = str(detail) if detail is not None and not isinstance(detail, (dict, list)) else str(exc)
    response.data = {"error": {"code": str(code), "message": message, "fields": {}}}
    return response
