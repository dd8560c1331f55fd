"""``gongzhi demo``: everything a visitor needs in one command. It migrates the database, makes
the cache table, loads the demo city (reusing it when already there), then runs the web server
(``gongzhi serve``) and the task worker (``gongzhi worker``) as child processes until Ctrl-C or
SIGTERM, and stops both before it exits.

Static files need no collecting: WhiteNoise serves them through the finders."""
from __future__ import annotations

import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongzhi.common.management.commands.serve import add_address_arguments
from gongzhi.org.management.commands.load_demo import add_demo_arguments

# How long the children may take to stop after SIGTERM before they are killed.
STOP_GRACE_SECONDS = 25
POLL_SECONDS = 0.2


def gongzhi_argv(*arguments: str) -> list[str]:
    """A ``gongzhi`` command line run by this very interpreter (so the same virtualenv)."""
    return [sys.executable, "-m", "gongzhi.cli", *arguments]


class Children:
    """The demo's child processes, by name; stopped together."""

    def __init__(self) -> None:
        self.processes: dict[str, subprocess.Popen] = {}

    def start(self, name: str, argv: list[str]) -> None:
        self.processes[name] = subprocess.Popen(argv)

    def first_exited(self) -> tuple[str, int] | None:
        for name, process in self.processes.items():
            if process.poll() is not None:
                return name, process.returncode
        return None

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for process in self.processes.values():
            try:
                process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class Command(BaseCommand):
    help = "Set up and run the demo: migrate, load the demo city, start the web server and the task worker."

    def add_arguments(self, parser) -> None:
        add_address_arguments(parser)
        add_demo_arguments(parser)

    def handle(self, *args, host: str, port: int, force: bool = False, only: list[str] | None = None,
               **options) -> None:
        quiet = max(options["verbosity"] - 1, 0)
        call_command("migrate", interactive=False, verbosity=quiet)
        call_command("createcachetable", verbosity=quiet)
        call_command("load_demo", force=force, only=only, stdout=self.stdout)

        exited = self._run_until_stopped(host=host, port=port)
        if exited:
            name, code = exited
            raise CommandError(_("The %(name)s stopped (exit code %(code)s); the demo stopped with it.") % {
                "name": name, "code": code})
        self.stdout.write(_("Stopped the web server and the task worker."))

    def _run_until_stopped(self, *, host: str, port: int) -> tuple[str, int] | None:
        """Run the worker and the web server until a stop signal (None) or until one of them exits
        on its own (its name and exit code); stop both either way."""
        stop_signals: list[int] = []
        previous_handlers = {
            number: signal.signal(number, lambda received, _frame: stop_signals.append(received))
            for number in (signal.SIGINT, signal.SIGTERM)
        }
        children = Children()
        try:
            children.start(_("task worker"), gongzhi_argv("worker"))
            children.start(_("web server"), gongzhi_argv("serve", "--host", host, "--port", str(port)))
            self.stdout.write(self.style.SUCCESS(
                _("Gongzhi is running at http://%(host)s:%(port)s/ — log in as one of the demo users above "
                  "(password: %(password)s). Press Ctrl-C to stop.") % {
                    "host": host, "port": port, "password": settings.GONGZHI_DEMO_PASSWORD}))
            self.stdout.flush()
            while not stop_signals and children.first_exited() is None:
                time.sleep(POLL_SECONDS)
            return None if stop_signals else children.first_exited()
        finally:
            children.stop()
            for number, handler in previous_handlers.items():
                signal.signal(number, handler)
