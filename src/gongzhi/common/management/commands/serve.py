"""``gongzhi serve``: the production web server (gunicorn running ``gongzhi.wsgi``).

The command replaces itself with gunicorn, so signals from a supervisor (systemd, a container
runtime, ``gongzhi demo``) reach gunicorn's master directly: SIGTERM stops it gracefully."""
from __future__ import annotations

import os
import sys

from django.core.management.base import BaseCommand

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_WORKERS = 2


def add_address_arguments(parser) -> None:
    """``--host`` and ``--port`` (PORT from the environment honoured), shared with ``gongzhi demo``."""
    parser.add_argument("--host", default=os.environ.get("HOST", DEFAULT_HOST),
                        help="Address to listen on (default: HOST or %(default)s).")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", DEFAULT_PORT)),
                        help="Port to listen on (default: PORT or %(default)s).")


def _gunicorn_has_control_socket() -> bool:
    from gunicorn.config import KNOWN_SETTINGS

    return any(setting.name == "control_socket_disable" for setting in KNOWN_SETTINGS)


def gunicorn_argv(*, host: str, port: int, workers: int) -> list[str]:
    argv = [
        sys.executable, "-m", "gunicorn", "gongzhi.wsgi:application",
        "--bind", f"{host}:{port}",
        "--workers", str(workers),
        "--access-logfile", "-",
        # Requests waiting on a row lock or a slow export should not be killed as hung workers.
        "--timeout", "120",
        "--graceful-timeout", "20",
    ]
    if _gunicorn_has_control_socket():
        # Gunicorn ≥ 25.1 opens one control socket per user by default, so a second server on the
        # host (a demo beside the tests) would take it over; nothing here uses gunicornc.
        argv.append("--no-control-socket")
    return argv


class Command(BaseCommand):
    help = "Run the production web server (gunicorn) on host:port."

    def add_arguments(self, parser) -> None:
        add_address_arguments(parser)
        parser.add_argument("--workers", type=int,
                            default=int(os.environ.get("WEB_CONCURRENCY", DEFAULT_WORKERS)),
                            help="Worker processes (default: WEB_CONCURRENCY or %(default)s).")

    def handle(self, *args, host: str, port: int, workers: int, **options) -> None:
        argv = gunicorn_argv(host=host, port=port, workers=workers)
        self.stdout.flush()
        os.execv(argv[0], argv)
