"""Location routing at scale: 100 k points assigned among 10 k grid polygons through the platform's
routing (``gongzhi.common.geo.grid_codes_at``: the cached index, the rule for shared edges, the
lookup of codes), against a bare STRtree query over the same polygons and coordinates.
Target: ≥ 0.8 (throughput of the platform ÷ throughput of the bare query).

    .venv/bin/python -m bench.routing.run --database-url sqlite:////tmp/gongzhi-bench/routing.sqlite3
    .venv/bin/python -m bench.routing.run --database-url postgres://postgres@127.0.0.1:5432/gongzhi_bench_routing

The database is created and filled on the first run (migrate, then the grids); later runs reuse it.
Results print as JSON and are written to bench/results/routing-<engine>.json."""
from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path
from urllib.parse import urlparse

BENCH_ROOT = Path(os.environ.get("GONGZHI_BENCH_ROOT", "/tmp/gongzhi-bench"))
RESULTS = Path(__file__).resolve().parent.parent / "results"


def setup(database_url: str) -> str:
    engine = "postgresql" if database_url.startswith(("postgres://", "postgresql://")) else "sqlite"
    name = Path(urlparse(database_url).path).stem
    path = Path("/" + urlparse(database_url).path.lstrip("/"))
    if engine == "sqlite" and not path.is_relative_to(BENCH_ROOT):
        raise SystemExit(f"Benchmark SQLite files live under {BENCH_ROOT}: {database_url}")
    if engine == "postgresql" and "bench" not in name:
        raise SystemExit(f"Use a PostgreSQL database whose name says bench: {database_url}")
    data_dir = BENCH_ROOT / f"data-{engine}-{name}"
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ.update({"DATABASE_URL": database_url, "GONGZHI_DATA_DIR": str(data_dir),
                       "DJANGO_SETTINGS_MODULE": "gongzhi.settings"})
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return engine


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            names = (line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name"))
            return next(names, "")
    except OSError:
        return platform.processor()


def timed(function) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def alternately(first, second, repeat: int) -> tuple[float, object, float, object]:
    """The best wall time of each of two functions run in turn ``repeat`` times, and each one's last
    result. In turn, so that a change in the machine's load falls on both alike; the best, as timeit
    takes it, because a CPU-bound run is only ever slowed by other processes, never sped up."""
    first_seconds, second_seconds = [], []
    # Untimed first runs: a tree is built lazily on its first query.
    first()
    second()
    for _ in range(repeat):
        seconds, first_result = timed(first)
        first_seconds.append(seconds)
        seconds, second_result = timed(second)
        second_seconds.append(seconds)
    return min(first_seconds), first_result, min(second_seconds), second_result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--grids", type=int, default=10_000)
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--single-points", type=int, default=2_000,
                        help="Points routed one by one (one version check each), for comparison.")
    arguments = parser.parse_args()
    engine = setup(arguments.database_url)

    import numpy
    import shapely
    from shapely.geometry import shape

    from bench.routing.grids import EAST, NORTH, SOUTH, WEST, grids_load
    from gongzhi.common import geo
    from gongzhi.org.models import Unit

    grid_count = grids_load(arguments.grids)
    generator = numpy.random.default_rng(2024)
    # A tenth of the box's width beyond each side: about one point in six falls outside every grid.
    margin_x, margin_y = (EAST - WEST) * 0.05, (NORTH - SOUTH) * 0.05
    points = generator.uniform([SOUTH - margin_y, WEST - margin_x], [NORTH + margin_y, EAST + margin_x],
                               size=(arguments.points, 2))

    cold_seconds, index = timed(geo.grid_index)

    # The bare baseline: the same polygons (parsed from the same rows) and one STRtree query.
    rows = list(Unit.objects.filter(kind="grid", boundary__isnull=False, is_active=True).order_by("code")
                .values_list("code", "boundary"))
    polygons = [shape(boundary) for _code, boundary in rows]
    tree = shapely.STRtree(polygons)
    platform_seconds, codes, bare_seconds, matches = alternately(
        lambda: geo.grid_codes_at(points),
        # From the same coordinates to matches: making the points is part of the bare minimum.
        lambda: tree.query(shapely.points(points[:, 1], points[:, 0]), predicate="intersects"),
        arguments.repeat)

    # Both must agree: each point's lowest-coded matching grid, or none.
    expected: list[str | None] = [None] * len(points)
    for point, grid in sorted(zip(matches[0].tolist(), matches[1].tolist()), reverse=True):
        expected[point] = rows[grid][0]
    disagreements = sum(1 for mine, theirs in zip(codes, expected) if mine != theirs)

    single = points[: arguments.single_points]
    single_seconds, _ = timed(lambda: [geo.grid_code_at(latitude=lat, longitude=lng) for lat, lng in single])

    vertices = sum(len(polygon.exterior.coords) for polygon in polygons)
    result = {
        "benchmark": "location routing", "engine": engine, "grids": grid_count,
        "vertices_per_grid": round(vertices / len(polygons), 1), "points": len(points),
        "inside_a_grid": sum(code is not None for code in codes), "disagreements": disagreements,
        "index_build_seconds": round(cold_seconds, 3),
        "platform_seconds": round(platform_seconds, 4), "bare_seconds": round(bare_seconds, 4),
        "platform_points_per_second": round(len(points) / platform_seconds),
        "bare_points_per_second": round(len(points) / bare_seconds),
        "ratio_platform_to_bare": round(bare_seconds / platform_seconds, 3), "target": 0.8,
        "one_by_one_points_per_second": round(len(single) / single_seconds),
        "repeat": arguments.repeat, "cpus": os.cpu_count(), "cpu": _cpu_model(),
        "python": platform.python_version(),
        "shapely": shapely.__version__, "load_average": [round(value, 2) for value in os.getloadavg()],
    }
    assert index is geo.grid_index(), "the index was rebuilt between runs"
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"routing-{engine}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    if disagreements:
        raise SystemExit(f"{disagreements} points were routed differently from the bare query")


if __name__ == "__main__":
    main()
