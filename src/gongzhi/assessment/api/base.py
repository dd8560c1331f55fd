"""What every assessment endpoint shares: the actor, the permission checks in the platform's order
(a record out of reach 404 first, then a role without the permission 403, then bad input 400, then a
state that does not allow the action 409), and input read through a serializer that refuses fields it
does not know."""
from __future__ import annotations

from collections.abc import Mapping

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated

from gongzhi.assessment.excel import CONTENT_TYPE
from gongzhi.common.access.resolver import permission_require
from gongzhi.common.access.roles import Permission
from gongzhi.common.rest.permissions import ActorHasViewPermission
from gongzhi.common.rest.schema import ErrorSerializer
from gongzhi.common.rest.views import ActorMixin

XLSX_RESPONSE = {(200, CONTENT_TYPE): OpenApiResponse(OpenApiTypes.BINARY,
                                                      description=_("An Excel workbook."))}
CONFLICT = OpenApiResponse(ErrorSerializer,
                           description=_("Not possible in the record's state (a locked period "
                                                          "refuses every change); the message says why."))


class Input(serializers.Serializer):
    """Refuses fields it does not know: a misspelt optional field must not be dropped silently."""

    def to_internal_value(self, data):
        if not isinstance(data, Mapping):
            raise serializers.ValidationError({"non_field_errors": [_("Send a JSON object.")]})
        unknown = sorted(set(data) - set(self.fields) - {"csrfmiddlewaretoken"})
        if unknown:
            raise serializers.ValidationError({name: [_("Unknown field.")] for name in unknown})
        return super().to_internal_value(data)


def number_field(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=None, decimal_places=None, coerce_to_string=False, **kwargs)


class AssessmentView(ActorMixin, GenericAPIView):
    """Every request needs ``read_permission``; a change needs the permission its handler names
    through ``require``, checked after the record was found (so that out of reach answers 404)."""

    permission_classes = [IsAuthenticated, ActorHasViewPermission]
    read_permission = Permission.ASSESSMENT_VIEW
    # Writes are checked by the handlers themselves, once they hold the record.
    detail = True
    pagination_class = None
    filter_backends: list = []

    def require(self, permission: str) -> None:
        permission_require(self.actor, permission)

    def validated(self, serializer_class: type[serializers.Serializer], data=None) -> dict:
        serializer = serializer_class(data=self.request.data if data is None else data,
                                      context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


def xlsx_response(content: bytes, *, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localtime():%Y%m%d-%H%M}.xlsx"'
    return response
