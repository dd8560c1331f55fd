"""Bulk-load N work orders (up to 10 M) over the demo city, with realistic distributions.

    .venv/bin/python -m bench.orders.generate --database-url URL --orders 5000000 [--days 1095]
        [--open-share 1.0 --overdue-share 0.1] [--seed 1]

The database must have been prepared (``bench.orders.prepare``). Orders are spread over the last
``--days`` days (weekdays busier, a summer peak, yearly growth), over the city's compounds by
households, over the categories (a few take most orders) and their departments; each one has come
as far through the loop as its age allows: old orders are closed and rated, recent ones are still
open, some were returned, reworked, extended, urged or finished late. ``--open-share`` forces that
share of orders into an open state (the sweep benchmark wants a million open orders), and
``--overdue-share`` decides how many of the open orders with a department are past their deadline.

Rows go in with COPY on PostgreSQL and executemany on SQLite, in batches; when the load is large
compared with the table, the table's secondary indexes are dropped first and built again after
(far faster than maintaining twenty indexes row by row). The work-order rows are written directly,
not through the services: the history's audit events and notifications are not generated (the
benchmarks do not read them). Afterwards the pre-aggregated statistics are rebuilt from the rows and
the planner statistics refreshed."""
from __future__ import annotations

import argparse
import random
import secrets
import time as clock
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone as dt_timezone
from decimal import Decimal

from bench.orders import distributions as shape
from bench.orders.environment import database_argument, django_setup, engine_of

ORDER_COLUMNS = [
    "id", "number", "title", "description", "order_class", "channel", "state", "latitude", "longitude",
    "address", "unit_code", "reporter_name", "reporter_phone", "tracking_token", "reported_at",
    "dispatched_at", "accepted_at", "completed_at", "closed_at", "ended_at", "accept_by", "complete_by",
    "remind_at", "reminded_at", "overdue_since", "escalated_at", "return_count", "rework_count",
    "extension_count", "urge_count", "awaiting_arbitration", "arbitrated", "reject_reason", "result",
    "satisfaction", "rated_at", "rating_comment", "updated_at", "category_id", "community_id",
    "compound_id", "duplicate_of_id", "grid_id", "lead_department_id", "reported_by_id", "street_id",
]
RETURN_COLUMNS = ["id", "reason", "returned_at", "department_id", "order_id"]
ASSISTING_COLUMNS = ["id", "workorder_id", "department_id"]
ORDER_TABLE = "orders_workorder"
RETURN_TABLE = "orders_orderreturn"
ASSISTING_TABLE = "orders_workorder_assisting_departments"
ROLLUP_TABLE = "orders_orderrollup"
RESULT_TEXTS = ["已现场处置完毕，恢复正常。", "已责令整改，复查合格。", "已清理完毕。", "已联系相关单位维修完成。"]
# The steps of each route through the loop, with the timestamp that marks each.
# Planned instants, not steps taken: they say nothing about when the order last changed.
DEADLINES = ("accept_by", "complete_by", "remind_at")
STEPS = {
    "dispatch": [("dispatched", "dispatched_at"), ("in_progress", "accepted_at"), ("handled", "completed_at"),
                 ("closed", "closed_at")],
    "handle_locally": [("handled", "completed_at"), ("closed", "closed_at")],
}
LOCAL_RESULTS = ["社区已协调处理完毕。", "街道组织清理完成。", "网格员现场劝导，已整改。"]
RETURN_REASONS = ["不属于本部门职责，请重新派发。", "经核实属其他部门管辖。"]


@dataclass(frozen=True)
class Place:
    compound_id: int | None
    grid_id: int
    community_id: int
    street_id: int
    unit_code: str
    name: str
    address: str
    latitude: Decimal | None
    longitude: Decimal | None


@dataclass(frozen=True)
class Kind:
    category_id: int
    major_code: str
    name: str
    order_class: str
    department_id: int
    allowance: shape.Allowance


class City:
    """What the orders are spread over, read once from the prepared database."""

    def __init__(self):
        from gongzhi.org.models import Compound, Department, Unit, User
        from gongzhi.orders.models import Category

        grids = {unit.pk: unit for unit in Unit.objects.filter(kind="grid").select_related("parent__parent")}
        self.places, self.place_weights = [], []
        for compound in Compound.objects.filter(grid__isnull=False, is_active=True).order_by("code"):
            grid = grids[compound.grid_id]
            self.places.append(Place(compound.pk, grid.pk, grid.parent_id, grid.parent.parent_id, grid.code,
                                     compound.name, compound.address or compound.name, compound.latitude,
                                     compound.longitude))
            self.place_weights.append(max(1, compound.households))
        # Problems on roads and open ground: the grid only, with an address.
        self.open_ground = [Place(None, grid.pk, grid.parent_id, grid.parent.parent_id, grid.code, grid.name,
                                  grid.name, None, None) for grid in grids.values()]
        departments = Department.objects.filter(is_active=True).order_by("code")
        self.departments = list(departments.values_list("pk", flat=True))
        categories = list(Category.objects.filter(parent__isnull=False, is_active=True,
                                                  default_department__isnull=False).order_by("code"))
        self.kinds = [Kind(c.pk, c.code[:2], c.name, c.order_class, c.default_department_id,
                           shape.Allowance.of(accept_hours=float(c.accept_within_hours),
                                              amount=c.complete_within, unit=c.complete_within_unit,
                                              order_class=c.order_class))
                      for c in categories]
        # A few categories take most orders; which ones is fixed by the seed, not by the code order.
        ranks = list(range(len(self.kinds)))
        random.Random("category-ranks").shuffle(ranks)
        weights = shape.zipf_weights(len(self.kinds))
        self.kind_weights = [weights[rank] for rank in ranks]
        grid_worker = User.objects.filter(username="grid.worker").first()
        membership = grid_worker.memberships.filter(unit__isnull=False).first() if grid_worker else None
        self.grid_worker = (grid_worker.pk, membership.unit_id) if membership else (None, None)


class OrderMaker:
    """One order's row, and its returns and assisting departments, as far as ``now`` allows."""

    def __init__(self, city: City, generator: random.Random, *, now: datetime, open_share: float | None,
                 overdue_share: float):
        from gongzhi.orders.demo_texts import PROBLEM_TEXTS

        self.city, self.random, self.now = city, generator, now
        self.open_share, self.overdue_share = open_share, overdue_share
        self.texts = PROBLEM_TEXTS
        self.channels, self.channel_weights = shape.weighted(shape.CHANNELS)
        self.routes, self.route_weights = shape.weighted(shape.ROUTES)
        self.ratings, self.rating_weights = shape.weighted(shape.SATISFACTION)
        self.open_states, self.open_state_weights = shape.weighted(shape.OPEN_STATES)

    def text(self, kind: Kind, place: Place) -> tuple[str, str]:
        titles, descriptions, details = self.texts[kind.major_code]
        title = self.random.choice(titles).format(place=place.name, name=kind.name)[:120]
        detail = self.random.choice(details)
        description = self.random.choice(descriptions).format(place=place.name, detail=detail)
        return title, description

    def later(self, start: datetime, low: timedelta, high: timedelta) -> datetime:
        return start + low + (high - low) * self.random.random()

    def order(self, *, order_id: int, number: str, reported_at: datetime) -> tuple[list, list, list]:
        r = self.random
        kind = r.choices(self.city.kinds, weights=self.city.kind_weights)[0]
        if r.random() < shape.SHARE_WITHOUT_COMPOUND:
            place = r.choice(self.city.open_ground)
        else:
            place = r.choices(self.city.places, weights=self.city.place_weights)[0]
        channel = r.choices(self.channels, weights=self.channel_weights)[0]
        forced_state = None
        if self.open_share is not None and r.random() < self.open_share:
            forced_state = r.choices(self.open_states, weights=self.open_state_weights)[0]
        route = "dispatch" if forced_state else r.choices(self.routes, weights=self.route_weights)[0]
        o = dict.fromkeys(ORDER_COLUMNS)
        o.update(id=order_id, number=number, order_class=kind.order_class, channel=channel,
                 reported_at=reported_at, category_id=kind.category_id, compound_id=place.compound_id,
                 grid_id=place.grid_id, community_id=place.community_id, street_id=place.street_id,
                 unit_code=place.unit_code, address=place.address, return_count=0, rework_count=0,
                 extension_count=0, urge_count=0, awaiting_arbitration=False, arbitrated=False,
                 reject_reason="", result="", satisfaction="", rating_comment="", reporter_name="",
                 reporter_phone="", tracking_token=secrets.token_urlsafe(16))
        o["title"], o["description"] = self.text(kind, place)
        if place.latitude is not None:
            o["latitude"] = place.latitude + Decimal(r.randint(-300, 300)) / 1_000_000
            o["longitude"] = place.longitude + Decimal(r.randint(-300, 300)) / 1_000_000
        if channel == "hotline" and r.random() < shape.SHARE_HOTLINE_WITH_CONTACT:
            o["reporter_name"] = r.choice("王李张刘陈杨赵黄") + "先生"
            o["reporter_phone"] = f"13{r.randint(100000000, 999999999)}"
        worker, worker_grid = self.city.grid_worker
        if channel in shape.STAFF_CHANNELS and place.grid_id == worker_grid:
            o["reported_by_id"] = worker
        returns, assisting = [], []
        if route == "dispatch":
            self.dispatched(o, kind, returns, assisting)
        elif route == "handle_locally":
            o["completed_at"] = self.later(reported_at, timedelta(hours=1), timedelta(days=3))
            o["result"] = r.choice(LOCAL_RESULTS)
            o["closed_at"] = self.later(o["completed_at"], timedelta(hours=2), timedelta(days=2))
            self.rated(o)
        elif route == "reject":
            o["ended_at"] = self.later(reported_at, timedelta(minutes=30), timedelta(days=1))
            o["reject_reason"] = r.choice(["out_of_scope", "not_a_problem"])
        else:
            o["ended_at"] = self.later(reported_at, timedelta(minutes=5), timedelta(hours=12))
        self.cut_at_now(o, route, forced_state, returns, assisting)
        self.deadline_marks(o)
        o["updated_at"] = max(value for name, value in o.items()
                              if isinstance(value, datetime) and name not in DEADLINES)
        return [o[column] for column in ORDER_COLUMNS], returns, assisting

    def dispatched(self, o: dict, kind: Kind, returns: list, assisting: list) -> None:
        r = self.random
        department = kind.department_id
        if r.random() < shape.SHARE_OTHER_DEPARTMENT:
            department = r.choice(self.city.departments)
        dispatched_at = self.later(o["reported_at"], timedelta(minutes=6), timedelta(hours=6))
        if r.random() < shape.SHARE_RETURNED:
            wrong = r.choice([d for d in self.city.departments if d != department])
            returned_at = self.later(dispatched_at, timedelta(minutes=30), timedelta(days=1))
            returns.append([None, r.choice(RETURN_REASONS), returned_at, wrong, o["id"]])
            o["return_count"] = 1
            dispatched_at = self.later(returned_at, timedelta(hours=1), timedelta(hours=8))
        o["lead_department_id"], o["dispatched_at"] = department, dispatched_at
        allowance = kind.allowance
        o["accept_by"] = dispatched_at + allowance.accept
        o["complete_by"] = allowance.complete_by(dispatched_at)
        if r.random() < shape.SHARE_EXTENDED:
            o["extension_count"] = 1
            o["complete_by"] += r.randint(2, 5) * shape.WORKING_DAY_IN_CALENDAR
        allowed = o["complete_by"] - dispatched_at
        o["remind_at"] = dispatched_at + allowed * 0.75
        if r.random() < shape.SHARE_LATE_ACCEPTANCE:
            o["accepted_at"] = self.later(o["accept_by"], timedelta(minutes=10), timedelta(hours=5))
        else:
            o["accepted_at"] = dispatched_at + (o["accept_by"] - dispatched_at) * r.uniform(0.05, 0.9)
        share = r.uniform(1.02, 1.6) if r.random() < shape.SHARE_LATE_COMPLETION else r.uniform(0.15, 0.95)
        o["completed_at"] = max(o["accepted_at"] + timedelta(minutes=20), dispatched_at + allowed * share)
        if r.random() < shape.SHARE_REWORKED:
            o["rework_count"] = 1
            o["completed_at"] += allowed * r.uniform(0.1, 0.4)
        if r.random() < shape.SHARE_URGED:
            o["urge_count"] = r.randint(1, 3)
        o["result"] = r.choice(RESULT_TEXTS)
        o["closed_at"] = self.later(o["completed_at"], timedelta(hours=2), timedelta(days=3))
        self.rated(o)
        assisted = shape.SHARE_ASSISTED_KEY if kind.order_class == "key" else shape.SHARE_ASSISTED_OTHER
        if r.random() < assisted:
            helpers = r.sample([d for d in self.city.departments if d != department], r.randint(1, 2))
            assisting.extend([None, o["id"], helper] for helper in helpers)

    def rated(self, o: dict) -> None:
        if self.random.random() < shape.SHARE_RATED:
            o["rated_at"] = self.later(o["closed_at"], timedelta(hours=1), timedelta(days=5))
            o["satisfaction"] = self.random.choices(self.ratings, weights=self.rating_weights)[0]

    def cut_at_now(self, o: dict, route: str, forced_state: str | None, returns: list,
                   assisting: list) -> None:
        """Keep only the steps that happened by now, or those up to the forced open state (moving
        the order's whole timeline back when a kept step would lie in the future)."""
        if route in ("reject", "cancel"):
            if o["ended_at"] <= self.now:
                o["state"] = "rejected" if route == "reject" else "cancelled"
            else:
                o["state"], o["ended_at"], o["reject_reason"] = "reported", None, ""
            return
        steps = STEPS[route]
        if forced_state is not None:
            states = [state for state, _field in steps]
            kept = states.index(forced_state) + 1 if forced_state != "reported" else 0
            last = o[steps[kept - 1][1]] if kept else o["reported_at"]
            if last > self.now:
                self.shift(o, returns, last - self.now + timedelta(seconds=self.random.randint(60, 3600)))
        else:
            kept = sum(1 for _state, field in steps if o[field] <= self.now)
        o["state"] = steps[kept - 1][0] if kept else "reported"
        for _state, field in steps[kept:]:
            o[field] = None
        if o["closed_at"] is None:
            o["rated_at"], o["satisfaction"] = None, ""
        if o["completed_at"] is None:
            o["result"] = ""
        if o["state"] == "reported":
            for field in ("dispatched_at", "accept_by", "complete_by", "remind_at", "lead_department_id"):
                o[field] = None
            o["return_count"] = o["extension_count"] = o["rework_count"] = o["urge_count"] = 0
            returns.clear()
            assisting.clear()
        if forced_state in ("dispatched", "in_progress"):
            self.overdue_or_not(o)

    @staticmethod
    def shift(o: dict, returns: list, delta: timedelta) -> None:
        for name, value in o.items():
            if isinstance(value, datetime):
                o[name] = value - delta
        for row in returns:
            row[2] -= delta

    def overdue_or_not(self, o: dict) -> None:
        """For forced-open orders with a department: the chosen share past their deadline."""
        r = self.random
        if r.random() < self.overdue_share:
            due = self.now - timedelta(minutes=r.randint(5, 5 * 24 * 60))
            o["complete_by"] = max(due, o["dispatched_at"] + timedelta(minutes=30))
            if o["complete_by"] >= self.now:
                o["complete_by"] = self.now - timedelta(minutes=1)
                o["dispatched_at"] = min(o["dispatched_at"], o["complete_by"] - timedelta(minutes=30))
        elif o["complete_by"] <= self.now:
            o["complete_by"] = self.now + timedelta(minutes=r.randint(60, 7 * 24 * 60))
        o["accept_by"] = min(o["accept_by"], o["complete_by"])
        o["remind_at"] = o["dispatched_at"] + (o["complete_by"] - o["dispatched_at"]) * 0.75
        if o["accepted_at"] is not None:
            o["accepted_at"] = min(o["accepted_at"], self.now)

    def deadline_marks(self, o: dict) -> None:
        """What the minute-by-minute sweeps would have stamped: reminders and overdue marks."""
        if o["complete_by"] is None:
            return
        finished = o["completed_at"] or self.now
        if o["state"] == "reported":
            return
        if o["remind_at"] <= finished and o["remind_at"] <= self.now:
            o["reminded_at"] = o["remind_at"] + timedelta(seconds=self.random.randint(1, 60))
        if o["complete_by"] < finished:
            mark = min(o["complete_by"] + timedelta(seconds=self.random.randint(1, 60)), self.now)
            o["overdue_since"] = o["escalated_at"] = mark


# ---------------------------------------------------------------------------------------------
# Writing


class Writer:
    """Writes rows in batches; drops and rebuilds the orders table's secondary indexes around a
    large load. ``connection`` is a DB-API connection with ``execute`` (psycopg's or sqlite3's)."""

    connection = None

    def next_id(self, table: str) -> int:
        return self.connection.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}").fetchone()[0]

    def count(self, table: str) -> int:
        return self.connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

    def secondary_indexes(self) -> list[tuple[str, str]]:
        """(name, definition) of the orders table's indexes that back no constraint."""
        raise NotImplementedError

    def drop_indexes(self) -> list[str]:
        indexes = self.secondary_indexes()
        for name, _definition in indexes:
            self.connection.execute(f'DROP INDEX "{name}"')
        self.connection.commit()
        return [definition for _name, definition in indexes]

    def create_indexes(self, definitions: list[str]) -> None:
        for definition in definitions:
            self.connection.execute(definition)
        self.connection.commit()


class PostgresWriter(Writer):
    def __init__(self, database_url: str):
        import psycopg

        self.connection = psycopg.connect(database_url)
        self.connection.execute("SET maintenance_work_mem = '1GB'")
        self.connection.execute("SET synchronous_commit = off")

    def secondary_indexes(self) -> list[tuple[str, str]]:
        return self.connection.execute(
            """SELECT i.relname, pg_get_indexdef(i.oid)
               FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
               WHERE x.indrelid = %s::regclass
                 AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)""",
            [ORDER_TABLE]).fetchall()

    def write(self, table: str, columns: list[str], rows: list[list]) -> None:
        if not rows:
            return
        with self.connection.cursor() as cursor:
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        self.connection.commit()

    def finish(self, sequences: dict[date, int]) -> None:
        self.connection.autocommit = True
        for table in (ORDER_TABLE, RETURN_TABLE, ASSISTING_TABLE):
            self.connection.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                    f"(SELECT COALESCE(MAX(id), 1) FROM {table}))")
        sequence_upsert(self.connection.execute, sequences, engine="postgresql")
        for table in (ORDER_TABLE, RETURN_TABLE, ASSISTING_TABLE, "orders_ordernumbersequence", ROLLUP_TABLE):
            self.connection.execute(f"VACUUM ANALYZE {table}")
        self.connection.close()


class SqliteWriter(Writer):
    def __init__(self, database_url: str):
        from django.db import connection

        connection.ensure_connection()
        self.connection = connection.connection
        # A bench database: a crash during the load only means loading again.
        self.connection.execute("PRAGMA synchronous = OFF")
        self.connection.execute("PRAGMA cache_size = -1000000")
        self.utc = dt_timezone.utc

    def value(self, value):
        """What Django's SQLite backend stores: UTC text for instants, text for decimals."""
        if isinstance(value, datetime):
            return str(value.astimezone(self.utc).replace(tzinfo=None))
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, bool):
            return int(value)
        return value

    def secondary_indexes(self) -> list[tuple[str, str]]:
        return self.connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                       "AND tbl_name = ? AND sql IS NOT NULL", [ORDER_TABLE]).fetchall()

    def write(self, table: str, columns: list[str], rows: list[list]) -> None:
        if not rows:
            return
        marks = ", ".join("?" for _ in columns)
        self.connection.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                                    [[self.value(value) for value in row] for row in rows])
        self.connection.commit()

    def finish(self, sequences: dict[date, int]) -> None:
        sequence_upsert(self.connection.execute, sequences, engine="sqlite")
        self.connection.commit()
        self.connection.execute("ANALYZE")
        self.connection.commit()


def sequence_upsert(execute, sequences: dict[date, int], *, engine: str) -> None:
    """Carry the per-day order numbers on, so orders reported later through the API get fresh ones."""
    larger = "GREATEST" if engine == "postgresql" else "MAX"
    mark = "%s" if engine == "postgresql" else "?"
    for day, last in sequences.items():
        execute(f"INSERT INTO orders_ordernumbersequence (day, last) VALUES ({mark}, {mark}) "
                f"ON CONFLICT (day) DO UPDATE "
                f"SET last = {larger}(orders_ordernumbersequence.last, excluded.last)",
                [day if engine == "postgresql" else day.isoformat(), last])


def existing_sequences() -> dict[date, int]:
    from gongzhi.orders.models import OrderNumberSequence

    return dict(OrderNumberSequence.objects.values_list("day", "last"))


def generate(*, database_url: str, orders: int, days: int, seed: int, open_share: float | None,
             overdue_share: float, batch: int, rebuild_indexes: str, now: datetime | None = None) -> dict:
    from django.utils import timezone

    from gongzhi.common.calendar import is_working_day
    from gongzhi.orders.rollups import rollups_rebuild

    zone = timezone.get_default_timezone()
    now = now or timezone.now()
    today = timezone.localtime(now, zone).date()
    span = [today - timedelta(days=offset) for offset in range(days - 1, -1, -1)]
    counts = shape.split(orders, shape.day_weights(span, {day: is_working_day(day) for day in span}))
    city = City()
    maker = OrderMaker(city, random.Random(seed), now=now, open_share=open_share, overdue_share=overdue_share)
    writer_class = PostgresWriter if engine_of(database_url) == "postgresql" else SqliteWriter
    writer = writer_class(database_url)
    present = writer.count(ORDER_TABLE)
    rebuild = rebuild_indexes == "yes" or (rebuild_indexes == "auto" and orders > max(present, 50_000))
    definitions = writer.drop_indexes() if rebuild else []
    next_order, next_return, next_assisting = (writer.next_id(t) for t in (ORDER_TABLE, RETURN_TABLE,
                                                                              ASSISTING_TABLE))
    sequences = existing_sequences()
    started = clock.monotonic()
    order_rows, return_rows, assisting_rows = [], [], []
    written = 0

    def flush() -> None:
        nonlocal order_rows, return_rows, assisting_rows
        writer.write(ORDER_TABLE, ORDER_COLUMNS, order_rows)
        writer.write(RETURN_TABLE, RETURN_COLUMNS, return_rows)
        writer.write(ASSISTING_TABLE, ASSISTING_COLUMNS, assisting_rows)
        order_rows, return_rows, assisting_rows = [], [], []

    for day, count in zip(span, counts):
        instants = sorted(shape.report_instant(maker.random, day, zone) for _ in range(count))
        for reported_at in instants:
            if reported_at > now:
                reported_at = now - timedelta(seconds=maker.random.randint(1, 600))
            sequences[day] = sequences.get(day, 0) + 1
            number = f"{day:%Y%m%d}{sequences[day]:05d}"
            row, returns, assisting = maker.order(order_id=next_order, number=number, reported_at=reported_at)
            next_order += 1
            order_rows.append(row)
            for item in returns:
                item[0], next_return = next_return, next_return + 1
                return_rows.append(item)
            for item in assisting:
                item[0], next_assisting = next_assisting, next_assisting + 1
                assisting_rows.append(item)
            if len(order_rows) >= batch:
                written += len(order_rows)
                flush()
                elapsed = clock.monotonic() - started
                print(f"  {written:>10,} orders  {written / elapsed:,.0f}/s", flush=True)
    written += len(order_rows)
    flush()
    loaded = clock.monotonic() - started
    if definitions:
        writer.create_indexes(definitions)
    indexed = clock.monotonic() - started
    rolled = rollups_rebuild()
    writer.finish(sequences)
    finished = clock.monotonic() - started
    return {"orders": written, "load_seconds": round(loaded, 1), "index_seconds": round(indexed - loaded, 1),
            "total_seconds": round(finished, 1), "rollup_rows": rolled, "indexes_rebuilt": bool(definitions)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    database_argument(parser)
    parser.add_argument("--orders", type=int, required=True, help="how many orders to add (up to 10,000,000)")
    parser.add_argument("--days", type=int, default=3 * 365,
                        help="spread over the last DAYS days (default 3 years)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--open-share", type=float, default=None,
                        help="force this share of orders into an open state (default: as their age says)")
    parser.add_argument("--overdue-share", type=float, default=0.1,
                        help="with --open-share: share of open orders with a department past the deadline")
    parser.add_argument("--batch", type=int, default=50_000, help="rows per COPY / executemany")
    parser.add_argument("--rebuild-indexes", choices=["auto", "yes", "no"], default="auto")
    arguments = parser.parse_args()
    if not 0 < arguments.orders <= 10_000_000:
        parser.error("--orders must be between 1 and 10,000,000")
    django_setup(arguments.database_url)
    result = generate(database_url=arguments.database_url, orders=arguments.orders, days=arguments.days,
                      seed=arguments.seed, open_share=arguments.open_share,
                      overdue_share=arguments.overdue_share, batch=arguments.batch,
                      rebuild_indexes=arguments.rebuild_indexes)
    print(result)


if __name__ == "__main__":
    main()
