"""The demo's order history: a year of orders, each lived through the services at its own time
(reported, dispatched, sometimes returned, accepted, extended, completed, reworked, verified,
rated). Deterministic: the same year gives the same history."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from gongzhi.common.access.actor import Actor
from gongzhi.common.calendar import is_working_day, working_time_add
from gongzhi.common.notifications import notifications_paused
from gongzhi.org.models import Compound, Department
from gongzhi.orders import services
from gongzhi.orders.demo_texts import PROBLEM_TEXTS
from gongzhi.orders.models import Category, WorkOrder


@dataclass
class Place:
    compound: Compound
    street_code: str


class HistoryWriter:
    """Writes one order's life through the services, moving a clock forward in working time."""

    def __init__(self, generator: random.Random):
        self.random = generator
        self.categories = list(Category.objects.filter(parent__isnull=False, default_department__isnull=False)
                               .select_related("default_department"))
        self.departments = list(Department.objects.all())
        self.places = [Place(c, c.community.code[:9]) for c in
                       Compound.objects.select_related("community", "grid").filter(grid__isnull=False)]
        # Larger compounds report more problems.
        self.place_weights = [max(1, p.compound.households) for p in self.places]

    def later(self, at: datetime, low: float, high: float) -> datetime:
        return working_time_add(start=at, hours=Decimal(str(round(self.random.uniform(low, high), 2))))

    def text(self, category: Category, place: Place) -> tuple[str, str]:
        titles, descriptions, details = PROBLEM_TEXTS[category.code[:2]]
        name = place.compound.name if self.random.random() < 0.7 else place.compound.address or place.compound.name
        title = self.random.choice(titles).format(place=name, name=category.name)
        description = self.random.choice(descriptions).format(place=name, detail=self.random.choice(details))
        return title[:120], description

    def report(self, at: datetime, *, category: Category | None = None, actor: Actor | None = None,
               place: Place | None = None) -> WorkOrder:
        category = category or self.random.choice(self.categories)
        place = place or self.random.choices(self.places, weights=self.place_weights)[0]
        title, description = self.text(category, place)
        channel = self.random.choices(["grid_patrol", "hotline", "community"], weights=[6, 3, 1])[0]
        phone = f"13{self.random.randint(100000000, 999999999)}" if channel == "hotline" else ""
        point = place.compound
        return services.order_report(
            actor=actor, title=title, description=description, category_code=category.code,
            channel=channel, compound_code=point.code,
            latitude=point.latitude, longitude=point.longitude, address=point.address,
            reporter_phone=phone, reporter_name="王先生" if phone else "", now=at)

    def dispatch(self, order: WorkOrder, at: datetime, department: Department | None = None) -> WorkOrder:
        department = department or order.category.default_department
        return services.order_dispatch(actor=None, order=order, lead_department_code=department.code, now=at)

    def finish(self, order: WorkOrder, at: datetime, *, complete: bool, late: bool, rework: bool,
               extension: bool, rate: bool) -> WorkOrder:
        # Most departments take the order well within the limit; some are late.
        if self.random.random() < 0.92:
            at = at + (order.accept_by - at) * self.random.uniform(0.05, 0.9)
        else:
            at = order.accept_by + timedelta(minutes=self.random.uniform(10, 300))
        order = services.order_accept(actor=None, order=order, now=at)
        if extension:
            at = self.later(at, 4, 16)
            services.order_extension_request(actor=None, order=order, working_days=self.random.randint(2, 5),
                                             reason="需协调相关单位，申请延期", now=at)
            at = self.later(at, 0.5, 4)
            if self.random.random() < 0.8:
                order = services.order_extension_approve(actor=None, order=order, now=at)
            else:
                order = services.order_extension_deny(actor=None, order=order, comment="可在期限内完成", now=at)
        if not complete:
            return order
        allowed = max(order.complete_by - at, timedelta(hours=1))
        if late:
            finish_at = order.complete_by + timedelta(hours=self.random.uniform(2, 60))
            services.orders_overdue_sweep(now=order.complete_by + timedelta(minutes=1))
        else:
            finish_at = at + allowed * self.random.uniform(0.1, 0.95)
        order = services.order_complete(actor=None, order=WorkOrder.objects.get(pk=order.pk),
                                        result="已到现场核实并处理完毕。", now=finish_at)
        at = finish_at
        if rework:
            at = self.later(at, 1, 8)
            order = services.order_rework(actor=None, order=order, reason="现场核查问题未彻底解决", now=at)
            at = self.later(at, 2, 12)
            order = services.order_complete(actor=None, order=order, result="已再次处理，问题解决。", now=at)
        at = self.later(at, 0.5, 8)
        order = services.order_verify(actor=None, order=order, comment="现场核实已解决", now=at)
        if rate:
            at = self.later(at, 0.5, 16)
            satisfaction = self.random.choices(["satisfied", "basic", "unsatisfied"], weights=[80, 14, 6])[0]
            order = services.order_rate(actor=None, order=order, satisfaction=satisfaction, now=at)
        return order


def _working_instants(year: int, count: int, generator: random.Random, last_day: date | None = None) -> list[datetime]:
    zone = timezone.get_current_timezone()
    last_day = last_day or date(year, 12, 28)
    days = [date(year, 1, 1) + timedelta(days=n) for n in range((last_day - date(year, 1, 1)).days + 1)]
    days = [d for d in days if is_working_day(d)]
    instants = []
    for _ in range(count):
        day = generator.choice(days)
        minute = generator.choice([*range(10 * 60, 13 * 60 + 40), *range(15 * 60 + 30, 19 * 60)])
        instants.append(datetime.combine(day, time(minute // 60, minute % 60), tzinfo=zone))
    return sorted(instants)


def history_write(*, year: int, dispatched: int, completed: int, handled_locally: int, rejected: int,
                  last_day: date | None = None) -> int:
    """A year's worth of orders, each lived through the services at its own time."""
    generator = random.Random(f"gongzhi-demo-orders-{year}")
    writer = HistoryWriter(generator)
    total = dispatched + handled_locally + rejected
    fates = ["dispatch"] * dispatched + ["local"] * handled_locally + ["reject"] * rejected
    generator.shuffle(fates)
    unfinished = set(generator.sample([i for i, f in enumerate(fates) if f == "dispatch"], dispatched - completed))
    key_cases = [c for c in writer.categories if c.order_class == "key"]
    with notifications_paused():
        for index, (fate, reported_at) in enumerate(zip(fates, _working_instants(year, total, generator,
                                                                                  last_day=last_day))):
            category = generator.choice(key_cases) if index in unfinished else None
            order = writer.report(reported_at, category=category)
            at = writer.later(reported_at, 0.1, 2.0)
            if fate == "local":
                services.order_handle_locally(actor=None, order=order, result="社区网格员现场协调解决。", now=at)
                services.order_verify(actor=None, order=order, now=writer.later(at, 0.5, 4))
                continue
            if fate == "reject":
                services.order_reject(actor=None, order=order,
                                      reason=generator.choice(["out_of_scope", "not_a_problem"]),
                                      comment="经核实不属于受理范围", now=at)
                continue
            if generator.random() < 0.03:
                wrong = generator.choice([d for d in writer.departments if d != order.category.default_department])
                order = writer.dispatch(order, at, wrong)
                at = writer.later(at, 0.5, 4)
                order = services.order_return(actor=None, order=order, reason="不属于本部门职责，请重新派单", now=at)
                at = writer.later(at, 0.2, 2)
            order = writer.dispatch(order, at)
            writer.finish(order, at, complete=index not in unfinished, late=generator.random() < 0.05,
                          rework=generator.random() < 0.025, extension=generator.random() < 0.04,
                          rate=generator.random() < 0.85)
    return total


