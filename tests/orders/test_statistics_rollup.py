"""The pre-aggregated daily figures stay exact: after orders have lived through every action that
changes an indicator (returns, arbitration, extensions, the overdue sweep, rework, reopening,
ratings), the figures the services kept equal the ones counted again from the orders, and the
city-wide statistics read from them equal the statistics counted live."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from gongzhi.orders import services
from gongzhi.orders.models import OrderRollup, WorkOrder
from gongzhi.orders.rollups import rollups_rebuild
from gongzhi.orders.statistics import GROUPS, _counted, order_statistics, period_bounds
from tests.orders.conftest import OrderBuilder, local

FIGURE_FIELDS = ["day", "dimension", "key", "dispatched", "accepted_on_time", "completed",
                 "completed_on_time", "returned", "reworked", "overdue", "rated", "satisfied", "returned_by"]


def figures() -> set[tuple]:
    """The non-empty cells (a cell an order left keeps its row, with zeros)."""
    return {row for row in OrderRollup.objects.values_list(*FIGURE_FIELDS) if any(row[3:])}


@pytest.fixture
def lived(small_city, catalogue):
    builder = OrderBuilder(small_city)

    def reported(day: int, **place):
        return services.order_report(actor=None, title="施工扰民", description="夜间施工噪音", category_code="0301",
                                     channel="hotline", now=local(2025, 3, day, 9),
                                     **(place or {"grid_code": small_city.grid_a1.code}))

    def dispatch(order, department: str, day: int, hour: int = 10):
        return services.order_dispatch(actor=None, order=WorkOrder.objects.get(pk=order.pk),
                                       lead_department_code=department, now=local(2025, 3, day, hour))

    # Closed on time and rated satisfied.
    done = dispatch(reported(3), "HOUSING", 3)
    services.order_accept(actor=None, order=done, now=local(2025, 3, 3, 11))
    services.order_complete(actor=None, order=done, result="已停工", now=local(2025, 3, 4, 11))
    services.order_verify(actor=None, order=done, now=local(2025, 3, 4, 12))
    services.order_rate(actor=None, order=done, satisfaction="satisfied", now=local(2025, 3, 4, 13))
    # Returned by urban management twice: the city arbitrates; then overdue, extended, completed.
    disputed = dispatch(reported(3, grid_code=small_city.grid_b1.code), "URBAN", 3)
    services.order_return(actor=None, order=disputed, reason="非本部门职责", now=local(2025, 3, 3, 11))
    disputed = dispatch(disputed, "URBAN", 4)
    services.order_return(actor=None, order=disputed, reason="仍非本部门", now=local(2025, 3, 4, 11))
    services.order_arbitrate(actor=None, order=WorkOrder.objects.get(pk=disputed.pk),
                             lead_department_code="HOUSING", comment="由住建局办理", now=local(2025, 3, 5, 10))
    services.order_accept(actor=None, order=disputed, now=local(2025, 3, 5, 16))
    assert services.orders_overdue_sweep(now=local(2025, 3, 20, 10)) == 1
    services.order_extension_request(actor=None, order=disputed, working_days=5, reason="待材料",
                                     now=local(2025, 3, 20, 11))
    services.order_extension_approve(actor=None, order=disputed, now=local(2025, 3, 20, 12))
    services.order_complete(actor=None, order=disputed, result="已处理", now=local(2025, 3, 21, 11))
    # Reworked, then rated unsatisfied and reopened.
    reopened = dispatch(reported(10), "URBAN", 10)
    services.order_accept(actor=None, order=reopened, now=local(2025, 3, 10, 11))
    services.order_complete(actor=None, order=reopened, result="已处理", now=local(2025, 3, 11, 11))
    services.order_rework(actor=None, order=reopened, reason="仍有噪音", now=local(2025, 3, 11, 12))
    services.order_complete(actor=None, order=reopened, result="已停工", now=local(2025, 3, 12, 11))
    services.order_verify(actor=None, order=reopened, now=local(2025, 3, 12, 12))
    services.order_rate(actor=None, order=reopened, satisfaction="unsatisfied", now=local(2025, 3, 12, 13))
    services.order_reopen(actor=None, order=reopened, reason="问题复发", now=local(2025, 3, 13, 10))
    # Handled locally after a return, and a dispatched order left open.
    local_fix = dispatch(reported(17), "URBAN", 17)
    services.order_return(actor=None, order=local_fix, reason="非本部门职责", now=local(2025, 3, 17, 11))
    services.order_handle_locally(actor=None, order=local_fix, result="社区处理", now=local(2025, 3, 17, 15))
    dispatch(reported(31), "HOUSING", 31, hour=23)
    builder.rejected()
    return small_city


def test_figures_kept_by_the_services_equal_the_figures_counted_again(lived):
    kept = figures()
    assert kept
    rollups_rebuild()
    assert figures() == kept


@pytest.mark.parametrize("group_by", list(GROUPS))
def test_city_wide_statistics_from_the_figures_equal_the_live_count(lived, group_by):
    for who in ("city_admin", "city_leader"):
        actor = lived.actor(who)
        start, end = date(2025, 3, 1), date(2025, 3, 31)
        lower, upper = period_bounds(start=start, end=end)
        rows, totals = _counted(actor=actor, group_by=group_by, lower=lower, upper=upper)
        statistics = order_statistics(actor=actor, group_by=group_by, start=start, end=end)
        key = GROUPS[group_by][0]
        live = {(row[key].strftime("%Y-%m") if group_by == "month" else row[key]):
                {name: row[name] for name in totals} for row in rows}
        read = {group["key"]: {name: group[name] for name in totals} for group in statistics["groups"]}
        assert read == live
        assert {name: statistics["totals"][name] for name in totals} == totals
        assert totals["dispatched"] == 5


def test_a_day_is_the_city_calendar_day(lived):
    # Dispatched on 31 March at 23:00 in Changji's clock (15:00 UTC): it counts in March.
    assert order_statistics(actor=lived.actor("city_admin"), group_by="month", start=date(2025, 3, 31),
                            end=date(2025, 3, 31))["totals"]["dispatched"] == 1


def test_a_refused_action_leaves_the_figures_as_they_were(lived):
    before = figures()
    order = WorkOrder.objects.filter(state="in_progress").first()
    with pytest.raises(ValidationError):
        services.order_complete(actor=None, order=order, result="")
    assert figures() == before


def test_the_sweep_counts_each_overdue_order_once_in_every_grouping(lived):
    open_order = WorkOrder.objects.get(dispatched_at=local(2025, 3, 31, 23))
    late = open_order.complete_by + timedelta(hours=1)
    # It and the reopened order, whose deadline passed in March.
    assert services.orders_overdue_sweep(now=late) == 2
    assert services.orders_overdue_sweep(now=late) == 0
    overdue = {dimension: sum(OrderRollup.objects.filter(dimension=dimension, day=date(2025, 3, 31))
                              .values_list("overdue", flat=True))
               for dimension in ("department", "street", "category")}
    assert overdue == {"department": 1, "street": 1, "category": 1}
    kept = figures()
    rollups_rebuild()
    assert figures() == kept
