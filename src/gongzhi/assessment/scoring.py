"""The arithmetic of the assessment, free of the database so that it can be checked by hand.

- An indicator's value is a percentage (rates) or a count (overdue orders).
- A rule scores the value 0–100: linear between the value that scores 0 and the value that scores 100
  (clamped), or thresholds: the best score among the bounds the value reaches (at least the bound
  where higher is better, at most where lower is better; none reached scores 0).
- A part's score is the weighted mean of its items' scores, over the items that apply: an indicator
  without a value (no order dispatched, none rated) or an item a street did not score leaves its
  weight out rather than counting as 0.
- The streets' part of a department is the mean over the streets that scored it of each street's
  weighted mean.
- The total is (100 − share) % of the automatic part plus share % of the streets' part; with one part
  missing, the other alone.
- Ranks: highest total first, equal totals share a rank (1, 2, 2, 4), no total no rank.
Scores are kept to two decimals, rounded half up."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from gongzhi.assessment.models.reviews import Grade

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def rounded(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def percentage(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    return rounded(Decimal(numerator) * HUNDRED / Decimal(denominator))


def linear_score(value: Decimal, *, zero_at: Decimal, full_at: Decimal) -> Decimal:
    """0 at ``zero_at``, 100 at ``full_at`` (either may be the larger), a straight line between."""
    fraction = (value - zero_at) / (full_at - zero_at)
    return rounded(HUNDRED * min(max(fraction, Decimal(0)), Decimal(1)))


def threshold_score(value: Decimal, *, steps: Iterable[Sequence], lower_is_better: bool) -> Decimal:
    reached = [Decimal(str(score)) for bound, score in steps
               if (value <= Decimal(str(bound)) if lower_is_better else value >= Decimal(str(bound)))]
    return rounded(max(reached, default=Decimal(0)))


@dataclass(frozen=True)
class Weighted:
    weight: Decimal
    score: Decimal | None  # 0–100; None: does not apply


def weighted_mean(items: Iterable[Weighted]) -> Decimal | None:
    applying = [item for item in items if item.score is not None]
    total_weight = sum((item.weight for item in applying), Decimal(0))
    if not total_weight:
        return None
    return rounded(sum((item.weight * item.score for item in applying), Decimal(0)) / total_weight)


def mean(values: Iterable[Decimal | None]) -> Decimal | None:
    present = [value for value in values if value is not None]
    if not present:
        return None
    return rounded(sum(present, Decimal(0)) / len(present))


def part_factors(*, automatic: Decimal | None, streets: Decimal | None,
                 street_share: Decimal) -> tuple[Decimal, Decimal]:
    """What each part counts for in the total (fractions adding up to 1, or 0 where a part is missing)."""
    if automatic is None and streets is None:
        return Decimal(0), Decimal(0)
    if streets is None:
        return Decimal(1), Decimal(0)
    if automatic is None:
        return Decimal(0), Decimal(1)
    share = street_share / HUNDRED
    return 1 - share, share


def total_score(*, automatic: Decimal | None, streets: Decimal | None,
                street_share: Decimal) -> Decimal | None:
    if automatic is None and streets is None:
        return None
    automatic_factor, street_factor = part_factors(automatic=automatic, streets=streets,
                                                   street_share=street_share)
    return rounded(automatic_factor * (automatic or 0) + street_factor * (streets or 0))


def ranks(totals: dict[str, Decimal | None]) -> dict[str, int | None]:
    """Competition ranking of the keys by total, highest first."""
    ordered = sorted((total for total in totals.values() if total is not None), reverse=True)
    first_place = {}
    for place, total in enumerate(ordered, start=1):
        first_place.setdefault(total, place)
    return {key: (first_place[total] if total is not None else None) for key, total in totals.items()}


def grade_of(score: Decimal | None, *, excellent_from: Decimal, good_from: Decimal,
             average_from: Decimal) -> str:
    if score is None:
        return ""
    if score >= excellent_from:
        return Grade.EXCELLENT
    if score >= good_from:
        return Grade.GOOD
    if score >= average_from:
        return Grade.AVERAGE
    return Grade.POOR
