"""Monthly pay under the "three posts, five levels" system, computed from a pay table: no database
access here, so that pay runs, the migration and the tests compute it one way.

A month's pay is due to a worker placed on a post and level by the month's first day; their years
of service, the post and level and the credentials that count are those of that day."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from gongzhi.workforce.models import CREDENTIAL_RANK

CENT = Decimal("0.01")


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month_start(day: date) -> date:
    return date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)


def completed_years(since: date, on: date) -> int:
    """Whole years from ``since`` to ``on``: the anniversary itself completes a year."""
    if on < since:
        return 0
    years = on.year - since.year
    if (on.month, on.day) < (since.month, since.day):
        years -= 1
    return years


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PayTableTerms:
    """What a pay table says, detached from the database row."""

    base_pay: dict[tuple[str, int], Decimal]
    seniority_per_year: Decimal
    seniority_cap_years: int
    performance_share: Decimal
    allowances: dict[str, Decimal]

    @classmethod
    def of(cls, table) -> "PayTableTerms":
        return cls(
            base_pay={(rate.post_category, rate.level): rate.base_pay for rate in table.rates.all()},
            seniority_per_year=table.seniority_per_year,
            seniority_cap_years=table.seniority_cap_years,
            performance_share=table.performance_share,
            allowances={kind: table.allowance_for(kind) for kind in CREDENTIAL_RANK},
        )


@dataclass(frozen=True)
class PayBreakdown:
    post_category: str
    level: int
    years_of_service: int
    credential_kind: str
    base_pay: Decimal
    seniority_pay: Decimal
    credential_allowance: Decimal
    performance_pay: Decimal

    @property
    def total(self) -> Decimal:
        return self.base_pay + self.seniority_pay + self.credential_allowance + self.performance_pay


def highest_credential(credentials: Iterable[tuple[str, date]], on: date) -> str:
    """The highest-ranking credential obtained by ``on`` ("" when none): only one allowance is paid."""
    held = [kind for kind, obtained_on in credentials if obtained_on <= on and kind in CREDENTIAL_RANK]
    return max(held, key=CREDENTIAL_RANK.__getitem__, default="")


def pay_compute(
    *,
    terms: PayTableTerms,
    post_category: str,
    level: int,
    hire_date: date,
    credentials: Iterable[tuple[str, date]],
    on: date,
) -> PayBreakdown:
    years = completed_years(hire_date, on)
    base = terms.base_pay[(post_category, level)]
    credential = highest_credential(credentials, on)
    return PayBreakdown(
        post_category=post_category,
        level=level,
        years_of_service=years,
        credential_kind=credential,
        base_pay=money(base),
        seniority_pay=money(terms.seniority_per_year * min(years, terms.seniority_cap_years)),
        credential_allowance=money(terms.allowances[credential]) if credential else money(Decimal(0)),
        performance_pay=money(base * terms.performance_share),
    )
