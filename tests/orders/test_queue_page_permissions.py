"""Who may open the work-order pages that are not about one order: the queues, the report form,
bulk dispatch, the statistics (and their Excel download) and the inbox."""
import pytest
from django.urls import reverse

from tests.api_support import EVERYONE, expected_by_role
from tests.orders.pages_support import english_pages  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]

# Roles that may report a problem: every unit role but the read-only city leader.
REPORTERS = {"city_admin", "street_a_dispatcher", "street_a_leader", "street_b_dispatcher", "community_a1_worker",
             "community_b1_worker", "grid_a1_worker"}
DISPATCHERS = {"city_admin", "street_a_dispatcher", "street_a_leader", "street_b_dispatcher"}


def _statuses(small_city, page_client_for, url: str, method: str = "get", data=None) -> dict[str, int]:
    return {who: getattr(page_client_for(small_city.users[who]), method)(url, data or {}).status_code
            for who in EVERYONE}


@pytest.mark.parametrize("url_name", ["orders:queue", "orders:export", "orders:statistics", "orders:statistics-export"])
def test_lists_and_statistics_open_for_every_role(catalogue, small_city, page_client_for, url_name):
    assert _statuses(small_city, page_client_for, reverse(url_name)) == dict(expected_by_role(200, nobody=403))


def test_report_form_opens_for_roles_that_report(catalogue, small_city, page_client_for):
    got = _statuses(small_city, page_client_for, reverse("orders:new"))
    assert got == {who: 200 if who in REPORTERS else 403 for who in EVERYONE}


def test_a_role_that_may_not_report_cannot_post_a_report(catalogue, small_city, page_client_for):
    from gongzhi.orders.models import WorkOrder

    response = page_client_for(small_city.users["housing_handler"]).post(reverse("orders:new"), {
        "title": "路灯不亮", "description": "两盏路灯不亮", "category": "0301", "channel": "grid_patrol",
        "place": f"grid:{small_city.grid_a1.code}"})
    assert response.status_code == 403
    assert not WorkOrder.objects.exists()


def test_bulk_dispatch_only_for_dispatchers(orders, small_city, page_client_for):
    got = _statuses(small_city, page_client_for, reverse("orders:bulk-dispatch"), "post",
                    {"numbers": ["20990101" + "00001"], "lead_department": "HOUSING"})
    # Dispatchers get a result page (the unknown order reported as not found); others 403.
    assert got == {who: 200 if who in DISPATCHERS else 403 for who in EVERYONE}


def test_inbox_opens_for_every_signed_in_user(small_city, page_client_for, client):
    assert _statuses(small_city, page_client_for, reverse("inbox")) == dict(expected_by_role(200))
    assert client.get(reverse("inbox")).status_code == 302


@pytest.mark.parametrize("who,queues", [
    ("city_admin", ["arbitration", "triage", "overdue", "open", "all"]),
    ("street_a_dispatcher", ["to_dispatch", "extensions", "to_verify", "overdue", "open", "all"]),
    ("community_a1_worker", ["to_verify", "open", "all"]),
    ("grid_a1_worker", ["open", "all"]),
    ("housing_handler", ["to_accept", "in_progress", "overdue", "open", "all"]),
])
def test_each_role_sees_its_queues_as_tabs(catalogue, small_city, page_client_for, who, queues):
    response = page_client_for(small_city.users[who]).get(reverse("orders:queue"))
    assert [tab["key"] for tab in response.context["tabs"]] == queues
    assert response.context["current"] == queues[0]


def test_a_queue_the_role_does_not_have_answers_404(catalogue, small_city, page_client_for):
    client = page_client_for(small_city.users["housing_handler"])
    assert client.get(reverse("orders:queue") + "?queue=to_dispatch").status_code == 404
