"""The workforce's reports, computed from the records in the actor's reach: the staffing ratio, the
pay migration's before and after, training hours short of the yearly requirement, and who is
eligible for promotion."""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, Sum

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.resolver import unit_subtree_filter
from gongzhi.common.access.roles import Permission
from gongzhi.org.models import Unit, UnitKind
from gongzhi.workforce.models import Attendance, PostCategory, WorkerStatus
from gongzhi.workforce.pay import money
from gongzhi.workforce.promotion import PromotionCheck, promotion_check
from gongzhi.workforce.selectors import migration_records_visible_to, workers_visible_to

# "One worker per hundred households" (百户一人).
HOUSEHOLDS_PER_WORKER = 100
DEFAULT_TRAINING_HOURS_PER_YEAR = 40


# -- staffing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommunityStaffing:
    community: Unit
    households: int
    workers: int

    @property
    def households_per_worker(self) -> Decimal | None:
        return money(Decimal(self.households) / self.workers) if self.workers else None

    @property
    def required(self) -> int:
        return math.ceil(self.households / HOUSEHOLDS_PER_WORKER)

    @property
    def missing(self) -> int:
        return max(0, self.required - self.workers)

    @property
    def flagged(self) -> bool:
        """Above the ratio: more than a hundred households per worker."""
        return self.missing > 0


def staffing_rows(actor: Actor) -> list[CommunityStaffing]:
    """Every community in reach with its households and active workers, in code order."""
    if not actor.has_permission(Permission.WORKFORCE_VIEW):
        return []
    communities = Unit.objects.filter(kind=UnitKind.COMMUNITY, is_active=True)
    scope = unit_subtree_filter(actor, code_field="code")
    if scope is not None:
        communities = communities.filter(scope)
    communities = communities.annotate(
        active_workers=Count("workers", filter=Q(workers__status=WorkerStatus.ACTIVE))
    ).order_by("code")
    return [
        CommunityStaffing(community=unit, households=unit.households, workers=unit.active_workers)
        for unit in communities
    ]


# -- the pay migration ------------------------------------------------------------------------


@dataclass(frozen=True)
class PaySummary:
    count: int
    average: Decimal | None
    median: Decimal | None
    minimum: Decimal | None
    maximum: Decimal | None

    @classmethod
    def of(cls, amounts: list[Decimal]) -> "PaySummary":
        if not amounts:
            return cls(0, None, None, None, None)
        return cls(
            len(amounts),
            money(sum(amounts) / len(amounts)),
            money(Decimal(statistics.median(amounts))),
            min(amounts),
            max(amounts),
        )


@dataclass(frozen=True)
class MigrationGroup:
    key: str
    label: str
    before: PaySummary
    after: PaySummary


def _groups(rows: Iterable[tuple[str, str, Decimal, Decimal]]) -> list[MigrationGroup]:
    before: dict[str, list[Decimal]] = defaultdict(list)
    after: dict[str, list[Decimal]] = defaultdict(list)
    labels: dict[str, str] = {}
    for key, label, pay_before, pay_after in rows:
        labels[key] = label
        before[key].append(pay_before)
        after[key].append(pay_after)
    return [
        MigrationGroup(key, labels[key], PaySummary.of(before[key]), PaySummary.of(after[key]))
        for key in labels
    ]


def migration_report(actor: Actor) -> dict:
    """Monthly pay before and after the migration: average, median, minimum and maximum, overall,
    by post category and by community (or street, for a street's own staff)."""
    records = list(
        migration_records_visible_to(actor)
        .order_by("unit__code", "post_category")
        .values_list("unit__code", "unit__name", "post_category", "pay_before", "pay_after")
    )
    post_labels = dict(PostCategory.choices)
    by_post = _groups(
        (post, str(post_labels[post]), before, after) for _c, _n, post, before, after in records
    )
    order = {post: index for index, post in enumerate(PostCategory.values)}
    return {
        "overall": MigrationGroup(
            "", "", PaySummary.of([r[3] for r in records]), PaySummary.of([r[4] for r in records])
        ),
        "by_post": sorted(by_post, key=lambda group: order[group.key]),
        "by_unit": _groups((code, name, before, after) for code, name, _p, before, after in records),
    }


# -- training ---------------------------------------------------------------------------------


def training_hours_required() -> int:
    return int(getattr(settings, "GONGZHI_TRAINING_HOURS_PER_YEAR", DEFAULT_TRAINING_HOURS_PER_YEAR))


@dataclass(frozen=True)
class TrainingShortfall:
    worker: object
    hours: Decimal
    required: Decimal

    @property
    def missing(self) -> Decimal:
        return self.required - self.hours


def required_hours_for(hire_date: date, year: int, yearly: int) -> Decimal:
    """The yearly requirement, prorated by whole months for a worker hired during the year."""
    if hire_date.year < year:
        return Decimal(yearly)
    months = 12 - hire_date.month + (1 if hire_date.day == 1 else 0)
    return (Decimal(yearly) * months / 12).quantize(Decimal("0.1"))


def training_hours_by_worker(worker_ids: Iterable[int], year: int) -> dict[int, Decimal]:
    rows = (
        Attendance.objects.filter(worker_id__in=list(worker_ids), session__held_on__year=year)
        .values("worker_id")
        .annotate(hours=Sum("hours"))
    )
    return {row["worker_id"]: row["hours"] for row in rows}


def training_shortfall(actor: Actor, year: int) -> list[TrainingShortfall]:
    """Active workers in reach (not one's own file alone) short of the year's training hours."""
    if not actor.has_permission(Permission.WORKFORCE_VIEW):
        return []
    workers = list(
        workers_visible_to(actor)
        .filter(status=WorkerStatus.ACTIVE, hire_date__year__lte=year)
        .order_by("unit__code", "name", "id")
    )
    hours = training_hours_by_worker([worker.pk for worker in workers], year)
    yearly = training_hours_required()
    rows = [
        TrainingShortfall(
            worker, hours.get(worker.pk, Decimal(0)), required_hours_for(worker.hire_date, year, yearly)
        )
        for worker in workers
    ]
    return [row for row in rows if row.hours < row.required]


# -- promotion --------------------------------------------------------------------------------


def promotion_checks(actor: Actor, period: int) -> list[PromotionCheck]:
    """The rules applied to every active worker in reach for the period, eligible ones first."""
    if not actor.has_permission(Permission.WORKFORCE_VIEW):
        return []
    workers = (
        workers_visible_to(actor)
        .filter(status=WorkerStatus.ACTIVE, level__isnull=False)
        .prefetch_related("post_history", "assessments", "credentials", "promotions")
        .order_by("unit__code", "name", "id")
    )
    checks = [
        promotion_check(worker, period, promoted_periods=[p.period for p in worker.promotions.all()])
        for worker in workers
    ]
    return sorted(checks, key=lambda check: not check.eligible)
