"""``gongzhi load_demo``: the demo city and its users, created once and reused on every later run."""
from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongzhi.org.demo import DemoRefused, demo_load, demo_logins


def demo_logins_table() -> list[str]:
    """The lines that tell a visitor how to log in to the demo."""
    logins = demo_logins()
    width = max((len(username) for username, _role, _place in logins), default=0)
    lines = [_("Demo logins (password: %(password)s)") % {"password": settings.GONGZHI_DEMO_PASSWORD}]
    lines += [f"  {username.ljust(width)}  {role} · {place}" for username, role, place in logins]
    return lines


def add_demo_arguments(parser) -> None:
    """``--force`` and ``--only``, shared with ``gongzhi demo``."""
    parser.add_argument("--force", action="store_true",
                        help="Create the demo users even with DEBUG off (their password is published).")
    parser.add_argument("--only", action="append", metavar="STEP",
                        help="Load only this step or module's steps (e.g. org, org.city); repeatable.")


class Command(BaseCommand):
    help = ("Load the demo city (6 streets, 70 communities, 130 grids, ~300 compounds, 20 departments) "
            "and its users.")

    def add_arguments(self, parser) -> None:
        add_demo_arguments(parser)

    def handle(self, *args, force: bool = False, only: list[str] | None = None, **options) -> None:
        try:
            context = demo_load(force=force, only=only or ())
        except DemoRefused as refusal:
            raise CommandError(str(refusal)) from None
        for line in context.summary_lines():
            self.stdout.write(line)
        if context.created_count:
            self.stdout.write(self.style.SUCCESS(_("Demo city loaded.")))
        else:
            self.stdout.write(self.style.SUCCESS(_("Demo city already loaded: nothing to create.")))
        for line in demo_logins_table():
            self.stdout.write(line)
