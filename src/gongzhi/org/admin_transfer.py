"""The registry's import and export in the admin: a page beside the units' list where city
administrators download the workbook and the boundaries and upload them back. The same functions
as the management commands do the work; the acting administrator is recorded in every event."""
from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.common.access.roles import Permission
from gongzhi.common.admin_base import admin_actor_may
from gongzhi.common.exceptions import ActionNotPermitted
from gongzhi.org.registry import boundaries, excel_export, excel_import
from gongzhi.org.registry.problems import ImportRejected, ImportSummary
from gongzhi.org.registry.sheets import SHEETS

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class _UploadForm(forms.Form):
    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than %(size)d MB.") % {
                "size": MAX_UPLOAD_BYTES // (1024 * 1024)})
        return upload


class RegistryUploadForm(_UploadForm):
    file = forms.FileField(label=_("Registry workbook (.xlsx)"))
    update = forms.BooleanField(
        label=_("Update existing records"), required=False,
        help_text=_("Without this, rows for records that already exist are refused and nothing is imported."))


class BoundariesUploadForm(_UploadForm):
    file = forms.FileField(label=_("Boundaries (GeoJSON)"))


class RegistryTransferAdminMixin:
    """Adds the import/export page to the units' admin (its list links to it)."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("transfer/", view(self.registry_transfer_view), name="org_unit_registry_transfer"),
            path("transfer/registry.xlsx", view(self.registry_export_view), name="org_unit_registry_export"),
            path("transfer/boundaries.geojson", view(self.boundaries_export_view),
                 name="org_unit_boundaries_export"),
            *super().get_urls(),
        ]

    def changelist_view(self, request: HttpRequest, extra_context=None):
        extra_context = dict(extra_context or {})
        if admin_actor_may(request, Permission.REGISTRY_TRANSFER):
            extra_context["registry_transfer_url"] = reverse("admin:org_unit_registry_transfer")
        return super().changelist_view(request, extra_context)

    def _require_transfer(self, request: HttpRequest) -> None:
        if not admin_actor_may(request, Permission.REGISTRY_TRANSFER):
            raise PermissionDenied

    def registry_export_view(self, request: HttpRequest) -> HttpResponse:
        self._require_transfer(request)
        return _download(excel_export.registry_workbook_export(actor=request.actor),
                         excel_export.CONTENT_TYPE, "registry", "xlsx")

    def boundaries_export_view(self, request: HttpRequest) -> HttpResponse:
        self._require_transfer(request)
        return _download(boundaries.boundaries_export_bytes(actor=request.actor), boundaries.CONTENT_TYPE,
                         "boundaries", "geojson")

    def registry_transfer_view(self, request: HttpRequest) -> HttpResponse:
        self._require_transfer(request)
        registry_form = RegistryUploadForm(prefix="registry")
        boundaries_form = BoundariesUploadForm(prefix="boundaries")
        rejected, headers, status = None, None, 200
        if request.method == "POST":
            if "import_registry" in request.POST:
                registry_form = RegistryUploadForm(request.POST, request.FILES, prefix="registry")
                form = registry_form
                importer, headers = excel_import.registry_workbook_import, excel_import.PROBLEM_HEADERS
            else:
                boundaries_form = BoundariesUploadForm(request.POST, request.FILES, prefix="boundaries")
                form = boundaries_form
                importer, headers = boundaries.boundaries_import, boundaries.PROBLEM_HEADERS
            if form.is_valid():
                try:
                    summary = _import(request, form, importer)
                except ImportRejected as error:
                    rejected = error
                else:
                    for line in summary.lines():
                        messages.success(request, line)
                    return HttpResponseRedirect(request.path)
            status = 400
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import and export the registry"),
            "opts": self.model._meta,
            "registry_form": registry_form,
            "boundaries_form": boundaries_form,
            "sheets": SHEETS,
            "rejected": rejected,
            "problem_headers": headers,
        }
        return TemplateResponse(request, "admin/org/unit/registry_transfer.html", context, status=status)


def _import(request: HttpRequest, form: forms.Form, importer: Callable[..., ImportSummary]) -> ImportSummary:
    upload = form.cleaned_data["file"]
    options = {"update": form.cleaned_data["update"]} if "update" in form.cleaned_data else {}
    try:
        return importer(actor=request.actor, file=upload.read(), file_name=upload.name, **options)
    except ActionNotPermitted as refusal:
        raise PermissionDenied(refusal.message) from None


def _download(content: bytes, content_type: str, name: str, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    filename = f"gongzhi-{name}-{timezone.localdate():%Y%m%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
