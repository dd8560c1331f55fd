"""Month statistics, city-wide, grouped by department ÷ a bare COUNT(*) over that month's orders.
Target ≤ 1.

    .venv/bin/python -m bench.orders.month_statistics --database-url URL [--times 50]

The month is the last complete calendar month. Timed, each ``--times`` times (medians and p95):

- ``statistics``: ``order_statistics(actor=<city.admin>, group_by="department", …)`` in this
  process, the selector the API and the statistics page call (it reads the pre-aggregated daily
  figures for city-wide actors, see orders/rollups.py);
- ``api``: ``GET /api/v1/stats/work-orders?group_by=department&from=…&to=…`` as ``city.admin``
  against ``gongzhi serve``;
- ``counted_live``: the same figures counted over the order rows (what every actor got before the
  daily figures; still what scoped actors get), fewer times;
- ``bare_count``: ``SELECT COUNT(*) FROM orders_workorder WHERE dispatched_at >= %s AND
  dispatched_at < %s`` through the bare driver (the month's dispatched orders, the statistics' base).

The ratio is statistics ÷ bare count (medians); the API's and the live count's ratios are given too."""
from __future__ import annotations

from datetime import date, timedelta, timezone as dt_timezone

from bench.orders.harness import (BareDatabase, measurement_main, production_server, repeat_timed, request,
                                  summary)

ADMIN = "city.admin"
LIVE_REPEAT = 5


def last_complete_month(today: date) -> tuple[date, date]:
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def measure(database_url: str, *, times: int, workers: int) -> dict:
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from gongzhi.common.access.actor import actor_for
    from gongzhi.org.models import User
    from gongzhi.orders.statistics import _counted, order_statistics, period_bounds

    first, last = last_complete_month(timezone.localdate())
    lower, upper = period_bounds(start=first, end=last)
    user = User.objects.get(username=ADMIN)
    actor = actor_for(user)
    token = Token.objects.get_or_create(user=user)[0].key

    figures = order_statistics(actor=actor, group_by="department", start=first, end=last)
    live_rows, live_totals = _counted(actor=actor, group_by="department", lower=lower, upper=upper)
    if figures["totals"]["dispatched"] != live_totals["dispatched"]:
        raise RuntimeError("the daily figures and the live count disagree; rebuild the figures")

    statistics = repeat_timed(
        lambda: order_statistics(actor=actor, group_by="department", start=first, end=last), count=times)
    live = repeat_timed(lambda: _counted(actor=actor, group_by="department", lower=lower, upper=upper),
                        count=LIVE_REPEAT)

    database = BareDatabase(database_url, autocommit=True)
    count_sql = "SELECT COUNT(*) FROM orders_workorder WHERE dispatched_at >= %s AND dispatched_at < %s"
    bounds = [lower, upper] if database.engine == "postgresql" else [
        str(moment.astimezone(dt_timezone.utc).replace(tzinfo=None)) for moment in (lower, upper)]
    counted = database.execute(count_sql, bounds).fetchone()[0]
    bare = repeat_timed(lambda: database.execute(count_sql, bounds).fetchone(), count=times)
    database.close()

    path = f"/api/v1/stats/work-orders?group_by=department&from={first}&to={last}"
    with production_server(database_url, workers=workers) as server:
        def api() -> None:
            status, body = request(server, "GET", path, token=token)
            if status != 200:
                raise RuntimeError(f"{status} {body[:200]!r}")

        for _ in range(10):
            api()
        api_latencies = repeat_timed(api, count=times)

    results = {"statistics": summary(statistics), "api": summary(api_latencies),
               "counted_live": summary(live), "bare_count": summary(bare)}
    base = results["bare_count"]["p50_ms"]
    return {
        "month": f"{first:%Y-%m}", "orders_dispatched_in_month": counted, "groups": len(figures["groups"]),
        "totals": figures["totals"], **results,
        "ratio": round(results["statistics"]["p50_ms"] / base, 3),
        "ratio_api": round(results["api"]["p50_ms"] / base, 3),
        "ratio_counted_live": round(results["counted_live"]["p50_ms"] / base, 3),
        "target": "ratio <= 1",
    }


def main() -> None:
    measurement_main(doc=__doc__, name="month-statistics", measure=measure, options={
        "--times": {"type": int, "default": 50, "help": "how many times each is timed"},
        "--workers": {"type": int, "default": 2, "help": "gunicorn workers"},
    }, shown=["month", "orders_dispatched_in_month", "statistics", "api", "counted_live", "bare_count",
              "ratio", "ratio_api", "ratio_counted_live"])

if __name__ == "__main__":
    main()
