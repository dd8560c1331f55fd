"""Personnel files: opening one, keeping it up to date, credentials, yearly assessments and the
posts and levels a worker holds over time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.roles import Permission
from gongzhi.common.events import event_record
from gongzhi.common.masking import mask_phone
from gongzhi.org.models import Unit, User
from gongzhi.workforce.identity import (
    identity_birth_date,
    identity_gender,
    identity_number_digest,
    identity_number_encrypt,
    identity_number_normalise,
    identity_number_problem,
)
from gongzhi.workforce.models import (
    AssessmentResult,
    Assessment,
    Credential,
    CredentialKind,
    Education,
    Gender,
    PostCategory,
    PostChangeReason,
    PostHistory,
    RecruitmentSource,
    Worker,
    WorkerStatus,
)
from gongzhi.common.access.resolver import actor_covers_unit
from gongzhi.workforce.services.access import WORKER_UNIT_KINDS, reachable_unit, require
from gongzhi.workforce.validation import (
    Problems,
    amount,
    choice,
    day_value,
    level_value,
    phone_value,
    refuse,
    text_optional,
    text_required,
)

MINIMUM_WORKING_AGE = 16


@dataclass(frozen=True)
class CredentialEntry:
    kind: str
    obtained_on: date
    number: str = ""


def worker_snapshot(worker: Worker) -> dict[str, Any]:
    """What an audit event keeps of a file: never the identity number, the phone only masked."""
    return {
        "name": worker.name,
        "gender": worker.gender,
        "birth_date": worker.birth_date,
        "phone": mask_phone(worker.phone),
        "education": worker.education,
        "source": worker.source,
        "hire_date": worker.hire_date,
        "unit": worker.unit.code,
        "post_category": worker.post_category,
        "level": worker.level,
        "status": worker.status,
        "previous_monthly_pay": worker.previous_monthly_pay,
        "user": worker.user.username if worker.user_id else None,
    }


def years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def _credential_entries(
    credentials: Sequence[CredentialEntry],
    problems: Problems,
    *,
    birth_date: date | None,
    today: date,
    prefix: str = "credential_",
) -> list[CredentialEntry]:
    """Check credentials; ``prefix`` names the fields as the caller's input does (a file's
    ``credential_kind`` column, or ``kind`` when adding one credential)."""
    kind_field, date_field = f"{prefix}kind", f"{prefix}obtained_on"
    kinds = set()
    for entry in credentials:
        problems.check(lambda entry=entry: choice(entry.kind, kind_field, CredentialKind))
        obtained_on = problems.check(lambda entry=entry: day_value(entry.obtained_on, date_field))
        if obtained_on and obtained_on > today:
            problems.add(date_field, _("A credential cannot be obtained in the future."))
        if obtained_on and birth_date and obtained_on < birth_date:
            problems.add(date_field, _("The credential is dated before the worker's birth."))
        if entry.kind in kinds:
            problems.add(kind_field, _("The same credential is named twice."))
        kinds.add(entry.kind)
    return list(credentials)


class KnownRecords:
    """Lookups a file's check makes, answered from memory when many files are checked at once (an
    import, the demo): the units by code and the digests of the identity numbers on file."""

    def __init__(self, *, preload: bool = False) -> None:
        self.units: dict[str, Unit] | None = None
        self.digests: set[str] | None = None
        if preload:
            self.units = {
                unit.code: unit for unit in Unit.objects.filter(kind__in=WORKER_UNIT_KINDS, is_active=True)
            }
            self.digests = set(Worker.objects.values_list("identity_number_digest", flat=True))

    def unit(self, actor: Actor | None, code: str) -> Unit:
        if self.units is None or not isinstance(code, str) or code.strip() not in self.units:
            return reachable_unit(actor, code, "unit_code")
        unit = self.units[code.strip()]
        if actor is not None and not actor_covers_unit(actor, unit.code):
            return reachable_unit(actor, code, "unit_code")
        return unit

    def identity_number_on_file(self, number: str) -> bool:
        digest = identity_number_digest(number)
        if self.digests is None:
            return Worker.objects.filter(identity_number_digest=digest).exists()
        return digest in self.digests


@dataclass(frozen=True)
class WorkerFields:
    """A file's fields once every check passed, ready to be written."""

    unit: Unit
    name: str
    gender: str
    birth_date: date
    identity_number: str
    phone: str
    education: str
    source: str
    hire_date: date
    post_category: str
    level: int | None
    previous_monthly_pay: Decimal | None
    credentials: list[CredentialEntry]


def worker_fields_check(
    *,
    actor: Actor | None,
    unit_code: str,
    name: str,
    identity_number: str,
    education: str,
    hire_date: Any,
    post_category: str,
    gender: str = "",
    birth_date: Any = None,
    phone: str = "",
    source: str = RecruitmentSource.REGULAR,
    level: Any = None,
    previous_monthly_pay: Any = None,
    credentials: Sequence[CredentialEntry] = (),
    today: date | None = None,
    known: "KnownRecords | None" = None,
) -> WorkerFields:
    """Check a new file's fields, all of them: raises one ValidationError naming every field at
    fault. Gender and birth date may be left out: the identity number holds both."""
    today = today or timezone.localdate()
    problems = Problems()
    unit = problems.check(lambda: (known or KnownRecords()).unit(actor, unit_code))
    name = problems.check(lambda: text_required(name, "name", 50))
    number = identity_number_normalise(identity_number if isinstance(identity_number, str) else "")
    number_problem = identity_number_problem(number)
    if number_problem:
        problems.add("identity_number", number_problem)
    elif (known or KnownRecords()).identity_number_on_file(number):
        problems.add("identity_number", _("A personnel file with this identity number already exists."))
    derived_birth = None if number_problem else identity_birth_date(number)
    derived_gender = None if number_problem else identity_gender(number)
    if gender:
        problems.check(lambda: choice(gender, "gender", Gender))
        if derived_gender and gender != derived_gender:
            problems.add("gender", _("The gender does not match the identity number."))
    if birth_date is not None:
        problems.check(lambda: day_value(birth_date, "birth_date"))
        if derived_birth and isinstance(birth_date, date) and birth_date != derived_birth:
            problems.add("birth_date", _("The birth date does not match the identity number."))
    birth = birth_date if isinstance(birth_date, date) else derived_birth
    phone = problems.check(lambda: phone_value(phone))
    problems.check(lambda: choice(education, "education", Education))
    problems.check(lambda: choice(source, "source", RecruitmentSource))
    problems.check(lambda: choice(post_category, "post_category", PostCategory))
    if level not in (None, ""):
        level = problems.check(lambda: level_value(level))
    else:
        level = None
    hired = problems.check(lambda: day_value(hire_date, "hire_date"))
    if hired and hired > today:
        problems.add("hire_date", _("The hire date cannot be in the future."))
    if hired and birth and hired < years_after(birth, MINIMUM_WORKING_AGE):
        problems.add(
            "hire_date",
            _("The worker would have been hired before the age of %(age)d.") % {"age": MINIMUM_WORKING_AGE},
        )
    if previous_monthly_pay not in (None, ""):
        previous_monthly_pay = problems.check(lambda: amount(previous_monthly_pay, "previous_monthly_pay"))
    else:
        previous_monthly_pay = None
    credentials = _credential_entries(credentials, problems, birth_date=birth, today=today)
    problems.raise_any()
    return WorkerFields(
        unit=unit,
        name=name,
        gender=gender or derived_gender,
        birth_date=birth,
        identity_number=number,
        phone=phone,
        education=education,
        source=source,
        hire_date=hired,
        post_category=post_category,
        level=level,
        previous_monthly_pay=previous_monthly_pay,
        credentials=credentials,
    )


def _workers_write(
    actor: Actor | None, entries: Sequence[WorkerFields], users: Sequence[User | None]
) -> list[Worker]:
    """Write checked files, their credentials and first post, and one audit event per file. Rows go
    in bulk: an import or the demo opens a city's worth of files in one action."""
    workers = Worker.objects.bulk_create(
        [
            Worker(
                unit=fields.unit,
                user=user,
                name=fields.name,
                gender=fields.gender,
                birth_date=fields.birth_date,
                identity_number_encrypted=identity_number_encrypt(fields.identity_number),
                identity_number_digest=identity_number_digest(fields.identity_number),
                phone=fields.phone,
                education=fields.education,
                source=fields.source,
                hire_date=fields.hire_date,
                post_category=fields.post_category,
                level=fields.level,
                previous_monthly_pay=fields.previous_monthly_pay,
            )
            for fields, user in zip(entries, users, strict=True)
        ],
        batch_size=500,
    )
    Credential.objects.bulk_create(
        [
            Credential(
                worker=worker, kind=entry.kind, number=entry.number[:40], obtained_on=entry.obtained_on
            )
            for worker, fields in zip(workers, entries, strict=True)
            for entry in fields.credentials
        ],
        batch_size=500,
    )
    PostHistory.objects.bulk_create(
        [
            PostHistory(
                worker=worker,
                unit=fields.unit,
                post_category=fields.post_category,
                level=fields.level,
                starts_on=fields.hire_date,
                reason=PostChangeReason.PLACEMENT,
            )
            for worker, fields in zip(workers, entries, strict=True)
            if fields.level is not None
        ],
        batch_size=500,
    )
    for worker, fields in zip(workers, entries, strict=True):
        event_record(
            actor=actor,
            action="workforce.worker.create",
            target=worker,
            unit_code=fields.unit.code,
            after={**worker_snapshot(worker), "credentials": [entry.kind for entry in fields.credentials]},
        )
    return workers


def _account_check(user: User | None, worker: Worker | None = None) -> None:
    if user is None:
        return
    linked = Worker.objects.filter(user=user).exclude(pk=worker.pk if worker else None).first()
    if linked is not None:
        refuse("user", _("This account already belongs to another personnel file."))


@transaction.atomic
def worker_create(*, actor: Actor | None, user: User | None = None, **fields: Any) -> Worker:
    """Open a personnel file. With a level the worker is placed from the hire date; without one the
    pay migration (or an appointment) places them later."""
    checked = worker_fields_check(actor=actor, **fields)
    require(actor, Permission.WORKFORCE_MANAGE, checked.unit.code)
    _account_check(user)
    return _workers_write(actor, [checked], [user])[0]


@transaction.atomic
def workers_create(
    *, actor: Actor | None, entries: Sequence[WorkerFields], users: Sequence[User | None] | None = None
) -> list[Worker]:
    """Open many checked files in one action (an import, the demo): the same write as worker_create."""
    for entry in entries:
        require(actor, Permission.WORKFORCE_MANAGE, entry.unit.code)
    return _workers_write(actor, entries, users or [None] * len(entries))


def worker_lock(worker: Worker) -> Worker:
    return Worker.objects.select_for_update(of=("self",)).select_related("unit", "user").get(pk=worker.pk)


WORKER_EDITABLE = {"name", "phone", "education", "status", "user"}


@transaction.atomic
def worker_update(*, actor: Actor | None, worker: Worker, changes: dict[str, Any]) -> Worker:
    """Change the file's plain fields; the post, level and unit change through post_assign."""
    worker = worker_lock(worker)
    require(actor, Permission.WORKFORCE_MANAGE, worker.unit.code)
    unknown = set(changes) - WORKER_EDITABLE
    if unknown:
        raise ValidationError({name: _("This field cannot be changed here.") for name in sorted(unknown)})
    before = worker_snapshot(worker)
    if "name" in changes:
        worker.name = text_required(changes["name"], "name", 50)
    if "phone" in changes:
        worker.phone = phone_value(changes["phone"])
    if "education" in changes:
        worker.education = choice(changes["education"], "education", Education)
    if "status" in changes:
        worker.status = choice(changes["status"], "status", WorkerStatus)
    if "user" in changes:
        _account_check(changes["user"], worker)
        worker.user = changes["user"]
    worker.save()
    after = worker_snapshot(worker)
    event_record(
        actor=actor,
        action="workforce.worker.update",
        target=worker,
        unit_code=worker.unit.code,
        before={name: before[name] for name in changes},
        after={name: after[name] for name in changes},
    )
    return worker


@transaction.atomic
def credential_add(
    *, actor: Actor | None, worker: Worker, kind: str, obtained_on: Any, number: str = ""
) -> Credential:
    worker = worker_lock(worker)
    require(actor, Permission.WORKFORCE_MANAGE, worker.unit.code)
    problems = Problems()
    entry = CredentialEntry(kind=kind, obtained_on=obtained_on, number=number or "")
    _credential_entries(
        [entry], problems, birth_date=worker.birth_date, today=timezone.localdate(), prefix=""
    )
    problems.check(lambda: text_optional(number, "number", 40))
    if worker.credentials.filter(kind=kind).exists():
        problems.add("kind", _("The worker already holds this credential."))
    problems.raise_any()
    credential = Credential.objects.create(
        worker=worker, kind=kind, obtained_on=obtained_on, number=(number or "").strip()
    )
    event_record(
        actor=actor,
        action="workforce.credential.add",
        target=worker,
        unit_code=worker.unit.code,
        after={"kind": kind, "obtained_on": obtained_on, "number": credential.number},
    )
    return credential


def _assessment_year(year: Any, worker: Worker, today: date) -> int:
    if isinstance(year, bool) or not isinstance(year, int):
        refuse("year", _("Must be a year, such as %(year)d.") % {"year": today.year - 1})
    if year > today.year:
        refuse("year", _("A year that has not begun cannot be assessed."))
    if year < worker.hire_date.year:
        refuse("year", _("The worker was hired in %(year)d.") % {"year": worker.hire_date.year})
    return year


@transaction.atomic
def assessment_record(*, actor: Actor | None, worker: Worker, year: Any, result: str) -> Assessment:
    """Record (or correct) a worker's result for a year; a correction keeps the old result in its event."""
    worker = worker_lock(worker)
    require(actor, Permission.WORKFORCE_MANAGE, worker.unit.code)
    _assessment_year(year, worker, timezone.localdate())
    choice(result, "result", AssessmentResult)
    assessment = Assessment.objects.select_for_update(of=("self",)).filter(worker=worker, year=year).first()
    before = {"year": year, "result": assessment.result} if assessment else None
    if assessment is None:
        assessment = Assessment.objects.create(worker=worker, year=year, result=result)
    else:
        assessment.result = result
        assessment.save(update_fields=["result"])
    event_record(
        actor=actor,
        action="workforce.assessment.record",
        target=worker,
        unit_code=worker.unit.code,
        before=before,
        after={"year": year, "result": result},
    )
    return assessment


@transaction.atomic
def assessment_results_record(
    *, actor: Actor | None, unit: Unit, year: Any, results: Sequence[tuple[Worker, str]]
) -> list[Assessment]:
    """A unit's yearly results in one action (an office's list for the year): every worker of the
    list must lie in the unit and have no result for the year yet; corrections go one by one."""
    require(actor, Permission.WORKFORCE_MANAGE, unit.code)
    today = timezone.localdate()
    problems = Problems()
    for worker, result in results:
        if not worker.unit.code.startswith(unit.code):
            problems.add(
                "results",
                _("%(name)s is not a worker of %(unit)s.") % {"name": worker.name, "unit": unit.name},
            )
        problems.check(lambda worker=worker: _assessment_year(year, worker, today))
        problems.check(lambda result=result: choice(result, "result", AssessmentResult))
    ids = [worker.pk for worker, _result in results]
    if Assessment.objects.filter(year=year, worker_id__in=ids).exists():
        problems.add("year", _("Some of these workers already have a result for %(year)s.") % {"year": year})
    problems.raise_any()
    created = Assessment.objects.bulk_create(
        [Assessment(worker=worker, year=year, result=result) for worker, result in results], batch_size=1000
    )
    event_record(
        actor=actor,
        action="workforce.assessment.record_many",
        target=unit,
        unit_code=unit.code,
        after={"year": year, "results": {str(worker.pk): result for worker, result in results}},
    )
    return created


@transaction.atomic
def post_assign(
    *,
    actor: Actor | None,
    worker: Worker,
    post_category: str,
    level: Any,
    unit_code: str,
    starts_on: Any,
    basis: str = "",
) -> PostHistory:
    """An appointment or transfer: the worker holds this post and level in this unit from a date on.
    History only moves forward: the date comes after every entry already recorded."""
    worker = worker_lock(worker)
    require(actor, Permission.WORKFORCE_MANAGE, worker.unit.code)
    problems = Problems()
    problems.check(lambda: choice(post_category, "post_category", PostCategory))
    level = problems.check(lambda: level_value(level))
    unit = problems.check(lambda: reachable_unit(actor, unit_code, "unit_code"))
    starts_on = problems.check(lambda: day_value(starts_on, "starts_on"))
    basis = problems.check(lambda: text_optional(basis, "basis", 1000), "")
    if starts_on:
        latest = worker.post_history.order_by("-starts_on").first()
        if starts_on < worker.hire_date:
            problems.add("starts_on", _("The worker was hired on %(day)s.") % {"day": worker.hire_date})
        elif latest and starts_on <= latest.starts_on:
            problems.add(
                "starts_on",
                _("Must come after the latest entry of the history (%(day)s).") % {"day": latest.starts_on},
            )
    problems.raise_any()
    before = worker_snapshot(worker)
    entry = PostHistory.objects.create(
        worker=worker,
        unit=unit,
        post_category=post_category,
        level=level,
        starts_on=starts_on,
        reason=PostChangeReason.APPOINTMENT,
        basis=basis,
    )
    worker.unit, worker.post_category, worker.level = unit, post_category, level
    worker.save(update_fields=["unit", "post_category", "level", "updated_at"])
    event_record(
        actor=actor,
        action="workforce.post.assign",
        target=worker,
        unit_code=unit.code,
        before={name: before[name] for name in ("unit", "post_category", "level")},
        after={"unit": unit.code, "post_category": post_category, "level": level, "starts_on": starts_on},
        comment=basis,
    )
    return entry
