"""The work-order loop end to end in a real browser (Debian's chromium driven by Playwright), as the
demo's people would walk it: the grid worker reports a problem with a photo and a point on the map,
建国路 street dispatches it to housing, housing accepts it and reports completion with a photo, the
street verifies it, the community rates it, and the statistics page counts it.

Screenshots of the report form and the worker's queue (phone-sized), the street's queue, the order page (with the dispatch form, and
on a phone with the completion form) and the statistics page are
written to /tmp for people to look at. Skipped where chromium is missing, unless
GONGZHI_REQUIRE_BROWSER=1 says it must run."""
import io
import os
import re

import pytest
from PIL import Image

from gongzhi.orders.catalogue import catalogue_seed
from gongzhi.orders.models import WorkOrder
from tests.conftest import PASSWORD
from tests.factories import MembershipFactory, UserFactory
from tests.test_browser_login import browser_page  # noqa: F401  (the chromium page fixture)

# Playwright's sync API runs an event loop in this thread; Django would refuse ORM calls from it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

SCREENSHOTS = "/tmp/gongzhi-loop-{name}.png"
PHONE = {"width": 390, "height": 844}


def photo(name: str, colour: tuple[int, int, int]) -> dict:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, format="PNG")
    return {"name": name, "mimeType": "image/png", "buffer": buffer.getvalue()}


@pytest.fixture
def demo_people(small_city, settings, tmp_path):
    """The catalogue and the demo's user names on the small city: grid.worker in grid a1,
    street.jianguolu dispatching for 建国路, dept.housing handling for housing, community.worker."""
    settings.MEDIA_ROOT = tmp_path / "media"
    catalogue_seed()
    people = {"grid.worker": ("grid_worker", small_city.grid_a1, None),
              "street.jianguolu": ("street_dispatcher", small_city.street_a, None),
              "dept.housing": ("department_handler", None, small_city.housing),
              "community.worker": ("community_worker", small_city.community_a1, None)}
    for username, (role, unit, department) in people.items():
        MembershipFactory(user=UserFactory(username=username), role=role, unit=unit, department=department)
    return small_city


def log_in(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")


def take(page, live_server, number: str, action: str, fill=None, screenshot: str = "") -> None:
    """Open the order, open the action's form, fill it, submit it, and see it done."""
    page.goto(f"{live_server.url}/orders/{number}/")
    form = page.locator(f"#action-{action}")
    form.locator("summary").click()
    if fill:
        fill(form)
    if screenshot:
        page.screenshot(path=SCREENSHOTS.format(name=screenshot), full_page=True)
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/orders/{number}/")
    assert page.get_by_role("alert").count() == 0 or "Done" in page.locator("main").inner_text()
    assert "Done:" in page.locator("[role=status]").first.inner_text()


def state_of(number: str) -> str:
    return WorkOrder.objects.get(number=number).state


def test_the_loop_closes_in_the_browser(demo_people, live_server, browser_page):  # noqa: F811
    page = browser_page
    city = demo_people

    # 1. The grid worker, on a phone, reports a problem with a photo and a point picked on the map.
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "grid.worker")
    page.goto(f"{live_server.url}/orders/new/")
    page.get_by_label("Title").fill("工地夜间施工噪音")
    page.get_by_label("Description").fill("建国路一号工地夜间施工，影响居民休息。")
    page.get_by_label("Category").select_option("0301")
    page.get_by_label("Photos", exact=True).set_input_files([photo("noise.png", (200, 80, 40))])
    page.locator("#report-map").click()  # its middle: the map fits the worker's grid
    assert page.get_by_label("Latitude").input_value().startswith("44.01")
    assert page.get_by_label("Longitude").input_value().startswith("87.30")
    page.get_by_label("Address").fill("建国路1号")
    page.screenshot(path=SCREENSHOTS.format(name="report-form"), full_page=True)
    page.get_by_role("button", name="Report", exact=True).click()
    page.wait_for_url(re.compile(r".*/orders/\d{13}/$"))
    number = page.url.rstrip("/").rsplit("/", 1)[1]
    order = WorkOrder.objects.get(number=number)
    assert (order.state, order.grid_id, order.attachments.count()) == ("reported", city.grid_a1.pk, 1)
    page.goto(f"{live_server.url}/orders/")  # the worker's own area's open orders
    assert page.get_by_role("link", name="工地夜间施工噪音").is_visible()
    page.screenshot(path=SCREENSHOTS.format(name="queue-phone"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    # 2. 建国路 street finds it in its queue and dispatches it to housing (suggested by the category).
    log_in(page, live_server, "street.jianguolu")
    page.goto(f"{live_server.url}/orders/")
    assert page.get_by_role("link", name="工地夜间施工噪音").is_visible()
    page.screenshot(path=SCREENSHOTS.format(name="queue"), full_page=True)
    page.get_by_role("link", name="工地夜间施工噪音").click()
    page.locator("#action-dispatch summary").click()
    assert page.locator("#dispatch-lead_department").input_value() == "HOUSING"
    page.screenshot(path=SCREENSHOTS.format(name="order-dispatch"), full_page=True)
    take(page, live_server, number, "dispatch")
    assert state_of(number) == "dispatched"

    # 3. Housing is told (the header counts it), accepts, and reports completion with a photo.
    log_in(page, live_server, "dept.housing")
    assert "1 unread notification" in page.locator("#shell-unread").inner_text()
    take(page, live_server, number, "accept")
    page.set_viewport_size(PHONE)  # a handler on site, on a phone
    take(page, live_server, number, "complete", lambda form: (
        form.get_by_label("What was done").fill("已责令工地停止夜间施工，并处罚款。"),
        form.get_by_label("Photos of the result").set_input_files([photo("after.png", (40, 160, 80))])),
        screenshot="order-complete-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert state_of(number) == "handled"
    assert WorkOrder.objects.get(number=number).attachments.filter(kind="result").count() == 1
    page.screenshot(path=SCREENSHOTS.format(name="order"), full_page=True)

    # 4. The street checks it on site and closes it; 5. the community rates it.
    log_in(page, live_server, "street.jianguolu")
    take(page, live_server, number, "verify", lambda form: form.get_by_label("Comment").fill("现场核实已停工"))
    assert state_of(number) == "closed"
    log_in(page, live_server, "community.worker")
    take(page, live_server, number, "rate", lambda form: form.get_by_label("Satisfied", exact=True).check())
    assert WorkOrder.objects.get(number=number).satisfaction == "satisfied"
    timeline = page.locator(".timeline").inner_text()
    for step in ("Reported", "Dispatch", "Accept", "Report completion", "Verify and close", "Rate"):
        assert step in timeline

    # 6. The statistics page counts it: dispatched 1, completed 1, for housing.
    log_in(page, live_server, "street.jianguolu")
    page.goto(f"{live_server.url}/orders/statistics/?group_by=department")
    row = page.locator("#statistics-table tbody tr").filter(has_text=city.housing.name)
    cells = row.locator("td").all_inner_texts()
    headers = page.locator("#statistics-table thead th").all_inner_texts()[1:]
    figures = dict(zip(headers, cells))
    assert (figures["Dispatched"], figures["Completed"], figures["Completion rate"]) == ("1", "1", "100.0 %")
    page.wait_for_function("document.querySelector('#chart-completion canvas') !== null")
    page.wait_for_timeout(1500)  # the charts' entry animation
    page.screenshot(path=SCREENSHOTS.format(name="statistics"), full_page=True)
