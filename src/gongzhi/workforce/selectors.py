"""Reads of the community workforce, always through the acting user's reach.

HR roles (``workforce.view``) see the files of the workers whose unit lies in their subtree: a
community leader their community, a street leader the street and its communities, the city all.
Anyone whose role holds ``workforce.own_file`` sees their own file (the one linked to their account)
and nothing else of anybody. A record outside the reach answers like a missing one."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.resolver import actor_covers_unit, ancestor_codes, unit_subtree_filter
from gongzhi.common.access.roles import Permission
from gongzhi.common.exceptions import RecordNotFound
from gongzhi.org.models import Unit
from gongzhi.workforce.models import (
    Course,
    MentoringPair,
    MigrationRecord,
    PayLine,
    PayRun,
    PayTable,
    Promotion,
    Secondment,
    TrainingSession,
    Worker,
)


def _in_reach(actor: Actor, queryset: QuerySet, code_field: str) -> QuerySet:
    if not actor.has_permission(Permission.WORKFORCE_VIEW):
        return queryset.none()
    scope = unit_subtree_filter(actor, code_field=code_field)
    return queryset if scope is None else queryset.filter(scope)


def _get(queryset: QuerySet, **lookup):
    record = queryset.filter(**lookup).first()
    if record is None:
        raise RecordNotFound()
    return record


def workers_visible_to(actor: Actor) -> QuerySet[Worker]:
    workers = Worker.objects.select_related("unit", "user")
    in_reach = _in_reach(actor, workers, "unit__code")
    if actor.has_permission(Permission.WORKFORCE_OWN_FILE) and actor.user.is_authenticated:
        return workers.filter(Q(pk__in=in_reach.values("pk")) | Q(user=actor.user))
    return in_reach


def worker_get_visible(actor: Actor, *, pk: int) -> Worker:
    return _get(workers_visible_to(actor), pk=pk)


def own_worker(actor: Actor) -> Worker:
    """The actor's own personnel file."""
    if not actor.has_permission(Permission.WORKFORCE_OWN_FILE) or not actor.user.is_authenticated:
        raise RecordNotFound()
    return _get(Worker.objects.select_related("unit", "user"), user=actor.user)


def worker_is_managed_by(actor: Actor, worker: Worker) -> bool:
    """May the actor keep this file (not merely read their own)?"""
    return actor.has_permission(Permission.WORKFORCE_MANAGE) and actor_covers_unit(actor, worker.unit.code)


def worker_units_visible_to(actor: Actor) -> QuerySet[Unit]:
    """Communities and streets the actor's HR reach covers: where files may be opened or moved."""
    units = Unit.objects.filter(kind__in=("community", "street"), is_active=True).order_by("code")
    return _in_reach(actor, units, "code")


def pay_tables_visible_to(actor: Actor) -> QuerySet[PayTable]:
    """The pay tables are the city's published scale: every HR role and every worker may read them."""
    if not (
        actor.has_permission(Permission.WORKFORCE_VIEW) or actor.has_permission(Permission.WORKFORCE_OWN_FILE)
    ):
        return PayTable.objects.none()
    return PayTable.objects.prefetch_related("rates")


def pay_table_get_visible(actor: Actor, *, pk: int) -> PayTable:
    return _get(pay_tables_visible_to(actor), pk=pk)


def pay_runs_visible_to(actor: Actor) -> QuerySet[PayRun]:
    """Runs of units in the actor's reach (a street sees the runs of its communities, not the city's)."""
    return _in_reach(actor, PayRun.objects.select_related("unit", "table", "created_by"), "unit__code")


def pay_run_get_visible(actor: Actor, *, pk: int) -> PayRun:
    return _get(pay_runs_visible_to(actor), pk=pk)


def pay_lines_of_run(actor: Actor, run: PayRun) -> QuerySet[PayLine]:
    """The run's slips of workers in the actor's reach (a city run seen by a street shows its own)."""
    lines = PayLine.objects.filter(pay_run=run).select_related("worker", "unit")
    return _in_reach(actor, lines, "unit__code").order_by("unit__code", "worker__name", "id")


def pay_lines_visible_to(actor: Actor) -> QuerySet[PayLine]:
    """Slips of workers in reach, and one's own."""
    lines = PayLine.objects.select_related("worker", "unit", "pay_run")
    in_reach = _in_reach(actor, lines, "unit__code")
    if actor.has_permission(Permission.WORKFORCE_OWN_FILE) and actor.user.is_authenticated:
        return lines.filter(Q(pk__in=in_reach.values("pk")) | Q(worker__user=actor.user))
    return in_reach


def pay_line_get_visible(actor: Actor, *, pk: int) -> PayLine:
    return _get(pay_lines_visible_to(actor), pk=pk)


def migration_records_visible_to(actor: Actor) -> QuerySet[MigrationRecord]:
    return _in_reach(actor, MigrationRecord.objects.select_related("unit", "worker"), "unit__code")


def promotions_visible_to(actor: Actor) -> QuerySet[Promotion]:
    return _in_reach(
        actor, Promotion.objects.select_related("worker__unit", "decided_by"), "worker__unit__code"
    )


def courses_visible_to(actor: Actor) -> QuerySet[Course]:
    """The course catalogue is shared: every HR role sees all courses, to run sessions of them."""
    if not actor.has_permission(Permission.WORKFORCE_VIEW):
        return Course.objects.none()
    return Course.objects.select_related("unit")


def course_get_visible(actor: Actor, *, code: str) -> Course:
    return _get(courses_visible_to(actor), code=code)


def training_sessions_visible_to(actor: Actor) -> QuerySet[TrainingSession]:
    """Sessions organised in the actor's reach or above it (the city's sessions are for everyone)."""
    sessions = TrainingSession.objects.select_related("course", "unit")
    if not actor.has_permission(Permission.WORKFORCE_VIEW):
        return sessions.none()
    if actor.is_city_wide:
        return sessions
    own = actor.unit_code or "-"
    return sessions.filter(Q(unit__code__startswith=own) | Q(unit__code__in=ancestor_codes(own)))


def training_session_get_visible(actor: Actor, *, pk: int) -> TrainingSession:
    return _get(training_sessions_visible_to(actor), pk=pk)


def secondments_visible_to(actor: Actor) -> QuerySet[Secondment]:
    return _in_reach(actor, Secondment.objects.select_related("community", "department"), "community__code")


def secondment_get_visible(actor: Actor, *, pk: int) -> Secondment:
    return _get(secondments_visible_to(actor), pk=pk)


def mentoring_pairs_visible_to(actor: Actor) -> QuerySet[MentoringPair]:
    pairs = MentoringPair.objects.select_related("mentor__unit", "mentee__unit")
    return _in_reach(actor, pairs, "mentee__unit__code")


def mentoring_pair_get_visible(actor: Actor, *, pk: int) -> MentoringPair:
    return _get(mentoring_pairs_visible_to(actor), pk=pk)
