"""The automatic indicators' values from a department's work-order figures in the period.

Rates are percentages of the orders the department led (dispatched in the period), except:
- the return rate counts the dispatches that reached the department, kept or returned:
  returned ÷ (dispatched + returned), since an order it returned is no longer its own;
- the satisfaction rate is of the orders rated (satisfied or basically satisfied ÷ rated).
No order to count (a zero denominator) gives no value: the indicator does not apply. A department
that received no order at all has no automatic part (not even "nothing overdue"): only the streets
score it."""
from __future__ import annotations

from decimal import Decimal

from gongzhi.assessment.models import Metric
from gongzhi.assessment.scoring import percentage

COUNT_NAMES = ("dispatched", "accepted_on_time", "completed", "completed_on_time", "returned", "reworked",
               "overdue", "rated", "satisfied")


def metric_values(figures: dict[str, int]) -> dict[str, Decimal | None]:
    count = {name: int(figures.get(name) or 0) for name in COUNT_NAMES}
    dispatched = count["dispatched"]
    if not dispatched and not count["returned"]:
        return {metric: None for metric in Metric.values}
    return {
        Metric.ON_TIME_ACCEPTANCE_RATE: percentage(count["accepted_on_time"], dispatched),
        Metric.COMPLETION_RATE: percentage(count["completed"], dispatched),
        Metric.ON_TIME_COMPLETION_RATE: percentage(count["completed_on_time"], dispatched),
        Metric.RETURN_RATE: percentage(count["returned"], dispatched + count["returned"]),
        Metric.REWORK_RATE: percentage(count["reworked"], dispatched),
        Metric.SATISFACTION_RATE: percentage(count["satisfied"], count["rated"]),
        Metric.OVERDUE_COUNT: Decimal(count["overdue"]),
    }


def figures_of(group: dict | None) -> dict[str, int]:
    """Only the counts of a statistics group (none for a department without orders)."""
    return {name: int((group or {}).get(name) or 0) for name in COUNT_NAMES}
