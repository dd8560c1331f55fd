"""``gongzhi serve`` and ``gongzhi worker``: what they start, and from which settings. (The demo test
runs both for real.)"""
from __future__ import annotations

import sys

import pytest
from django.core.management import CommandError, call_command

from gongzhi.common.management.commands import worker


@pytest.fixture
def exec_calls(monkeypatch) -> list[list[str]]:
    calls: list[list[str]] = []
    monkeypatch.setattr("os.execv", lambda path, argv: calls.append([path, *argv[1:]]))
    return calls


def option(argv: list[str], name: str) -> str:
    return argv[argv.index(name) + 1]


def test_serve_runs_gunicorn_on_the_wsgi_application_with_port_and_workers_from_the_environment(
        exec_calls, monkeypatch):
    monkeypatch.setenv("PORT", "9123")
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.delenv("HOST", raising=False)
    call_command("serve")
    [argv] = exec_calls
    assert argv[:4] == [sys.executable, "-m", "gunicorn", "gongzhi.wsgi:application"]
    assert option(argv, "--bind") == "127.0.0.1:9123"
    assert option(argv, "--workers") == "3"


def test_serve_options_win_over_the_environment(exec_calls, monkeypatch):
    monkeypatch.setenv("PORT", "9123")
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    call_command("serve", "--host", "0.0.0.0", "--port", "8001", "--workers", "5")
    [argv] = exec_calls
    assert option(argv, "--bind") == "0.0.0.0:8001"
    assert option(argv, "--workers") == "5"


def test_serve_refuses_a_port_that_is_not_a_number(exec_calls):
    with pytest.raises(CommandError):
        call_command("serve", "--port", "eighty")
    assert exec_calls == []


@pytest.mark.parametrize("arguments, expected", [([], {}), (["--workers", "4"], {"workers": 4})])
def test_worker_runs_the_huey_consumer(monkeypatch, arguments, expected):
    calls = []
    monkeypatch.setattr(worker, "call_command", lambda name, **options: calls.append((name, options)))
    call_command("worker", *arguments)
    assert calls == [("run_huey", expected)]
