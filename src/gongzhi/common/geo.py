"""Point-in-grid lookup: which grid (and so community and street) a coordinate falls in.

The STRtree over grid boundaries is built once per process and rebuilt when the boundaries
change; "changed" is read from the database (count and latest update of grid units), so every
app server and worker notices an edit without shared memory.

Many points are looked up in one vectorised tree query (``grid_codes_at``): routing a batch costs
one version check and one pass through GEOS, not one of each per point. A point on the edge
shared by two grids belongs to the grid with the lower code, whichever order the tree finds them in."""
from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy
import shapely
from django.db.models import Count, Max
from shapely import STRtree
from shapely.geometry import shape


@dataclass(frozen=True)
class GridIndex:
    version: tuple
    tree: STRtree | None
    # Ordered by code: the lowest tree index among a point's matches is the lowest code.
    codes: tuple[str, ...]
    polygons: tuple

    def grid_indices_at(self, coordinates: numpy.ndarray) -> numpy.ndarray:
        """For an (n, 2) array of (longitude, latitude), the index of each point's grid, -1 outside all."""
        found = numpy.full(len(coordinates), -1, dtype=numpy.int64)
        if self.tree is None or not len(coordinates):
            return found
        points, grids = self.tree.query(shapely.points(coordinates), predicate="intersects")
        if len(points):
            # Sort the matches by point, then grid; the first match of each point is its lowest grid.
            order = numpy.lexsort((grids, points))
            first_points, first_positions = numpy.unique(points[order], return_index=True)
            found[first_points] = grids[order][first_positions]
        return found

    def grid_codes_at(self, points: Sequence[tuple[float, float]]) -> list[str | None]:
        """Each (latitude, longitude) pair's grid code, or None outside every grid."""
        coordinates = numpy.asarray(points, dtype=float).reshape(-1, 2)[:, ::-1]
        indices = self.grid_indices_at(coordinates).tolist()
        return [self.codes[index] if index >= 0 else None for index in indices]

    def grid_code_at(self, *, latitude: float, longitude: float) -> str | None:
        return self.grid_codes_at([(latitude, longitude)])[0]


_lock = threading.Lock()
_cached: GridIndex | None = None


def _boundaries_version() -> tuple:
    from gongzhi.org.models import Unit

    stats = Unit.objects.filter(kind="grid", boundary__isnull=False).aggregate(n=Count("id"), at=Max("updated_at"))
    return (stats["n"], stats["at"])


def grid_index() -> GridIndex:
    global _cached
    version = _boundaries_version()
    current = _cached
    if current is not None and current.version == version:
        return current
    with _lock:
        if _cached is not None and _cached.version == version:
            return _cached
        from gongzhi.org.models import Unit

        rows = list(Unit.objects.filter(kind="grid", boundary__isnull=False, is_active=True).order_by("code")
                    .values_list("code", "boundary"))
        polygons = tuple(shape(boundary) for _, boundary in rows)
        tree = STRtree(polygons) if polygons else None
        _cached = GridIndex(version=version, tree=tree, codes=tuple(code for code, _ in rows), polygons=polygons)
        return _cached


def grid_code_at(*, latitude: float, longitude: float) -> str | None:
    return grid_index().grid_code_at(latitude=latitude, longitude=longitude)


def grid_codes_at(points: Sequence[tuple[float, float]]) -> list[str | None]:
    """Route many (latitude, longitude) points at once: one version check, one tree query."""
    return grid_index().grid_codes_at(points)
