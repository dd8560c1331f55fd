"""A benchmark city of N grids: irregular polygons that tile a box around Changji (a Voronoi
diagram of seeded random centres, densified so that each boundary has tens of vertices, as drawn
boundaries do), loaded as units city → street → community → grid. Deterministic for a seed."""
from __future__ import annotations

import numpy
import shapely
from shapely.geometry import box, mapping

WEST, SOUTH, EAST, NORTH = 87.0, 43.8, 87.6, 44.2
CITY_CODE = "659900"
STREETS = 10
COMMUNITIES_PER_STREET = 20
# Boundary segments are cut to at most this many degrees (about 100 m), as surveyed boundaries are.
SEGMENT_DEGREES = 0.001


def grid_polygons(count: int, seed: int = 311) -> list:
    generator = numpy.random.default_rng(seed)
    centres = generator.uniform([WEST, SOUTH], [EAST, NORTH], size=(count, 2))
    area = box(WEST, SOUTH, EAST, NORTH)
    cells = shapely.voronoi_polygons(shapely.multipoints(centres), extend_to=area.buffer(0.1))
    # Voronoi cells come in no particular order: give each centre its own cell.
    cells = list(cells.geoms)
    tree = shapely.STRtree(cells)
    order = tree.query(shapely.points(centres), predicate="within")
    by_centre = dict(zip(order[0].tolist(), order[1].tolist()))
    polygons = [cells[by_centre[index]].intersection(area) for index in range(count)]
    return [shapely.segmentize(polygon, SEGMENT_DEGREES) for polygon in polygons]


def grids_load(count: int, seed: int = 311) -> int:
    """Create the city, streets, communities and ``count`` grids unless they are there; returns the
    number of grids with a boundary in the database."""
    from gongzhi.org.models import Unit

    existing = Unit.objects.filter(kind="grid", boundary__isnull=False).count()
    if existing:
        return existing
    per_community = -(-count // (STREETS * COMMUNITIES_PER_STREET))
    city = Unit.objects.create(code=CITY_CODE, name="基准市", kind="city")
    streets = Unit.objects.bulk_create([
        Unit(code=f"{CITY_CODE}{number:03d}", name=f"街道{number}", kind="street", parent=city)
        for number in range(1, STREETS + 1)])
    communities = Unit.objects.bulk_create([
        Unit(code=f"{street.code}{c:03d}", name=f"{street.name}社区{c}", kind="community", parent=street)
        for street in streets for c in range(1, COMMUNITIES_PER_STREET + 1)])
    grids = []
    for index, polygon in enumerate(grid_polygons(count, seed)):
        community = communities[index // per_community]
        number = index % per_community + 1
        grids.append(Unit(code=f"{community.code}{number:03d}", name=f"{community.name}网格{number}",
                          kind="grid", parent=community, boundary=mapping(polygon)))
    Unit.objects.bulk_create(grids, batch_size=1000)
    return len(grids)
