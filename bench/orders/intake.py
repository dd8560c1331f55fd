"""Intake: orders created per second through the HTTP API by 16 concurrent clients ÷ the same rows
inserted by raw SQL over 16 connections. Target ≥ 0.5.

    .venv/bin/python -m bench.orders.intake --database-url URL [--orders 3000] [--workers 4]

The API side: ``gongzhi serve`` (gunicorn, several sync workers, DEBUG off) on 127.0.0.1; 16
client threads each POST ``/api/v1/work-orders/`` as the demo's grid worker (token auth, an
Idempotency-Key on every create, as a field app sends), in the worker's own grid, until the
bounded number of orders is reached or the time is up. Each answer must be 201.

The SQL side inserts the same rows the API run left per order, counted from the database: the
day's number counter, the order, its "report" event, its idempotency record and its inbox rows
(the street's staff are told of every new problem): 16 threads, one connection each, one
transaction per order (the counter in its own statement first, as the service takes it, so the
hot counter row is not held for the whole transaction). A second SQL figure inserts the order row
alone.

The rows both sides created are deleted afterwards."""
from __future__ import annotations

import json
import secrets
import threading
import time
import uuid
from datetime import datetime, timezone as dt_timezone

from bench.orders.harness import BareDatabase, measurement_main, production_server, request

REPORTER = "grid.worker"
CLIENTS = 16
ORDERS_TABLE = "orders_workorder"
TABLES = {"orders": "orders_workorder", "events": "common_domainevent",
          "notifications": "common_notification", "idempotency_records": "orders_idempotencyrecord"}


class Tickets:
    """A shared, bounded count of work: every client takes one ticket per order until none are left
    or the time is up."""

    def __init__(self, total: int, seconds: float):
        self.left, self.lock = total, threading.Lock()
        self.deadline = time.monotonic() + seconds
        self.done, self.errors = 0, []

    def take(self) -> bool:
        with self.lock:
            if self.left <= 0 or time.monotonic() > self.deadline:
                return False
            self.left -= 1
            return True

    def finished(self, error: str | None = None) -> None:
        with self.lock:
            if error:
                self.errors.append(error)
            else:
                self.done += 1


def run_clients(work, *, total: int, seconds: float, clients: int = CLIENTS) -> dict:
    tickets = Tickets(total, seconds)
    start = threading.Barrier(clients + 1)

    def client(number: int) -> None:
        state = {}
        start.wait()
        while tickets.take():
            try:
                work(number, state)
                tickets.finished()
            except Exception as error:  # counted and reported, never retried
                tickets.finished(f"{type(error).__name__}: {error}"[:300])
        closer = state.get("close")
        if closer:
            closer()

    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return {"created": tickets.done, "seconds": round(elapsed, 3),
            "per_second": round(tickets.done / elapsed, 1), "errors": len(tickets.errors),
            "first_errors": tickets.errors[:5]}


def table_state(database: BareDatabase) -> dict[str, int]:
    return {name: database.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0]
            for name, table in TABLES.items()}


def rows_since(database: BareDatabase, marks: dict[str, int]) -> dict[str, int]:
    return {name: database.execute(f"SELECT COUNT(*) FROM {table} WHERE id > %s", [marks[name]]).fetchone()[0]
            for name, table in TABLES.items()}


def delete_since(database: BareDatabase, marks: dict[str, int]) -> None:
    database.begin()
    for name in ("notifications", "idempotency_records", "events", "orders"):
        database.execute(f"DELETE FROM {TABLES[name]} WHERE id > %s", [marks[name]])
    database.commit()


def report_body(generator, categories: list[str], grid_code: str, number: int) -> dict:
    category = generator.choice(categories)
    return {"title": f"网格巡查发现问题 {number}", "description": "网格员巡查发现路边垃圾堆放，影响环境卫生，请尽快处理。",
            "category": category, "channel": "grid_patrol", "grid_code": grid_code}


def api_run(database_url: str, *, total: int, seconds: float, workers: int) -> dict:
    import random

    from rest_framework.authtoken.models import Token

    from gongzhi.org.models import User
    from gongzhi.orders.models import Category

    user = User.objects.get(username=REPORTER)
    token = Token.objects.get_or_create(user=user)[0].key
    grid_code = user.memberships.get(is_active=True).unit.code
    categories = list(Category.objects.filter(parent__isnull=False, is_active=True)
                      .values_list("code", flat=True))
    generator = random.Random(7)

    with production_server(database_url, workers=workers) as server:
        def create(number: int, state: dict) -> None:
            status, body = request(server, "POST", "/api/v1/work-orders/", token=token,
                                   body=report_body(generator, categories, grid_code, number),
                                   headers={"Idempotency-Key": str(uuid.uuid4())})
            if status != 201:
                raise RuntimeError(f"{status} {body[:200]!r}")

        run_clients(create, total=CLIENTS * 3, seconds=60)  # warm up every worker
        return run_clients(create, total=total, seconds=seconds)


class RowTemplates:
    """The rows one API-created order left, as templates for the SQL side."""

    def __init__(self, database: BareDatabase, marks: dict[str, int]):
        self.order = self.row(database, f"SELECT * FROM {TABLES['orders']} WHERE id > %s "
                                        f"ORDER BY id DESC LIMIT 1", [marks["orders"]])
        self.event = self.row(database, f"SELECT * FROM {TABLES['events']} WHERE action = 'order.report' "
                                        f"AND object_id = %s", [str(self.order["id"])])
        self.notifications = self.rows(database, f"SELECT * FROM {TABLES['notifications']} "
                                                 f"WHERE event_id = %s", [self.event["id"]])
        self.idempotency = self.row(database, f"SELECT * FROM {TABLES['idempotency_records']} "
                                              f"WHERE order_id = %s", [self.order["id"]])

    @staticmethod
    def rows(database: BareDatabase, sql: str, parameters) -> list[dict]:
        cursor = database.execute(sql, parameters)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, values)) for values in cursor.fetchall()]

    def row(self, database: BareDatabase, sql: str, parameters) -> dict:
        found = self.rows(database, sql, parameters)
        if not found:
            raise RuntimeError(f"no row for {sql}")
        return found[0]


def _plain(value):
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return value


def insert(database: BareDatabase, table: str, row: dict, *, returning: bool = False):
    columns = [name for name in row if name != "id"]
    sql = (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
           + (" RETURNING id" if returning else ""))
    cursor = database.execute(sql, [_plain(row[name]) for name in columns])
    return cursor.fetchone()[0] if returning else None


def sql_run(database_url: str, templates: RowTemplates, *, total: int, seconds: float, whole: bool) -> dict:
    from django.utils import timezone

    engine = BareDatabase(database_url).engine
    today = timezone.localdate()

    def instant() -> object:
        moment = datetime.now(dt_timezone.utc)
        return moment if engine == "postgresql" else str(moment.replace(tzinfo=None))

    def create(number: int, state: dict) -> None:
        if "database" not in state:
            state["database"] = BareDatabase(database_url)
            state["close"] = state["database"].close
        database = state["database"]
        now = instant()
        if whole:
            if engine == "sqlite":
                database.begin()
            last = database.execute("UPDATE orders_ordernumbersequence SET last = last + 1 WHERE day = %s "
                                    "RETURNING last", [today if engine == "postgresql" else today.isoformat()]
                                    ).fetchone()[0]
            database.commit()
            number_text = f"{today:%Y%m%d}{last:05d}"
        else:
            number_text = f"B{uuid.uuid4().hex[:18]}"
        database.begin()
        order = {**templates.order, "number": number_text, "tracking_token": secrets.token_urlsafe(16),
                 "reported_at": now, "updated_at": now}
        order_id = insert(database, ORDERS_TABLE, order, returning=True)
        if whole:
            event_id = insert(database, TABLES["events"], {**templates.event, "object_id": str(order_id),
                                                           "occurred_at": now}, returning=True)
            insert(database, TABLES["idempotency_records"], {**templates.idempotency, "order_id": order_id,
                                                             "key": str(uuid.uuid4()), "created_at": now})
            for notification in templates.notifications:
                insert(database, TABLES["notifications"],
                       {**notification, "event_id": event_id, "created_at": now})
        database.commit()

    return run_clients(create, total=total, seconds=seconds)


def measure(database_url: str, *, orders: int, seconds: float, workers: int) -> dict:
    database = BareDatabase(database_url, autocommit=True)
    marks = table_state(database)
    api = api_run(database_url, total=orders, seconds=seconds, workers=workers)
    created = rows_since(database, marks)
    templates = RowTemplates(database, marks)
    per_order = {name: round(count / created["orders"], 2) for name, count in created.items()}
    delete_since(database, marks)

    marks = table_state(database)
    same_rows = sql_run(database_url, templates, total=orders, seconds=seconds, whole=True)
    sql_rows = rows_since(database, marks)
    delete_since(database, marks)
    marks = table_state(database)
    order_rows = sql_run(database_url, templates, total=orders, seconds=seconds, whole=False)
    delete_since(database, marks)
    database.close()
    return {
        "clients": CLIENTS, "workers": workers, "orders_asked": orders,
        "api": api, "rows_per_api_order": per_order,
        "sql_same_rows": same_rows, "rows_per_sql_order": {name: round(count / max(1, sql_rows["orders"]), 2)
                                                           for name, count in sql_rows.items()},
        "sql_order_row_only": order_rows,
        "ratio": round(api["per_second"] / same_rows["per_second"], 3),
        "ratio_against_order_row_only": round(api["per_second"] / order_rows["per_second"], 3),
        "target": "ratio >= 0.5",
    }


def main() -> None:
    measurement_main(doc=__doc__, name="intake", measure=measure, options={
        "--orders": {"type": int, "default": 3000, "help": "orders created by each side (bounded)"},
        "--seconds": {"type": float, "default": 180, "help": "stop each side after this long at the most"},
        "--workers": {"type": int, "default": 4, "help": "gunicorn workers"},
    }, shown=["api", "sql_same_rows", "sql_order_row_only", "ratio", "ratio_against_order_row_only"])

if __name__ == "__main__":
    main()
