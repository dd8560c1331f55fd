"""The staff map in a real browser: the grids are drawn, the orders in view are fetched from the
map API and counted by state in the legend, and a point opens to its order."""
import pytest
from django.test import Client

from tests.test_browser_login import browser_page  # noqa: F401  (fixture: the same Chromium rules)

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


def test_a_dispatcher_sees_the_orders_of_their_street_on_the_map(small_city, orders, live_server,
                                                                  browser_page):
    numbers = {orders.dispatched(latitude="44.015", longitude="87.305").number,
               orders.reported(latitude="44.016", longitude="87.306").number}
    session = Client()
    session.force_login(small_city.users["street_a_dispatcher"])
    page = browser_page
    page.context.add_cookies([{"name": "sessionid", "value": session.cookies["sessionid"].value,
                               "url": live_server.url}])
    page.goto(f"{live_server.url}/map/")
    page.wait_for_function("document.querySelector('#staff-map-total').textContent === 'Σ 2'")
    assert page.locator('#staff-map-legend [data-state="dispatched"]').inner_text() == "1"
    assert page.locator('#staff-map-legend [data-state="reported"]').inner_text() == "1"
    # One grid of street a is drawn, and the two orders as points over it.
    assert page.locator("#staff-map path.leaflet-interactive").count() == 3
    page.locator("#staff-map path.leaflet-interactive").nth(1).click()
    link = page.locator(".leaflet-popup-content a")
    assert link.inner_text() in numbers
    assert link.get_attribute("href") == f"/orders/{link.inner_text()}/"
