"""The demo loader publishes its users' password, so with DEBUG off it refuses to create them
(before writing anything) unless forced; the loaded case with --force is in test_demo_city."""
from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gongzhi.cli import main
from gongzhi.common.models import DomainEvent
from gongzhi.org.demo.steps import DemoContext
from gongzhi.org.demo.users import demo_users, demo_users_refusal
from gongzhi.org.models import Unit, User


def test_refuses_without_debug_and_force(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo", stdout=StringIO())
    assert not Unit.objects.exists()
    assert not User.objects.exists()
    assert not DomainEvent.objects.exists()


def test_refusal_exits_non_zero_from_the_console(db, settings, capsys):
    settings.DEBUG = False
    with pytest.raises(SystemExit) as exit_info:
        main(["load_demo"])
    assert exit_info.value.code != 0
    assert "--force" in capsys.readouterr().err


def test_refusal_is_lifted_when_every_demo_user_already_exists(db, settings):
    """A forced load on a production set-up may be rerun without --force: it creates no user."""
    for demo_user in demo_users():
        User.objects.create(username=demo_user.username)
    settings.DEBUG = False
    assert demo_users_refusal(DemoContext()) is None
    User.objects.filter(username="grid.worker").delete()
    assert demo_users_refusal(DemoContext())
    assert demo_users_refusal(DemoContext(force=True)) is None
