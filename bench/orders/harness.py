"""What every measurement shares: the production server on loopback, a bounded HTTP client, the
bare database connection the ratios are taken against, percentiles, and the results file.

Load goes to 127.0.0.1 only, and every loop is bounded both in requests and in seconds."""
from __future__ import annotations

import http.client
import json
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterator
from urllib.parse import urlparse

from bench.orders.environment import BENCH_ROOT, bench_environment, engine_of, sqlite_path

LOOPBACK = "127.0.0.1"
RESULTS_DIR = Path(__file__).resolve().parent.parent / "results"


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share in 0..1) of ``values``."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(share * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summary(seconds: list[float]) -> dict:
    """Milliseconds: median, p95, p99, mean and how many samples."""
    milliseconds = {f"p{round(share * 100)}_ms": round(percentile(seconds, share) * 1000, 3)
                    for share in (0.5, 0.95, 0.99)}
    return {"n": len(seconds), **milliseconds, "mean_ms": round(sum(seconds) / len(seconds) * 1000, 3)}


def machine() -> dict:
    """The facts a reader needs to compare figures: CPUs, memory, load, versions."""
    memory_kb = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                  if line.startswith("model name")), platform.processor())
    import sqlite3

    import django

    return {"cpus": os.cpu_count(), "cpu": model, "memory_gb": round(memory_kb / 1024 / 1024, 1),
            "load_average": [round(value, 2) for value in os.getloadavg()],
            "python": platform.python_version(),
            "django": django.get_version(), "sqlite": sqlite3.sqlite_version, "kernel": platform.release()}


def postgres_version(database_url: str) -> str:
    import psycopg

    with psycopg.connect(database_url) as connection:
        return connection.execute("SHOW server_version").fetchone()[0]


def results_write(name: str, database_url: str, data: dict) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    database = Path(urlparse(database_url).path).stem
    path = RESULTS_DIR / f"{name}-{engine_of(database_url)}-{database}-{stamp}.json"
    facts = machine()
    if engine_of(database_url) == "postgresql":
        facts["postgresql"] = postgres_version(database_url)
    document = {"measurement": name, "database_url": database_url, "engine": engine_of(database_url),
                "when": datetime.now().isoformat(timespec="seconds"), "command": " ".join(sys.argv),
                "machine": facts, **data}
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n")
    print(f"results: {path}")
    return path


# ---------------------------------------------------------------------------------------------
# The production server


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    port: int
    process: subprocess.Popen
    log: Path

    def connection(self, timeout: float = 30) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(LOOPBACK, self.port, timeout=timeout)


@contextmanager
def production_server(database_url: str, *, workers: int) -> Iterator[Server]:
    """``gongzhi serve`` (gunicorn, DEBUG off) on a free loopback port, stopped on the way out."""
    port = free_port()
    log = BENCH_ROOT / f"server-{engine_of(database_url)}-{port}.log"
    environment = {**os.environ, **bench_environment(database_url), "WEB_CONCURRENCY": str(workers)}
    gongzhi = Path(sys.executable).with_name("gongzhi")
    command = [str(gongzhi), "serve", "--host", LOOPBACK, "--port", str(port), "--workers", str(workers)]
    with open(log, "w") as output:
        process = subprocess.Popen(command, env=environment, stdout=output, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    server = Server(port, process, log)
    try:
        _wait_until_serving(server)
        yield server
    finally:
        # gunicorn's master stops its workers on SIGTERM; the session is ours alone.
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _wait_until_serving(server: Server, *, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"the server stopped; see {server.log}")
        try:
            connection = server.connection(timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                connection.close()
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the server did not answer within {seconds} s; see {server.log}")


def request(server: Server, method: str, path: str, *, token: str, body: dict | None = None,
            headers: dict | None = None) -> tuple[int, bytes]:
    """One request on a fresh connection (gunicorn's sync workers close each one)."""
    connection = server.connection()
    try:
        payload = json.dumps(body).encode() if body is not None else None
        all_headers = {"Authorization": f"Token {token}", "Accept": "application/json", **(headers or {})}
        if payload is not None:
            all_headers["Content-Type"] = "application/json"
        connection.request(method, path, body=payload, headers=all_headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


# ---------------------------------------------------------------------------------------------
# The bare database


QMARK = re.compile(r"(?<!%)%s")


class BareDatabase:
    """A plain DB-API connection (psycopg or sqlite3) outside Django: the "database doing the bare
    minimum" every ratio is taken against. SQL is written with %s placeholders, as Django's is."""

    def __init__(self, database_url: str, *, autocommit: bool = False):
        self.engine = engine_of(database_url)
        if self.engine == "postgresql":
            import psycopg

            # Client-side binding, as Django's psycopg backend does by default.
            self.connection = psycopg.connect(database_url, autocommit=autocommit,
                                              cursor_factory=psycopg.ClientCursor)
        else:
            import sqlite3

            self.connection = sqlite3.connect(sqlite_path(database_url), timeout=60, check_same_thread=False,
                                              isolation_level=None if autocommit else "DEFERRED")
            self.connection.execute("PRAGMA journal_mode=WAL")
            self.connection.execute("PRAGMA synchronous=NORMAL")
            # The functions Django's SQL may call on SQLite (date truncation in the time zone, …).
            from django.db.backends.sqlite3._functions import register

            register(self.connection)

    def sql(self, statement: str) -> str:
        if self.engine == "postgresql":
            return statement
        return QMARK.sub("?", statement).replace("%%", "%")

    def execute(self, statement: str, parameters=()):
        cursor = self.connection.cursor()
        cursor.execute(self.sql(statement), tuple(parameters))
        return cursor

    def begin(self) -> None:
        if self.engine == "sqlite":
            # Take the write lock at once, as Django's SQLite settings do (transaction_mode IMMEDIATE).
            self.connection.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.connection.commit()

    def close(self) -> None:
        self.connection.close()


def repeat_timed(function, *, count: int, seconds: float = 120) -> list[float]:
    """How long each call of ``function`` took: ``count`` calls, or fewer if ``seconds`` run out."""
    latencies = []
    stop = time.monotonic() + seconds
    for _ in range(count):
        started = time.perf_counter()
        function()
        latencies.append(time.perf_counter() - started)
        if time.monotonic() > stop:
            break
    return latencies


def measurement_main(*, doc: str, name: str, measure, options: dict[str, dict], shown: list[str]) -> None:
    """The command line of one measurement: ``--database-url`` and its ``options`` (flag → argparse
    keywords, passed to ``measure`` by name), Django pointed at the database, the results file."""
    import argparse

    from bench.orders.environment import database_argument, django_setup

    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    database_argument(parser)
    for flag, keywords in options.items():
        parser.add_argument(flag, **keywords)
    arguments = vars(parser.parse_args())
    database_url = arguments.pop("database_url")
    django_setup(database_url)
    result = measure(database_url, **arguments)
    results_write(name, database_url, result)
    print({key: result[key] for key in shown})
