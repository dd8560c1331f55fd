"""End to end in a real browser (Debian's chromium driven by Playwright): a user logs in and sees
their home page. Skipped where chromium is missing, unless GONGZHI_REQUIRE_BROWSER=1 (CI) says it
must run."""
import os
from pathlib import Path

import pytest

from tests.conftest import PASSWORD

# Playwright's sync API runs an event loop in this thread; Django would refuse ORM calls from it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


@pytest.fixture
def browser_page(settings):
    if not CHROMIUM.exists():
        if os.environ.get("GONGZHI_REQUIRE_BROWSER") == "1":
            pytest.fail(f"GONGZHI_REQUIRE_BROWSER=1 but {CHROMIUM} is missing (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); set GONGZHI_REQUIRE_BROWSER=1 "
                    "to make this a failure")
    from playwright.sync_api import sync_playwright

    settings.LANGUAGE_CODE = "en"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(15_000)
            yield page
        finally:
            browser.close()


def test_a_street_dispatcher_logs_in_and_sees_their_home_page(small_city, live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/")
    assert page.url.startswith(f"{live_server.url}/login/")
    page.get_by_label("User name").fill("street.a.dispatcher")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("heading", name="What needs your attention").is_visible()
    assert page.get_by_role("heading", name=f"Communities of {small_city.street_a.name}").is_visible()
    # The stylesheets and scripts came from the static files: Bootstrap and ours applied, htmx loaded.
    assert page.evaluate("getComputedStyle(document.querySelector('.navbar')).display") == "flex"
    assert page.evaluate("getComputedStyle(document.querySelector('.navbar .nav-link')).whiteSpace") == "nowrap"
    assert page.evaluate("typeof htmx") == "object"
