"""The page shell: navigation by role, the language switch, the notification slot, accessibility
landmarks and the error pages."""
import pytest
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import reverse

from tests.page_support import english  # noqa: F401  (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _nav_links(content: str) -> set[str]:
    navigation = content.split('id="shell-navigation"', 1)[1].split("</ul>", 1)[0]
    return {part.split('"', 1)[0] for part in navigation.split('href="')[1:]}


def test_city_admin_navigation_holds_the_registry_and_the_audit_trail(small_city, page_client_for):
    links = _nav_links(page_client_for(small_city.users["city_admin"]).get("/").content.decode())
    assert {"/", reverse("registry-tree"), reverse("audit-events")} <= links


@pytest.mark.parametrize("who", ["street_a_dispatcher", "community_a1_worker", "housing_handler", "city_leader"])
def test_other_roles_see_no_audit_entry(small_city, page_client_for, who):
    links = _nav_links(page_client_for(small_city.users[who]).get("/").content.decode())
    assert reverse("registry-tree") in links
    assert reverse("audit-events") not in links


def test_user_without_a_role_sees_only_what_needs_no_permission(small_city, page_client_for):
    links = _nav_links(page_client_for(small_city.users["nobody"]).get("/").content.decode())
    assert "/" in links
    assert reverse("registry-tree") not in links


def test_current_page_is_marked_in_the_navigation(small_city, page_client_for):
    content = page_client_for(small_city.users["city_admin"]).get(
        reverse("registry-unit", args=[small_city.street_a.code])).content.decode()
    assert f'href="{reverse("registry-tree")}" aria-current="page"' in content
    assert 'href="/" aria-current="page"' not in content


def test_shell_has_a_skip_link_a_main_landmark_and_a_collapsing_menu(small_city, page_client_for):
    content = page_client_for(small_city.users["street_a_dispatcher"]).get("/").content.decode()
    assert 'href="#main"' in content and '<main id="main"' in content
    assert 'class="navbar-toggler"' in content and 'aria-controls="shell-navigation"' in content
    assert '<meta name="viewport"' in content
    assert "/static/vendor/bootstrap/css/bootstrap.min.css" in content
    assert "/static/vendor/htmx/htmx.min.js" in content


def test_user_menu_offers_logout_as_a_post_form(small_city, page_client_for):
    content = page_client_for(small_city.users["street_a_dispatcher"]).get("/").content.decode()
    assert f'<form method="post" action="{reverse("logout")}">' in content
    assert reverse("password-change") in content


@pytest.mark.parametrize("count,shown", [(0, False), (4, True)])
def test_unread_notifications_render_when_there_are_some(small_city, rf, count, shown):
    """The notifications module puts the count in the context; the shell shows it only when non-zero."""
    from gongzhi.common.access.actor import actor_for

    request = rf.get("/")
    request.user = small_city.users["street_a_dispatcher"]
    request.actor = actor_for(request.user)
    request.session = {}
    content = render_to_string("base.html", {"unread_notifications": count}, request=request)
    assert ('id="shell-unread"' in content) is shown
    if shown:
        assert ">4</span> unread notifications" in " ".join(content.split())


def test_english_is_served_when_chosen_with_the_language_switch(small_city, page_client_for, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    client = page_client_for(small_city.users["street_a_dispatcher"])
    assert '<html lang="zh-hans">' in client.get("/").content.decode()
    switch = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert switch.status_code == 302 and switch["Location"] == "/"
    content = client.get("/").content.decode()
    assert '<html lang="en">' in content
    assert "What needs your attention" in content
    assert "Log out" in content


@pytest.mark.parametrize("current,offered,offered_name", [("zh-hans", "en", "English"), ("en", "zh-hans", "简体中文")])
def test_language_switch_offers_the_other_language_in_its_own_name(small_city, page_client_for, settings, current,
                                                                  offered, offered_name):
    settings.LANGUAGE_CODE = current
    content = page_client_for(small_city.users["street_a_dispatcher"]).get("/").content.decode()
    assert f'action="{reverse("set_language")}"' in content
    assert f'value="{offered}" lang="{offered}"' in content and offered_name in content
    assert f'value="{current}" lang="{current}"' not in content


def test_default_language_is_simplified_chinese(small_city, page_client_for, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    content = page_client_for(small_city.users["street_a_dispatcher"]).get("/").content.decode()
    assert '<html lang="zh-hans">' in content


def test_login_page_has_the_language_switch_too(db, client):
    content = client.get(reverse("login")).content.decode()
    assert f'action="{reverse("set_language")}"' in content


def test_not_found_page_is_in_the_shell_and_offers_the_way_home(small_city, page_client_for):
    response = page_client_for(small_city.users["street_a_dispatcher"]).get("/no-such-page/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "共治" in content and 'id="shell-navigation"' in content
    assert 'href="/"' in content


def test_forbidden_page_is_in_the_shell_and_explains_roles(small_city, page_client_for):
    response = page_client_for(small_city.users["street_a_dispatcher"]).get(reverse("audit-events"))
    assert response.status_code == 403
    content = response.content.decode()
    assert 'id="shell-navigation"' in content
    assert "switch to another one" in content


def test_the_platforms_own_static_files_are_found():
    from django.contrib.staticfiles import finders

    for name in ("gongzhi/gongzhi.css", "gongzhi/map.js", "gongzhi/unit-map.js"):
        assert finders.find(name), name


def test_server_error_page_renders_without_a_request_or_a_database(db):
    # Django renders 500.html with an empty context: the shell must stand without a request.
    content = render_to_string("500.html")
    assert "Something went wrong" in content
    assert 'href="/"' in content
    assert 'action="/i18n/setlang/"' not in content


@override_settings(DEBUG=False)
def test_server_error_answers_with_the_shell_page(small_city, client, monkeypatch):
    from django.test import Client

    def broken_panels(actor):
        raise RuntimeError("a panel failed")

    monkeypatch.setattr("gongzhi.common.views.home_panels_for", broken_panels)
    failing = Client(raise_request_exception=False)
    failing.force_login(small_city.users["street_a_dispatcher"])
    response = failing.get("/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
