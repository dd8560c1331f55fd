"""The assessment on the home page: what a street still has to score, the appeals waiting for the
city, where a department stands, and the reports an evaluator still has to score."""
from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongzhi.assessment.models import AppealState, ManualItemKind, PeriodState, ReviewSessionState
from gongzhi.assessment.selectors.periods import (actor_street, appeals_visible_to, manual_scores_visible_to,
                                                  periods_visible_to, results_visible_to)
from gongzhi.assessment.selectors.reviews import (actor_evaluates, review_scores_given_by,
                                                  review_sessions_visible_to)
from gongzhi.common.access.actor import Actor
from gongzhi.common.access.roles import Permission
from gongzhi.common.home import HomePanel, HomePanelContent, HomePanelItem, home_panel_register, panel_content
from gongzhi.org.models import Department


def departments_to_score(actor: Actor) -> HomePanelContent | None:
    """For a street: each period being scored, and how many departments it has not yet scored on
    every item the street rates them by."""
    if actor_street(actor) is None:
        return None
    active = Department.objects.filter(is_active=True).count()
    rows = []
    for period in periods_visible_to(actor).filter(state=PeriodState.SCORING).order_by("starts_on"):
        items = period.manual_items.filter(kind=ManualItemKind.RATING).count()
        if not items:
            continue
        complete = (manual_scores_visible_to(actor, period=period).filter(item__kind=ManualItemKind.RATING)
                    .values("department").annotate(items=Count("item", distinct=True))
                    .filter(items__gte=items).count())
        if active > complete:
            rows.append((period, active - complete))
    return panel_content(
        title=_("Departments to score"), rows=rows,
        item_of=lambda row: HomePanelItem(label=row[0].name, url=reverse("assessment:score",
                                                                         args=[row[0].pk]),
                                          detail=_("%(count)d departments not fully scored yet")
                                          % {"count": row[1]}),
        empty_message=_("Your street has scored every department of the periods open for scoring."))


def appeals_to_decide(actor: Actor) -> HomePanelContent | None:
    if not actor.is_city_wide:
        return None
    rows = appeals_visible_to(actor).filter(state=AppealState.PENDING).order_by("filed_at")
    return panel_content(
        title=_("Appeals to decide"), rows=rows,
        item_of=lambda appeal: HomePanelItem(label=f"{appeal.department.name} · {appeal.item_label}",
                                             url=reverse("assessment:appeals", args=[appeal.period_id]),
                                             detail=appeal.period.name),
        empty_message=_("No department's appeal waits for a decision."))


def department_standing(actor: Actor) -> HomePanelContent | None:
    """For a department's members: its place in the periods scored, latest first."""
    if actor.department_id is None:
        return None
    rows = []
    for period in periods_visible_to(actor).exclude(state=PeriodState.OPEN)[:4]:
        result = results_visible_to(actor, period=period).first()
        if result is not None:
            rows.append(result)

    def item_of(result) -> HomePanelItem:
        total = "—" if result.total is None else result.total
        detail = _("Rank %(rank)s, total %(total)s") % {"rank": result.rank or "—", "total": total}
        if result.period.state == PeriodState.REVIEW:
            detail = _("%(standing)s · appeals open until the period locks") % {"standing": detail}
        return HomePanelItem(label=result.period.name, detail=detail,
                             url=reverse("assessment:department", args=[result.period_id,
                                                                        result.department.code]))

    return panel_content(title=_("Your department's assessment"), rows=rows, item_of=item_of,
                         link_url=reverse("assessment:periods"), link_label=_("All periods"),
                         empty_message=_("No period has been scored yet."))


def reports_to_score(actor: Actor) -> HomePanelContent | None:
    """For an evaluator: the reports of sessions being scored that they have not scored yet."""
    scoring = review_sessions_visible_to(actor).filter(state=ReviewSessionState.SCORING)
    sessions = [session for session in scoring if actor_evaluates(actor, session)]
    if not sessions:
        return None
    rows = []
    for session in sessions:
        scored = set(review_scores_given_by(actor, session=session).values_list("subject_id", flat=True))
        rows += [subject for subject in session.subjects.select_related("cadre", "session").order_by("id")
                 if subject.pk not in scored and subject.cadre.user_id != actor.user.pk]
    return panel_content(
        title=_("Reports to score"), rows=rows,
        item_of=lambda subject: HomePanelItem(
            label=f"{subject.cadre.name} · {subject.title}", detail=subject.session.title,
            url=reverse("assessment:review-score", args=[subject.session_id, subject.pk])),
        empty_message=_("You have scored every report of the sessions you evaluate."))


home_panel_register(HomePanel(key="assessment.to_score", permission=Permission.ASSESSMENT_SCORE,
                              build=departments_to_score, order=150))
home_panel_register(HomePanel(key="assessment.appeals", permission=Permission.ASSESSMENT_MANAGE,
                              build=appeals_to_decide, order=151))
home_panel_register(HomePanel(key="assessment.standing", permission=Permission.ASSESSMENT_VIEW,
                              build=department_standing, order=152))
home_panel_register(HomePanel(key="review.to_score", permission=Permission.REVIEW_SCORE,
                              build=reports_to_score, order=153))
