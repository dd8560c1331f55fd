"""The demo city's work orders, loaded once for this module through ``gongzhi load_demo``: last
year's figures match the source, every demo login has work, and a second load adds nothing."""
from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from gongzhi.common.access.actor import actor_for
from gongzhi.common.models import DomainEvent
from gongzhi.org.models import User
from gongzhi.orders.models import OrderState, WorkOrder
from gongzhi.orders.selectors import orders_visible_to, queue_filter, queues_for


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"], MEDIA_ROOT=media)
    with fast, django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", "--force", stdout=StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo(demo_loaded, db):
    return None


def previous_year() -> int:
    return timezone.localdate().year - 1


def test_last_years_statistics_match_the_source(demo):
    client = APIClient()
    client.force_authenticate(User.objects.get(username="city.admin"))
    year = previous_year()
    response = client.get("/api/v1/stats/work-orders", {"group_by": "department", "from": f"{year}-01-01",
                                                          "to": f"{year}-12-31"})
    assert response.status_code == 200, response.content
    totals = response.json()["totals"]
    assert totals["dispatched"] == 1474
    assert totals["completed"] == 1467
    assert totals["completion_rate"] == 0.995


def test_history_went_through_the_whole_loop(demo):
    year = previous_year()
    history = WorkOrder.objects.filter(reported_at__year=year)
    figures = history.aggregate(
        returned=Count("id", filter=Q(return_count__gt=0)), reworked=Count("id", filter=Q(rework_count__gt=0)),
        extended=Count("id", filter=Q(extension_count__gt=0)), rated=Count("id", filter=~Q(satisfaction="")),
        local=Count("id", filter=Q(state=OrderState.CLOSED, lead_department__isnull=True)),
        rejected=Count("id", filter=Q(state=OrderState.REJECTED)), overdue=Count("id", filter=Q(overdue_since__isnull=False)))
    assert all(value > 0 for value in figures.values()), figures
    # Every order has its report event, and the timeline of a closed one goes report → … → verify.
    reported = DomainEvent.objects.filter(action="order.report", object_type="orders.workorder").count()
    assert reported == WorkOrder.objects.count()
    closed = history.filter(state=OrderState.CLOSED, lead_department__isnull=False).first()
    actions = list(DomainEvent.objects.filter(object_type="orders.workorder", object_id=str(closed.pk))
                   .order_by("occurred_at", "id").values_list("action", flat=True))
    assert actions[0] == "order.report" and "order.dispatch" in actions and "order.accept" in actions
    assert "order.verify" in actions


@pytest.mark.parametrize("username", ["city.admin", "street.jianguolu", "street.beijingnanlu", "community.worker",
                                      "grid.worker", "dept.housing", "dept.urban"])
def test_every_demo_login_has_work_in_its_queues(demo, username):
    actor = actor_for(User.objects.get(username=username))
    visible = orders_visible_to(actor)
    first_queue_with_work = [name for name in queues_for(actor) if visible.filter(queue_filter(name)).exists()]
    assert first_queue_with_work, f"{username} has empty queues"
    # The first queue of each role (what to do next) has work too.
    assert queues_for(actor)[0] in first_queue_with_work or username in ("grid.worker",)


def test_city_has_arbitration_and_triage_work(demo):
    actor = actor_for(User.objects.get(username="city.admin"))
    visible = orders_visible_to(actor)
    assert visible.filter(queue_filter("arbitration")).count() >= 1
    assert visible.filter(queue_filter("triage")).count() >= 1


def test_a_second_load_adds_nothing(demo):
    before = (WorkOrder.objects.count(), DomainEvent.objects.count())
    call_command("load_demo", "--force", stdout=StringIO())
    assert (WorkOrder.objects.count(), DomainEvent.objects.count()) == before
