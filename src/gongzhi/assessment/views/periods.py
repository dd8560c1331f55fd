"""Pages of the assessment periods: the list, a period with its scheme, lifecycle and ranking, the
street's scoring sheet, a department's breakdown and trend with its appeals, the appeals to decide,
the Excel export and the staff posted to the streets. Thin: reads through the scoped selectors,
every change through one service."""
from __future__ import annotations

from functools import partial

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongzhi.assessment import services
from gongzhi.assessment.breakdown import Breakdown
from gongzhi.assessment.excel import CONTENT_TYPE, period_workbook
from gongzhi.assessment.forms import (AppealForm, DecisionForm, IndicatorForm, ItemForm, PeriodEditForm,
                                      PeriodForm, PostingEndForm, StaffForm, StreetScoresForm)
from gongzhi.assessment.models import AppealState, DepartmentResult, Period, PeriodState
from gongzhi.assessment.selectors.common import record_in
from gongzhi.assessment.selectors.periods import (actor_street, appeal_get_visible, appeals_visible_to,
                                                  department_breakdown, department_result_get_visible,
                                                  department_trend, indicator_values,
                                                  manual_scores_visible_to, period_get_visible,
                                                  periods_visible_to, posted_during, posted_staff_get_visible,
                                                  posted_staff_visible_to, results_visible_to)
from gongzhi.assessment.views.common import perform, posted_data, step_perform
from gongzhi.common.access.resolver import permission_require
from gongzhi.common.access.roles import Permission
from gongzhi.common.exceptions import ActionNotPermitted
from gongzhi.common.pages import page_view
from gongzhi.org.models import Department, Unit, UnitKind

# Each state's next steps, as (step in the URL, service, button label, message when done).
STEPS = {
    "start-scoring": (services.period_start_scoring, _lazy("Start scoring"),
                      _lazy("Scoring has started; the work-order figures are computed.")),
    "compute": (services.period_compute, _lazy("Compute again"), _lazy("The figures were computed again.")),
    "start-review": (services.period_start_review, _lazy("Close scoring and start the review"),
                     _lazy("The review has started; departments may appeal.")),
    "lock": (services.period_lock, _lazy("Lock the period"),
             _lazy("The period is locked; its figures are final.")),
}
STEPS_OF_STATE = {PeriodState.OPEN: ["start-scoring"], PeriodState.SCORING: ["compute", "start-review"],
                  PeriodState.REVIEW: ["compute", "lock"], PeriodState.LOCKED: []}


def _number(value) -> float | None:
    """A score as a chart takes it."""
    return None if value is None else float(value)


def _percent_chart(results: list[DepartmentResult]) -> dict:
    ranked = [result for result in results if result.total is not None]
    return {"labels": [result.department.short_name or result.department.name for result in ranked],
            "totals": [float(result.total) for result in ranked],
            "names": {"total": _("Total")}}


# ---------------------------------------------------------------- periods


@require_http_methods(["GET", "POST"])
@page_view(Permission.ASSESSMENT_VIEW)
def periods(request):
    actor = request.actor
    listed = periods_visible_to(actor)
    form = None
    if actor.has_permission(Permission.ASSESSMENT_MANAGE):
        form = PeriodForm(posted_data(request), periods=listed, initial={"street_share": 20})

    def page(refusal: str = "", status: int = 200) -> HttpResponse:
        return render(request, "assessment/periods.html", {"periods": listed, "form": form,
                                                           "refusal": refusal},
                      status=status)

    if request.method == "POST":
        if form is None:
            raise ActionNotPermitted()
        return perform(request, form=form, success_url=reverse("assessment:periods"),
                       done=_("The period was created; define its scheme."), page=page,
                       call=lambda: services.period_create(actor=actor, **form.cleaned_data))
    return page()


def _period_page(request, period: Period, *, bound: dict | None = None, refusal: str = "",
                 status: int = 200) -> HttpResponse:
    actor = request.actor
    manages = actor.has_permission(Permission.ASSESSMENT_MANAGE)
    editing = manages and period.state == PeriodState.OPEN
    bound = bound or {}
    results = list(results_visible_to(actor, period=period)) if period.state != PeriodState.OPEN else []
    forms = {}
    if editing:
        forms = {"edit": bound.get("edit") or PeriodEditForm(initial={"name": period.name,
                                                                     "street_share": period.street_share}),
                 "indicator": bound.get("indicator") or IndicatorForm(),
                 "item": bound.get("item") or ItemForm(initial={"max_score": 100})}
    context = {
        "period": period, "indicators": period.indicators.all(), "items": period.manual_items.all(),
        "manages": manages, "editing": editing, "forms": forms, "results": results,
        "steps": [(step, STEPS[step][1]) for step in STEPS_OF_STATE[period.state]] if manages else [],
        "may_score": (period.state == PeriodState.SCORING and actor_street(actor) is not None
                      and actor.has_permission(Permission.ASSESSMENT_SCORE)),
        "pending_appeals": appeals_visible_to(actor, period=period).filter(state=AppealState.PENDING).count(),
        "chart": _percent_chart(results), "refusal": refusal,
    }
    return render(request, "assessment/period.html", context, status=status)


@require_GET
@page_view(Permission.ASSESSMENT_VIEW)
def period_detail(request, period_id: int):
    return _period_page(request, period_get_visible(request.actor, period_id=period_id))


def _scheme_change(request, period_id: int, *, form_name: str, form, call) -> HttpResponse:
    period = period_get_visible(request.actor, period_id=period_id)
    permission_require(request.actor, Permission.ASSESSMENT_MANAGE)
    return perform(request, form=form, call=lambda: call(period), done=_("The scheme was changed."),
                   success_url=reverse("assessment:period", args=[period.pk]),
                   page=partial(_period_page, request, period, bound={form_name: form}))


@require_POST
@page_view(Permission.ASSESSMENT_MANAGE)
def period_edit(request, period_id: int):
    form = PeriodEditForm(request.POST)
    return _scheme_change(request, period_id, form_name="edit", form=form,
                          call=lambda period: services.period_update(
        actor=request.actor, period=period, changes=form.cleaned_data))


@require_POST
@page_view(Permission.ASSESSMENT_MANAGE)
def indicator_add(request, period_id: int):
    form = IndicatorForm(request.POST)
    return _scheme_change(request, period_id, form_name="indicator", form=form,
                          call=lambda period: services.indicator_add(
        actor=request.actor, period=period, **form.service_arguments()))


@require_POST
@page_view(Permission.ASSESSMENT_MANAGE)
def item_add(request, period_id: int):
    form = ItemForm(request.POST)
    return _scheme_change(request, period_id, form_name="item", form=form,
                          call=lambda period: services.manual_item_add(
        actor=request.actor, period=period, **form.cleaned_data))


@require_POST
@page_view(Permission.ASSESSMENT_MANAGE)
def scheme_part_remove(request, period_id: int, part: str, part_id: int):
    period = period_get_visible(request.actor, period_id=period_id)
    if part == "indicators":
        call = partial(services.indicator_remove, indicator=record_in(period.indicators.all(), part_id))
    elif part == "items":
        call = partial(services.manual_item_remove, item=record_in(period.manual_items.all(), part_id))
    else:
        raise Http404()
    return step_perform(request, call=lambda: call(actor=request.actor), done=_("The scheme was changed."),
                        success_url=reverse("assessment:period", args=[period.pk]),
                        page=partial(_period_page, request, period))


@require_POST
@page_view(Permission.ASSESSMENT_MANAGE)
def period_step(request, period_id: int, step: str):
    if step not in STEPS:
        raise Http404()
    period = period_get_visible(request.actor, period_id=period_id)
    service, _label, done = STEPS[step]
    return step_perform(request, call=lambda: service(actor=request.actor, period=period), done=done,
                        success_url=reverse("assessment:period", args=[period.pk]),
                        page=partial(_period_page, request, period))


@require_GET
@page_view(Permission.ASSESSMENT_VIEW)
def period_export(request, period_id: int):
    period = period_get_visible(request.actor, period_id=period_id)
    results = list(results_visible_to(request.actor, period=period))
    content = period_workbook(period=period, results=results, indicator_values=indicator_values(period,
                                                                                                results),
                              scores=manual_scores_visible_to(request.actor, period=period))
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="assessment-{period.pk}.xlsx"'
    return response


# ---------------------------------------------------------------- the street's scoring sheet


@require_http_methods(["GET", "POST"])
@page_view(Permission.ASSESSMENT_SCORE)
def street_scores(request, period_id: int):
    actor = request.actor
    period = period_get_visible(actor, period_id=period_id)
    street = actor_street(actor)
    if street is None:
        raise ActionNotPermitted(_("Only a street's own staff score for it."))
    existing = {(score.item_id, score.department_id if not score.staff_id else None,
                 score.staff_id): score.score
                for score in manual_scores_visible_to(actor, period=period)}
    form = StreetScoresForm(posted_data(request), items=period.manual_items.all(),
                            departments=Department.objects.filter(is_active=True).order_by("code"),
                            staff=posted_during(period).filter(street=street).select_related("department"),
                            existing=existing)

    def page(refusal: str = "", status: int = 200) -> HttpResponse:
        return render(request, "assessment/street_scores.html",
                      {"period": period, "street": street, "form": form, "refusal": refusal,
                       "open": period.state == PeriodState.SCORING}, status=status)

    if request.method == "POST":
        return perform(request, form=form, page=page, success_url=reverse("assessment:period",
                                                                          args=[period.pk]),
                       done=_("Your street's scores were recorded."),
                       call=lambda: services.manual_scores_record(actor=actor, period=period, street=street,
                                                                  entries=form.entries()))
    return page()


# ---------------------------------------------------------------- a department's result and appeals


def _appealable_items(period: Period, breakdown: Breakdown) -> list[tuple[str, str]]:
    """The items of the breakdown a department may appeal: those not under appeal already."""
    pending = period.appeals.filter(state=AppealState.PENDING)
    results = set(pending.values_list("indicator_result_id", flat=True))
    scores = set(pending.values_list("manual_score_id", flat=True))
    items = [(f"indicator:{line.result.pk}", str(line.indicator)) for line in breakdown.indicators
             if line.result and line.result.pk not in results]
    items += [(f"score:{score.pk}", f"{line.item} · {part.street_name}" + (f" · {score.staff.name}"
                                                                          if score.staff_id else ""))
              for part in breakdown.streets for line in part.lines for score in line.scores
              if score.pk not in scores]
    return items


def _department_page(request, period: Period, department_code: str, *, bound: AppealForm | None = None,
                     refusal: str = "", status: int = 200) -> HttpResponse:
    actor = request.actor
    result = department_result_get_visible(actor, period=period, department_code=department_code)
    breakdown = department_breakdown(actor, result=result)
    trend = department_trend(actor, department_code=department_code, kind=period.kind)
    appeal_form = None
    if (period.state == PeriodState.REVIEW and actor.has_permission(Permission.ASSESSMENT_APPEAL)
            and actor.department_id == result.department_id):
        appeal_form = bound or AppealForm(items=_appealable_items(period, breakdown))
    context = {
        "period": period, "result": result, "breakdown": breakdown, "appeal_form": appeal_form,
        "appeals": appeals_visible_to(actor, period=period).filter(department=result.department),
        "trend": {"labels": [point.period.name for point in trend],
                  "totals": [_number(point.total) for point in trend],
                  "automatic": [_number(point.automatic_score) for point in trend],
                  "streets": [_number(point.street_score) for point in trend],
                  "names": {"total": _("Total"), "automatic": _("Work orders (automatic)"),
                            "streets": _("Streets' scores")}},
        "refusal": refusal,
    }
    return render(request, "assessment/department.html", context, status=status)


@require_GET
@page_view(Permission.ASSESSMENT_VIEW)
def department_result(request, period_id: int, department_code: str):
    return _department_page(request, period_get_visible(request.actor, period_id=period_id), department_code)


@require_POST
@page_view(Permission.ASSESSMENT_APPEAL)
def appeal_file(request, period_id: int, department_code: str):
    actor = request.actor
    period = period_get_visible(actor, period_id=period_id)
    result = department_result_get_visible(actor, period=period, department_code=department_code)
    form = AppealForm(request.POST, items=_appealable_items(period, department_breakdown(actor,
                                                                                         result=result)))
    return perform(request, form=form, renames={"item_id": "item", "item_kind": "item"},
                   call=lambda: services.appeal_file(actor=actor, period=period, **form.service_arguments()),
                   success_url=reverse("assessment:department", args=[period.pk, department_code]),
                   done=_("Your appeal was filed; the city will decide."),
                   page=partial(_department_page, request, period, department_code, bound=form))


def _appeals_page(request, period: Period, *, bound: dict | None = None, refusal: str = "",
                  status: int = 200) -> HttpResponse:
    actor = request.actor
    appeals = list(appeals_visible_to(actor, period=period))
    deciding = actor.has_permission(Permission.ASSESSMENT_MANAGE) and period.state == PeriodState.REVIEW
    bound = bound or {}
    for appeal in appeals:
        appeal.form = ((bound.get(appeal.pk) or DecisionForm(auto_id=f"appeal-{appeal.pk}-%s"))
                       if deciding and appeal.state == AppealState.PENDING else None)
    return render(request, "assessment/appeals.html", {"period": period, "appeals": appeals,
                                                       "refusal": refusal},
                  status=status)


@require_GET
@page_view(Permission.ASSESSMENT_VIEW)
def appeals(request, period_id: int):
    return _appeals_page(request, period_get_visible(request.actor, period_id=period_id))


@require_POST
@page_view(Permission.ASSESSMENT_MANAGE)
def appeal_decide(request, appeal_id: int):
    actor = request.actor
    appeal = appeal_get_visible(actor, appeal_id=appeal_id)
    form = DecisionForm(request.POST, auto_id=f"appeal-{appeal.pk}-%s")
    return perform(request, form=form, call=lambda: services.appeal_decide(actor=actor, appeal=appeal,
                                                                          **form.cleaned_data),
                   success_url=reverse("assessment:appeals", args=[appeal.period_id]),
                   done=_("The appeal was decided."),
                   page=partial(_appeals_page, request, appeal.period, bound={appeal.pk: form}))


# ---------------------------------------------------------------- staff posted to the streets


def _staff_page(request, *, bound: dict | None = None, refusal: str = "", status: int = 200) -> HttpResponse:
    actor = request.actor
    staff = list(posted_staff_visible_to(actor))
    manages = actor.has_permission(Permission.ASSESSMENT_MANAGE)
    bound = bound or {}
    form = None
    if manages:
        form = bound.get("new") or StaffForm(
            departments=Department.objects.filter(is_active=True).order_by("code"),
            streets=Unit.objects.filter(kind=UnitKind.STREET, is_active=True).order_by("code"))
        for member in staff:
            member.end_form = (bound.get(member.pk) or PostingEndForm(auto_id=f"staff-{member.pk}-%s")
                               if member.ended_on is None else None)
    return render(request, "assessment/posted_staff.html",
                  {"staff": staff, "form": form, "manages": manages, "refusal": refusal}, status=status)


@require_http_methods(["GET", "POST"])
@page_view(Permission.ASSESSMENT_VIEW)
def posted_staff(request):
    if request.method == "GET":
        return _staff_page(request)
    permission_require(request.actor, Permission.ASSESSMENT_MANAGE)
    form = StaffForm(request.POST, departments=Department.objects.filter(is_active=True).order_by("code"),
                     streets=Unit.objects.filter(kind=UnitKind.STREET, is_active=True).order_by("code"))
    return perform(request, form=form, renames={"department_code": "department", "street_code": "street"},
                   call=lambda: services.posted_staff_create(actor=request.actor, **form.service_arguments()),
                   success_url=reverse("assessment:posted-staff"), done=_("The posting was recorded."),
                   page=partial(_staff_page, request, bound={"new": form}))


@require_POST
@page_view(Permission.ASSESSMENT_MANAGE)
def posting_end(request, staff_id: int):
    staff = posted_staff_get_visible(request.actor, staff_id=staff_id)
    form = PostingEndForm(request.POST, auto_id=f"staff-{staff.pk}-%s")
    return perform(request, form=form, call=lambda: services.posted_staff_end(actor=request.actor,
                                                                              staff=staff,
                                                                             **form.cleaned_data),
                   success_url=reverse("assessment:posted-staff"), done=_("The posting was ended."),
                   page=partial(_staff_page, request, bound={staff.pk: form}))

