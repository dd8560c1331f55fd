"""Who may open an order's page (and its deadline fragment): the order's area, from the city down
to its grid, and once dispatched the lead department. Anyone else gets 404, exactly as for an order
that does not exist; a user without any role 403."""
import re

import pytest
from django.urls import reverse

from gongzhi.orders import services

from tests.api_support import EVERYONE
from tests.orders.pages_support import english_pages  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]

AREA = {"city_admin", "city_leader", "street_a_dispatcher", "street_a_leader", "community_a1_worker",
        "grid_a1_worker"}
HOUSING = {"housing_handler", "housing_leader"}


def _without_tokens(content: bytes) -> bytes:
    """The page without its CSRF tokens, which differ on every response."""
    return re.sub(rb'[A-Za-z0-9]{64}', b"", content)


def _expected(who: str, viewers: set[str]) -> int:
    return 403 if who == "nobody" else 200 if who in viewers else 404


@pytest.mark.parametrize("url_name", ["orders:detail", "orders:deadline"])
@pytest.mark.parametrize("state,viewers", [("reported", AREA), ("dispatched", AREA | HOUSING),
                                           ("closed", AREA | HOUSING)])
def test_order_page_opens_within_reach(orders, small_city, page_client_for, url_name, state, viewers):
    order = orders.in_state(state)
    url = reverse(url_name, args=[order.number])
    got = {who: page_client_for(small_city.users[who]).get(url).status_code for who in EVERYONE}
    assert got == {who: _expected(who, viewers) for who in EVERYONE}


def test_an_order_of_street_b_answers_like_a_missing_one_for_street_a(orders, small_city, page_client_for):
    order = services.order_report(actor=small_city.actor("street_b_dispatcher"), title="北京南路路灯不亮",
                                  description="路灯不亮", category_code="0301", channel="street",
                                  grid_code=small_city.grid_b1.code)
    client = page_client_for(small_city.users["street_a_dispatcher"])
    out_of_reach = client.get(reverse("orders:detail", args=[order.number]))
    missing = client.get(reverse("orders:detail", args=["20990101" + "99999"]))
    assert out_of_reach.status_code == missing.status_code == 404
    assert order.title.encode() not in out_of_reach.content
    assert _without_tokens(out_of_reach.content.replace(order.number.encode(), b"")) == \
        _without_tokens(missing.content.replace(b"2099010199999", b""))


def test_street_b_cannot_act_on_street_a_orders(orders, small_city, page_client_for):
    order = orders.reported()
    response = page_client_for(small_city.users["street_b_dispatcher"]).post(
        reverse("orders:action", args=[order.number, "dispatch"]), {"lead_department": "HOUSING"})
    assert response.status_code == 404
    order.refresh_from_db()
    assert order.state == "reported"


def test_signed_out_visitors_are_sent_to_log_in(orders, client):
    order = orders.reported()
    response = client.get(reverse("orders:detail", args=[order.number]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
