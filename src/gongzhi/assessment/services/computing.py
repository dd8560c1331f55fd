"""Computing a period's results: the automatic indicators from the work orders (read through the
orders module's selector), then every department's parts, total and rank. Called by the actions
that change a figure, inside their transaction; never on a locked period."""
from __future__ import annotations

from collections import defaultdict

from django.db.models import Q
from django.utils import timezone

from gongzhi.assessment.breakdown import breakdown_of, indicator_score
from gongzhi.assessment.metrics import figures_of, metric_values
from gongzhi.assessment.models import DepartmentResult, IndicatorResult, ManualScore, Period
from gongzhi.assessment.scoring import ranks
from gongzhi.org.models import Department
from gongzhi.orders.department_figures import department_indicators


def indicators_compute(period: Period) -> None:
    """Every department's work-order figures of the period and the indicators' values and scores.
    Scores the city adjusted after an appeal keep their adjustment."""
    figures = department_indicators(start=period.starts_on, end=period.ends_on)
    departments = list(Department.objects.filter(Q(is_active=True) | Q(code__in=figures)
                                                 | Q(pk__in=period.results.values("department_id"))))
    results = {result.department_id: result for result in period.results.all()}
    for department in departments:
        if department.pk not in results:
            results[department.pk] = DepartmentResult(period=period, department=department)
        results[department.pk].figures = figures_of(figures.get(department.code))
    DepartmentResult.objects.bulk_create([result for result in results.values() if result.pk is None])
    DepartmentResult.objects.bulk_update([result for result in results.values() if result.pk], ["figures"])

    indicators = list(period.indicators.all())
    existing = {(row.indicator_id, row.department_id): row for row in period.indicator_results.all()}
    created, changed = [], []
    for department in departments:
        values = metric_values(results[department.pk].figures)
        for indicator in indicators:
            value = values[indicator.metric]
            row = existing.get((indicator.pk, department.pk))
            if row is None:
                created.append(IndicatorResult(period=period, indicator=indicator, department=department,
                                               value=value, computed_score=indicator_score(indicator, value)))
            else:
                row.value, row.computed_score = value, indicator_score(indicator, value)
                changed.append(row)
    IndicatorResult.objects.bulk_create(created)
    IndicatorResult.objects.bulk_update(changed, ["value", "computed_score"])
    period.computed_at = timezone.now()
    period.save(update_fields=["computed_at"])
    totals_refresh(period)


def totals_refresh(period: Period) -> None:
    """Every department's automatic part, streets' part, total and rank from the stored figures."""
    indicators = list(period.indicators.all())
    items = list(period.manual_items.all())
    indicator_results = defaultdict(list)
    for row in period.indicator_results.all():
        indicator_results[row.department_id].append(row)
    scores = defaultdict(list)
    for score in ManualScore.objects.filter(period=period).select_related("street"):
        scores[score.department_id].append(score)
    scored_only = set(scores) - set(period.results.values_list("department_id", flat=True))
    DepartmentResult.objects.bulk_create([DepartmentResult(period=period, department_id=department_id)
                                          for department_id in scored_only])
    results = list(period.results.select_related("department"))
    for result in results:
        breakdown = breakdown_of(period=period, indicators=indicators, items=items,
                                 indicator_results=indicator_results[result.department_id],
                                 scores=scores[result.department_id])
        result.automatic_score, result.street_score = breakdown.automatic, breakdown.street_score
        result.total = breakdown.total
    places = ranks({result.department_id: result.total for result in results})
    for result in results:
        result.rank = places[result.department_id]
    DepartmentResult.objects.bulk_update(results, ["automatic_score", "street_score", "total", "rank"])
