"""Signing in and out, the lockout after repeated failures, and changing one's password."""
from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY as AUTH_SESSION_KEY
from django.urls import reverse
from django.utils import timezone

from gongzhi.common.models import DomainEvent
from gongzhi.org.models import User
from tests.conftest import PASSWORD
from tests.page_support import english  # noqa: F401  (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _log_in(client, username: str, password: str, **extra):
    return client.post(reverse("login"), {"username": username, "password": password, **extra})


def test_login_page_shows_the_form(db, client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="username"' in content and 'autocomplete="current-password"' in content


def test_right_credentials_sign_in_and_go_home(small_city, client):
    response = _log_in(client, "street.a.dispatcher", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.session[AUTH_SESSION_KEY] == str(small_city.users["street_a_dispatcher"].pk)
    assert "建国路街道" in client.get(reverse("home")).content.decode()


def test_signed_in_user_opening_login_goes_home(small_city, page_client_for):
    response = page_client_for(small_city.users["city_admin"]).get(reverse("login"))
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_login_returns_to_the_page_asked_for(small_city, client):
    target = reverse("registry-departments")
    response = _log_in(client, "city.admin", PASSWORD, next=target)
    assert response["Location"] == target


def test_login_never_sends_to_another_site(small_city, client):
    response = _log_in(client, "city.admin", PASSWORD, next="https://evil.example/")
    assert response["Location"] == reverse("home")


@pytest.mark.parametrize("username,password", [("city.admin", "wrong-password"), ("no.such.user", PASSWORD)])
def test_wrong_credentials_say_the_same_for_unknown_users(small_city, client, username, password):
    response = _log_in(client, username, password)
    assert response.status_code == 400
    assert "User name or password is wrong." in response.content.decode()
    assert AUTH_SESSION_KEY not in client.session


@pytest.mark.parametrize("missing", ["username", "password"])
def test_missing_field_is_named(small_city, client, missing):
    data = {"username": "city.admin", "password": PASSWORD, missing: ""}
    response = client.post(reverse("login"), data)
    assert response.status_code == 400
    assert f'id="id_{missing}_error"' in response.content.decode()


def test_repeated_failures_lock_the_account_and_show_until_when(small_city, client, settings):
    settings.GONGZHI_LOGIN_MAX_FAILURES = 3
    for _attempt in range(2):
        assert _log_in(client, "grid.a1.worker", "wrong-password").status_code == 400
    locked = _log_in(client, "grid.a1.worker", "wrong-password")
    assert locked.status_code == 429
    until = User.objects.get(username="grid.a1.worker").locked_until
    assert until > timezone.now()
    content = locked.content.decode()
    assert 'id="login-locked"' in content
    assert f"Try again after {timezone.localtime(until):%Y-%m-%d %H:%M}." in content


def test_locked_account_refuses_even_the_right_password(small_city, client):
    User.objects.filter(username="grid.a1.worker").update(locked_until=timezone.now() + timedelta(minutes=5))
    response = _log_in(client, "grid.a1.worker", PASSWORD)
    assert response.status_code == 429
    assert AUTH_SESSION_KEY not in client.session


def test_an_expired_lock_lets_the_right_password_in(small_city, client):
    User.objects.filter(username="grid.a1.worker").update(locked_until=timezone.now() - timedelta(minutes=1))
    assert _log_in(client, "grid.a1.worker", PASSWORD).status_code == 302


def test_logout_is_a_post_that_ends_the_session(small_city, page_client_for):
    client = page_client_for(small_city.users["city_admin"])
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert AUTH_SESSION_KEY not in client.session
    assert client.get(reverse("home")).status_code == 302


def _change(client, old: str, new: str, again: str | None = None):
    return client.post(reverse("password-change"), {"old_password": old, "new_password": new,
                                                    "new_password_again": new if again is None else again})


def test_password_change_page_lists_the_rules(small_city, page_client_for):
    content = page_client_for(small_city.users["city_admin"]).get(reverse("password-change")).content.decode()
    assert "at least 10 characters" in content


def test_password_change_needs_a_signed_in_user(db, client):
    response = client.get(reverse("password-change"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_password_change_keeps_the_session_and_records_an_event(small_city, page_client_for, client):
    user = small_city.users["street_a_leader"]
    signed_in = page_client_for(user)
    response = _change(signed_in, PASSWORD, "a-much-better-passphrase")
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert signed_in.get(reverse("home")).status_code == 200
    event = DomainEvent.objects.get(action="user.password_change")
    assert event.actor == user and event.before is None and event.after is None
    assert _log_in(client, user.username, "a-much-better-passphrase").status_code == 302


@pytest.mark.parametrize("old,new,again,field,message", [
    ("not-my-password", "a-much-better-passphrase", None, "old_password", "entered incorrectly"),
    (PASSWORD, "short", None, "new_password", "too short"),
    (PASSWORD, "1234567890123", None, "new_password", "entirely numeric"),
    (PASSWORD, "password1234", None, "new_password", "too common"),
    (PASSWORD, "a-much-better-passphrase", "a-different-passphrase", "new_password_again", "differ"),
    (PASSWORD, "", None, "new_password", "required"),
])
def test_bad_password_changes_are_refused_by_field(small_city, page_client_for, old, new, again, field,
                                                   message):
    user = small_city.users["street_a_leader"]
    response = _change(page_client_for(user), old, new, again)
    assert response.status_code == 400
    content = response.content.decode()
    assert f'id="id_{field}_error"' in content and message in content
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert not DomainEvent.objects.filter(action="user.password_change").exists()
