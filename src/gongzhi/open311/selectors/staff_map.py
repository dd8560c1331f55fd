"""The staff map's data: the orders an actor may see, with the queues' filters applied by the caller,
as points when few and as clusters when many.

Clustering is on the server, by a square lattice anchored at 0°,0° whose cells are about
``CELL_PIXELS`` wide at the map's zoom: the database groups the orders by cell and state, so a
city's whole history costs one aggregate query rather than a hundred thousand markers sent to a phone."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Count, FloatField, QuerySet
from django.db.models.functions import Cast, Floor
from django.urls import reverse

from gongzhi.orders.models import OrderState, WorkOrder

CELL_PIXELS = 64
TILE_PIXELS = 256
# Up to this many orders in view are sent one by one; beyond, as clusters.
MAX_POINTS = 400
STATE_COLOURS = {
    OrderState.REPORTED: "#0d6efd",
    OrderState.DISPATCHED: "#6f42c1",
    OrderState.IN_PROGRESS: "#fd7e14",
    OrderState.HANDLED: "#20c997",
    OrderState.CLOSED: "#198754",
    OrderState.REJECTED: "#6c757d",
    OrderState.CANCELLED: "#adb5bd",
}


@dataclass(frozen=True)
class BoundingBox:
    west: float
    south: float
    east: float
    north: float


def cell_degrees(zoom: int) -> float:
    """The width of a cell in degrees of longitude (Web Mercator: a tile spans 360° / 2^zoom)."""
    return CELL_PIXELS * 360.0 / (TILE_PIXELS * 2 ** zoom)


def _in_box(orders: QuerySet[WorkOrder], box: BoundingBox | None) -> QuerySet[WorkOrder]:
    located = orders.filter(latitude__isnull=False, longitude__isnull=False)
    if box is None:
        return located
    return located.filter(latitude__gte=box.south, latitude__lte=box.north,
                          longitude__gte=box.west, longitude__lte=box.east)


def _points(orders: QuerySet[WorkOrder]) -> list[dict]:
    labels = dict(OrderState.choices)
    return [{"number": number, "title": title, "state": state, "state_label": str(labels.get(state, state)),
             "latitude": float(latitude), "longitude": float(longitude),
             "url": reverse("orders:detail", args=[number])}
            for number, title, state, latitude, longitude in
            orders.order_by("-reported_at", "-id")
            .values_list("number", "title", "state", "latitude", "longitude")]


def _clusters(orders: QuerySet[WorkOrder], zoom: int) -> list[dict]:
    size = cell_degrees(zoom)
    rows = (orders.order_by()
            .annotate(column=Floor(Cast("longitude", FloatField()) / size),
                      row=Floor(Cast("latitude", FloatField()) / size))
            .values("column", "row", "state")
            .annotate(count=Count("id"), latitude=Avg("latitude"), longitude=Avg("longitude")))
    cells: dict[tuple, dict] = {}
    for entry in rows:
        cell = cells.setdefault((entry["column"], entry["row"]),
                                {"count": 0, "states": {}, "latitude_sum": 0.0, "longitude_sum": 0.0})
        cell["count"] += entry["count"]
        cell["states"][entry["state"]] = entry["count"]
        cell["latitude_sum"] += float(entry["latitude"]) * entry["count"]
        cell["longitude_sum"] += float(entry["longitude"]) * entry["count"]
    return [{"count": cell["count"], "states": cell["states"],
             "latitude": cell["latitude_sum"] / cell["count"],
             "longitude": cell["longitude_sum"] / cell["count"],
             "state": max(cell["states"], key=lambda state: (cell["states"][state], state))}
            for cell in cells.values()]


def orders_map_data(*, orders: QuerySet[WorkOrder], box: BoundingBox | None, zoom: int) -> dict:
    """``orders`` comes from the work orders' scoped selector (orders_visible_to), already filtered."""
    shown = _in_box(orders, box)
    states = dict(shown.order_by().values_list("state").annotate(count=Count("id")))
    total = sum(states.values())
    clustered = total > MAX_POINTS
    return {
        "total": total,
        "states": states,
        "clustered": clustered,
        "points": [] if clustered else _points(shown),
        "clusters": _clusters(shown, zoom) if clustered else [],
    }
