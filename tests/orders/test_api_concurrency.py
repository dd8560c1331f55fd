"""Two handlers of the same department accept the same order at the same moment, each on its own
connection: the row lock lets exactly one acceptance through, and the other is told clearly that
the order is no longer waiting. PostgreSQL only: SQLite serialises every writer, so it cannot show
two transactions contending for a row."""
from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from gongzhi.common.models import DomainEvent
from gongzhi.orders import api
from gongzhi.orders.catalogue import catalogue_seed
from gongzhi.orders.models import OrderState, WorkOrder
from tests.orders.conftest import OrderBuilder

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
                       reason="needs row locks held across two connections (PostgreSQL); SQLite serialises writers"),
]


def test_two_handlers_accepting_at_once_get_one_acceptance_and_one_clear_refusal(transactional_db, small_city,
                                                                                 monkeypatch):
    catalogue_seed()
    order = OrderBuilder(small_city).dispatched()
    url = reverse("api:work-order-accept", args=[order.number])

    # Both requests pass the unlocked check of role and state before either reaches the service,
    # so the decision is the service's row lock, not luck in timing.
    both_checked = threading.Barrier(2, timeout=10)
    unlocked_check = api.action_require

    def check_then_wait(*args, **kwargs):
        transition = unlocked_check(*args, **kwargs)
        both_checked.wait()
        return transition

    monkeypatch.setattr(api, "action_require", check_then_wait)
    answers: dict[str, tuple[int, dict]] = {}
    errors: list[BaseException] = []

    def accept(who: str) -> None:
        try:
            client = APIClient()
            client.force_authenticate(user=small_city.users[who])
            response = client.post(url, {"comment": who}, format="json", HTTP_ACCEPT_LANGUAGE="en")
            answers[who] = (response.status_code, response.json())
        except BaseException as error:  # surfaced below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(who,)) for who in ("housing_handler", "housing_leader")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    assert sorted(status for status, _body in answers.values()) == [200, 409]
    (winner,) = [who for who, (status, _body) in answers.items() if status == 200]
    (loser_body,) = [body for status, body in answers.values() if status == 409]
    assert loser_body["error"]["code"] == "illegal_transition"
    with translation.override("en"):
        assert str(OrderState.IN_PROGRESS.label) in loser_body["error"]["message"]

    order.refresh_from_db()
    assert order.state == OrderState.IN_PROGRESS
    accepts = DomainEvent.objects.filter(action="order.accept", object_id=str(order.pk))
    assert [event.comment for event in accepts] == [winner]
    assert WorkOrder.objects.count() == 1
