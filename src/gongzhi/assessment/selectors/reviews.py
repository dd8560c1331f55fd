"""Reads of the party-building review and the cadre files, through the actor's reach.

City roles see every session and file. A leader sees the cadres of their reach (a street's leader
those of the street and its communities, a department's leader those of the department) and the
sessions they report in; an evaluator sees the sessions they evaluate and every report in them."""
from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from gongzhi.assessment.models import (Cadre, ReviewScore, ReviewSession, ReviewSessionState, ReviewSubject)
from gongzhi.assessment.models.reviews import GRADE_ORDER
from gongzhi.assessment.selectors.common import record_in
from gongzhi.common.access.actor import Actor
from gongzhi.common.access.roles import Permission


def cadres_visible_to(actor: Actor) -> QuerySet[Cadre]:
    cadres = Cadre.objects.select_related("unit", "department", "user")
    if not actor.has_permission(Permission.CADRE_VIEW):
        return cadres.none()
    if actor.is_city_wide:
        return cadres
    if actor.department_id is not None:
        return cadres.filter(department_id=actor.department_id)
    if actor.unit_code:
        return cadres.filter(unit__code__startswith=actor.unit_code)
    return cadres.none()


def cadre_get_visible(actor: Actor, *, cadre_id: int | str) -> Cadre:
    return record_in(cadres_visible_to(actor), cadre_id)


def grades_at_least(grade: str) -> list[str]:
    return GRADE_ORDER[:GRADE_ORDER.index(grade) + 1]


def talent_pool(actor: Actor, *, grade: str, since_year: int, times: int = 1,
                post_kind: str = "") -> QuerySet[Cadre]:
    """Cadres of the actor's reach whose closed reviews since ``since_year`` reached ``grade`` or
    better at least ``times`` times, most such results first."""
    good_results = Q(reviews__session__state=ReviewSessionState.CLOSED,
                     reviews__session__year__gte=since_year,
                     reviews__grade__in=grades_at_least(grade))
    cadres = cadres_visible_to(actor).annotate(good_results=Count("reviews", filter=good_results))
    if post_kind:
        cadres = cadres.filter(post_kind=post_kind)
    return cadres.filter(good_results__gte=times).order_by("-good_results", "name", "id")


def review_sessions_visible_to(actor: Actor) -> QuerySet[ReviewSession]:
    sessions = ReviewSession.objects.all()
    evaluates = actor.has_permission(Permission.REVIEW_SCORE)
    views = actor.has_permission(Permission.CADRE_VIEW)
    if actor.is_city_wide and (evaluates or views):
        return sessions
    reach = Q(pk__in=[])
    if evaluates:
        reach |= Q(pk__in=ReviewSession.objects.filter(evaluators__user=actor.user).values("pk"))
    if views:
        reported = ReviewSubject.objects.filter(cadre__in=cadres_visible_to(actor)).values("session_id")
        reach |= Q(pk__in=reported)
    return sessions.filter(reach)


def review_session_get_visible(actor: Actor, *, session_id: int | str) -> ReviewSession:
    return record_in(review_sessions_visible_to(actor), session_id)


def actor_evaluates(actor: Actor, session: ReviewSession) -> bool:
    return (actor.has_permission(Permission.REVIEW_SCORE)
            and session.evaluators.filter(user=actor.user).exists())


def review_subjects_visible_to(actor: Actor, *, session: ReviewSession) -> QuerySet[ReviewSubject]:
    """The reports of a session the actor sees (fetched through review_sessions_visible_to)."""
    subjects = (ReviewSubject.objects.filter(session=session)
                .select_related("cadre", "unit", "department", "session").order_by("id"))
    if actor.is_city_wide or actor_evaluates(actor, session):
        return subjects
    return subjects.filter(cadre__in=cadres_visible_to(actor))


def review_subject_get_visible(actor: Actor, *, session: ReviewSession,
                               subject_id: int | str) -> ReviewSubject:
    return record_in(review_subjects_visible_to(actor, session=session), subject_id)


def review_scores_given_by(actor: Actor, *, session: ReviewSession) -> QuerySet[ReviewScore]:
    """The actor's own scores in the session (nobody reads another evaluator's)."""
    return ReviewScore.objects.filter(subject__session=session,
                                      evaluator=actor.user).select_related("criterion")


def cadre_reviews(cadre: Cadre) -> QuerySet[ReviewSubject]:
    """The cadre's results in closed sessions (on their file), latest first."""
    return (cadre.reviews.filter(session__state=ReviewSessionState.CLOSED).select_related("session")
            .order_by("-session__year", "-session__held_on"))
