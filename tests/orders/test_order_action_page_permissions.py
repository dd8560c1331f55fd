"""Every action's page endpoint (POST /orders/<number>/<action>/), for every user of the small city:
allowed roles act (and are sent back to the order), roles that see the order but may not act
get 403 on the order page, users who cannot see it 404, a user with no role 403. In the wrong
state the answer is 409 and names the state. The allowed roles are the loop's (test_loop_permissions)."""
import pytest
from django.db import transaction
from django.urls import reverse

from gongzhi.common.models import DomainEvent
from gongzhi.orders.transitions import TRANSITIONS
from tests.api_support import EVERYONE
from tests.orders.test_loop_permissions import ALLOWED, prepare, visible_to
from tests.orders.pages_support import english_pages  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]


def form_data(action: str, original_number: str) -> dict:
    return {
        "dispatch": {"lead_department": "HOUSING"},
        "handle_locally": {"result": "社区已自行处理"},
        "reject": {"reason": "out_of_scope", "comment": "不属于本街道"},
        "mark_duplicate": {"original": original_number},
        "cancel": {"reason": "重复上报"},
        "accept": {},
        "return": {"reason": "非本部门职责"},
        "request_extension": {"working_days": "3", "reason": "材料未到"},
        "approve_extension": {},
        "deny_extension": {"comment": "理由不充分"},
        "complete": {"result": "已处理"},
        "verify": {},
        "rework": {"reason": "现场仍有噪音"},
        "rate": {"satisfaction": "satisfied"},
        "reopen": {"reason": "问题复发"},
        "urge": {},
        "escalate": {"reason": "多次催办无果"},
        "arbitrate": {"lead_department": "HOUSING", "comment": "经研究由住建局承办"},
    }[action]


@pytest.mark.parametrize("action", sorted(TRANSITIONS))
def test_action_page_permissions(orders, small_city, page_client_for, action):
    state = TRANSITIONS[action].sources[0]
    order, original_number = prepare(orders, small_city, action, state)
    url = reverse("orders:action", args=[order.number, action])
    clients = {who: page_client_for(small_city.users[who]) for who in EVERYONE}
    failures = []
    for who in EVERYONE:
        order.refresh_from_db()
        expected = (403 if who == "nobody" else 404 if not visible_to(who, order)
                    else 302 if who in ALLOWED[action] else 403)
        events_before = DomainEvent.objects.count()
        savepoint = transaction.savepoint()
        try:
            response = clients[who].post(url, form_data(action, original_number))
            acted = DomainEvent.objects.count() != events_before
        finally:
            transaction.savepoint_rollback(savepoint)
        if response.status_code != expected or acted != (expected == 302):
            failures.append(f"{who}: expected {expected}, got {response.status_code} (action recorded: {acted})")
    assert not failures, f"{action}: " + "; ".join(failures)


def test_an_action_in_the_wrong_state_answers_409_naming_the_state(orders, small_city, page_client_for):
    order = orders.in_progress()
    response = page_client_for(small_city.users["street_a_dispatcher"]).post(
        reverse("orders:action", args=[order.number, "verify"]), {})
    assert response.status_code == 409
    assert "In progress" in response.context["refusal"]
    assert response.context["order"].state == "in_progress"
    order.refresh_from_db()
    assert order.state == "in_progress" and order.closed_at is None


def test_an_unknown_action_answers_404(orders, small_city, page_client_for):
    order = orders.reported()
    response = page_client_for(small_city.users["city_admin"]).post(
        reverse("orders:action", args=[order.number, "delete"]), {})
    assert response.status_code == 404


def test_actions_answer_only_post(orders, small_city, page_client_for):
    order = orders.dispatched()
    response = page_client_for(small_city.users["housing_handler"]).get(
        reverse("orders:action", args=[order.number, "accept"]))
    assert response.status_code == 405
