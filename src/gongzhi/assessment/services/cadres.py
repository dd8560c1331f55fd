"""Cadre files: opened by the city (the organisation department), with the posts held, honours and
promotions; review results reach them when a review session closes (services/reviews.py)."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.assessment.models import Cadre, CadreHonour, CadrePost, CadrePromotion, PostKind
from gongzhi.assessment.models.cadres import UNIT_KIND_OF_POST
from gongzhi.assessment.selectors.reviews import cadre_reviews
from gongzhi.assessment.services.common import require, snapshot
from gongzhi.assessment.validation import clean_choice, clean_date, clean_text, refused
from gongzhi.common.access.actor import Actor
from gongzhi.common.access.roles import Permission
from gongzhi.common.events import event_record
from gongzhi.org.models import Department, Unit, User

CADRE_FIELDS = ["name", "post_kind", "title", "unit", "department", "user"]


def _organisation(post_kind: str, unit_code: Any, department_code: Any) -> tuple[Unit | None,
                                                                                 Department | None]:
    """Where a post of this kind is held: a street or community for their secretaries, a department
    for its secretary, either for other posts."""
    unit_code = clean_text(unit_code, field="unit", max_length=15, required=False)
    department_code = clean_text(department_code, field="department", max_length=20, required=False)
    if unit_code and department_code:
        raise refused("department", _("A post is held in a unit or in a department, not both."))
    if post_kind == PostKind.DEPARTMENT_SECRETARY or department_code:
        if post_kind in UNIT_KIND_OF_POST:
            raise refused("department", _("This post is held in a unit."))
        department = Department.objects.filter(code=department_code, is_active=True).first()
        if department is None:
            raise refused("department", _("No active department has this code."))
        return None, department
    if not unit_code:
        raise refused("unit", _("This field is required."))
    unit = Unit.objects.filter(code=unit_code, is_active=True).first()
    if unit is None:
        raise refused("unit", _("No active unit has this code."))
    expected = UNIT_KIND_OF_POST.get(post_kind)
    if expected is not None and unit.kind != expected:
        raise refused("unit", _("This post is held in a %(kind)s.") % {"kind": expected})
    return unit, None


@transaction.atomic
def cadre_create(*, actor: Actor | None, name: Any, post_kind: Any, title: Any, started_on: Any,
                 unit_code: Any = "", department_code: Any = "", username: Any = "") -> Cadre:
    require(actor, Permission.CADRE_MANAGE)
    name = clean_text(name, field="name", max_length=50)
    post_kind = clean_choice(post_kind, field="post_kind", choices=PostKind)
    title = clean_text(title, field="title", max_length=100)
    started_on = clean_date(started_on, field="started_on")
    unit, department = _organisation(post_kind, unit_code, department_code)
    user = None
    username = clean_text(username, field="username", max_length=150, required=False)
    if username:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise refused("username", _("No user has this name."))
        if Cadre.objects.filter(user=user).exists():
            raise refused("username", _("This account has a cadre file already."))
    cadre = Cadre.objects.create(name=name, post_kind=post_kind, title=title, unit=unit,
                                 department=department, user=user)
    CadrePost.objects.create(cadre=cadre, post_kind=post_kind, title=title, unit=unit, department=department,
                             started_on=started_on)
    event_record(actor=actor, action="cadre.create", target=cadre, unit_code=unit.code if unit else "",
                 after={**snapshot(cadre, CADRE_FIELDS), "started_on": started_on})
    return cadre


@transaction.atomic
def cadre_honour_add(*, actor: Actor | None, cadre: Cadre, title: Any, awarded_by: Any,
                     awarded_on: Any) -> CadreHonour:
    require(actor, Permission.CADRE_MANAGE)
    cadre = Cadre.objects.select_for_update().get(pk=cadre.pk)
    honour = CadreHonour.objects.create(cadre=cadre, title=clean_text(title, field="title", max_length=100),
                                        awarded_by=clean_text(awarded_by, field="awarded_by", max_length=100),
                                        awarded_on=clean_date(awarded_on, field="awarded_on"))
    event_record(actor=actor, action="cadre.honour_add", target=cadre,
                 unit_code=cadre.unit.code if cadre.unit else "",
                 after=snapshot(honour, ["title", "awarded_by", "awarded_on"]))
    return honour


def review_results_of(cadre: Cadre) -> list[dict]:
    """The cadre's results in closed review sessions, latest year first."""
    return [{"year": subject.session.year, "session": subject.session.title, "grade": subject.grade,
             "score": str(subject.score) if subject.score is not None else None}
            for subject in cadre_reviews(cadre)]


@transaction.atomic
def cadre_promote(*, actor: Actor | None, cadre: Cadre, post_kind: Any, title: Any, effective_on: Any,
                  basis: Any, unit_code: Any = "", department_code: Any = "",
                  now: datetime | None = None) -> CadrePromotion:
    """Record a promotion to a new post, with its basis and the review results it rests on: the
    current post ends the day before the new one begins."""
    require(actor, Permission.CADRE_MANAGE)
    cadre = Cadre.objects.select_for_update().get(pk=cadre.pk)
    post_kind = clean_choice(post_kind, field="post_kind", choices=PostKind)
    title = clean_text(title, field="title", max_length=100)
    effective_on = clean_date(effective_on, field="effective_on")
    basis = clean_text(basis, field="basis", max_length=2000)
    unit, department = _organisation(post_kind, unit_code, department_code)
    current = cadre.posts.filter(ended_on__isnull=True).order_by("-started_on").first()
    if current is not None and effective_on <= current.started_on:
        raise refused("effective_on",
                      _("The promotion must take effect after the current post began (%(day)s).")
                      % {"day": current.started_on.isoformat()})
    before = snapshot(cadre, CADRE_FIELDS)
    if current is not None:
        current.ended_on = effective_on - timedelta(days=1)
        current.save(update_fields=["ended_on"])
    CadrePost.objects.create(cadre=cadre, post_kind=post_kind, title=title, unit=unit, department=department,
                             started_on=effective_on)
    promotion = CadrePromotion.objects.create(
        cadre=cadre, from_title=cadre.title, to_title=title, effective_on=effective_on, basis=basis,
        review_results=review_results_of(cadre), recorded_by=actor.user if actor else None,
        recorded_at=now or timezone.now())
    cadre.post_kind, cadre.title, cadre.unit, cadre.department = post_kind, title, unit, department
    cadre.save()
    event_record(actor=actor, action="cadre.promote", target=cadre, unit_code=unit.code if unit else "",
                 before=before, after=snapshot(cadre, CADRE_FIELDS), comment=basis)
    return promotion
