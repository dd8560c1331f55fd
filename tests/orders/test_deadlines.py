"""Deadlines in working time, the overdue sweep and the reminders."""
from __future__ import annotations

import threading

import pytest
from django.db import connection

from gongzhi.common.models import DomainEvent, Notification
from gongzhi.orders import services
from gongzhi.orders.models import WorkOrder
from tests.orders.conftest import local


def test_order_dispatched_the_working_day_before_national_day_is_due_after_the_holiday(orders, small_city):
    # 2025-09-30 (Tuesday) is the last working day before National Day (1–8 October 2025); 11 October
    # (Saturday) is an adjusted working day. Category 0301 allows 3 working days:
    # day 1 = 9 Oct (Thu), day 2 = 10 Oct (Fri), day 3 = 11 Oct (Sat, adjusted) → due 11 Oct 19:30.
    order = orders.reported()
    order = services.order_dispatch(actor=small_city.actor("street_a_dispatcher"), order=order,
                                    lead_department_code="HOUSING", now=local(2025, 9, 30, 15, 0))
    assert order.complete_by == local(2025, 10, 11, 19, 30)
    # Accept within 2 working hours: 15:30 of the 30th is after 15:00 by half an hour of working time
    # (14:00–15:30 is the lunch break), so 2 hours end at 17:30.
    assert order.accept_by == local(2025, 9, 30, 17, 30)


def test_emergency_orders_count_natural_time(orders, small_city):
    order = orders.reported(category_code="0402")  # 自来水管破裂: emergency, 1 day
    order = services.order_dispatch(actor=small_city.actor("street_a_dispatcher"), order=order,
                                    lead_department_code="HOUSING", now=local(2025, 10, 1, 22, 0))
    assert order.complete_by == local(2025, 10, 2, 22, 0)


def test_overdue_sweep_escalates_each_order_once(orders, small_city):
    order = orders.reported()
    services.order_dispatch(actor=small_city.actor("street_a_dispatcher"), order=order,
                            lead_department_code="HOUSING", now=local(2025, 9, 30, 15, 0))
    late = local(2025, 10, 13, 9, 0)
    assert services.orders_overdue_sweep(now=late) == 1
    assert services.orders_overdue_sweep(now=late) == 0
    order.refresh_from_db()
    assert order.overdue_since == late and order.escalated_at == late
    assert DomainEvent.objects.filter(action="order.overdue", object_id=str(order.pk)).count() == 1


def test_sweep_leaves_orders_on_time_alone(orders, small_city):
    order = orders.dispatched()
    assert services.orders_overdue_sweep() == 0
    order.refresh_from_db()
    assert order.overdue_since is None


def test_reminder_at_three_quarters_of_the_time(orders, small_city, django_capture_on_commit_callbacks):
    order = orders.reported()
    with django_capture_on_commit_callbacks(execute=True):
        order = services.order_dispatch(actor=small_city.actor("street_a_dispatcher"), order=order,
                                        lead_department_code="HOUSING", now=local(2025, 9, 30, 15, 0))
    assert order.complete_by > order.remind_at > order.dispatched_at
    assert services.orders_reminder_sweep(now=local(2025, 10, 9, 10, 0)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.orders_reminder_sweep(now=order.remind_at) == 1
    assert services.orders_reminder_sweep(now=order.remind_at) == 0
    handler = small_city.users["housing_handler"]
    assert Notification.objects.filter(recipient=handler, title__contains=order.number).count() == 2


def test_approved_extension_moves_the_deadline_and_clears_overdue(orders, small_city):
    order = orders.reported()
    order = services.order_dispatch(actor=small_city.actor("street_a_dispatcher"), order=order,
                                    lead_department_code="HOUSING", now=local(2025, 9, 30, 15, 0))
    services.order_accept(actor=small_city.actor("housing_handler"), order=order, now=local(2025, 9, 30, 16, 0))
    services.orders_overdue_sweep(now=local(2025, 10, 13, 9, 0))
    services.order_extension_request(actor=small_city.actor("housing_handler"), order=order, working_days=5,
                                     reason="等待材料", now=local(2025, 10, 13, 10, 0))
    order = services.order_extension_approve(actor=small_city.actor("street_a_dispatcher"), order=order,
                                             now=local(2025, 10, 13, 11, 0))
    # 11 Oct 19:30 + 5 working days (13, 14, 15, 16, 17 Oct) → 17 Oct 19:30.
    assert order.complete_by == local(2025, 10, 17, 19, 30)
    assert order.overdue_since is None and order.extension_count == 1


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_escalate_once(small_city):
    """Two sweeps on two connections at the same moment: the order is escalated exactly once."""
    from gongzhi.orders.catalogue import catalogue_seed
    from tests.orders.conftest import OrderBuilder

    catalogue_seed()
    builder = OrderBuilder(small_city)
    created = [builder.reported() for _ in range(3)]
    for order in created:
        services.order_dispatch(actor=small_city.actor("street_a_dispatcher"), order=order,
                                lead_department_code="HOUSING", now=local(2025, 9, 30, 15, 0))
    late = local(2025, 10, 13, 9, 0)
    results, errors = [], []
    barrier = threading.Barrier(2)

    def sweep():
        try:
            barrier.wait()
            results.append(services.orders_overdue_sweep(now=late))
        except Exception as error:  # surfaced below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sum(results) == 3
    assert DomainEvent.objects.filter(action="order.overdue").count() == 3
    assert WorkOrder.objects.filter(overdue_since=late).count() == 3


@pytest.mark.parametrize("address, problem", [("路口\x00旁", "control"), ("长" * 201, "200")])
def test_report_refuses_a_bad_address_and_writes_nothing(orders, small_city, address, problem):
    from django.core.exceptions import ValidationError

    before = (WorkOrder.objects.count(), DomainEvent.objects.count())
    with pytest.raises(ValidationError) as refused:
        orders.reported(address=address)
    assert "address" in refused.value.message_dict
    assert (WorkOrder.objects.count(), DomainEvent.objects.count()) == before
