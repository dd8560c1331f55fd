"""Every (action, state, role) of the loop: allowed roles move the order, roles that may see the
order but not act get 403, roles that may not see it get 404, and an action in the wrong state 409.

The expected roles are written out here by hand (not derived from transitions.py) so that a
change to the table that widens or narrows access fails this test."""
from __future__ import annotations

import pytest
from django.db import transaction

from gongzhi.common.exceptions import ActionNotPermitted, IllegalTransition, RecordNotFound
from gongzhi.orders import services
from gongzhi.orders.models import ExtensionRequest, OrderState, WorkOrder
from gongzhi.orders.selectors import order_get_visible
from gongzhi.orders.transitions import TRANSITIONS

STREET_A = {"city_admin", "street_a_dispatcher", "street_a_leader"}
ALLOWED: dict[str, set[str]] = {
    "dispatch": STREET_A,
    "handle_locally": STREET_A,
    "reject": STREET_A,
    "mark_duplicate": STREET_A,
    "cancel": STREET_A | {"community_a1_worker", "grid_a1_worker"},
    "accept": {"housing_handler", "housing_leader"},
    "return": {"housing_handler", "housing_leader"},
    "request_extension": {"housing_handler", "housing_leader"},
    "complete": {"housing_handler", "housing_leader"},
    "approve_extension": STREET_A,
    "deny_extension": STREET_A,
    "verify": STREET_A | {"community_a1_worker"},
    "rework": STREET_A | {"community_a1_worker"},
    "rate": {"city_admin", "street_a_dispatcher", "community_a1_worker"},
    "reopen": STREET_A | {"community_a1_worker"},
    "urge": STREET_A | {"city_leader"},
    "escalate": STREET_A | {"city_leader"},
    "arbitrate": {"city_admin"},
}
# Who sees an order located in grid a1: the city, street a, community a1, grid a1 and, once it is
# dispatched, the lead department (housing).
AREA_VIEWERS = {"city_admin", "city_leader", "street_a_dispatcher", "street_a_leader", "community_a1_worker",
                "grid_a1_worker"}
DEPARTMENT_STATES = {"dispatched", "in_progress", "handled", "closed"}
STATES = ["reported", "dispatched", "in_progress", "handled", "closed", "rejected", "cancelled"]
ROLES = ["city_admin", "city_leader", "street_a_dispatcher", "street_a_leader", "street_b_dispatcher",
         "community_a1_worker", "community_b1_worker", "grid_a1_worker", "housing_handler", "housing_leader",
         "urban_handler", "urban_liaison", "nobody"]


def prepare(orders, city, action: str, state: str) -> tuple[WorkOrder, str]:
    """An order in ``state`` with whatever the action needs besides its state, and the number of
    an earlier order (for marking duplicates)."""
    original = orders.reported(title="原始工单")
    order = orders.in_state(state)
    if action in ("approve_extension", "deny_extension") and state == "in_progress":
        services.order_extension_request(actor=city.actor("housing_handler"), order=order, working_days=2,
                                         reason="需协调施工单位")
    if action == "reopen" and state == "closed":
        services.order_rate(actor=city.actor("community_a1_worker"), order=order, satisfaction="unsatisfied")
    if action == "arbitrate" and state == "reported":
        # Dispatched to the urban department twice and returned twice: the city must decide.
        for _attempt in range(2):
            order = services.order_dispatch(actor=city.actor("street_a_dispatcher"), order=order,
                                            lead_department_code="URBAN")
            order = services.order_return(actor=city.actor("urban_handler"), order=order, reason="非本部门职责")
        assert order.awaiting_arbitration
    return WorkOrder.objects.get(pk=order.pk), original.number


def perform(action: str, actor, order: WorkOrder, original_number: str):
    arguments = {
        "dispatch": dict(lead_department_code="HOUSING"),
        "handle_locally": dict(result="社区已自行处理"),
        "reject": dict(reason="out_of_scope", comment="不属于本街道"),
        "mark_duplicate": dict(original_number=original_number),
        "cancel": dict(reason="重复上报"),
        "accept": {},
        "return": dict(reason="非本部门职责"),
        "request_extension": dict(working_days=3, reason="材料未到"),
        "complete": dict(result="已处理"),
        "approve_extension": {},
        "deny_extension": dict(comment="理由不充分"),
        "verify": {},
        "rework": dict(reason="现场仍有噪音"),
        "rate": dict(satisfaction="satisfied"),
        "reopen": dict(reason="问题复发"),
        "urge": {},
        "escalate": dict(reason="多次催办无果"),
        "arbitrate": dict(lead_department_code="HOUSING", comment="经研究由住建局承办"),
    }[action]
    function = getattr(services, {"return": "order_return", "request_extension": "order_extension_request",
                                  "approve_extension": "order_extension_approve",
                                  "deny_extension": "order_extension_deny"}.get(action, f"order_{action}"))
    return function(actor=actor, order=order, **arguments)


def visible_to(role: str, order: WorkOrder) -> bool:
    if role in AREA_VIEWERS:
        return True
    department_sees = order.lead_department_id is not None and order.lead_department.code == "HOUSING"
    return role in {"housing_handler", "housing_leader"} and department_sees


def outcome(city, role: str, action: str, order: WorkOrder, original_number: str) -> str:
    actor = city.actor(role)
    try:
        visible = order_get_visible(actor, number=order.number)
    except RecordNotFound:
        return "404"
    try:
        perform(action, actor, visible, original_number)
    except ActionNotPermitted:
        return "403"
    except IllegalTransition:
        return "409"
    return "ok"


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", sorted(TRANSITIONS))
def test_action_permissions(orders, small_city, action, state):
    order, original_number = prepare(orders, small_city, action, state)
    order_state_applies = state in {s for s in TRANSITIONS[action].sources}
    failures = []
    for role in ROLES:
        order.refresh_from_db()
        expected = ("404" if not visible_to(role, order)
                    else "403" if role not in ALLOWED[action]
                    else "ok" if order_state_applies else "409")
        sid = transaction.savepoint()
        try:
            got = outcome(small_city, role, action, order, original_number)
        finally:
            transaction.savepoint_rollback(sid)
        if got != expected:
            failures.append(f"{role}: expected {expected}, got {got}")
    assert not failures, f"{action} in {state}: " + "; ".join(failures)


def test_table_covers_every_action():
    assert set(ALLOWED) == set(TRANSITIONS)
    assert {s for t in TRANSITIONS.values() for s in t.sources} <= {s.value for s in OrderState}


def test_buttons_offer_only_actions_the_service_accepts(orders, small_city):
    """What the page offers must not answer 409: rated orders offer no rating, decided extensions
    no decision, orders awaiting arbitration no dispatch."""
    from gongzhi.orders.permissions import actions_available

    street = small_city.actor("street_a_dispatcher")
    order = orders.in_progress()
    assert "approve_extension" not in {t.action for t in actions_available(street, order)}
    services.order_extension_request(actor=small_city.actor("housing_handler"), order=order, working_days=2,
                                     reason="等待材料")
    assert {"approve_extension", "deny_extension"} <= {t.action for t in actions_available(street, order)}
    assert "request_extension" not in {t.action for t in actions_available(small_city.actor("housing_handler"), order)}

    closed = orders.closed()
    community = small_city.actor("community_a1_worker")
    assert "rate" in {t.action for t in actions_available(community, closed)}
    assert "reopen" not in {t.action for t in actions_available(community, closed)}
    closed = services.order_rate(actor=community, order=closed, satisfaction="unsatisfied")
    offered = {t.action for t in actions_available(community, closed)}
    assert "rate" not in offered and "reopen" in offered
    for transition in actions_available(community, closed):
        assert transition.action in ("reopen",)
