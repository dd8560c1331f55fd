"""POST /api/v1/auth/token: user name and password for a token, with the login page's lockout."""
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from gongzhi.common.models import DomainEvent
from tests.api_support import assert_error
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

URL = reverse("api:auth-token")


def _ask(username: str, password: str | None):
    body = {"username": username} if password is None else {"username": username, "password": password}
    return APIClient().post(URL, body, format="json")


def test_right_credentials_give_a_token_that_authenticates_api_calls(small_city):
    response = _ask("street.a.dispatcher", PASSWORD)
    assert response.status_code == 200
    token = response.json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = client.get(reverse("api:me"))
    assert me.status_code == 200 and me.json()["user"]["username"] == "street.a.dispatcher"
    assert _ask("street.a.dispatcher", PASSWORD).json()["token"] == token


def test_a_made_up_token_is_refused(small_city):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    assert_error(client.get(reverse("api:me")), 401)


@pytest.mark.parametrize("body,field", [
    ({"username": "street.a.dispatcher"}, "password"),
    ({"password": PASSWORD}, "username"),
    ({"username": "", "password": PASSWORD}, "username"),
    ({"username": ["street.a.dispatcher"], "password": PASSWORD}, "username"),
])
def test_missing_or_malformed_fields_are_named(small_city, body, field):
    assert_error(APIClient().post(URL, body, format="json"), 400, field)


@pytest.mark.parametrize("username", ["street.a.dispatcher", "no.such.user"])
def test_wrong_credentials_answer_400_without_telling_which_was_wrong(small_city, username):
    error = assert_error(_ask(username, "not-the-password"), 400)
    assert error["code"] == "invalid"
    assert list(error["fields"]) == ["non_field_errors"]


def test_five_failures_lock_the_account_and_then_even_the_right_password_is_refused(small_city, settings):
    settings.GONGZHI_LOGIN_MAX_FAILURES = 5
    settings.GONGZHI_LOGIN_LOCKOUT_MINUTES = 15
    for _attempt in range(4):
        assert_error(_ask("street.a.dispatcher", "wrong-password"), 400)
    locked = _ask("street.a.dispatcher", "wrong-password")
    error = assert_error(locked, 429)
    assert error["code"] == "account_locked"
    assert 14 * 60 < int(locked["Retry-After"]) <= 15 * 60
    assert assert_error(_ask("street.a.dispatcher", PASSWORD), 429)["code"] == "account_locked"
    event = DomainEvent.objects.get(action="user.lock")
    assert event.object_id == str(small_city.users["street_a_dispatcher"].pk)
    # Other accounts are not affected.
    assert _ask("street.b.dispatcher", PASSWORD).status_code == 200

    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert _ask("street.a.dispatcher", PASSWORD).status_code == 200


def test_a_success_resets_the_failure_count(small_city, settings):
    settings.GONGZHI_LOGIN_MAX_FAILURES = 5
    for _attempt in range(4):
        _ask("street.a.dispatcher", "wrong-password")
    assert _ask("street.a.dispatcher", PASSWORD).status_code == 200
    for _attempt in range(4):
        assert_error(_ask("street.a.dispatcher", "wrong-password"), 400)


def test_an_inactive_account_gets_no_token(small_city):
    user = small_city.users["street_a_dispatcher"]
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert_error(_ask("street.a.dispatcher", PASSWORD), 400)
