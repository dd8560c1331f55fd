"""The loop's indicators as aggregate expressions over order rows, defined once: the statistics
count them over the orders an actor sees, and the pre-aggregated daily figures (orders/rollups.py)
count them per day of dispatch with the very same expressions, so the two cannot disagree."""
from __future__ import annotations

from django.db.models import Count, F, Q

from gongzhi.orders.models import Satisfaction

COUNTS = ["dispatched", "accepted_on_time", "completed", "completed_on_time", "returned", "reworked",
          "overdue", "rated", "satisfied"]
SATISFIED = (Satisfaction.SATISFIED, Satisfaction.BASIC)


def indicator_counts() -> dict[str, Count]:
    """One ``Count`` per indicator, over orders already limited to those dispatched in a period."""
    completed = Q(completed_at__isnull=False)
    return dict(
        dispatched=Count("id"),
        accepted_on_time=Count("id", filter=Q(accepted_at__isnull=False, accepted_at__lte=F("accept_by"))),
        completed=Count("id", filter=completed),
        completed_on_time=Count("id", filter=completed & Q(completed_at__lte=F("complete_by"))),
        returned=Count("id", filter=Q(return_count__gt=0)),
        reworked=Count("id", filter=Q(rework_count__gt=0)),
        overdue=Count("id", filter=Q(overdue_since__isnull=False)),
        rated=Count("id", filter=~Q(satisfaction="")),
        satisfied=Count("id", filter=Q(satisfaction__in=SATISFIED)),
    )
