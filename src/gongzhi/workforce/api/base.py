"""What the workforce API views share: the permissions that open them (any of several for reading,
since workers read their own file and HR roles the files in reach), input fields that find records
only among those the actor sees."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema_field
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated

from gongzhi.common.access.roles import Permission
from gongzhi.common.exceptions import ActionNotPermitted
from gongzhi.org.api import ScopedViewSet, VisibleRecordField
from gongzhi.workforce.excel.download import XLSX
from gongzhi.workforce.models import Worker
from gongzhi.workforce.selectors import workers_visible_to

XLSX_RESPONSE = {(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description=_("An Excel workbook."))}
HR = (Permission.WORKFORCE_VIEW,)
HR_OR_OWN = (Permission.WORKFORCE_VIEW, Permission.WORKFORCE_OWN_FILE)


class ActorHasAnyReadPermission(BasePermission):
    """``read_permissions``: any one of them opens the view; ``write_permission`` is needed on top
    for writes (on a single record, checked once the record was found in scope)."""

    message = ActionNotPermitted.default_message

    def has_permission(self, request, view) -> bool:
        actor = view.actor
        if not any(actor.has_permission(permission) for permission in view.read_permissions):
            return False
        if request.method in SAFE_METHODS or getattr(view, "detail", False):
            return True
        return view.write_permission is None or actor.has_permission(view.write_permission)

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return view.write_permission is None or view.actor.has_permission(view.write_permission)


class WorkforceViewSet(ScopedViewSet):
    permission_classes = [IsAuthenticated, ActorHasAnyReadPermission]
    read_permissions: tuple[str, ...] = HR
    write_permission: str | None = Permission.WORKFORCE_MANAGE
    filterset_class = None
    lookup_value_regex = r"[0-9]+"


@extend_schema_field(OpenApiTypes.INT)
class VisibleWorkerField(VisibleRecordField):
    """A worker named by their file's id, found only among the files the actor sees."""

    def __init__(self, **kwargs) -> None:
        super().__init__(selector=workers_visible_to, model=Worker, slug_field="pk", **kwargs)


@extend_schema_field({"type": "string", "pattern": r"^\d{4}-\d{2}$", "example": "2024-07"})
class MonthField(serializers.Field):
    """A month as YYYY-MM (or its first day, YYYY-MM-01); read as the month's first day."""

    default_error_messages = {"invalid": _("Give the month as YYYY-MM.")}

    def to_internal_value(self, data) -> date:
        text = str(data).strip()
        try:
            year, month, *rest = (int(part) for part in text.split("-"))
            if rest not in ([], [1]):
                raise ValueError
            return date(year, month, 1)
        except (TypeError, ValueError):
            self.fail("invalid")

    def to_representation(self, value: date) -> str:
        return value.strftime("%Y-%m")
