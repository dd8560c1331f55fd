"""Create a benchmark database: the schema, the cache table, the demo city (units, compounds,
departments, users) and the category catalogue, and an API token for each demo user.

    .venv/bin/python -m bench.orders.prepare \\
        --database-url postgres://postgres@127.0.0.1:5432/gongzhi_bench_small

A PostgreSQL database is created when missing. Running it again reuses what is there."""
from __future__ import annotations

import argparse
import io
from urllib.parse import urlparse

from bench.orders.environment import database_argument, django_setup, engine_of

# The demo steps the benchmarks need: the city and its users, and the catalogue. Not the demo's
# order history: the generator writes orders at scale instead.
DEMO_STEPS = ["org", "orders.catalogue"]


def postgres_database_create(database_url: str) -> None:
    import psycopg

    parsed = urlparse(database_url)
    name = parsed.path.lstrip("/")
    server = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def tokens_for_demo_users() -> dict[str, str]:
    from rest_framework.authtoken.models import Token

    from gongzhi.org.demo.users import demo_users
    from gongzhi.org.models import User

    tokens = {}
    for user in User.objects.filter(username__in=[demo.username for demo in demo_users()]):
        tokens[user.username] = Token.objects.get_or_create(user=user)[0].key
    return tokens


def prepare(database_url: str) -> None:
    if engine_of(database_url) == "postgresql":
        postgres_database_create(database_url)
    django_setup(database_url)
    from django.core.management import call_command

    quiet = io.StringIO()
    call_command("migrate", interactive=False, verbosity=0, stdout=quiet)
    call_command("createcachetable", verbosity=0, stdout=quiet)
    call_command("load_demo", only=DEMO_STEPS, force=True, verbosity=0, stdout=quiet)
    tokens_for_demo_users()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    database_argument(parser)
    arguments = parser.parse_args()
    prepare(arguments.database_url)
    print(f"prepared {arguments.database_url}")


if __name__ == "__main__":
    main()
