"""The kernel's admin: the domain events, read-only (they are never changed or deleted), and the
working-day overrides (admin_calendar)."""
from __future__ import annotations

import json
from typing import Any

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from gongzhi.common import admin_calendar  # noqa: F401  (registers the working-day overrides' admin)
from gongzhi.common.access.roles import Permission
from gongzhi.common.admin_base import RoleGatedAdmin
from gongzhi.common.models import DomainEvent


@admin.register(DomainEvent)
class DomainEventAdmin(RoleGatedAdmin):
    view_permission = Permission.AUDIT_VIEW
    manage_permission = None
    list_display = ["occurred_at", "action", "object_type", "object_repr", "actor", "acting_as", "unit_code"]
    list_filter = ["action", "object_type"]
    list_select_related = ["actor", "membership__unit", "membership__department"]
    search_fields = ["action", "object_repr", "object_id", "unit_code", "actor__username", "comment"]
    date_hierarchy = "occurred_at"
    fields = ["occurred_at", "action", "object_type", "object_id", "object_repr", "unit_code", "actor",
              "acting_as", "before_json", "after_json", "comment", "attachments"]
    readonly_fields = fields
    list_per_page = 100

    @admin.display(description=_("acting as"))
    def acting_as(self, event: DomainEvent) -> str:
        membership = event.membership
        if membership is None:
            return ""
        return f"{membership.get_role_display()} · {membership.organisation_name}"

    @admin.display(description=_("before"))
    def before_json(self, event: DomainEvent) -> str:
        return _pretty(event.before)

    @admin.display(description=_("after"))
    def after_json(self, event: DomainEvent) -> str:
        return _pretty(event.after)


def _pretty(value: Any) -> str:
    if value is None:
        return ""
    return format_html("<pre>{}</pre>", json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True))
