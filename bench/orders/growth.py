"""Growth: the department queue's p95 at 5 M orders ÷ at 100 k. Target ≤ 2.

    .venv/bin/python -m bench.orders.growth --small-url URL_100K --database-url URL_5M [--requests 300]

Runs the queue measurement (bench/orders/queue.py) on both databases, one after the other in the
same run, and divides the API's p95 at the large size by the one at the small size (the same SQL's
p95s are divided too, to show how much of any growth is the database's)."""
from __future__ import annotations

import argparse
import json
import subprocess
import sys

from bench.orders.environment import database_argument
from bench.orders.harness import results_write


def queue_run(database_url: str, requests: int) -> dict:
    output = subprocess.run([sys.executable, "-m", "bench.orders.queue", "--database-url", database_url,
                             "--requests", str(requests)], check=True, capture_output=True, text=True).stdout
    path = next(line.split(": ", 1)[1] for line in output.splitlines() if line.startswith("results: "))
    with open(path) as results:
        return json.load(results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small-url", required=True)
    database_argument(parser)  # the large database; also names the results file
    parser.add_argument("--requests", type=int, default=300)
    arguments = parser.parse_args()
    small = queue_run(arguments.small_url, arguments.requests)
    large = queue_run(arguments.database_url, arguments.requests)
    result = {
        "small": {key: small[key] for key in ("orders", "matching_orders", "api", "same_sql")},
        "large": {key: large[key] for key in ("orders", "matching_orders", "api", "same_sql")},
        "ratio": round(large["api"]["p95_ms"] / small["api"]["p95_ms"], 3),
        "ratio_same_sql": round(large["same_sql"]["p95_ms"] / small["same_sql"]["p95_ms"], 3),
        "target": "ratio <= 2",
    }
    results_write("growth", arguments.database_url, result)
    print(result)


if __name__ == "__main__":
    main()
