"""The pay migration (工资套改): every worker with a recorded previous pay and no place yet is put on
a post and level by the rules (see ``placement``) and given the new pay of the table in force."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.roles import Permission
from gongzhi.common.events import event_record
from gongzhi.org.models import UnitKind
from gongzhi.workforce.models import (
    MigrationRecord,
    PayTable,
    PostChangeReason,
    PostHistory,
    Worker,
    WorkerStatus,
)
from gongzhi.workforce.pay import PayTableTerms
from gongzhi.workforce.placement import Placement, placements_compute
from gongzhi.workforce.services.access import reachable_unit, require
from gongzhi.workforce.services.pay import pay_table_in_force
from gongzhi.workforce.validation import first_of_month

MIGRATION_UNIT_KINDS = (UnitKind.CITY, UnitKind.STREET, UnitKind.COMMUNITY)


def workers_awaiting_migration(unit_code: str, on: date) -> QuerySet[Worker]:
    """Workers of the unit with a previous pay, hired by the day, never placed nor migrated."""
    return (
        Worker.objects.filter(
            unit__code__startswith=unit_code,
            previous_monthly_pay__isnull=False,
            migration__isnull=True,
            post_history__isnull=True,
            hire_date__lte=on,
        )
        .exclude(status=WorkerStatus.LEFT)
        .select_related("unit")
        .prefetch_related("credentials")
        .order_by("unit__code", "name", "id")
    )


def migration_plan(*, unit_code: str, on: Any) -> tuple[date, PayTable, list[Placement]]:
    """The migration day, the table in force on it and the placement of every worker awaiting it."""
    on = first_of_month(on, "migrated_on")
    table = pay_table_in_force(on)
    if table is None:
        raise ValidationError({"migrated_on": _("No pay table is in force on %(day)s.") % {"day": on}})
    return (
        on,
        table,
        placements_compute(workers_awaiting_migration(unit_code, on), on=on, terms=PayTableTerms.of(table)),
    )


@transaction.atomic
def migration_apply(*, actor: Actor | None, unit_code: str, migrated_on: Any) -> int:
    """Move the unit's waiting workers onto the pay system on a month's first day; returns how many.
    Each keeps a migration record (pay before, place, pay after) and starts a post history."""
    unit = reachable_unit(actor, unit_code, "unit_code", kinds=MIGRATION_UNIT_KINDS)
    require(actor, Permission.WORKFORCE_PAY_TABLE, unit.code)
    on, table, placements = migration_plan(unit_code=unit.code, on=migrated_on)
    if not placements:
        raise ValidationError(
            {"unit_code": _("No worker of %(unit)s is waiting for the migration.") % {"unit": unit.name}}
        )
    # Lock the files being placed: a second migration of the same workers waits, then finds none.
    locked = set(
        Worker.objects.select_for_update(of=("self",))
        .filter(pk__in=[p.worker.pk for p in placements], post_history__isnull=True)
        .values_list("pk", flat=True)
    )
    placements = [placement for placement in placements if placement.worker.pk in locked]
    MigrationRecord.objects.bulk_create(
        [
            MigrationRecord(
                worker=p.worker,
                migrated_on=on,
                table=table,
                unit=p.worker.unit,
                post_category=p.worker.post_category,
                level=p.level,
                years_of_service=p.pay.years_of_service,
                pay_before=p.worker.previous_monthly_pay,
                pay_after=p.pay.total,
            )
            for p in placements
        ],
        batch_size=500,
    )
    PostHistory.objects.bulk_create(
        [
            PostHistory(
                worker=p.worker,
                unit=p.worker.unit,
                post_category=p.worker.post_category,
                level=p.level,
                starts_on=on,
                reason=PostChangeReason.MIGRATION,
                basis=_("Pay migration: %(years)d years of service%(credential)s.")
                % {
                    "years": p.pay.years_of_service,
                    "credential": f", {p.pay.credential_kind}" if p.pay.credential_kind else "",
                },
            )
            for p in placements
        ],
        batch_size=500,
    )
    # One update per level: five statements rather than a CASE over every worker.
    for level in {placement.level for placement in placements}:
        Worker.objects.filter(pk__in=[p.worker.pk for p in placements if p.level == level]).update(
            level=level
        )
    event_record(
        actor=actor,
        action="workforce.migration.apply",
        target=table,
        unit_code=unit.code,
        after={
            "unit": unit.code,
            "migrated_on": on,
            "workers": len(placements),
            "worker_ids": [p.worker.pk for p in placements],
        },
    )
    return len(placements)
