"""Pages of careers: promotion eligibility and decisions, training with the yearly shortfall, the
staffing ratio, and the cadres (secondments, graduates recruited, mentoring pairs)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongzhi.common.access.resolver import permission_require
from gongzhi.common.access.roles import Permission
from gongzhi.common.pages import page_of, page_view
from gongzhi.org.models import UnitKind
from gongzhi.org.selectors import departments_visible_to, units_visible_to
from gongzhi.workforce import services
from gongzhi.workforce.forms import (
    AttendanceForm,
    CourseForm,
    EndForm,
    MentoringPairForm,
    PeriodForm,
    PromotionForm,
    SecondmentForm,
    TrainingSessionForm,
)
from gongzhi.workforce.models import RecruitmentSource, WorkerStatus
from gongzhi.workforce.reports import (
    HOUSEHOLDS_PER_WORKER,
    promotion_checks,
    staffing_rows,
    training_hours_required,
    training_shortfall,
)
from gongzhi.workforce.selectors import (
    courses_visible_to,
    mentoring_pair_get_visible,
    mentoring_pairs_visible_to,
    promotions_visible_to,
    secondment_get_visible,
    secondments_visible_to,
    training_session_get_visible,
    training_sessions_visible_to,
    worker_get_visible,
    workers_visible_to,
)
from gongzhi.workforce.services.cadres import MENTOR_MIN_YEARS, pairs_open
from gongzhi.workforce.services.workers import years_after
from gongzhi.workforce.views.common import run_service

ORGANISER_KINDS = (UnitKind.CITY, UnitKind.STREET, UnitKind.COMMUNITY)


def _year(form: PeriodForm) -> int:
    return (form.cleaned_data.get("period") if form.is_valid() else None) or timezone.localdate().year


@require_http_methods(["GET", "POST"])
@page_view(Permission.WORKFORCE_VIEW)
def promotions(request):
    actor = request.actor
    period_form = PeriodForm(request.GET or None)
    period = _year(period_form)
    failed = None
    if request.method == "POST":
        permission_require(actor, Permission.WORKFORCE_MANAGE)
        failed = PromotionForm(request.POST)

        def record(data):
            worker = worker_get_visible(actor, pk=data["worker"])
            return services.promotion_record(
                actor=actor, worker=worker, period=data["period"], note=data["note"]
            )

        promotion = run_service(failed, record)
        if promotion is not None:
            messages.success(
                request,
                _("%(name)s moves to level %(level)d from %(day)s.")
                % {"name": promotion.worker.name, "level": promotion.to_level, "day": promotion.effective_on},
            )
            return redirect(f"{request.path}?period={promotion.period}")
        period = failed.cleaned_data.get("period") or period
    checks = promotion_checks(actor, period)
    return render(
        request,
        "workforce/promotions.html",
        {
            "period_form": period_form,
            "period": period,
            "failed": failed,
            "eligible": [check for check in checks if check.eligible],
            "near": [check for check in checks if not check.eligible][:50],
            "recorded": promotions_visible_to(actor).filter(period=period),
            "may_manage": actor.has_permission(Permission.WORKFORCE_MANAGE),
        },
        status=400 if failed is not None else 200,
    )


def _organisers(actor):
    return units_visible_to(actor).filter(kind__in=ORGANISER_KINDS, is_active=True).order_by("code")


@require_http_methods(["GET", "POST"])
@page_view(Permission.WORKFORCE_VIEW)
def training(request):
    actor = request.actor
    may_manage = actor.has_permission(Permission.WORKFORCE_MANAGE)
    courses = courses_visible_to(actor).order_by("code")
    posted = request.POST.get("form") if request.method == "POST" else None
    course_form = CourseForm(request.POST if posted == "course" else None, units=_organisers(actor))
    session_form = TrainingSessionForm(
        request.POST if posted == "session" else None, courses=courses, units=_organisers(actor)
    )
    if posted:
        permission_require(actor, Permission.WORKFORCE_MANAGE)
        if posted == "course":
            done = run_service(course_form, lambda data: services.course_create(actor=actor, **data))
        else:
            done = run_service(
                session_form,
                lambda data: services.training_session_create(
                    actor=actor, **{**data, "course": courses.get(code=data["course"])}
                ),
            )
        if done is not None:
            messages.success(request, _("Saved."))
            return redirect("workforce:training")
    year = timezone.localdate().year
    return render(
        request,
        "workforce/training.html",
        {
            "courses": courses,
            "page": page_of(request, training_sessions_visible_to(actor).order_by("-held_on")),
            "course_form": course_form if may_manage else None,
            "session_form": session_form if may_manage else None,
            "year": year,
            "required": training_hours_required(),
        },
        status=400 if (course_form.errors or session_form.errors) else 200,
    )


@require_http_methods(["GET", "POST"])
@page_view(Permission.WORKFORCE_VIEW)
def training_session(request, pk: int):
    actor = request.actor
    session = training_session_get_visible(actor, pk=pk)
    candidates = (
        workers_visible_to(actor)
        .filter(status=WorkerStatus.ACTIVE, unit__code__startswith=session.unit.code)
        .exclude(attendances__session=session)
        .order_by("unit__code", "name")
    )
    form = AttendanceForm(request.POST or None, workers=candidates)
    if request.method == "POST":
        permission_require(actor, Permission.WORKFORCE_MANAGE)

        def record(data):
            workers = list(candidates.filter(pk__in=data["workers"]))
            return services.attendance_record(
                actor=actor, session=session, workers=workers, hours=data["hours"]
            )

        if run_service(form, record) is not None:
            messages.success(request, _("The attendance was recorded."))
            return redirect("workforce:training-session", session.pk)
    return render(
        request,
        "workforce/training_session.html",
        {
            "session": session,
            "form": form if actor.has_permission(Permission.WORKFORCE_MANAGE) else None,
            "attendances": session.attendances.filter(worker__in=workers_visible_to(actor))
            .select_related("worker__unit")
            .order_by("worker__unit__code", "worker__name"),
        },
        status=400 if form.errors else 200,
    )


@require_GET
@page_view(Permission.WORKFORCE_VIEW)
def training_shortfall_page(request):
    form = PeriodForm(request.GET or None)
    year = _year(form)
    return render(
        request,
        "workforce/training_shortfall.html",
        {
            "form": form,
            "year": year,
            "rows": training_shortfall(request.actor, year),
            "required": training_hours_required(),
        },
    )


@require_GET
@page_view(Permission.WORKFORCE_VIEW)
def staffing(request):
    rows = staffing_rows(request.actor)
    flagged = [row for row in rows if row.flagged]
    return render(
        request,
        "workforce/staffing.html",
        {
            "rows": rows,
            "flagged": flagged,
            "ratio": HOUSEHOLDS_PER_WORKER,
            "missing": sum(row.missing for row in flagged),
        },
    )


def _cadre_forms(actor, data=None, posted=None):
    workers = workers_visible_to(actor).filter(status=WorkerStatus.ACTIVE).order_by("unit__code", "name")
    today = timezone.localdate()
    seasoned = years_after(today, -MENTOR_MIN_YEARS)
    paired = pairs_open().values("mentee")
    return {
        "secondment": SecondmentForm(
            data if posted == "secondment" else None,
            departments=departments_visible_to(actor).filter(is_active=True),
            communities=units_visible_to(actor).filter(kind=UnitKind.COMMUNITY, is_active=True),
        ),
        "pair": MentoringPairForm(
            data if posted == "pair" else None,
            initial={"starts_on": today},
            mentors=workers.filter(hire_date__lte=seasoned),
            mentees=workers.filter(hire_date__gt=seasoned).exclude(pk__in=paired),
        ),
    }


@require_http_methods(["GET", "POST"])
@page_view(Permission.WORKFORCE_VIEW)
def cadres(request):
    actor = request.actor
    posted = request.POST.get("form") if request.method == "POST" else None
    forms = _cadre_forms(actor, request.POST, posted)
    if posted in forms:
        permission_require(actor, Permission.WORKFORCE_MANAGE)
        if posted == "secondment":
            done = run_service(
                forms["secondment"], lambda data: services.secondment_create(actor=actor, **data)
            )
        else:
            done = run_service(
                forms["pair"],
                lambda data: services.mentoring_pair_create(
                    actor=actor,
                    mentor=worker_get_visible(actor, pk=data["mentor"]),
                    mentee=worker_get_visible(actor, pk=data["mentee"]),
                    starts_on=data["starts_on"],
                    goal=data["goal"],
                ),
            )
        if done is not None:
            messages.success(request, _("Saved."))
            return redirect("workforce:cadres")
    return _cadres_page(request, forms)


def _cadres_page(request, forms, refusals: list[str] = ()):
    actor = request.actor
    today = timezone.localdate()
    current = Q(ends_on__isnull=True) | Q(ends_on__gt=today)
    graduates = (
        workers_visible_to(actor)
        .filter(source=RecruitmentSource.GRADUATE)
        .order_by("-hire_date", "unit__code", "name")
    )
    failed = refusals or any(form.errors for form in forms.values())
    return render(
        request,
        "workforce/cadres.html",
        {
            "secondments": secondments_visible_to(actor).filter(current).order_by("community__code", "name"),
            "graduates": graduates,
            "graduate_years": _count_by_year(graduates),
            "pairs": mentoring_pairs_visible_to(actor)
            .filter(current)
            .order_by("mentee__unit__code", "-starts_on"),
            "forms": forms if actor.has_permission(Permission.WORKFORCE_MANAGE) else None,
            "end_form": EndForm(initial={"ends_on": today}),
            "refusals": refusals,
        },
        status=400 if failed else 200,
    )


def _count_by_year(workers) -> list[tuple[int, int]]:
    counts: dict[int, int] = {}
    for hire_date in workers.values_list("hire_date", flat=True):
        counts[hire_date.year] = counts.get(hire_date.year, 0) + 1
    return sorted(counts.items(), reverse=True)


@require_POST
@page_view(Permission.WORKFORCE_MANAGE)
def cadre_end(request, kind: str, pk: int):
    """End a secondment or a mentoring pair on a date."""
    actor = request.actor
    if kind not in ("secondment", "pair"):
        raise Http404()
    form = EndForm(request.POST)
    if kind == "secondment":
        record = secondment_get_visible(actor, pk=pk)
        call = lambda data: services.secondment_end(actor=actor, secondment=record, **data)  # noqa: E731
    else:
        record = mentoring_pair_get_visible(actor, pk=pk)
        call = lambda data: services.mentoring_pair_end(actor=actor, pair=record, **data)  # noqa: E731
    if run_service(form, call) is None:
        refusals = [f"{record}: {error}" for errors in form.errors.values() for error in errors]
        return _cadres_page(request, _cadre_forms(actor), refusals)
    messages.success(request, _("Saved."))
    return redirect("workforce:cadres")
