"""Cadres seconded to communities (下沉干部) and mentoring pairs (结对帮带)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.roles import Permission
from gongzhi.common.events import event_record
from gongzhi.common.masking import mask_phone
from gongzhi.org.models import Department, UnitKind
from gongzhi.workforce.models import MentoringPair, Secondment, Worker, WorkerStatus
from gongzhi.workforce.pay import completed_years
from gongzhi.workforce.services.access import reachable_unit, require
from gongzhi.workforce.validation import (
    Problems,
    day_value,
    phone_value,
    refuse,
    text_optional,
    text_required,
)

# A mentor has served this many years at least; a mentee fewer.
MENTOR_MIN_YEARS = 3
MENTOR_MAX_MENTEES = 3


def _end_date(value: Any, starts_on, field: str = "ends_on"):
    ends_on = day_value(value, field)
    if ends_on < starts_on:
        refuse(field, _("The end comes before the start (%(day)s).") % {"day": starts_on})
    return ends_on


@transaction.atomic
def secondment_create(
    *,
    actor: Actor | None,
    name: str,
    community_code: str,
    starts_on: Any,
    department_code: str = "",
    home_organisation: str = "",
    duty: str = "",
    phone: str = "",
    ends_on: Any = None,
) -> Secondment:
    problems = Problems()
    community = problems.check(
        lambda: reachable_unit(actor, community_code, "community_code", kinds=(UnitKind.COMMUNITY,))
    )
    name = problems.check(lambda: text_required(name, "name", 50))
    department = None
    if department_code:
        department = Department.objects.filter(code=department_code, is_active=True).first()
        if department is None:
            problems.add(
                "department_code", _("No department has the code “%(code)s”.") % {"code": department_code}
            )
    home_organisation = problems.check(lambda: text_optional(home_organisation, "home_organisation", 100), "")
    if not department_code and not home_organisation:
        problems.add("department_code", _("Name the department or the organisation the cadre comes from."))
    duty = problems.check(lambda: text_optional(duty, "duty", 100), "")
    phone = problems.check(lambda: phone_value(phone), "")
    starts_on = problems.check(lambda: day_value(starts_on, "starts_on"))
    if starts_on and ends_on not in (None, ""):
        ends_on = problems.check(lambda: _end_date(ends_on, starts_on))
    else:
        ends_on = None
    problems.raise_any()
    require(actor, Permission.WORKFORCE_MANAGE, community.code)
    secondment = Secondment.objects.create(
        name=name,
        department=department,
        home_organisation=home_organisation,
        community=community,
        duty=duty,
        phone=phone,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    event_record(
        actor=actor,
        action="workforce.secondment.create",
        target=secondment,
        unit_code=community.code,
        after={
            "name": name,
            "department": department_code or None,
            "home_organisation": home_organisation,
            "community": community.code,
            "duty": duty,
            "phone": mask_phone(phone),
            "starts_on": starts_on,
            "ends_on": ends_on,
        },
    )
    return secondment


@transaction.atomic
def secondment_end(*, actor: Actor | None, secondment: Secondment, ends_on: Any) -> Secondment:
    secondment = (
        Secondment.objects.select_for_update(of=("self",)).select_related("community").get(pk=secondment.pk)
    )
    require(actor, Permission.WORKFORCE_MANAGE, secondment.community.code)
    if secondment.ends_on and secondment.ends_on <= timezone.localdate():
        refuse("ends_on", _("This secondment has already ended."))
    before = {"ends_on": secondment.ends_on}
    secondment.ends_on = _end_date(ends_on, secondment.starts_on)
    secondment.save(update_fields=["ends_on"])
    event_record(
        actor=actor,
        action="workforce.secondment.end",
        target=secondment,
        unit_code=secondment.community.code,
        before=before,
        after={"ends_on": secondment.ends_on},
    )
    return secondment


def pairs_open():
    """Pairs still running today (an end date today or earlier has ended them)."""
    return MentoringPair.objects.filter(Q(ends_on__isnull=True) | Q(ends_on__gt=timezone.localdate()))


@transaction.atomic
def mentoring_pair_create(
    *, actor: Actor | None, mentor: Worker, mentee: Worker, starts_on: Any, goal: str = ""
) -> MentoringPair:
    """Pair an experienced worker with a new one. Both files were fetched through the actor's scope."""
    mentor, mentee = (
        Worker.objects.select_for_update(of=("self",)).select_related("unit").get(pk=worker.pk)
        for worker in (mentor, mentee)
    )
    require(actor, Permission.WORKFORCE_MANAGE, mentee.unit.code)
    require(actor, Permission.WORKFORCE_MANAGE, mentor.unit.code)
    problems = Problems()
    starts_on = problems.check(lambda: day_value(starts_on, "starts_on"))
    goal = problems.check(lambda: text_optional(goal, "goal", 200), "")
    if mentor.pk == mentee.pk:
        problems.add("mentee", _("A worker cannot mentor themselves."))
    for field, worker in (("mentor", mentor), ("mentee", mentee)):
        if worker.status != WorkerStatus.ACTIVE:
            problems.add(field, _("%(name)s is not active.") % {"name": worker.name})
    if starts_on:
        if completed_years(mentor.hire_date, starts_on) < MENTOR_MIN_YEARS:
            problems.add(
                "mentor", _("A mentor has served at least %(years)d years.") % {"years": MENTOR_MIN_YEARS}
            )
        if completed_years(mentee.hire_date, starts_on) >= MENTOR_MIN_YEARS:
            problems.add(
                "mentee", _("A mentee has served fewer than %(years)d years.") % {"years": MENTOR_MIN_YEARS}
            )
    open_pairs = pairs_open()
    if open_pairs.filter(mentee=mentee).exists():
        problems.add("mentee", _("%(name)s already has a mentor.") % {"name": mentee.name})
    if open_pairs.filter(mentor=mentor).count() >= MENTOR_MAX_MENTEES:
        problems.add(
            "mentor",
            _("%(name)s already mentors %(n)d new workers.") % {"name": mentor.name, "n": MENTOR_MAX_MENTEES},
        )
    problems.raise_any()
    pair = MentoringPair.objects.create(mentor=mentor, mentee=mentee, starts_on=starts_on, goal=goal)
    event_record(
        actor=actor,
        action="workforce.mentoring_pair.create",
        target=pair,
        unit_code=mentee.unit.code,
        after={"mentor": mentor.pk, "mentee": mentee.pk, "starts_on": starts_on, "goal": goal},
    )
    return pair


@transaction.atomic
def mentoring_pair_end(*, actor: Actor | None, pair: MentoringPair, ends_on: Any) -> MentoringPair:
    pair = (
        MentoringPair.objects.select_for_update(of=("self",)).select_related("mentee__unit").get(pk=pair.pk)
    )
    require(actor, Permission.WORKFORCE_MANAGE, pair.mentee.unit.code)
    if pair.ends_on and pair.ends_on <= timezone.localdate():
        refuse("ends_on", _("This pairing has already ended."))
    before = {"ends_on": pair.ends_on}
    pair.ends_on = _end_date(ends_on, pair.starts_on)
    pair.save(update_fields=["ends_on"])
    event_record(
        actor=actor,
        action="workforce.mentoring_pair.end",
        target=pair,
        unit_code=pair.mentee.unit.code,
        before=before,
        after={"ends_on": pair.ends_on},
    )
    return pair
