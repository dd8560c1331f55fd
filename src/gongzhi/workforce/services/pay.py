"""Pay tables (editable by the city, in force from a month on) and the monthly pay runs."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.roles import Permission
from gongzhi.common.events import event_record
from gongzhi.common.notifications import notifications_enabled
from gongzhi.org.models import Unit, UnitKind
from gongzhi.workforce.models import (
    LEVELS,
    MigrationRecord,
    PayLine,
    PayRun,
    PayTable,
    PayTableRate,
    PostCategory,
    PostHistory,
    Worker,
    WorkerStatus,
)
from gongzhi.workforce.pay import PayTableTerms, month_start, pay_compute
from gongzhi.workforce.services.access import reachable_unit, require
from gongzhi.workforce.validation import Problems, amount, first_of_month, share, text_optional, text_required

ALLOWANCE_FIELDS = (
    "allowance_assistant_social_worker",
    "allowance_social_worker",
    "allowance_senior_social_worker",
)
TABLE_FIELDS = (
    "name",
    "effective_from",
    "seniority_per_year",
    "seniority_cap_years",
    "performance_share",
    *ALLOWANCE_FIELDS,
    "note",
)
MAX_SENIORITY_YEARS = 50
PAID_STATUSES = (WorkerStatus.ACTIVE, WorkerStatus.SECONDED)


def pay_table_in_force(on: date) -> PayTable | None:
    """The table with the latest start on or before the day."""
    return PayTable.objects.filter(effective_from__lte=on).order_by("-effective_from").first()


def pay_table_snapshot(table: PayTable) -> dict[str, Any]:
    return {
        **{name: getattr(table, name) for name in TABLE_FIELDS},
        "base_pay": {
            post: [str(rate.base_pay) for rate in table.rates.filter(post_category=post).order_by("level")]
            for post in PostCategory.values
        },
    }


def _base_pay_check(base_pay: Any, problems: Problems) -> dict[tuple[str, int], Decimal]:
    """Base pay per post as five amounts, level 1 first, never lower than the level below."""
    rates: dict[tuple[str, int], Decimal] = {}
    if not isinstance(base_pay, dict) or set(base_pay) != set(PostCategory.values):
        problems.add(
            "base_pay",
            _("Give five amounts (levels 1 to 5) for each post: %(posts)s.")
            % {"posts": ", ".join(PostCategory.values)},
        )
        return rates
    for post in PostCategory.values:
        amounts = base_pay[post]
        field = f"base_pay.{post}"
        if not isinstance(amounts, (list, tuple)) or len(amounts) != len(LEVELS):
            problems.add(field, _("Give five amounts, level 1 first."))
            continue
        checked = [problems.check(lambda value=value: amount(value, field)) for value in amounts]
        if any(value is None for value in checked):
            continue
        if any(higher < lower for lower, higher in zip(checked, checked[1:])):
            problems.add(field, _("A level's base pay cannot be lower than the level below."))
            continue
        rates.update({(post, level): value for level, value in zip(LEVELS, checked, strict=True)})
    return rates


def _seniority_cap(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_SENIORITY_YEARS:
        raise ValidationError(
            {
                "seniority_cap_years": _("A whole number of years from 0 to %(n)d.")
                % {"n": MAX_SENIORITY_YEARS}
            }
        )
    return value


def _table_terms_check(fields: dict[str, Any], problems: Problems, *, table: PayTable | None) -> dict:
    checks = {
        "name": lambda value: text_required(value, "name", 100),
        "effective_from": lambda value: first_of_month(value, "effective_from"),
        "seniority_per_year": lambda value: amount(value, "seniority_per_year", maximum=Decimal(10000)),
        "seniority_cap_years": _seniority_cap,
        "performance_share": lambda value: share(value, "performance_share"),
        "note": lambda value: text_optional(value, "note", 2000),
        **{name: (lambda value, name=name: amount(value, name)) for name in ALLOWANCE_FIELDS},
    }
    cleaned = {name: problems.check(lambda name=name: checks[name](fields[name])) for name in fields}
    effective_from = cleaned.get("effective_from")
    if (
        effective_from
        and PayTable.objects.filter(effective_from=effective_from)
        .exclude(pk=table.pk if table else None)
        .exists()
    ):
        problems.add("effective_from", _("Another pay table is in force from this month."))
    return cleaned


def _rates_write(table: PayTable, rates: dict[tuple[str, int], Decimal]) -> None:
    table.rates.all().delete()
    PayTableRate.objects.bulk_create(
        [
            PayTableRate(table=table, post_category=post, level=level, base_pay=value)
            for (post, level), value in rates.items()
        ]
    )


@transaction.atomic
def pay_table_create(
    *,
    actor: Actor | None,
    name: str,
    effective_from: Any,
    seniority_per_year: Any,
    seniority_cap_years: Any,
    performance_share: Any,
    allowance_assistant_social_worker: Any,
    allowance_social_worker: Any,
    allowance_senior_social_worker: Any,
    base_pay: dict[str, list[Any]],
    note: str = "",
) -> PayTable:
    require(actor, Permission.WORKFORCE_PAY_TABLE)
    problems = Problems()
    cleaned = _table_terms_check(
        {
            "name": name,
            "effective_from": effective_from,
            "seniority_per_year": seniority_per_year,
            "seniority_cap_years": seniority_cap_years,
            "performance_share": performance_share,
            "allowance_assistant_social_worker": allowance_assistant_social_worker,
            "allowance_social_worker": allowance_social_worker,
            "allowance_senior_social_worker": allowance_senior_social_worker,
            "note": note,
        },
        problems,
        table=None,
    )
    rates = _base_pay_check(base_pay, problems)
    problems.raise_any()
    table = PayTable.objects.create(**cleaned)
    _rates_write(table, rates)
    event_record(
        actor=actor, action="workforce.pay_table.create", target=table, after=pay_table_snapshot(table)
    )
    return table


def pay_table_in_use(table: PayTable) -> bool:
    return table.pay_runs.exists() or MigrationRecord.objects.filter(table=table).exists()


@transaction.atomic
def pay_table_update(*, actor: Actor | None, table: PayTable, changes: dict[str, Any]) -> PayTable:
    """Correct a table no pay has been computed with yet; once used, a change of pay is a new table
    in force from a later month, so that every slip already paid keeps the terms it was paid on."""
    require(actor, Permission.WORKFORCE_PAY_TABLE)
    table = PayTable.objects.select_for_update(of=("self",)).get(pk=table.pk)
    unknown = set(changes) - {*TABLE_FIELDS, "base_pay"}
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in sorted(unknown)})
    if pay_table_in_use(table):
        raise ValidationError(
            {
                "effective_from": _(
                    "Pay has been computed with this table; make a new table in force from a later month "
                    "instead."
                )
            }
        )
    before = pay_table_snapshot(table)
    problems = Problems()
    cleaned = _table_terms_check(
        {name: value for name, value in changes.items() if name != "base_pay"}, problems, table=table
    )
    rates = _base_pay_check(changes["base_pay"], problems) if "base_pay" in changes else None
    problems.raise_any()
    for name, value in cleaned.items():
        setattr(table, name, value)
    table.save()
    if rates is not None:
        _rates_write(table, rates)
    event_record(
        actor=actor,
        action="workforce.pay_table.update",
        target=table,
        before=before,
        after=pay_table_snapshot(table),
    )
    return table


def posts_in_force(workers: Iterable[int], on: date) -> dict[int, PostHistory]:
    """Each worker's post history entry in force on the day (workers not yet placed are absent)."""
    in_force: dict[int, PostHistory] = {}
    entries = (
        PostHistory.objects.filter(worker_id__in=list(workers), starts_on__lte=on)
        .select_related("unit")
        .order_by("worker_id", "starts_on", "id")
    )
    for entry in entries:
        in_force[entry.worker_id] = entry
    return in_force


def _pay_run_month(month: Any) -> date:
    month = first_of_month(month, "month")
    if month > month_start(timezone.localdate()):
        raise ValidationError({"month": _("A month that has not begun cannot be paid.")})
    return month


@transaction.atomic
def pay_run_create(*, actor: Actor | None, unit_code: str, month: Any) -> PayRun:
    """Pay a month to every worker of the unit (a community, a street with its communities, or the
    city) who is placed by the month's first day, with the table then in force. A worker is paid
    once a month: a run that would pay anyone a second time is refused whole."""
    unit = reachable_unit(
        actor, unit_code, "unit_code", kinds=(UnitKind.CITY, UnitKind.STREET, UnitKind.COMMUNITY)
    )
    require(actor, Permission.WORKFORCE_PAY_RUN, unit.code)
    month = _pay_run_month(month)
    table = pay_table_in_force(month)
    if table is None:
        raise ValidationError(
            {"month": _("No pay table is in force for %(month)s.") % {"month": month.strftime("%Y-%m")}}
        )
    # Lock the unit's row: two runs for one unit and month wait for each other, then the second
    # finds the first (the unique constraints back this up on every database).
    Unit.objects.select_for_update(of=("self",)).filter(pk=unit.pk).first()
    if PayRun.objects.filter(unit=unit, month=month).exists():
        raise ValidationError(
            {
                "month": _("%(unit)s has already been paid for %(month)s.")
                % {"unit": unit.name, "month": month.strftime("%Y-%m")}
            }
        )
    candidates = (
        Worker.objects.filter(status__in=PAID_STATUSES)
        .filter(Q(unit__code__startswith=unit.code) | Q(post_history__unit__code__startswith=unit.code))
        .distinct()
        .prefetch_related("credentials")
    )
    workers = {worker.pk: worker for worker in candidates}
    entries = {
        pk: entry
        for pk, entry in posts_in_force(workers, month).items()
        if entry.unit.code.startswith(unit.code)
    }
    already = PayLine.objects.filter(month=month, worker_id__in=entries).select_related("pay_run__unit")
    first_paid = already.first()
    if first_paid is not None:
        raise ValidationError(
            {
                "unit_code": _(
                    "%(count)d workers of %(unit)s are already paid for %(month)s (for example in the run of "
                    "%(other)s)."
                )
                % {
                    "count": already.count(),
                    "unit": unit.name,
                    "month": month.strftime("%Y-%m"),
                    "other": first_paid.pay_run.unit.name,
                }
            }
        )
    terms = PayTableTerms.of(table)
    run = PayRun.objects.create(unit=unit, month=month, table=table, created_by=actor.user if actor else None)
    lines = []
    for worker_id, entry in entries.items():
        worker = workers[worker_id]
        breakdown = pay_compute(
            terms=terms,
            post_category=entry.post_category,
            level=entry.level,
            hire_date=worker.hire_date,
            on=month,
            credentials=[(c.kind, c.obtained_on) for c in worker.credentials.all()],
        )
        lines.append(
            PayLine(
                pay_run=run,
                worker=worker,
                month=month,
                unit=entry.unit,
                post_category=breakdown.post_category,
                level=breakdown.level,
                years_of_service=breakdown.years_of_service,
                credential_kind=breakdown.credential_kind,
                base_pay=breakdown.base_pay,
                seniority_pay=breakdown.seniority_pay,
                credential_allowance=breakdown.credential_allowance,
                performance_pay=breakdown.performance_pay,
                total=breakdown.total,
            )
        )
    PayLine.objects.bulk_create(lines, batch_size=500)
    run.worker_count = len(lines)
    run.total = sum((line.total for line in lines), Decimal("0.00"))
    run.save(update_fields=["worker_count", "total"])
    event_record(
        actor=actor,
        action="workforce.pay_run.create",
        target=run,
        unit_code=unit.code,
        after={
            "unit": unit.code,
            "month": month,
            "table": table.pk,
            "workers": run.worker_count,
            "total": run.total,
        },
    )
    if notifications_enabled():
        from gongzhi.workforce.tasks import pay_slips_notify

        transaction.on_commit(lambda: pay_slips_notify(run.pk))
    return run
