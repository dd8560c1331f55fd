"""Overdue sweep over 1 M open orders ÷ a bare UPDATE … WHERE complete_by < now(). Target ≤ 2.

    .venv/bin/python -m bench.orders.generate --database-url URL --orders 1000000 --days 60 \\
        --open-share 1 --overdue-share 0.1
    .venv/bin/python -m bench.orders.sweep --database-url URL [--rounds 2]

On a table of a million open orders, every order with a department (dispatched or in progress)
whose deadline has passed is first un-marked, so that there is a backlog to sweep (as after the
consumer was down for a while). Then, in turn, ``--rounds`` times each:

- ``bare``: ``UPDATE orders_workorder SET overdue_since = %s, escalated_at = %s WHERE state IN
  ('dispatched', 'in_progress') AND complete_by < %s AND overdue_since IS NULL`` in one transaction
  through the bare driver: the database marking the rows and nothing else;
- ``sweep``: ``orders_overdue_sweep(now=…)`` as the periodic job runs it: batches of short
  transactions that claim rows (SKIP LOCKED on PostgreSQL), mark them, keep the daily figures
  exact, record one audit event per order and, after each commit, put the "overdue" notice in the
  inboxes of the department's and the street's staff (and hand it to the outbound channels);
- ``bare_with_events``: the floor of what the sweep must write, in raw SQL: the same UPDATE and one
  audit row per marked order (``INSERT … SELECT``), in one transaction.

Between runs the marks, the sweep's events and notifications are removed again and (PostgreSQL)
the table is vacuumed and checkpointed, untimed, so every run starts from the same state. One more
sweep runs with notifications paused, to show what the inbox fan-out costs. At the end the daily
figures are counted again, so the database is left exact."""
from __future__ import annotations

import time
from datetime import timezone as dt_timezone

from bench.orders.harness import BareDatabase, measurement_main

CLOCK_STATES = ("dispatched", "in_progress")
DUE = "state IN ('dispatched', 'in_progress') AND complete_by < %s"


class SweepBench:
    def __init__(self, database_url: str):
        from django.utils import timezone

        self.database = BareDatabase(database_url, autocommit=True)
        self.engine = self.database.engine
        self.now = timezone.now().replace(microsecond=0)
        self.first_event = self.max_id("common_domainevent")
        self.first_notification = self.max_id("common_notification")

    def value(self, moment):
        if self.engine == "postgresql":
            return moment
        return str(moment.astimezone(dt_timezone.utc).replace(tzinfo=None))

    def max_id(self, table: str) -> int:
        return self.database.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0]

    def count(self, sql: str, parameters=()) -> int:
        return self.database.execute(sql, parameters).fetchone()[0]

    def reset(self) -> None:
        """Un-mark the due orders and remove what earlier runs recorded (untimed)."""
        database = self.database
        database.begin()
        database.execute(f"UPDATE orders_workorder SET overdue_since = NULL, escalated_at = NULL WHERE {DUE}",
                         [self.value(self.now)])
        database.execute("DELETE FROM common_notification WHERE id > %s", [self.first_notification])
        database.execute("DELETE FROM common_domainevent WHERE id > %s", [self.first_event])
        database.commit()
        if self.engine == "postgresql":
            for statement in ("VACUUM ANALYZE orders_workorder", "VACUUM ANALYZE common_domainevent",
                              "VACUUM ANALYZE common_notification", "CHECKPOINT"):
                database.execute(statement)
        else:
            database.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def bare(self) -> tuple[float, int]:
        database = self.database
        started = time.perf_counter()
        database.begin()
        cursor = database.execute(f"UPDATE orders_workorder SET overdue_since = %s, escalated_at = %s "
                                  f"WHERE {DUE} AND overdue_since IS NULL", [self.value(self.now)] * 3)
        database.commit()
        return time.perf_counter() - started, cursor.rowcount

    def bare_with_events(self) -> tuple[float, int]:
        """The floor of what the sweep must write: the same UPDATE, then one audit row per marked
        order (a constant body) with a single INSERT … SELECT, in one transaction."""
        database = self.database
        body = "CAST(%s AS jsonb)" if self.engine == "postgresql" else "%s"
        started = time.perf_counter()
        database.begin()
        cursor = database.execute(f"UPDATE orders_workorder SET overdue_since = %s, escalated_at = %s "
                                  f"WHERE {DUE} AND overdue_since IS NULL", [self.value(self.now)] * 3)
        database.execute(
            f"INSERT INTO common_domainevent (occurred_at, actor_id, membership_id, action, object_type, "
            f"object_id, object_repr, unit_code, before, after, comment, attachments) "
            f"SELECT %s, NULL, NULL, 'order.overdue', 'orders.workorder', CAST(id AS TEXT), "
            f"SUBSTR(number || ' ' || title, 1, 200), unit_code, NULL, {body}, '', {body} "
            f"FROM orders_workorder WHERE {DUE} AND overdue_since = %s",
            [self.value(self.now), '{"escalated": true}', "[]", self.value(self.now), self.value(self.now)])
        database.commit()
        return time.perf_counter() - started, cursor.rowcount

    def sweep(self, *, notify: bool = True) -> tuple[float, int]:
        from django.db import connection

        from gongzhi.common.notifications import notifications_paused
        from gongzhi.orders.services import orders_overdue_sweep

        connection.close()  # a fresh connection, as a periodic job in a worker would hold
        started = time.perf_counter()
        if notify:
            marked = orders_overdue_sweep(now=self.now)
        else:
            with notifications_paused():
                marked = orders_overdue_sweep(now=self.now)
        return time.perf_counter() - started, marked

    def recorded(self) -> dict:
        return {"events": self.count("SELECT COUNT(*) FROM common_domainevent WHERE id > %s",
                                     [self.first_event]),
                "notifications": self.count("SELECT COUNT(*) FROM common_notification WHERE id > %s",
                                            [self.first_notification])}


def measure(database_url: str, *, rounds: int) -> dict:
    from gongzhi.orders.rollups import rollups_rebuild

    bench = SweepBench(database_url)
    open_orders = bench.count("SELECT COUNT(*) FROM orders_workorder WHERE state IN "
                              "('reported', 'dispatched', 'in_progress', 'handled')")
    due = bench.count(f"SELECT COUNT(*) FROM orders_workorder WHERE {DUE}", [bench.value(bench.now)])
    runs = []
    for round_number in range(rounds):
        for kind, run_one in (("bare", bench.bare), ("bare_with_events", bench.bare_with_events),
                              ("sweep", bench.sweep)):
            bench.reset()
            seconds, marked = run_one()
            run = {"round": round_number + 1, "kind": kind, "seconds": round(seconds, 3), "marked": marked}
            if kind != "bare":
                run.update(bench.recorded())
            runs.append(run)
            print(run, flush=True)
    bench.reset()
    seconds, marked = bench.sweep(notify=False)
    quiet = {"kind": "sweep, notifications paused", "seconds": round(seconds, 3), "marked": marked,
             **bench.recorded()}
    print(quiet, flush=True)
    bench.database.close()
    started = time.perf_counter()
    rollups_rebuild()
    rebuilt = time.perf_counter() - started

    def mean(kind: str) -> float:
        values = [run["seconds"] for run in runs if run["kind"] == kind]
        return sum(values) / len(values)

    return {
        "open_orders": open_orders, "due_orders": due, "runs": runs, "sweep_without_notifications": quiet,
        "bare_mean_seconds": round(mean("bare"), 3), "sweep_mean_seconds": round(mean("sweep"), 3),
        "bare_with_events_mean_seconds": round(mean("bare_with_events"), 3),
        "ratio": round(mean("sweep") / mean("bare"), 3),
        "ratio_floor_with_events": round(mean("bare_with_events") / mean("bare"), 3),
        "ratio_without_notifications": round(quiet["seconds"] / mean("bare"), 3),
        "figures_rebuilt_seconds": round(rebuilt, 1), "target": "ratio <= 2",
    }


def main() -> None:
    measurement_main(doc=__doc__, name="sweep", measure=measure, options={
        "--rounds": {"type": int, "default": 2, "help": "runs of each (bare, sweep), alternating"},
    }, shown=["open_orders", "due_orders", "bare_mean_seconds", "sweep_mean_seconds", "ratio",
              "ratio_without_notifications", "ratio_floor_with_events"])

if __name__ == "__main__":
    main()
