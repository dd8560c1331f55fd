"""``gongzhi demo`` for real: a child process on a free port with its own SQLite data folder, asked
for /healthz, then stopped with SIGTERM; its web server and worker must stop with it."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sqlite3
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

STARTUP_SECONDS = 60
STOP_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def demo_environment(data_dir: Path) -> dict[str, str]:
    environment = {name: value for name, value in os.environ.items()
                   if name not in {"DATABASE_URL", "REDIS_URL", "PORT", "HOST", "SECRET_KEY",
                                    "GONGZHI_DEMO_PASSWORD"}}
    environment.update(GONGZHI_DATA_DIR=str(data_dir), DEBUG="true", PYTHONUNBUFFERED="1",
                       DJANGO_SETTINGS_MODULE="gongzhi.settings", WEB_CONCURRENCY="1")
    return environment


def demo_start(data_dir: Path, port: int, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        # The organisation's demo only: other modules' demo history would take this test past its budget.
        [sys.executable, "-m", "gongzhi.cli", "demo", "--port", str(port), "--only", "org"],
        env=demo_environment(data_dir), stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (children, grandchildren: gunicorn's workers), from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def event_count(data_dir: Path) -> int:
    with sqlite3.connect(data_dir / "gongzhi.sqlite3") as connection:
        return connection.execute("SELECT COUNT(*) FROM common_domainevent").fetchone()[0]


def health(port: int) -> tuple[int, dict] | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            return response.status, json.loads(response.read())
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds the demo's children through /proc")
def test_demo_serves_healthz_and_stops_its_children(tmp_path):
    port = free_port()
    log = tmp_path / "demo.log"
    demo = demo_start(tmp_path / "data", port, log)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        answer = None
        while answer is None and time.monotonic() < deadline and demo.poll() is None:
            time.sleep(0.3)
            answer = health(port)
        assert answer == (200, {"status": "ok", "database": "ok"}), log.read_text()
        children = descendants(demo.pid)
        # The task worker, gunicorn's master and at least one of its workers.
        assert len(children) >= 3, children
    finally:
        demo.send_signal(signal.SIGTERM)
        try:
            code = demo.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            demo.kill()
            raise
    output = log.read_text()
    assert code == 0, output
    assert "city.admin" in output and "street.jianguolu" in output and "gongzhi-demo" in output
    assert f"http://127.0.0.1:{port}/" in output
    time.sleep(0.5)
    assert not [pid for pid in children if running(pid)], output
    events_after_first_run = event_count(tmp_path / "data")
    assert events_after_first_run > 800

    # A second demo on the same data reuses the city; with its port taken, the web server cannot
    # start, and the demo stops (with the worker) instead of running half-way.
    with socket.socket() as squatter:
        squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        squatter.bind(("127.0.0.1", port))
        squatter.listen()
        second = demo_start(tmp_path / "data", port, log)
        try:
            code = second.wait(timeout=STARTUP_SECONDS)
        except subprocess.TimeoutExpired:
            second.kill()
            raise
    assert code != 0, log.read_text()
    assert event_count(tmp_path / "data") == events_after_first_run
