"""What every module's admin builds on: who may use it (the acting role's permissions, as on the
pages and the API) and saves that go through the module's services.

The admin is a city-level tool: it lists records without the tree scoping of the selectors, so it
opens only to staff acting in a city-wide role (or superusers) whose role holds the permission."""
from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError, models, transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from gongzhi.common.access.actor import Actor
from gongzhi.common.exceptions import ActionNotPermitted
from gongzhi.common.pages import form_errors_from_service


def admin_actor_may(request: HttpRequest, permission: str | None) -> bool:
    if permission is None or not (request.user.is_active and request.user.is_staff):
        return False
    actor = request.actor
    return actor.is_city_wide and actor.has_permission(permission)


class RoleGatedAdmin(admin.ModelAdmin):
    """Access from the acting role: ``view_permission`` to look, ``manage_permission`` to add and
    change (None: read-only). Nothing is deleted from the admin: records are deactivated instead,
    so that history and the records pointing at them stay whole."""

    view_permission: str | None = None
    manage_permission: str | None = None

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return (admin_actor_may(request, self.view_permission)
                or admin_actor_may(request, self.manage_permission))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return admin_actor_may(request, self.manage_permission)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return admin_actor_may(request, self.manage_permission)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ServiceAdminForm(forms.ModelForm):
    """An admin form whose save is a service call.

    The call is made while the form validates (in place of the model validation a ModelForm runs),
    inside a savepoint of the admin's own transaction,
    so that the service's ValidationError (or a refusal of the role) appears on the form's fields
    like any other error instead of a server error. The admins using it have no inlines: a valid
    form is always followed by the admin's save, which then has nothing left to do.

    Subclasses implement ``perform`` and map the service's field names to theirs where they differ."""

    actor: Actor | None = None  # set per request by ServiceAdmin.get_form
    service_field_names: dict[str, str] = {}

    def perform(self) -> models.Model | None:
        """Call the service with ``self.cleaned_data``; return the saved record (None: nothing to do)."""
        raise NotImplementedError

    def _post_clean(self) -> None:
        # The service is the one place that checks the record, with messages that name the field; the
        # model validation a ModelForm would run first repeats those rules with vaguer messages
        # ("constraint … is violated"), so it is left out here.
        if self.errors:
            return
        try:
            with transaction.atomic():
                saved = self.perform()
        except ValidationError as error:
            form_errors_from_service(self, self._renamed(error))
            return
        except ActionNotPermitted as refusal:
            self.add_error(None, refusal.message)
            return
        except IntegrityError:
            self.add_error(None, _("This conflicts with a record saved meanwhile; please check and try "
                                   "again."))
            return
        if saved is not None:
            self.instance = saved

    def _renamed(self, error: ValidationError) -> ValidationError:
        if not hasattr(error, "error_dict"):
            return error
        return ValidationError({self.service_field_names.get(name, name): errors
                                for name, errors in error.error_dict.items()})

    def save(self, commit: bool = True) -> models.Model:
        # Saved by the service during validation; the admin only needs the record back.
        self.save_m2m = lambda: None
        return self.instance


class ServiceAdmin(RoleGatedAdmin):
    """A role-gated admin whose add (and, where ``change_form`` is set, change) forms save through
    a service. Without a change form, changes are plain model saves logged by django-auditlog."""

    add_form: type[ServiceAdminForm] | None = None
    change_form: type[ServiceAdminForm] | None = None

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        service_form = self.change_form if obj is not None else self.add_form
        if service_form is not None:
            kwargs["form"] = service_form
        form = super().get_form(request, obj, change=change, **kwargs)
        if service_form is None:
            return form
        return type(form.__name__, (form,), {"actor": request.actor})

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not isinstance(form, ServiceAdminForm):
            super().save_model(request, obj, form, change)

    def get_inline_instances(self, request: HttpRequest, obj: Any = None) -> list:
        if self.inlines:
            # ServiceAdminForm writes while validating; inline formsets failing afterwards would not undo it.
            raise ImproperlyConfigured(f"{type(self).__name__}: service-backed admins take no inlines")
        return []
