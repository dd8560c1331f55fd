"""Every action endpoint, as every user of the small city, on an order where the action applies:
allowed roles 200, roles that see the order but may not act 403, roles that do not see it 404, the
user without a role 403 (no API access to orders at all); and an allowed role in a wrong state 409
with a message naming the state. Who may do what is the service matrix's (test_loop_permissions);
this test checks that the API answers it with the right status."""
from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from gongzhi.common.models import DomainEvent
from gongzhi.orders.models import OrderState, WorkOrder
from gongzhi.orders.transitions import TRANSITIONS
from tests.api_support import assert_error
from tests.orders.test_loop_permissions import ALLOWED, ROLES, prepare, visible_to

BODIES = {
    "dispatch": {"lead_department": "HOUSING"},
    "handle_locally": {"result": "社区已自行处理"},
    "reject": {"reason": "out_of_scope", "comment": "不属于本街道"},
    "mark_duplicate": {"original": None},  # the earlier order's number, filled in per test
    "cancel": {"reason": "重复上报"},
    "accept": {},
    "return": {"reason": "非本部门职责"},
    "request_extension": {"working_days": 3, "reason": "材料未到"},
    "approve_extension": {},
    "deny_extension": {"comment": "理由不充分"},
    "complete": {"result": "已处理"},
    "verify": {"comment": "现场核实已整改"},
    "rework": {"reason": "现场仍有噪音"},
    "rate": {"satisfaction": "satisfied"},
    "reopen": {"reason": "问题复发"},
    "urge": {"comment": "请尽快处理"},
    "escalate": {"reason": "多次催办无果"},
    "arbitrate": {"lead_department": "HOUSING", "comment": "经研究由住建局承办"},
}
# A state the action does not apply in, where its allowed roles still see the order.
WRONG_STATE = {action: next(state for state in ("dispatched", "in_progress", "closed")
                            if state not in TRANSITIONS[action].sources) for action in TRANSITIONS}


def action_url(action: str, number: str) -> str:
    return reverse(f"api:work-order-{action.replace('_', '-')}", args=[number])


def body_for(action: str, original_number: str) -> dict:
    body = dict(BODIES[action])
    if "original" in body:
        body["original"] = original_number
    return body


def expected_status(role: str, action: str, order: WorkOrder) -> int:
    if role == "nobody":
        return 403
    if not visible_to(role, order):
        return 404
    return 200 if role in ALLOWED[action] else 403


@pytest.mark.parametrize("action", sorted(TRANSITIONS))
def test_action_endpoint_answers_each_role(orders, small_city, api_client_for, action):
    order, original_number = prepare(orders, small_city, action, TRANSITIONS[action].sources[0])
    failures = []
    for role in ROLES:
        order.refresh_from_db()
        expected = expected_status(role, action, order)
        savepoint = transaction.savepoint()
        events_before = DomainEvent.objects.count()
        try:
            response = api_client_for(small_city.users[role]).post(
                action_url(action, order.number), body_for(action, original_number), format="json")
            recorded = DomainEvent.objects.count() - events_before
        finally:
            transaction.savepoint_rollback(savepoint)
        if response.status_code != expected:
            failures.append(f"{role}: expected {expected}, got {response.status_code} {response.content[:200]!r}")
        elif recorded != (1 if expected == 200 else 0):
            failures.append(f"{role}: answered {expected} and recorded {recorded} events")
        elif expected == 200 and response.json()["number"] != order.number:
            failures.append(f"{role}: answered with another order")
    assert not failures, f"{action}: " + "; ".join(failures)


@pytest.mark.parametrize("action", sorted(TRANSITIONS))
def test_action_in_a_wrong_state_answers_409_naming_the_state(orders, small_city, api_client_for, action):
    state = WRONG_STATE[action]
    order, original_number = prepare(orders, small_city, action, state)
    role = sorted(ALLOWED[action])[0]
    client = api_client_for(small_city.users[role])
    response = client.post(action_url(action, order.number), body_for(action, original_number), format="json",
                           HTTP_ACCEPT_LANGUAGE="en")
    error = assert_error(response, 409)
    assert error["code"] == "illegal_transition"
    with translation.override("en"):
        assert str(OrderState(state).label) in error["message"]
    assert WorkOrder.objects.get(pk=order.pk).state == state


def test_every_action_has_its_endpoint():
    assert set(BODIES) == set(TRANSITIONS)
