"""Admin for the working-day overrides: city administrators enter each year's holidays and adjusted
working days once the State Council announces them, and local holidays. Saves and deletions go
through ``common.calendar.services``, so they are checked, audited and reach every process."""
from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from gongzhi.common.access.roles import Permission
from gongzhi.common.calendar.services import working_day_override_remove, working_day_override_set
from gongzhi.common.models import WorkingDayOverride


@admin.register(WorkingDayOverride)
class WorkingDayOverrideAdmin(admin.ModelAdmin):
    list_display = ["day", "weekday", "is_working_day", "reason", "updated_at"]
    list_filter = ["is_working_day"]
    date_hierarchy = "day"
    search_fields = ["reason"]
    fields = ["day", "is_working_day", "reason"]

    @admin.display(description=_("weekday"))
    def weekday(self, override: WorkingDayOverride) -> str:
        return date_format(override.day, "l")

    def get_readonly_fields(self, request: HttpRequest, obj: WorkingDayOverride | None = None) -> list[str]:
        # An override is keyed by its day: moving it is removing one and setting another.
        return ["day"] if obj is not None else []

    def _may_manage(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_staff and request.actor.has_permission(
            Permission.CATALOGUE_MANAGE)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_manage(request)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._may_manage(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._may_manage(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_manage(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_manage(request)

    def save_model(self, request: HttpRequest, obj: WorkingDayOverride, form: Any, change: bool) -> None:
        saved = working_day_override_set(actor=request.actor, day=obj.day, is_working_day=obj.is_working_day,
                                         reason=obj.reason)
        obj.pk, obj.updated_at = saved.pk, saved.updated_at

    def delete_model(self, request: HttpRequest, obj: WorkingDayOverride) -> None:
        working_day_override_remove(actor=request.actor, day=obj.day)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[WorkingDayOverride]) -> None:
        for day in queryset.values_list("day", flat=True):
            working_day_override_remove(actor=request.actor, day=day)
