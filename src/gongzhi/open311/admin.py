"""Admin for Open311 client systems: city administrators issue, replace and switch off API keys.
Every change goes through open311.services (checked, audited); a new key is shown once, in the
message after saving, and never again."""
from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongzhi.common.access.roles import Permission
from gongzhi.common.pages import form_errors_from_service
from gongzhi.open311.models import ApiClient, ClientSubmission
from gongzhi.open311.services import (api_client_create, api_client_key_rotate, api_client_set_active,
                                      api_client_update)

EDITABLE = ["name", "contact", "requests_per_minute"]


def _may_manage(request: HttpRequest) -> bool:
    return (request.user.is_active and request.user.is_staff and request.actor.is_city_wide
            and request.actor.has_permission(Permission.OPEN311_CLIENTS_MANAGE))


class ApiClientForm(forms.ModelForm):
    """Validated by the services (on save they run again, inside the admin's transaction)."""

    class Meta:
        model = ApiClient
        fields = EDITABLE

    def _post_clean(self) -> None:
        # The services own the rules (unique name, limits); the model's own validation would repeat
        # them with vaguer messages.
        return


def _key_message(request: HttpRequest, client: ApiClient, key: str) -> None:
    messages.warning(request, _("The API key of “%(name)s” is %(key)s — copy it now: it is not shown again.")
                     % {"name": client.name, "key": key})


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    form = ApiClientForm
    list_display = ["name", "key_prefix", "is_active", "requests_per_minute", "last_used_at", "key_issued_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "contact", "key_prefix"]
    readonly_fields = ["key_prefix", "is_active", "created_at", "key_issued_at", "last_used_at"]
    actions = ["issue_new_key", "switch_off", "switch_on"]

    def get_fields(self, request: HttpRequest, obj: ApiClient | None = None) -> list[str]:
        return EDITABLE if obj is None else [*EDITABLE, *self.readonly_fields]

    def get_readonly_fields(self, request: HttpRequest, obj: ApiClient | None = None) -> list[str]:
        return [] if obj is None else self.readonly_fields

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _may_manage(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _may_manage(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _may_manage(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _may_manage(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # switched off instead: their submissions keep pointing at them

    def get_form(self, request: HttpRequest, obj: ApiClient | None = None, change: bool = False,
                 **kwargs: Any):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        admin_self = self

        class ServiceForm(form_class):
            def clean(self):
                cleaned = super().clean()
                if not self.errors:
                    admin_self._save_through_service(request, self, obj)
                return cleaned

        return ServiceForm

    def _save_through_service(self, request: HttpRequest, form: forms.ModelForm,
                              obj: ApiClient | None) -> None:
        values = {field: form.cleaned_data.get(field) for field in EDITABLE}
        try:
            if obj is None:
                client, key = api_client_create(actor=request.actor, name=values["name"],
                                                contact=values["contact"],
                                                requests_per_minute=values["requests_per_minute"])
                _key_message(request, client, key)
            else:
                client = api_client_update(actor=request.actor, client=obj, changes=values)
        except ValidationError as error:
            form_errors_from_service(form, error)
            return
        form.instance = client

    def save_model(self, request: HttpRequest, obj: ApiClient, form: Any, change: bool) -> None:
        # Saved by the service while the form was cleaned; only the saved record is needed here.
        obj.pk = form.instance.pk

    @admin.action(description=gettext_lazy("Issue a new key (the old one stops working)"))
    def issue_new_key(self, request: HttpRequest, queryset: QuerySet[ApiClient]) -> None:
        for client in queryset:
            client, key = api_client_key_rotate(actor=request.actor, client=client)
            _key_message(request, client, key)

    @admin.action(description=gettext_lazy("Switch off (refuse their key)"))
    def switch_off(self, request: HttpRequest, queryset: QuerySet[ApiClient]) -> None:
        for client in queryset:
            api_client_set_active(actor=request.actor, client=client, is_active=False)

    @admin.action(description=gettext_lazy("Switch on again"))
    def switch_on(self, request: HttpRequest, queryset: QuerySet[ApiClient]) -> None:
        for client in queryset:
            api_client_set_active(actor=request.actor, client=client, is_active=True)


@admin.register(ClientSubmission)
class ClientSubmissionAdmin(admin.ModelAdmin):
    """Read-only: what each system sent alongside its orders."""

    list_display = ["order", "client", "submitted_at", "media_url"]
    list_filter = ["client"]
    search_fields = ["order__number"]
    readonly_fields = ["order", "client", "media_url", "attributes", "submitted_at"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _may_manage(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _may_manage(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
