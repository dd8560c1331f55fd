"""Department queue: p95 latency of the API list (50 rows, department + state filter, deadline
order) ÷ p95 of the same SQL through the bare driver. Target ≤ 3.

    .venv/bin/python -m bench.orders.queue --database-url URL [--requests 300]

A department handler (the demo's ``dept.housing``) asks for their department's orders in progress,
by deadline: ``GET /api/v1/work-orders/?department=HOUSING&state=in_progress&ordering=deadline``
(50 rows a page), one request after another against ``gongzhi serve`` (gunicorn, DEBUG off).

"The same SQL" is every statement the request sends to the database (token, user and membership
lookups, the page count, the page itself), captured by running the same request in this process
with a query wrapper, then replayed as they are, in order, on one open connection of the bare
driver (psycopg or sqlite3), fetching every row. The ratio is also given against the page query
alone (the one SELECT of orders)."""
from __future__ import annotations

from bench.orders.harness import (BareDatabase, measurement_main, production_server, repeat_timed, request,
                                  summary)

DEPARTMENT = "HOUSING"
HANDLER = "dept.housing"
WARM_UP = 20


def queue_path(*, state: str = "in_progress") -> str:
    return f"/api/v1/work-orders/?department={DEPARTMENT}&state={state}&ordering=deadline&page_size=50"


def token_for(username: str) -> str:
    from rest_framework.authtoken.models import Token

    from gongzhi.org.models import User

    return Token.objects.get_or_create(user=User.objects.get(username=username))[0].key


def captured_statements(path: str, token: str) -> tuple[list[tuple[str, tuple]], int]:
    """Run the request in this process, as the server would, and keep every statement it sends."""
    from django.db import connection
    from django.test import Client

    statements: list[tuple[str, tuple]] = []

    def keep(execute, sql, params, many, context):
        statements.append((sql, tuple(params or ())))
        return execute(sql, params, many, context)

    client = Client(HTTP_AUTHORIZATION=f"Token {token}", HTTP_HOST="127.0.0.1")
    with connection.execute_wrapper(keep):
        response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}: {response.content[:300]!r}")
    return statements, len(response.json()["results"])


def replay(database: BareDatabase, statements: list[tuple[str, tuple]]) -> int:
    rows = 0
    for sql, params in statements:
        cursor = database.execute(sql, params)
        if cursor.description is not None:
            rows += len(cursor.fetchall())
    if database.engine == "postgresql":
        database.commit()  # end the read transaction psycopg opened, as Django's autocommit does
    return rows


def measure(database_url: str, *, requests: int, seconds: float, workers: int) -> dict:
    from gongzhi.orders.models import WorkOrder

    path = queue_path()
    token = token_for(HANDLER)
    statements, rows = captured_statements(path, token)
    page_query = next(index for index, (sql, _params) in enumerate(statements)
                      if sql.lstrip().upper().startswith("SELECT") and "LIMIT" in sql.upper()
                      and '"orders_workorder"' in sql.split("FROM", 1)[-1].split("WHERE", 1)[0])
    orders = WorkOrder.objects.count()
    matching = WorkOrder.objects.filter(lead_department__code=DEPARTMENT, state="in_progress").count()

    with production_server(database_url, workers=workers) as server:
        def api() -> None:
            status, body = request(server, "GET", path, token=token)
            if status != 200:
                raise RuntimeError(f"the list answered {status}: {body[:300]!r}")

        for _ in range(WARM_UP):
            api()
        api_latencies = repeat_timed(api, count=requests, seconds=seconds)

    database = BareDatabase(database_url)
    for _ in range(WARM_UP):
        replay(database, statements)
    sql_latencies = repeat_timed(lambda: replay(database, statements), count=requests, seconds=seconds)
    page_only = [statements[page_query]]
    page_latencies = repeat_timed(lambda: replay(database, page_only), count=requests, seconds=seconds)
    database.close()

    api_summary, sql_summary = summary(api_latencies), summary(sql_latencies)
    page_summary = summary(page_latencies)
    return {
        "orders": orders, "matching_orders": matching, "rows_per_page": rows, "path": path,
        "statements_per_request": len(statements), "statements": [sql for sql, _params in statements],
        "api": api_summary, "same_sql": sql_summary, "page_query_only": page_summary,
        "ratio_p95": round(api_summary["p95_ms"] / sql_summary["p95_ms"], 2),
        "ratio_p95_page_query_only": round(api_summary["p95_ms"] / page_summary["p95_ms"], 2),
        "target": "ratio_p95 <= 3",
    }


def main() -> None:
    measurement_main(doc=__doc__, name="queue", measure=measure, options={
        "--requests": {"type": int, "default": 300,
                       "help": f"requests measured (after {WARM_UP} to warm up)"},
        "--seconds": {"type": float, "default": 120, "help": "stop each loop after this long at the most"},
        "--workers": {"type": int, "default": 2, "help": "gunicorn workers"},
    }, shown=["orders", "matching_orders", "api", "same_sql", "ratio_p95", "ratio_p95_page_query_only"])

if __name__ == "__main__":
    main()
