"""``gongzhi open311_key NAME``: issue an API key for a client system and print it (once: only its
digest is kept). With --rotate, replace the key of an existing system."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gongzhi.open311.models import ApiClient
from gongzhi.open311.services import api_client_create, api_client_key_rotate


class Command(BaseCommand):
    help = "Create an Open311 client system and print its API key (or --rotate an existing system's key)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("name", help="The client system's name, e.g. “FixMyStreet” or "
                                         "“12345 hotline app”.")
        parser.add_argument("--contact", default="", help="Who runs the system.")
        parser.add_argument("--per-minute", type=int, default=30, dest="per_minute",
                            help="Service requests it may file per minute (default 30).")
        parser.add_argument("--rotate", action="store_true",
                            help="Issue a new key for an existing system; its old key stops working.")

    def handle(self, *args, name: str, contact: str, per_minute: int, rotate: bool, **options) -> None:
        try:
            if rotate:
                client = ApiClient.objects.filter(name=name.strip()).first()
                if client is None:
                    raise CommandError(f"No client system is named “{name}”.")
                client, key = api_client_key_rotate(actor=None, client=client)
            else:
                client, key = api_client_create(actor=None, name=name, contact=contact,
                                                requests_per_minute=per_minute)
        except ValidationError as error:
            raise CommandError("; ".join(f"{field}: {' '.join(messages)}"
                                         for field, messages in error.message_dict.items())) from None
        self.stderr.write(f"API key for “{client.name}” (shown once; store it in the client system):")
        self.stdout.write(key)
