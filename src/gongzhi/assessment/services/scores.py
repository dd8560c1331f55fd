"""The streets' part: each street scores every department on the scheme's items, and the staff the
departments posted down to it; the city keeps the record of who is posted where."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.assessment.models import ManualItemKind, ManualScore, Period, PeriodState, PostedStaff
from gongzhi.assessment.selectors.periods import posted_during
from gongzhi.assessment.services.common import period_action, period_for_change, require, snapshot
from gongzhi.assessment.services.computing import totals_refresh
from gongzhi.assessment.validation import clean_date, clean_number, clean_text, clean_whole, refused
from gongzhi.common.access.actor import Actor
from gongzhi.common.access.roles import Permission
from gongzhi.common.events import event_record
from gongzhi.common.exceptions import ActionNotPermitted, IllegalTransition
from gongzhi.org.models import Department, Unit, UnitKind

MAX_ENTRIES = 2000
ENTRY_FIELDS = {"item", "department", "staff", "score", "comment"}
LARGEST_ID = 2**62
STAFF_FIELDS = ["department", "street", "name", "title", "posted_on", "ended_on"]


def _entry_key(item_id: int, department: Department, staff: PostedStaff | None) -> str:
    return f"{item_id}/{department.code}" + (f"/{staff.pk}" if staff else "")


class _Entries:
    """The submitted scores checked against the period's items, the departments and the staff
    posted to the street; the first problem is named with its place in the list."""

    def __init__(self, *, period: Period, street: Unit) -> None:
        self.items = {item.pk: item for item in period.manual_items.all()}
        self.departments = {department.code: department
                            for department in Department.objects.filter(is_active=True)}
        self.staff = {member.pk: member for member in posted_during(period).filter(street=street)
                      .select_related("department")}

    def clean(self, entries: Any) -> list[dict]:
        if not isinstance(entries, list) or not 1 <= len(entries) <= MAX_ENTRIES:
            raise refused("scores", _("Send from 1 to %(n)d scores.") % {"n": MAX_ENTRIES})
        cleaned, seen = [], set()
        for index, entry in enumerate(entries):
            row = self._entry(entry, f"scores[{index}]")
            key = (row["item"].pk, row["department"].pk, row["staff"].pk if row["staff"] else None)
            if key in seen:
                raise refused(f"scores[{index}]", _("This score is given twice in one submission."))
            seen.add(key)
            cleaned.append(row)
        return cleaned

    def _entry(self, entry: Any, field: str) -> dict:
        if not isinstance(entry, dict):
            raise refused(field, _("A score names its item, its department (or staff member) and the score."))
        unknown = sorted(set(entry) - ENTRY_FIELDS)
        if unknown:
            raise refused(f"{field}.{unknown[0]}", _("Unknown field."))
        item = self.items.get(clean_whole(entry.get("item"), field=f"{field}.item", minimum=1,
                                          maximum=LARGEST_ID))
        if item is None:
            raise refused(f"{field}.item", _("The period's scheme has no item with this id."))
        staff = None
        if item.kind == ManualItemKind.POSTED_STAFF:
            staff = self.staff.get(clean_whole(entry.get("staff"), field=f"{field}.staff", minimum=1,
                                               maximum=LARGEST_ID))
            if staff is None:
                raise refused(f"{field}.staff", _("No staff member with this id is posted to your street in "
                                                  "the period."))
            department = staff.department
            if entry.get("department") not in (None, "", department.code):
                raise refused(f"{field}.department", _("The staff member was posted by another department."))
        else:
            if entry.get("staff") not in (None, ""):
                raise refused(f"{field}.staff", _("This item scores the department, not a staff member."))
            code = clean_text(entry.get("department"), field=f"{field}.department", max_length=20)
            department = self.departments.get(code)
            if department is None:
                raise refused(f"{field}.department", _("No active department has this code."))
        return {"item": item, "department": department, "staff": staff,
                "score": clean_number(entry.get("score"), field=f"{field}.score", minimum=0,
                                      maximum=item.max_score),
                "comment": clean_text(entry.get("comment", ""), field=f"{field}.comment", max_length=500,
                                      required=False)}


@period_action
def manual_scores_record(*, actor: Actor | None, period: Period, street: Unit, entries: Any,
                         now: datetime | None = None) -> list[ManualScore]:
    """A street's scores, all or none: new ones added, earlier ones replaced. Only the street's own
    staff score for it (the power is the street's: the city adjusts only through appeals)."""
    require(actor, Permission.ASSESSMENT_SCORE)
    if street.kind != UnitKind.STREET or (actor is not None and actor.unit_code != street.code):
        raise ActionNotPermitted(_("Only a street's own staff score for it."))
    period = period_for_change(period, states={PeriodState.SCORING})
    rows = _Entries(period=period, street=street).clean(entries)
    at = now or timezone.now()
    user = actor.user if actor else None
    existing = {(score.item_id, score.department_id, score.staff_id): score
                for score in ManualScore.objects.select_for_update().filter(period=period, street=street)}
    before, after, saved = {}, {}, []
    for row in rows:
        key = _entry_key(row["item"].pk, row["department"], row["staff"])
        score = existing.get((row["item"].pk, row["department"].pk,
                              row["staff"].pk if row["staff"] else None))
        if score is None:
            score = ManualScore(period=period, item=row["item"], street=street, department=row["department"],
                                staff=row["staff"])
        else:
            before[key] = score.score
        score.score, score.comment, score.scored_by, score.scored_at = row["score"], row["comment"], user, at
        score.save()
        after[key] = score.score
        saved.append(score)
    event_record(actor=actor, action="assessment.scores_record", target=period, unit_code=street.code,
                 before=before, after=after, occurred_at=at)
    totals_refresh(period)
    return saved


@transaction.atomic
def posted_staff_create(*, actor: Actor | None, department_code: Any, street_code: Any, name: Any,
                        posted_on: Any, title: Any = "") -> PostedStaff:
    require(actor, Permission.ASSESSMENT_MANAGE)
    department = Department.objects.filter(code=clean_text(department_code, field="department",
                                                           max_length=20), is_active=True).first()
    if department is None:
        raise refused("department", _("No active department has this code."))
    street = Unit.objects.filter(code=clean_text(street_code, field="street", max_length=15),
                                 kind=UnitKind.STREET, is_active=True).first()
    if street is None:
        raise refused("street", _("No active street has this code."))
    staff = PostedStaff.objects.create(department=department, street=street,
                                       name=clean_text(name, field="name", max_length=50),
                                       title=clean_text(title, field="title", max_length=50, required=False),
                                       posted_on=clean_date(posted_on, field="posted_on"))
    event_record(actor=actor, action="assessment.staff_post", target=staff, unit_code=street.code,
                 after=snapshot(staff, STAFF_FIELDS))
    return staff


@transaction.atomic
def posted_staff_end(*, actor: Actor | None, staff: PostedStaff, ended_on: Any) -> PostedStaff:
    require(actor, Permission.ASSESSMENT_MANAGE)
    staff = PostedStaff.objects.select_for_update().get(pk=staff.pk)
    if staff.ended_on is not None:
        raise IllegalTransition(_("This posting has ended already."))
    ended = clean_date(ended_on, field="ended_on")
    if ended < staff.posted_on:
        raise refused("ended_on", _("A posting cannot end before it began."))
    staff.ended_on = ended
    staff.save()
    event_record(actor=actor, action="assessment.staff_post_end", target=staff, unit_code=staff.street.code,
                 before={"ended_on": None}, after={"ended_on": ended})
    return staff
