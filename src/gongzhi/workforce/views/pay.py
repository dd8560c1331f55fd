"""Pages of pay: the pay tables, the monthly pay runs with their Excel export, a pay slip, and the
pay migration's report (with its run, for the city)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gongzhi.common.access.resolver import permission_require
from gongzhi.common.access.roles import Permission
from gongzhi.common.pages import page_of, page_view
from gongzhi.org.models import UnitKind
from gongzhi.org.selectors import units_visible_to
from gongzhi.workforce import services
from gongzhi.workforce.excel.download import xlsx_response
from gongzhi.workforce.excel.pay_export import pay_run_workbook
from gongzhi.workforce.forms import MigrationForm, PayRunForm, PayTableForm
from gongzhi.workforce.models import LEVELS, PostCategory
from gongzhi.workforce.reports import migration_report
from gongzhi.workforce.selectors import (
    pay_line_get_visible,
    pay_lines_of_run,
    pay_run_get_visible,
    pay_runs_visible_to,
    pay_table_get_visible,
    pay_tables_visible_to,
)
from gongzhi.workforce.services.pay import pay_table_in_use
from gongzhi.workforce.views.common import require_hr_or_own, run_service

PAYING_UNIT_KINDS = (UnitKind.CITY, UnitKind.STREET, UnitKind.COMMUNITY)


def _rates(table) -> list[tuple[str, list]]:
    by_key = {(rate.post_category, rate.level): rate.base_pay for rate in table.rates.all()}
    return [(label, [by_key.get((post, level)) for level in LEVELS]) for post, label in PostCategory.choices]


@require_GET
@page_view()
def pay_table_list(request):
    actor = request.actor
    require_hr_or_own(actor)
    tables = [(table, _rates(table)) for table in pay_tables_visible_to(actor).order_by("-effective_from")]
    return render(
        request,
        "workforce/pay_tables.html",
        {
            "tables": tables,
            "levels": LEVELS,
            "may_edit": actor.has_permission(Permission.WORKFORCE_PAY_TABLE),
        },
    )


def _pay_table_form_page(request, form, table=None, status=200):
    return render(
        request,
        "workforce/pay_table_form.html",
        {"form": form, "table": table, "in_use": table is not None and pay_table_in_use(table)},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@page_view(Permission.WORKFORCE_PAY_TABLE)
def pay_table_new(request):
    form = PayTableForm(request.POST or None)
    if request.method == "POST":
        table = run_service(
            form, lambda _data: services.pay_table_create(actor=request.actor, **form.service_arguments())
        )
        if table is not None:
            messages.success(request, _("The pay table was saved."))
            return redirect("workforce:pay-tables")
    return _pay_table_form_page(request, form, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@page_view(Permission.WORKFORCE_PAY_TABLE)
def pay_table_edit(request, pk: int):
    table = pay_table_get_visible(request.actor, pk=pk)
    form = PayTableForm(request.POST or None, initial=PayTableForm.initial_from(table))
    if request.method == "POST":
        saved = run_service(
            form,
            lambda _data: services.pay_table_update(
                actor=request.actor, table=table, changes=form.service_arguments()
            ),
        )
        if saved is not None:
            messages.success(request, _("The pay table was saved."))
            return redirect("workforce:pay-tables")
    return _pay_table_form_page(request, form, table, status=400 if request.method == "POST" else 200)


def paying_units(actor):
    """Units whose pay the actor may run: their own and those below, from the city down to communities."""
    return units_visible_to(actor).filter(kind__in=PAYING_UNIT_KINDS, is_active=True).order_by("code")


@require_http_methods(["GET", "POST"])
@page_view(Permission.WORKFORCE_VIEW)
def pay_run_list(request):
    actor = request.actor
    may_run = actor.has_permission(Permission.WORKFORCE_PAY_RUN)
    form = PayRunForm(request.POST or None, units=paying_units(actor)) if may_run else None
    if request.method == "POST":
        permission_require(actor, Permission.WORKFORCE_PAY_RUN)
        run = run_service(form, lambda data: services.pay_run_create(actor=actor, **data))
        if run is not None:
            messages.success(
                request,
                _("%(unit)s was paid for %(month)s.")
                % {"unit": run.unit.name, "month": run.month.strftime("%Y-%m")},
            )
            return redirect("workforce:pay-run", run.pk)
    page = page_of(request, pay_runs_visible_to(actor).order_by("-month", "unit__code"))
    return render(
        request,
        "workforce/pay_runs.html",
        {"form": form, "page": page},
        status=400 if form is not None and form.errors else 200,
    )


@require_GET
@page_view(Permission.WORKFORCE_VIEW)
def pay_run_detail(request, pk: int):
    run = pay_run_get_visible(request.actor, pk=pk)
    lines = pay_lines_of_run(request.actor, run)
    return render(request, "workforce/pay_run.html", {"run": run, "page": page_of(request, lines)})


@require_GET
@page_view(Permission.WORKFORCE_VIEW)
def pay_run_export(request, pk: int):
    run = pay_run_get_visible(request.actor, pk=pk)
    content = pay_run_workbook(run=run, lines=pay_lines_of_run(request.actor, run))
    return xlsx_response(content, name=f"pay-run-{run.unit.code}-{run.month:%Y-%m}")


@require_GET
@page_view()
def pay_slip(request, pk: int):
    require_hr_or_own(request.actor)
    line = pay_line_get_visible(request.actor, pk=pk)
    return render(request, "workforce/pay_slip.html", {"line": line})


@require_http_methods(["GET", "POST"])
@page_view(Permission.WORKFORCE_VIEW)
def migration(request):
    actor = request.actor
    may_apply = actor.has_permission(Permission.WORKFORCE_PAY_TABLE)
    units = paying_units(actor)
    form = MigrationForm(request.POST or None, units=units) if may_apply else None
    if request.method == "POST":
        permission_require(actor, Permission.WORKFORCE_PAY_TABLE)
        count = run_service(form, lambda data: services.migration_apply(actor=actor, **data))
        if count is not None:
            messages.success(
                request, _("%(count)d workers were moved onto the pay system.") % {"count": count}
            )
            return redirect("workforce:migration")
    return render(
        request,
        "workforce/migration.html",
        {"report": migration_report(actor), "form": form},
        status=400 if form is not None and form.errors else 200,
    )
