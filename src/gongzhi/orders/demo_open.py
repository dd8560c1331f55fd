"""Open orders for the demo, in every state of the loop, entered by the demo users themselves in
the last working days, so that every demo login finds work in its queue and its inbox."""
from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.utils import timezone

from gongzhi.common.access.actor import Actor, actor_for
from gongzhi.common.calendar import working_time_between
from gongzhi.org.models import Compound, Membership, User
from gongzhi.orders import services
from gongzhi.orders.demo_history import HistoryWriter, Place
from gongzhi.orders.models import Category, WorkOrder

# Working hours of history the open orders are spread over, ending now.
OPEN_WINDOW_WORKING_HOURS = 48


def _actor(username: str) -> Actor | None:
    user = User.objects.filter(username=username).first()
    return actor_for(user) if user else None


def _window_start(now: datetime) -> datetime:
    """Far enough back that OPEN_WINDOW_WORKING_HOURS of working time lie between it and now."""
    start = now - timedelta(days=7)
    while working_time_between(start=start, end=now).total_seconds() < OPEN_WINDOW_WORKING_HOURS * 3600:
        start -= timedelta(days=1)
    return start


def _places_in(unit_code: str) -> list[Place]:
    return [Place(c, c.community.code[:9]) for c in
            Compound.objects.select_related("community", "grid").filter(grid__code__startswith=unit_code)]


def open_orders_write() -> int:
    generator = random.Random("gongzhi-demo-open-orders")
    writer = HistoryWriter(generator)
    now = timezone.now()
    clock = _window_start(now)

    def tick(low: float = 0.5, high: float = 2.0) -> datetime:
        nonlocal clock
        clock = writer.later(clock, low, high)
        return min(clock, now - timedelta(minutes=5))

    grid_worker = _actor("grid.worker")
    street = _actor("street.jianguolu")
    street_b = _actor("street.beijingnanlu")
    housing = _actor("dept.housing")
    urban = _actor("dept.urban")
    community = _actor("community.worker")
    city = _actor("city.admin")
    if not all([grid_worker, street, street_b, housing, urban, community, city]):
        return 0
    grid_places = _places_in(grid_worker.membership.unit.code)
    community_places = _places_in(community.membership.unit.code)
    street_places = _places_in(street.membership.unit.code)
    street_b_places = _places_in(street_b.membership.unit.code)
    housing_categories = list(Category.objects.filter(default_department__code="HOUSING", order_class="routine"))
    urban_categories = list(Category.objects.filter(default_department__code="URBAN", order_class="routine"))
    emergency = Category.objects.filter(default_department__code="HOUSING", order_class="emergency").first()
    created: list[WorkOrder] = []

    def report(actor, places, categories, **kwargs) -> WorkOrder:
        order = writer.report(tick(), actor=actor, place=generator.choice(places),
                              category=kwargs.pop("category", None) or generator.choice(categories))
        created.append(order)
        return order

    def dispatch(actor, order, code) -> WorkOrder:
        return services.order_dispatch(actor=actor, order=order, lead_department_code=code, now=tick(0.1, 0.5))

    # Emergencies dispatched earliest: by now one is past its natural-time deadline (overdue).
    order = dispatch(street, report(grid_worker, grid_places, [], category=emergency), "HOUSING")
    services.order_accept(actor=housing, order=order, now=tick(0.1, 0.3))
    # Waiting for the city: returned twice by the urban department.
    order = report(grid_worker, grid_places, housing_categories)
    for _attempt in range(2):
        order = dispatch(street, order, "URBAN")
        order = services.order_return(actor=urban, order=order, reason="属于住建部门职责，请重新派单", now=tick(0.2, 1))
    # In progress at housing, one with an extension request waiting for the street.
    for index in range(3):
        order = dispatch(street, report(grid_worker, grid_places, housing_categories), "HOUSING")
        order = services.order_accept(actor=housing, order=order, now=tick(0.1, 0.5))
        if index == 0:
            services.order_extension_request(actor=housing, order=order, working_days=3,
                                             reason="需等待维修材料到货", now=tick(0.2, 1))
    for _index in range(2):
        order = dispatch(street, report(community, community_places, urban_categories), "URBAN")
        services.order_accept(actor=urban, order=order, now=tick(0.1, 0.5))
    # Handled by housing, waiting for the community and the street to verify.
    for _index in range(2):
        order = dispatch(street, report(community, community_places, housing_categories), "HOUSING")
        order = services.order_accept(actor=housing, order=order, now=tick(0.1, 0.5))
        services.order_complete(actor=housing, order=order, result="已安排维修人员处理完毕。", now=tick(0.5, 2))
    # Closed but rated unsatisfied: the street may reopen it.
    order = dispatch(street, report(grid_worker, grid_places, urban_categories), "URBAN")
    order = services.order_accept(actor=urban, order=order, now=tick(0.1, 0.5))
    order = services.order_complete(actor=urban, order=order, result="已清理。", now=tick(0.5, 2))
    order = services.order_verify(actor=street, order=order, now=tick(0.2, 1))
    services.order_rate(actor=community, order=order, satisfaction="unsatisfied", comment="清理不彻底", now=tick(0.2, 1))
    # Dispatched, waiting for the departments to accept.
    for code, categories in (("HOUSING", housing_categories), ("HOUSING", housing_categories),
                             ("URBAN", urban_categories), ("URBAN", urban_categories)):
        dispatch(street, report(grid_worker, grid_places, categories), code)
    dispatch(street_b, report(street_b, street_b_places, housing_categories), "HOUSING")
    order = dispatch(street_b, report(street_b, street_b_places, urban_categories), "URBAN")
    order = services.order_accept(actor=urban, order=order, now=tick(0.1, 0.5))
    services.order_complete(actor=urban, order=order, result="已处理完毕。", now=tick(0.5, 2))
    # Newly reported, waiting for the streets to dispatch.
    for _index in range(3):
        report(grid_worker, grid_places, housing_categories + urban_categories)
    for _index in range(2):
        report(street, street_places, housing_categories + urban_categories)
    for _index in range(3):
        report(street_b, street_b_places, housing_categories + urban_categories)
    # A hotline call with only an address outside any known place: the city's triage queue.
    created.append(services.order_report(
        actor=city, title="市民来电反映路灯不亮", description="市民来电反映某路段路灯连续多日不亮，夜间出行不便。",
        category_code=generator.choice(housing_categories).code, channel="hotline", address="昌吉市郊区某路段",
        reporter_name="李女士", reporter_phone="13899912345", now=tick(0.1, 0.5)))
    services.orders_overdue_sweep(now=now)
    services.orders_reminder_sweep(now=now)
    return len(created)
