"""End to end in a real browser (Debian's chromium driven by Playwright): a resident reports a problem
on the portal with a photo and a point on the map, gets a tracking number, follows the timeline, and
once the street has closed the order, rates it. Skipped where chromium is missing, unless
GONGZHI_REQUIRE_BROWSER=1 (CI) says it must run."""
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image

from gongzhi.orders import services
from gongzhi.orders.models import WorkOrder
from tests.orders.conftest import catalogue, media_in_tmp  # noqa: F401  (fixtures)
# The same Chromium, skipped or required the same way (GONGZHI_REQUIRE_BROWSER), as the login test.
from tests.test_browser_login import browser_page  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


@pytest.fixture
def phone_page(browser_page):
    """The login test's Chromium, on a phone's screen (the portal is mobile first), with the cache
    table the portal's rate limits count in."""
    call_command("createcachetable", verbosity=0)
    browser_page.set_viewport_size({"width": 390, "height": 844})
    return browser_page


@pytest.fixture
def photo(tmp_path) -> Path:
    path = tmp_path / "pothole.png"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 90, 60)).save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


def close_through_the_loop(city, order: WorkOrder) -> None:
    street = city.actor("street_a_dispatcher")
    order = services.order_dispatch(actor=street, order=order, lead_department_code="HOUSING")
    order = services.order_accept(actor=city.actor("housing_handler"), order=order)
    order = services.order_complete(actor=city.actor("housing_handler"), order=order, result="已责令停止夜间施工。")
    services.order_verify(actor=street, order=order)


def test_a_resident_reports_follows_and_rates(small_city, catalogue, live_server, phone_page, photo):
    page = phone_page
    page.goto(f"{live_server.url}/report/")
    page.get_by_label("What kind of problem").select_option("0301")
    page.get_by_label("What is wrong").fill("工地每天夜里十一点后还在施工，噪音很大。")
    page.get_by_label("Photos").set_input_files(str(photo))
    # The first grid drawn is grid a1 (grids come in code order): a tap inside it places the point.
    page.locator("#report-map path.leaflet-interactive").first.click()
    assert page.locator("#report-map-status").inner_text() == "Point set. Tap again to move it."
    latitude = float(page.get_by_label("Latitude").input_value())
    longitude = float(page.get_by_label("Longitude").input_value())
    assert 44.01 < latitude < 44.02 and 87.30 < longitude < 87.31
    page.get_by_role("button", name="Send the report").click()

    page.wait_for_url(re.compile(r".*/track/[^/]+/\?new=1$"))
    number = page.locator("#tracking-number").inner_text()
    order = WorkOrder.objects.get(number=number)
    assert page.locator("#tracking-code").inner_text() == order.tracking_token
    assert order.channel == "portal" and order.grid == small_city.grid_a1 and order.attachments.count() == 1
    assert page.locator(".portal-photos img").count() == 1
    assert "Reported" in page.locator("#timeline").inner_text()

    close_through_the_loop(small_city, order)
    page.goto(f"{live_server.url}/track/{order.tracking_token}/")
    timeline = page.locator("#timeline").inner_text()
    assert "Sent to 住房和城乡建设局" in timeline and "已责令停止夜间施工。" in timeline
    assert "Checked on site and closed" in timeline
    assert page.locator("#order-state").inner_text() == "Closed"

    page.get_by_label("Satisfied", exact=True).check()
    page.get_by_role("button", name="Send my rating").click()
    page.wait_for_url(f"{live_server.url}/track/{order.tracking_token}/")
    assert "Satisfied" in page.locator("#rating").inner_text()
    order.refresh_from_db()
    assert order.satisfaction == "satisfied" and order.rated_at is not None
