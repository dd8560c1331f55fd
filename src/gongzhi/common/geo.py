"""Point-in-grid lookup: which grid (and so community and street) a coordinate falls in.

The STRtree over grid boundaries is built once per process and rebuilt when the boundaries
change. A change made in this process drops the index at once (a signal on grid units); a change
made in another process is noticed by comparing the boundaries' version in the database (count and
latest update of grid units), at most every ``GONGZHI_GEO_REFRESH_SECONDS`` (5 s by default) — so
every app server and worker follows an edit within seconds, without shared memory, and a lookup does
not pay a query each time.

Many points are looked up in one vectorised tree query (``grid_codes_at``): routing a batch costs
one pass through GEOS, not one per point. A point on the edge shared by two grids belongs to the
grid with the lower code, whichever order the tree finds them in."""
from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy
import shapely
from django.conf import settings
from django.db.models import Count, Max
from django.db.models.signals import post_delete, post_save
from shapely import STRtree
from shapely.geometry import shape

NOT_FOUND = -1


@dataclass(frozen=True)
class GridIndex:
    version: tuple
    tree: STRtree | None
    # Ordered by code: the lowest tree index among a point's matches is the lowest code.
    codes: tuple[str, ...]
    polygons: tuple
    # The codes with None appended, so that NOT_FOUND (-1) picks None in one vectorised lookup.
    _codes_or_none: numpy.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_codes_or_none", numpy.array([*self.codes, None], dtype=object))

    def grid_indices_at(self, latitudes: numpy.ndarray, longitudes: numpy.ndarray) -> numpy.ndarray:
        """Each point's grid index (the lowest among grids sharing an edge), NOT_FOUND outside all."""
        if self.tree is None or not len(latitudes):
            return numpy.full(len(latitudes), NOT_FOUND, dtype=numpy.int64)
        points, grids = self.tree.query(shapely.points(longitudes, latitudes), predicate="intersects")
        lowest = numpy.full(len(latitudes), len(self.codes), dtype=numpy.int64)
        numpy.minimum.at(lowest, points, grids)
        lowest[lowest == len(self.codes)] = NOT_FOUND
        return lowest

    def grid_codes_at(self, points: Sequence[tuple[float, float]]) -> list[str | None]:
        """Each (latitude, longitude) pair's grid code, or None outside every grid."""
        coordinates = numpy.asarray(points, dtype=float).reshape(-1, 2)
        return self._codes_or_none[self.grid_indices_at(coordinates[:, 0], coordinates[:, 1])].tolist()

    def grid_code_at(self, *, latitude: float, longitude: float) -> str | None:
        return self.grid_codes_at([(latitude, longitude)])[0]


_lock = threading.Lock()
_cached: GridIndex | None = None
_checked_at = 0.0


def _refresh_seconds() -> float:
    return float(getattr(settings, "GONGZHI_GEO_REFRESH_SECONDS", 5.0))


def _boundaries_version() -> tuple:
    from gongzhi.org.models import Unit

    grids = Unit.objects.filter(kind="grid", boundary__isnull=False)
    stats = grids.aggregate(n=Count("id"), at=Max("updated_at"))
    return (stats["n"], stats["at"])


def grid_index() -> GridIndex:
    global _cached, _checked_at
    current = _cached
    if current is not None and time.monotonic() - _checked_at < _refresh_seconds():
        return current
    version = _boundaries_version()
    with _lock:
        if _cached is None or _cached.version != version:
            from gongzhi.org.models import Unit

            rows = list(Unit.objects.filter(kind="grid", boundary__isnull=False, is_active=True)
                        .order_by("code").values_list("code", "boundary"))
            polygons = tuple(shape(boundary) for _, boundary in rows)
            tree = STRtree(polygons) if polygons else None
            _cached = GridIndex(version=version, tree=tree, codes=tuple(code for code, _ in rows),
                                polygons=polygons)
        _checked_at = time.monotonic()
        return _cached


def grid_index_forget(**kwargs) -> None:
    """This process changed a grid: the next lookup checks the version (and rebuilds) at once."""
    global _checked_at
    instance = kwargs.get("instance")
    if instance is None or getattr(instance, "kind", "grid") == "grid":
        _checked_at = 0.0


post_save.connect(grid_index_forget, sender="org.Unit", dispatch_uid="geo_grid_saved")
post_delete.connect(grid_index_forget, sender="org.Unit", dispatch_uid="geo_grid_deleted")


def grid_code_at(*, latitude: float, longitude: float) -> str | None:
    return grid_index().grid_code_at(latitude=latitude, longitude=longitude)


def grid_codes_at(points: Sequence[tuple[float, float]]) -> list[str | None]:
    """Route many (latitude, longitude) points at once: one tree query for all of them."""
    return grid_index().grid_codes_at(points)
