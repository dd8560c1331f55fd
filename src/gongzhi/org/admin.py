"""The organisation's admin: the registry, users and memberships, for city administrators.

Creations (and the changes a service exists for) go through the org services and write their
domain events; the remaining plain edits are logged field by field by django-auditlog (see
audit_registration). Each record's change page links to both histories. Nothing is deleted here:
records are deactivated, memberships revoked."""
from __future__ import annotations

from typing import Any

from auditlog.mixins import AuditlogHistoryAdminMixin
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from gongzhi.common.access.roles import Permission
from gongzhi.common.admin_base import ServiceAdmin, admin_actor_may
from gongzhi.org import admin_forms
from gongzhi.org.admin_transfer import RegistryTransferAdminMixin
from gongzhi.org.models import (
    Compound,
    Department,
    JointCommitteeSeat,
    Liaison,
    Membership,
    PartyOrganisation,
    Unit,
    UnitKind,
    User,
)


def street_filter(code_field: str) -> type[admin.SimpleListFilter]:
    """A list filter by street, for records whose unit code (``code_field``) lies in its subtree."""

    class StreetFilter(admin.SimpleListFilter):
        title = _("street")
        parameter_name = "street"

        def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
            return [(street.code, street.name) for street in Unit.objects.filter(kind=UnitKind.STREET)]

        def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
            if self.value():
                return queryset.filter(**{f"{code_field}__startswith": self.value()})
            return queryset

    return StreetFilter


class OrgAdmin(AuditlogHistoryAdminMixin, ServiceAdmin):
    view_permission = Permission.REGISTRY_VIEW
    manage_permission = Permission.REGISTRY_MANAGE
    show_auditlog_history_link = True
    change_form_template = "admin/common/change_form_with_history.html"
    # Fields that name a record or its place; fixed once it exists (changed by no service).
    fixed_after_creation: tuple[str, ...] = ()

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        fixed = self.fixed_after_creation if obj is not None else ()
        return (*super().get_readonly_fields(request, obj), *fixed)

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None):
        extra_context = dict(extra_context or {})
        if admin_actor_may(request, Permission.AUDIT_VIEW):
            query = urlencode({"object_type": self.model._meta.label_lower, "object_id": object_id})
            extra_context["domain_events_url"] = f"{reverse('admin:common_domainevent_changelist')}?{query}"
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Unit)
class UnitAdmin(RegistryTransferAdminMixin, OrgAdmin):
    add_form = admin_forms.UnitAddForm
    change_form = admin_forms.UnitChangeForm
    fields = ["code", "kind", "parent", "name", "households", "address", "phone", "boundary", "is_active"]
    fixed_after_creation = ("code", "kind", "parent")
    list_display = ["code", "name", "kind", "parent", "households", "is_active"]
    list_filter = ["kind", "is_active", street_filter("code")]
    list_select_related = ["parent"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]
    list_per_page = 100


@admin.register(Compound)
class CompoundAdmin(OrgAdmin):
    add_form = admin_forms.CompoundAddForm
    fields = ["code", "name", "community", "grid", "address", "households", "buildings", "latitude",
              "longitude", "is_active"]
    fixed_after_creation = ("code", "community", "grid")
    list_display = ["code", "name", "community", "grid", "households", "buildings", "is_active"]
    list_filter = ["is_active", street_filter("community__code")]
    list_select_related = ["community", "grid"]
    search_fields = ["code", "name", "address", "community__name", "community__code"]
    autocomplete_fields = ["community", "grid"]


@admin.register(Department)
class DepartmentAdmin(OrgAdmin):
    add_form = admin_forms.DepartmentAddForm
    fields = ["code", "name", "short_name", "kind", "phone", "is_active"]
    fixed_after_creation = ("code",)
    list_display = ["code", "name", "short_name", "kind", "phone", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name", "short_name"]


@admin.register(Liaison)
class LiaisonAdmin(OrgAdmin):
    add_form = change_form = admin_forms.LiaisonForm
    fields = ["department", "street", "name", "title", "phone", "user"]
    fixed_after_creation = ("department", "street")
    list_display = ["department", "street", "name", "title", "phone", "user"]
    list_filter = ["department", "street"]
    list_select_related = ["department", "street", "user"]
    search_fields = ["name", "phone", "department__name", "street__name", "user__username"]
    autocomplete_fields = ["department", "street", "user"]


@admin.register(PartyOrganisation)
class PartyOrganisationAdmin(OrgAdmin):
    add_form = change_form = admin_forms.PartyOrganisationForm
    fields = ["unit", "kind", "name", "secretary_name", "member_count", "established_on"]
    readonly_fields = ["kind"]
    fixed_after_creation = ("unit",)
    list_display = ["name", "unit", "kind", "secretary_name", "member_count", "established_on"]
    list_filter = ["kind", street_filter("unit__code")]
    list_select_related = ["unit"]
    search_fields = ["name", "secretary_name", "unit__code", "unit__name"]
    autocomplete_fields = ["unit"]


@admin.register(JointCommitteeSeat)
class JointCommitteeSeatAdmin(OrgAdmin):
    add_form = admin_forms.JointCommitteeSeatAddForm
    fields = ["unit", "organisation_name", "organisation_kind", "representative_name", "position",
              "joined_on", "is_active"]
    fixed_after_creation = ("unit", "organisation_name")
    list_display = ["organisation_name", "unit", "organisation_kind", "representative_name", "position",
                    "is_active"]
    list_filter = ["organisation_kind", "is_active", street_filter("unit__code")]
    list_select_related = ["unit"]
    search_fields = ["organisation_name", "representative_name", "unit__code", "unit__name"]
    autocomplete_fields = ["unit"]


@admin.register(Membership)
class MembershipAdmin(OrgAdmin):
    view_permission = Permission.MEMBERSHIPS_VIEW
    manage_permission = Permission.MEMBERSHIPS_MANAGE
    add_form = admin_forms.MembershipAddForm
    change_form = admin_forms.MembershipChangeForm
    fields = ["user", "role", "unit", "department", "is_active", "created_at"]
    readonly_fields = ["created_at"]
    fixed_after_creation = ("user", "role", "unit", "department")
    list_display = ["user", "role", "unit", "department", "is_active", "created_at"]
    list_filter = ["role", "is_active", street_filter("unit__code")]
    list_select_related = ["user", "unit", "department"]
    search_fields = ["user__username", "user__display_name", "unit__code", "unit__name", "department__name"]
    autocomplete_fields = ["user", "unit", "department"]


@admin.register(User)
class UserAdmin(OrgAdmin, DjangoUserAdmin):
    view_permission = Permission.MEMBERSHIPS_VIEW
    manage_permission = Permission.MEMBERSHIPS_MANAGE
    add_form = admin_forms.UserAddForm
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("display_name", "phone", "email", "first_name", "last_name")}),
        (_("Sign-in"), {"fields": ("is_active", "failed_login_count", "locked_until", "last_login",
                                   "date_joined")}),
        (_("Admin site"), {"fields": ("is_staff", "is_superuser")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "display_name", "phone", "email",
                                                  "usable_password", "password1", "password2")}),
    )
    readonly_fields = ["last_login", "date_joined"]
    list_display = ["username", "display_name", "phone", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    search_fields = ["username", "display_name", "phone", "email"]
    ordering = ["username"]
    filter_horizontal = []

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        readonly = super().get_readonly_fields(request, obj)
        if not request.user.is_superuser:
            # Only a superuser makes superusers or admin staff: a city administrator cannot raise
            # anyone (themselves included) above their own role.
            readonly = (*readonly, "is_staff", "is_superuser")
        return readonly
