"""A department's result in a period, item by item: how each automatic indicator and each street's
scores make up the total (assessment/scoring.py has the rules). The services store the totals it
gives; the pages and the API show it, limited to the scores the reader may see."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from gongzhi.assessment.models import (LOWER_IS_BETTER, Indicator, IndicatorResult, ManualItem,
                                       ManualItemKind, ManualScore, Period, RuleKind)
from gongzhi.assessment.scoring import (HUNDRED, Weighted, linear_score, mean, part_factors, rounded,
                                        threshold_score, total_score, weighted_mean)


def indicator_score(indicator: Indicator, value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    if indicator.rule == RuleKind.LINEAR:
        return linear_score(value, zero_at=indicator.zero_at, full_at=indicator.full_at)
    return threshold_score(value, steps=[(step["at"], step["score"]) for step in indicator.steps],
                           lower_is_better=indicator.metric in LOWER_IS_BETTER)


@dataclass
class IndicatorLine:
    indicator: Indicator
    result: IndicatorResult | None
    points: Decimal | None = None  # what it adds to the total

    @property
    def score(self) -> Decimal | None:
        return self.result.effective_score if self.result else None


@dataclass
class ItemLine:
    item: ManualItem
    scores: list[ManualScore]
    score: Decimal | None  # 0–100


@dataclass
class StreetPart:
    street_code: str
    street_name: str
    lines: list[ItemLine]
    score: Decimal | None


@dataclass
class Breakdown:
    indicators: list[IndicatorLine]
    streets: list[StreetPart]
    automatic: Decimal | None
    street_score: Decimal | None
    total: Decimal | None
    automatic_factor: Decimal
    street_factor: Decimal
    street_share: Decimal
    # Streets whose scores the reader may not see: they count in the mean, their lines are not shown.
    hidden_streets: int = 0


def _normalised(score: ManualScore, item: ManualItem) -> Decimal:
    return rounded(score.effective_score * HUNDRED / item.max_score)


def street_parts(items: list[ManualItem], scores: Iterable[ManualScore]) -> list[StreetPart]:
    """Each street that scored the department: its score of each item (0–100) and its weighted mean.
    A posted-staff item scores the mean of the street's scores of the department's staff."""
    by_street: dict[str, list[ManualScore]] = defaultdict(list)
    names = {}
    for score in scores:
        by_street[score.street.code].append(score)
        names[score.street.code] = score.street.name
    parts = []
    for code in sorted(by_street):
        lines = []
        for item in items:
            rows = [score for score in by_street[code] if score.item_id == item.pk]
            if item.kind == ManualItemKind.POSTED_STAFF:
                value = mean(_normalised(row, item) for row in rows if row.staff_id)
            else:
                value = next((_normalised(row, item) for row in rows if not row.staff_id), None)
            lines.append(ItemLine(item=item, scores=rows, score=value))
        street_score = weighted_mean(Weighted(line.item.weight, line.score) for line in lines)
        parts.append(StreetPart(street_code=code, street_name=names[code], lines=lines, score=street_score))
    return parts


def breakdown_of(*, period: Period, indicators: list[Indicator], items: list[ManualItem],
                 indicator_results: Iterable[IndicatorResult], scores: Iterable[ManualScore]) -> Breakdown:
    """The department's breakdown from its indicator results and all the streets' scores of it."""
    results = {result.indicator_id: result for result in indicator_results}
    lines = [IndicatorLine(indicator=indicator, result=results.get(indicator.pk)) for indicator in indicators]
    automatic = weighted_mean(Weighted(line.indicator.weight, line.score) for line in lines)
    parts = [part for part in street_parts(items, scores) if part.score is not None]
    street_score = mean(part.score for part in parts)
    automatic_factor, street_factor = part_factors(automatic=automatic, streets=street_score,
                                                   street_share=period.street_share)
    applying_weight = sum((line.indicator.weight for line in lines if line.score is not None), Decimal(0))
    for line in lines:
        if line.score is not None:
            line.points = rounded(automatic_factor * line.indicator.weight / applying_weight * line.score)
    return Breakdown(indicators=lines, streets=parts, automatic=automatic, street_score=street_score,
                     total=total_score(automatic=automatic, streets=street_score,
                                       street_share=period.street_share),
                     automatic_factor=automatic_factor, street_factor=street_factor,
                     street_share=period.street_share)
