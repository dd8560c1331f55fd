"""``gongzhi worker``: the background task consumer (huey), reading the queue that settings name
(SQLite beside the database by default, Redis when REDIS_URL is set). Start as many as needed."""
from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the background task worker (the huey consumer)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--workers", type=int, default=None,
                            help="Worker threads (default: settings.HUEY['consumer']['workers']).")

    def handle(self, *args, workers: int | None = None, **options) -> None:
        call_command("run_huey", **({} if workers is None else {"workers": workers}))
