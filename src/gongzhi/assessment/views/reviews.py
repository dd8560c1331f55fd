"""Pages of the party-building review and the cadre files: the sessions, a session being prepared,
scored and closed, an evaluator's scoring of one report, the cadres with the talent pool, and a
cadre's file."""
from __future__ import annotations

from datetime import date
from functools import partial

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongzhi.assessment import services
from gongzhi.assessment.forms import (CadreForm, CriterionForm, EvaluatorForm, HonourForm, PromotionForm,
                                      ReviewScoresForm, SessionForm, SubjectForm, TalentForm)
from gongzhi.assessment.models import CriterionSource, Grade, ReviewSession, ReviewSessionState
from gongzhi.assessment.selectors.reviews import (actor_evaluates, cadre_get_visible, cadre_reviews,
                                                  cadres_visible_to, review_scores_given_by,
                                                  review_session_get_visible, review_sessions_visible_to,
                                                  review_subject_get_visible, review_subjects_visible_to,
                                                  talent_pool)
from gongzhi.assessment.views.common import perform, posted_data, step_perform
from gongzhi.common.access.roles import Permission
from gongzhi.common.exceptions import ActionNotPermitted
from gongzhi.common.pages import page_view
from gongzhi.org.models import Department

REVIEW_PERMISSIONS = (Permission.REVIEW_SCORE, Permission.CADRE_VIEW, Permission.CADRE_MANAGE)
# A session's parts, as (form, service, the service's argument builder).
SESSION_PARTS = {
    "criteria": (CriterionForm, services.review_criterion_add, lambda form: form.cleaned_data),
    "evaluators": (EvaluatorForm, services.review_evaluator_add, lambda form: form.cleaned_data),
    "subjects": (SubjectForm, services.review_subject_add, lambda form: form.service_arguments()),
}
SESSION_STEPS = {
    "start-scoring": (services.review_session_start_scoring, _lazy("Start scoring"),
                      _lazy("The evaluators may score the reports now.")),
    "close": (services.review_session_close, _lazy("Close the session and grade"),
              _lazy("The session is closed; every grade is on its cadre's file.")),
}
STEPS_OF_STATE = {ReviewSessionState.OPEN: ["start-scoring"], ReviewSessionState.SCORING: ["close"],
                  ReviewSessionState.CLOSED: []}


def _require_review_reader(actor) -> None:
    if not any(actor.has_permission(permission) for permission in REVIEW_PERMISSIONS):
        raise ActionNotPermitted()


def _departments():
    return Department.objects.filter(is_active=True).order_by("code")


@require_http_methods(["GET", "POST"])
@page_view()
def sessions(request):
    actor = request.actor
    _require_review_reader(actor)
    form = None
    if actor.has_permission(Permission.CADRE_MANAGE):
        form = SessionForm(posted_data(request), initial={"year": timezone.localdate().year - 1,
                                                          "excellent_from": 90, "good_from": 80,
                                                          "average_from": 60})

    def page(refusal: str = "", status: int = 200) -> HttpResponse:
        return render(request, "assessment/sessions.html",
                      {"sessions": review_sessions_visible_to(actor), "form": form, "refusal": refusal},
                      status=status)

    if request.method == "POST":
        if form is None:
            raise ActionNotPermitted()
        return perform(request, form=form, page=page, success_url=reverse("assessment:sessions"),
                       done=_("The session was created; add its criteria, evaluators and cadres."),
                       call=lambda: services.review_session_create(actor=actor, **form.cleaned_data))
    return page()


def _session_page(request, session: ReviewSession, *, bound: dict | None = None, refusal: str = "",
                  status: int = 200) -> HttpResponse:
    actor = request.actor
    manages = actor.has_permission(Permission.CADRE_MANAGE)
    bound = bound or {}
    forms = {}
    if manages and session.state == ReviewSessionState.OPEN:
        forms = {"criteria": bound.get("criteria") or CriterionForm(initial={"max_score": 100}),
                 "subjects": bound.get("subjects") or SubjectForm(cadres=cadres_visible_to(actor))}
    if manages and session.state != ReviewSessionState.CLOSED:
        forms["evaluators"] = bound.get("evaluators") or EvaluatorForm()
    scored = {score.subject_id for score in review_scores_given_by(actor, session=session)}
    context = {
        "session": session, "criteria": session.criteria.all(),
        "evaluators": session.evaluators.select_related("user"),
        "subjects": review_subjects_visible_to(actor, session=session), "scored": scored,
        "evaluates": session.state == ReviewSessionState.SCORING and actor_evaluates(actor, session),
        "forms": forms, "refusal": refusal,
        "steps": [(step,
                   SESSION_STEPS[step][1]) for step in STEPS_OF_STATE[session.state]] if manages else [],
    }
    return render(request, "assessment/session.html", context, status=status)


@require_GET
@page_view()
def session_detail(request, session_id: int):
    _require_review_reader(request.actor)
    return _session_page(request, review_session_get_visible(request.actor, session_id=session_id))


@require_POST
@page_view(Permission.CADRE_MANAGE)
def session_part_add(request, session_id: int, part: str):
    if part not in SESSION_PARTS:
        raise Http404()
    actor = request.actor
    session = review_session_get_visible(actor, session_id=session_id)
    form_class, service, arguments = SESSION_PARTS[part]
    form = (form_class(request.POST, cadres=cadres_visible_to(actor)) if form_class is SubjectForm
            else form_class(request.POST))
    return perform(request, form=form, call=lambda: service(actor=actor, session=session, **arguments(form)),
                   success_url=reverse("assessment:session", args=[session.pk]),
                   done=_("The session was changed."),
                   page=partial(_session_page, request, session, bound={part: form}))


@require_POST
@page_view(Permission.CADRE_MANAGE)
def session_step(request, session_id: int, step: str):
    if step not in SESSION_STEPS:
        raise Http404()
    session = review_session_get_visible(request.actor, session_id=session_id)
    service, _label, done = SESSION_STEPS[step]
    return step_perform(request, call=lambda: service(actor=request.actor, session=session), done=done,
                        success_url=reverse("assessment:session", args=[session.pk]),
                        page=partial(_session_page, request, session))


@require_http_methods(["GET", "POST"])
@page_view(Permission.REVIEW_SCORE)
def review_score(request, session_id: int, subject_id: int):
    actor = request.actor
    session = review_session_get_visible(actor, session_id=session_id)
    subject = review_subject_get_visible(actor, session=session, subject_id=subject_id)
    if not actor_evaluates(actor, session):
        raise ActionNotPermitted(_("Only the session's evaluators score its reports."))
    criteria = session.criteria.filter(source=CriterionSource.EVALUATORS)
    existing = {score.criterion_id: score.score
                for score in review_scores_given_by(actor, session=session).filter(subject=subject)}
    form = ReviewScoresForm(posted_data(request), criteria=criteria, existing=existing)

    def page(refusal: str = "", status: int = 200) -> HttpResponse:
        return render(request, "assessment/review_score.html",
                      {"session": session, "subject": subject, "form": form, "refusal": refusal,
                       "open": session.state == ReviewSessionState.SCORING}, status=status)

    if request.method == "POST":
        return perform(request, form=form, page=page, success_url=reverse("assessment:session",
                                                                          args=[session.pk]),
                       done=_("Your scores of %(name)s were recorded.") % {"name": subject.cadre.name},
                       call=lambda: services.review_scores_record(actor=actor, session=session,
                                                                  subject=subject, scores=form.scores()))
    return page()


# ---------------------------------------------------------------- cadre files


@require_http_methods(["GET", "POST"])
@page_view(Permission.CADRE_VIEW)
def cadres(request):
    actor = request.actor
    talent_form = TalentForm(request.GET or None)
    pool = None
    if talent_form.is_bound and talent_form.is_valid():
        wanted = talent_form.cleaned_data
        pool = talent_pool(actor, grade=wanted["grade"] or Grade.GOOD, since_year=wanted["since"] or 2000,
                           times=wanted["times"] or 1, post_kind=wanted["post_kind"])
    form = None
    if actor.has_permission(Permission.CADRE_MANAGE):
        form = CadreForm(posted_data(request), departments=_departments())

    def page(refusal: str = "", status: int = 200) -> HttpResponse:
        return render(request, "assessment/cadres.html",
                      {"cadres": cadres_visible_to(actor), "talent_form": talent_form, "pool": pool,
                       "form": form, "refusal": refusal}, status=status if not talent_form.errors else 400)

    if request.method == "POST":
        if form is None:
            raise ActionNotPermitted()
        return perform(request, form=form, page=page, success_url=reverse("assessment:cadres"),
                       done=_("The cadre file was opened."), renames={"unit_code": "unit",
                                                                      "department_code": "department"},
                       call=lambda: services.cadre_create(actor=actor, **form.service_arguments()))
    return page()


def _cadre_page(request, cadre, *, bound: dict | None = None, refusal: str = "",
                status: int = 200) -> HttpResponse:
    actor = request.actor
    bound = bound or {}
    forms = {}
    if actor.has_permission(Permission.CADRE_MANAGE):
        forms = {"honours": bound.get("honours") or HonourForm(initial={"awarded_on": date.today()}),
                 "promotions": bound.get("promotions") or PromotionForm(departments=_departments())}
    promotions = list(cadre.promotions.select_related("recorded_by"))
    grades = dict(Grade.choices)
    for promotion in promotions:
        promotion.grades = [(result["year"], grades.get(result["grade"], "—"))
                            for result in promotion.review_results]
    return render(request, "assessment/cadre.html",
                  {"cadre": cadre, "posts": cadre.posts.select_related("unit", "department"),
                   "honours": cadre.honours.all(), "reviews": cadre_reviews(cadre), "promotions": promotions,
                   "forms": forms, "refusal": refusal}, status=status)


@require_GET
@page_view(Permission.CADRE_VIEW)
def cadre_detail(request, cadre_id: int):
    return _cadre_page(request, cadre_get_visible(request.actor, cadre_id=cadre_id))


@require_POST
@page_view(Permission.CADRE_MANAGE)
def cadre_record(request, cadre_id: int, part: str):
    actor = request.actor
    cadre = cadre_get_visible(actor, cadre_id=cadre_id)
    if part == "honours":
        form = HonourForm(request.POST)
        call = lambda: services.cadre_honour_add(actor=actor, cadre=cadre, **form.cleaned_data)  # noqa: E731
    elif part == "promotions":
        form = PromotionForm(request.POST, departments=_departments())
        call = lambda: services.cadre_promote(actor=actor, cadre=cadre,
                                              **form.service_arguments())  # noqa: E731
    else:
        raise Http404()
    return perform(request, form=form, call=call, success_url=reverse("assessment:cadre", args=[cadre.pk]),
                   done=_("The cadre file was updated."), renames={"unit_code": "unit",
                                                                  "department_code": "department"},
                   page=partial(_cadre_page, request, cadre, bound={part: form}))
