"""Pages of the personnel files: the list, opening a file, a file with its history and the forms
that keep it, one's own file, and the Excel import."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongzhi.common.access.roles import Permission
from gongzhi.common.exceptions import ActionNotPermitted
from gongzhi.common.pages import page_of, page_view, query_without_page
from gongzhi.org.models import User
from gongzhi.org.registry.problems import ImportRejected
from gongzhi.org.selectors import users_visible_to
from gongzhi.workforce import services
from gongzhi.workforce.excel.download import xlsx_response
from gongzhi.workforce.excel.worker_import import workers_workbook_import, workers_workbook_template
from gongzhi.workforce.forms import (
    AssessmentForm,
    CredentialForm,
    ImportForm,
    PostAssignForm,
    WorkerFilterForm,
    WorkerForm,
    WorkerUpdateForm,
)
from gongzhi.workforce.models import Worker
from gongzhi.workforce.reports import training_hours_by_worker
from gongzhi.workforce.selectors import (
    own_worker,
    pay_lines_visible_to,
    worker_get_visible,
    worker_is_managed_by,
    worker_units_visible_to,
    workers_visible_to,
)
from gongzhi.workforce.views.common import require_hr_or_own, run_service
from gongzhi.workforce.validation import refuse


@require_GET
@page_view(Permission.WORKFORCE_VIEW)
def worker_list(request):
    actor = request.actor
    units = worker_units_visible_to(actor)
    form = WorkerFilterForm(request.GET or None, units=units)
    workers = workers_visible_to(actor)
    if form.is_valid():
        data = form.cleaned_data
        if data["unit"]:
            workers = workers.filter(unit__code__startswith=data["unit"])
        if data["q"].strip():
            workers = workers.filter(name__icontains=data["q"].strip())
        for field in ("post_category", "status", "source"):
            if data[field]:
                workers = workers.filter(**{field: data[field]})
        if data["level"]:
            workers = workers.filter(level=data["level"])
    page = page_of(request, workers.order_by("unit__code", "name", "id"))
    return render(
        request,
        "workforce/worker_list.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "may_manage": actor.has_permission(Permission.WORKFORCE_MANAGE),
        },
    )


def _user_named(actor, username: str) -> User | None:
    """An account named on a form, among those the actor may name (otherwise refused on the field)."""
    if not username:
        return None
    user = users_visible_to(actor).filter(username=username).first()
    if user is None:
        refuse("user", _("Nothing you can see is known by “%(value)s”.") % {"value": username})
    return user


def _worker_create(actor, data) -> Worker:
    credentials = (
        [
            services.CredentialEntry(
                data["credential_kind"], data["credential_obtained_on"], data["credential_number"]
            )
        ]
        if data["credential_kind"]
        else []
    )
    return services.worker_create(
        actor=actor,
        user=_user_named(actor, data["user"]),
        unit_code=data["unit_code"],
        name=data["name"],
        identity_number=data["identity_number"],
        gender=data["gender"],
        birth_date=data["birth_date"],
        phone=data["phone"],
        education=data["education"],
        source=data["source"],
        hire_date=data["hire_date"],
        post_category=data["post_category"],
        level=data["level"],
        previous_monthly_pay=data["previous_monthly_pay"],
        credentials=credentials,
    )


@require_http_methods(["GET", "POST"])
@page_view(Permission.WORKFORCE_MANAGE)
def worker_new(request):
    actor = request.actor
    form = WorkerForm(request.POST or None, units=worker_units_visible_to(actor))
    if request.method == "POST":
        worker = run_service(form, lambda data: _worker_create(actor, data))
        if worker is not None:
            messages.success(request, _("The personnel file of %(name)s was opened.") % {"name": worker.name})
            return redirect("workforce:worker", worker.pk)
    return render(request, "workforce/worker_new.html", {"form": form}, status=400 if form.errors else 200)


def _update_changes(actor, worker: Worker, form: WorkerUpdateForm) -> dict:
    data = form.cleaned_data
    current = {
        "name": worker.name,
        "phone": worker.phone,
        "education": worker.education,
        "status": worker.status,
        "user": worker.user.username if worker.user_id else "",
    }
    # The phone is never shown in full, so the form starts blank: blank keeps the number on file.
    changes = {
        name: data[name]
        for name in current
        if data[name] != current[name] and not (name == "phone" and not data[name])
    }
    if "user" in changes:
        changes["user"] = _user_named(actor, changes["user"])
    return changes


def _action_forms(actor, worker: Worker, data=None, failed: str = "") -> dict:
    """The forms of the file's actions; the one that failed holds the posted data and its errors."""
    units = worker_units_visible_to(actor)

    def bound(name):
        return data if name == failed else None

    return {
        "update": WorkerUpdateForm(
            bound("update"),
            phone_masked=worker.phone_masked,
            initial={
                "name": worker.name,
                "education": worker.education,
                "status": worker.status,
                "user": worker.user.username if worker.user_id else "",
            },
        ),
        "credential": CredentialForm(bound("credential")),
        "assessment": AssessmentForm(bound("assessment"), initial={"year": timezone.localdate().year - 1}),
        "post": PostAssignForm(
            bound("post"),
            units=units,
            initial={
                "post_category": worker.post_category,
                "level": worker.level,
                "unit_code": worker.unit.code,
            },
        ),
    }


ACTION_CALLS = {
    "update": lambda actor, worker, form: services.worker_update(
        actor=actor, worker=worker, changes=_update_changes(actor, worker, form)
    ),
    "credential": lambda actor, worker, form: services.credential_add(
        actor=actor, worker=worker, **form.cleaned_data
    ),
    "assessment": lambda actor, worker, form: services.assessment_record(
        actor=actor, worker=worker, **form.cleaned_data
    ),
    "post": lambda actor, worker, form: services.post_assign(actor=actor, worker=worker, **form.cleaned_data),
}
ACTION_DONE = {
    "update": _("The file was updated."),
    "credential": _("The credential was added."),
    "assessment": _("The assessment was recorded."),
    "post": _("The post was recorded."),
}


def _worker_page(request, worker: Worker, forms: dict | None, status: int = 200):
    actor = request.actor
    worker = (
        Worker.objects.select_related("unit", "user", "migration")
        .prefetch_related("credentials", "post_history__unit", "assessments", "promotions")
        .get(pk=worker.pk)
    )
    year = timezone.localdate().year
    return render(
        request,
        "workforce/worker_detail.html",
        {
            "worker": worker,
            "forms": forms,
            "training_hours": training_hours_by_worker([worker.pk], year).get(worker.pk, 0),
            "year": year,
            "pay_slips": pay_lines_visible_to(actor).filter(worker=worker).order_by("-month")[:12],
            "is_own": worker.user_id == actor.user.pk,
        },
        status=status,
    )


@require_GET
@page_view()
def worker_detail(request, pk: int):
    actor = request.actor
    require_hr_or_own(actor)
    worker = worker_get_visible(actor, pk=pk)
    forms = _action_forms(actor, worker) if worker_is_managed_by(actor, worker) else None
    return _worker_page(request, worker, forms)


@require_POST
@page_view()
def worker_action(request, pk: int, action: str):
    actor = request.actor
    require_hr_or_own(actor)
    if action not in ACTION_CALLS:
        raise Http404()
    worker = worker_get_visible(actor, pk=pk)
    if not worker_is_managed_by(actor, worker):
        raise ActionNotPermitted()
    forms = _action_forms(actor, worker, request.POST, failed=action)
    form = forms[action]
    if run_service(form, lambda _data: ACTION_CALLS[action](actor, worker, form)) is not None:
        messages.success(request, ACTION_DONE[action])
        return redirect("workforce:worker", worker.pk)
    return _worker_page(request, worker, forms, status=400)


@require_GET
@page_view(Permission.WORKFORCE_OWN_FILE)
def my_file(request):
    return redirect("workforce:worker", own_worker(request.actor).pk)


@require_http_methods(["GET", "POST"])
@page_view(Permission.WORKFORCE_MANAGE)
def worker_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            created = workers_workbook_import(actor=request.actor, file=upload.read(), file_name=upload.name)
        except ImportRejected as rejected:
            problems = rejected.problems
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d personnel file was opened.",
                    "%(count)d personnel files were opened.",
                    len(created),
                )
                % {"count": len(created)},
            )
            return redirect(reverse("workforce:workers"))
    status = 400 if (form.errors or problems) else 200
    return render(
        request, "workforce/worker_import.html", {"form": form, "problems": problems}, status=status
    )


@require_GET
@page_view(Permission.WORKFORCE_MANAGE)
def worker_import_template(request):
    return xlsx_response(workers_workbook_template(), name="workers-import")
