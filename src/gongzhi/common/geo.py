"""Point-in-grid lookup: which grid (and so community and street) a coordinate falls in.

The STRtree over grid boundaries is built once per process and rebuilt when the boundaries
change; "changed" is read from the database (count and latest update of grid units), so every
app server and worker notices an edit without shared memory."""
from __future__ import annotations

import threading
from dataclasses import dataclass

from django.db.models import Count, Max
from shapely import STRtree
from shapely.geometry import Point, shape


@dataclass(frozen=True)
class GridIndex:
    version: tuple
    tree: STRtree | None
    codes: tuple[str, ...]
    polygons: tuple

    def grid_code_at(self, *, latitude: float, longitude: float) -> str | None:
        if self.tree is None:
            return None
        point = Point(longitude, latitude)
        for index in self.tree.query(point, predicate="intersects"):
            return self.codes[int(index)]
        return None


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

        rows = list(Unit.objects.filter(kind="grid", boundary__isnull=False, is_active=True)
                    .values_list("code", "boundary"))
        polygons = tuple(shape(boundary) for _, boundary in rows)
        tree = STRtree(polygons) if polygons else None
        _cached = GridIndex(version=version, tree=tree, codes=tuple(code for code, _ in rows), polygons=polygons)
        return _cached


def grid_code_at(*, latitude: float, longitude: float) -> str | None:
    return grid_index().grid_code_at(latitude=latitude, longitude=longitude)
