"""Client systems and their keys: issued by ``gongzhi open311_key NAME`` or by city administrators
(in the admin and through the services), never readable again, replaced and switched off through
audited actions; every other role is refused."""
from __future__ import annotations

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from gongzhi.common.exceptions import ActionNotPermitted
from gongzhi.common.models import DomainEvent
from gongzhi.open311.keys import key_digest
from gongzhi.open311.models import ApiClient
from gongzhi.open311.selectors.clients import api_client_for_key
from gongzhi.open311.services import (api_client_create, api_client_key_rotate, api_client_set_active,
                                      api_client_update)
from tests.api_support import ROLE_KEYS, nothing_written

pytestmark = pytest.mark.usefixtures("english")


def test_the_command_issues_a_key_that_works(small_city):
    out, err = StringIO(), StringIO()
    call_command("open311_key", "FixMyStreet", "--per-minute", "12", stdout=out, stderr=err)
    key = out.getvalue().strip()
    client = ApiClient.objects.get(name="FixMyStreet")
    assert api_client_for_key(key) == client and client.requests_per_minute == 12
    assert client.key_digest == key_digest(key) and key not in str(ApiClient.objects.values().get())
    assert "shown once" in err.getvalue()
    event = DomainEvent.objects.get(action="open311_client.create")
    assert key not in str(event.after) and event.actor is None


def test_the_command_rotates_and_refuses_duplicates(small_city):
    call_command("open311_key", "Hotline app", stdout=StringIO(), stderr=StringIO())
    with pytest.raises(CommandError, match="name"):
        call_command("open311_key", "Hotline app", stdout=StringIO(), stderr=StringIO())
    with pytest.raises(CommandError, match="No client system"):
        call_command("open311_key", "Nobody's app", "--rotate", stdout=StringIO(), stderr=StringIO())
    with pytest.raises(CommandError, match="requests_per_minute"):
        call_command("open311_key", "Too fast", "--per-minute", "0", stdout=StringIO(), stderr=StringIO())


def test_a_rotated_key_replaces_the_old_one(small_city):
    client, old = api_client_create(actor=None, name="FixMyStreet")
    client, new = api_client_key_rotate(actor=None, client=client)
    assert api_client_for_key(old) is None and api_client_for_key(new) == client


def test_a_switched_off_system_is_refused_until_switched_on(small_city):
    client, key = api_client_create(actor=None, name="FixMyStreet")
    api_client_set_active(actor=None, client=client, is_active=False)
    assert api_client_for_key(key) is None
    api_client_set_active(actor=None, client=client, is_active=True)
    assert api_client_for_key(key) == client


@pytest.mark.parametrize(("changes", "field"), [
    ({"name": ""}, "name"), ({"name": "名" * 101}, "name"),
    ({"requests_per_minute": "many"}, "requests_per_minute"),
    ({"requests_per_minute": 100_000}, "requests_per_minute"), ({"contact": "c" * 201}, "contact"),
    ({"key_digest": "0" * 64}, "key_digest"),
])
def test_bad_changes_name_the_field_and_change_nothing(small_city, changes, field):
    client, _key = api_client_create(actor=None, name="FixMyStreet")
    with nothing_written(ApiClient), pytest.raises(ValidationError) as refused:
        api_client_update(actor=None, client=client, changes=changes)
    assert field in refused.value.message_dict


@pytest.mark.parametrize("user", ROLE_KEYS)
def test_only_city_administrators_manage_client_systems(small_city, user):
    actor = small_city.actor(user)
    if user == "city_admin":
        client, _key = api_client_create(actor=actor, name="FixMyStreet")
        api_client_key_rotate(actor=actor, client=client)
        api_client_set_active(actor=actor, client=client, is_active=False)
        assert DomainEvent.objects.filter(action__startswith="open311_client.", actor=actor.user).count() == 3
        return
    client, _key = api_client_create(actor=None, name="FixMyStreet")
    for action in (lambda: api_client_create(actor=actor, name="Other"),
                   lambda: api_client_key_rotate(actor=actor, client=client),
                   lambda: api_client_set_active(actor=actor, client=client, is_active=False),
                   lambda: api_client_update(actor=actor, client=client, changes={"name": "x"})):
        with nothing_written(ApiClient), pytest.raises(ActionNotPermitted):
            action()


@pytest.mark.parametrize("user", ROLE_KEYS)
def test_the_admin_opens_to_city_administrators_only(client, small_city, user):
    account = small_city.users[user]
    account.is_staff = True
    account.save()
    client.force_login(account)
    expected = 200 if user == "city_admin" else 403
    assert client.get("/admin/open311/apiclient/").status_code == expected
    assert client.get("/admin/open311/apiclient/add/").status_code == expected


def test_adding_a_system_in_the_admin_shows_its_key_once(client, small_city):
    admin = small_city.users["city_admin"]
    admin.is_staff = True
    admin.save()
    client.force_login(admin)
    response = client.post("/admin/open311/apiclient/add/", {"name": "FixMyStreet", "contact": "mysociety",
                                                             "requests_per_minute": "20"}, follow=True)
    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    key = next(message for message in messages if "gz311_" in message).split(" is ")[1].split(" ")[0]
    assert api_client_for_key(key) == ApiClient.objects.get(name="FixMyStreet")
    assert DomainEvent.objects.filter(action="open311_client.create", actor=admin).exists()
    duplicate = client.post("/admin/open311/apiclient/add/",
                            {"name": "FixMyStreet", "requests_per_minute": "20"})
    assert duplicate.status_code == 200 and "exists" in duplicate.content.decode()
    assert ApiClient.objects.count() == 1
