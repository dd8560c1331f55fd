"""Point Django at a benchmark database before anything imports a model.

Every benchmark script takes ``--database-url``; SQLite files and their companions (huey's queue,
uploads) live under /tmp/gongzhi-bench so the benchmarks never touch the development or test
databases."""
from __future__ import annotations

import argparse
import os
from pathlib import Path
from urllib.parse import urlparse

BENCH_ROOT = Path(os.environ.get("GONGZHI_BENCH_ROOT", "/tmp/gongzhi-bench"))
# The production settings the web server runs with during a benchmark (loopback only, no TLS proxy).
PRODUCTION_ENVIRONMENT = {
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-secret-key-not-for-any-deployment-0123456789abcdef",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "false",
}


def database_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database-url", required=True,
                        help="postgres://postgres@127.0.0.1:5432/gongzhi_bench_… or "
                             "sqlite:////tmp/gongzhi-bench/….sqlite3 (never a test or development database)")


def engine_of(database_url: str) -> str:
    return "postgresql" if database_url.startswith(("postgres://", "postgresql://")) else "sqlite"


def sqlite_path(database_url: str) -> Path:
    """The file of a ``sqlite:////absolute/path`` URL (four slashes: the scheme's two, then the path)."""
    return Path("/" + urlparse(database_url).path.lstrip("/"))


def data_dir_for(database_url: str) -> Path:
    """A data directory per benchmark database, for huey's SQLite queue and uploaded photos."""
    name = Path(urlparse(database_url).path).stem or "bench"
    return BENCH_ROOT / f"data-{engine_of(database_url)}-{name}"


def bench_environment(database_url: str, *, production: bool = True) -> dict[str, str]:
    """The environment a benchmark process (or the server it starts) runs with."""
    parsed = urlparse(database_url)
    outside = not str(sqlite_path(database_url)).startswith(f"{BENCH_ROOT}/")
    if engine_of(database_url) == "sqlite" and outside:
        raise SystemExit(f"Benchmark SQLite files live under {BENCH_ROOT}: {database_url}")
    if engine_of(database_url) == "postgresql" and "bench" not in parsed.path:
        raise SystemExit(f"Use a PostgreSQL database whose name says bench: {database_url}")
    data_dir = data_dir_for(database_url)
    data_dir.mkdir(parents=True, exist_ok=True)
    environment = {"DATABASE_URL": database_url, "GONGZHI_DATA_DIR": str(data_dir),
                   "DJANGO_SETTINGS_MODULE": "gongzhi.settings"}
    if production:
        environment.update(PRODUCTION_ENVIRONMENT)
    return environment


def django_setup(database_url: str, *, production: bool = True) -> None:
    os.environ.update(bench_environment(database_url, production=production))
    import django

    django.setup()
