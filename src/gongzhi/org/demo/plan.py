"""The demo city as data: every unit, compound, department, liaison, party organisation and joint
committee seat, decided once from a fixed seed so that the city is the same on every machine.

The plan touches no database; the loader (``city.py``) turns it into records through the services.
Every random choice is drawn from a generator seeded with the record's own key, so adding a record
to the plan does not reshuffle the others.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from shapely.geometry import Point, shape

from gongzhi.org.demo import names
from gongzhi.org.demo.geography import Block, Lattice, community_blocks, grid_blocks, street_blocks

SEED = "gongzhi-demo-changji"
TOTAL_HOUSEHOLDS = 140_000
COMPOUNDS_PER_GRID = 2
GRIDS_WITH_AN_EXTRA_COMPOUND = 40          # 130 grids × 2 + 40 = 300 compounds
COMMUNITIES_WITH_ONE_GRID = 10             # 60 communities × 2 + 10 = 130 grids
# Compounds keep about 50 m away from their grid's edge so that a pin is clearly inside.
COMPOUND_EDGE_MARGIN_DEGREES = 0.0006


@dataclass(frozen=True)
class UnitPlan:
    code: str
    name: str
    kind: str
    parent_code: str | None
    households: int
    boundary: dict | None


@dataclass(frozen=True)
class CompoundPlan:
    code: str
    name: str
    community_code: str
    grid_code: str
    address: str
    households: int
    buildings: int
    latitude: float
    longitude: float


@dataclass(frozen=True)
class LiaisonPlan:
    department_code: str
    street_code: str
    name: str
    title: str


@dataclass(frozen=True)
class PartyOrganisationPlan:
    unit_code: str
    name: str
    secretary_name: str
    member_count: int
    established_on: date


@dataclass(frozen=True)
class SeatPlan:
    unit_code: str
    organisation_name: str
    organisation_kind: str
    representative_name: str
    position: str
    joined_on: date


@dataclass(frozen=True)
class CityPlan:
    units: list[UnitPlan]                 # parents before their children
    compounds: list[CompoundPlan]
    departments: list[tuple[str, str, str]]
    liaisons: list[LiaisonPlan]
    party_organisations: list[PartyOrganisationPlan]
    seats: list[SeatPlan]

    def unit(self, code: str) -> UnitPlan:
        return next(unit for unit in self.units if unit.code == code)

    def street_code(self, name: str) -> str:
        return next(unit.code for unit in self.units if unit.kind == "street" and unit.name == name)


def generator_for(key: str) -> random.Random:
    return random.Random(f"{SEED}:{key}")


def person_name(key: str) -> str:
    generator = generator_for(f"person:{key}")
    given = "".join(generator.choice(names.GIVEN_NAME_CHARACTERS) for _ in range(generator.choice((1, 2, 2))))
    return generator.choice(names.SURNAMES) + given


def _date_between(generator: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=generator.randrange((last - first).days + 1))


@dataclass
class _GridDraft:
    code: str
    name: str
    community_code: str
    boundary: dict


def _compound_point(grid: _GridDraft, generator: random.Random) -> tuple[float, float]:
    polygon = shape(grid.boundary)
    inner = polygon.buffer(-COMPOUND_EDGE_MARGIN_DEGREES)
    min_x, min_y, max_x, max_y = inner.bounds
    while True:
        longitude = round(generator.uniform(min_x, max_x), 6)
        latitude = round(generator.uniform(min_y, max_y), 6)
        if inner.contains(Point(longitude, latitude)):
            return latitude, longitude


def _households_split(weights: list[float], total: int) -> list[int]:
    """Whole numbers proportional to ``weights`` that add up to exactly ``total``."""
    scale = total / sum(weights)
    shares = [int(weight * scale) for weight in weights]
    for index in range(total - sum(shares)):
        shares[index % len(shares)] += 1
    return shares


def _compound_names(count: int) -> list[str]:
    candidates = [stem + ending
                  for stem in names.COMPOUND_NAME_STEMS for ending in names.COMPOUND_NAME_ENDINGS]
    return generator_for("compound-names").sample(candidates, count)


def _compounds(grids: list[_GridDraft], street_road: dict[str, str]) -> list[CompoundPlan]:
    grid_codes = [grid.code for grid in grids]
    extra = set(generator_for("extra-compounds").sample(grid_codes, GRIDS_WITH_AN_EXTRA_COMPOUND))
    places = [
        (grid, number)
        for grid in grids
        for number in range(1, COMPOUNDS_PER_GRID + 1 + (grid.code in extra))
    ]
    # Old single-building courtyards and large new estates side by side: a wide spread of sizes.
    weights = [generator_for(f"weight:{grid.code}:{number}").uniform(0.25, 1.75) for grid, number in places]
    households = _households_split(weights, TOTAL_HOUSEHOLDS)
    compound_names = _compound_names(len(places))
    compounds = []
    for (grid, number), count, name in zip(places, households, compound_names, strict=True):
        code = f"{grid.code}{number:02d}"
        generator = generator_for(f"compound:{code}")
        latitude, longitude = _compound_point(grid, generator)
        compounds.append(CompoundPlan(
            code=code, name=name, community_code=grid.community_code, grid_code=grid.code,
            address=f"{street_road[grid.code[:9]]}{generator.randint(1, 600)}号",
            households=count, buildings=max(1, round(count / generator.randint(36, 96))),
            latitude=latitude, longitude=longitude,
        ))
    return compounds


def _party_organisations(units: list[UnitPlan], by_code: dict[str, UnitPlan]) -> list[PartyOrganisationPlan]:
    organisations = []
    for unit in units:
        if unit.kind == "city":
            continue
        generator = generator_for(f"party:{unit.code}")
        if unit.kind == "street":
            name = f"中共{names.CITY_NAME}{unit.name}工作委员会"
            members, founded = generator.randint(60, 150), (date(1995, 1, 1), date(2005, 12, 31))
        elif unit.kind == "community":
            name = f"中共{by_code[unit.parent_code].name}{unit.name}委员会"
            members, founded = generator.randint(80, 260), (date(2000, 1, 1), date(2015, 12, 31))
        else:
            name = f"{unit.name}党支部"
            members, founded = generator.randint(15, 60), (date(2016, 1, 1), date(2020, 12, 31))
        organisations.append(PartyOrganisationPlan(
            unit_code=unit.code, name=name, secretary_name=person_name(f"secretary:{unit.code}"),
            member_count=members, established_on=_date_between(generator, *founded),
        ))
    return organisations


def _seats(streets: list[UnitPlan]) -> list[SeatPlan]:
    per_street = len(names.RESIDENT_ORGANISATIONS) // len(streets)
    organisations = generator_for("seats").sample(names.RESIDENT_ORGANISATIONS, per_street * len(streets))
    seats = []
    for index, street in enumerate(streets):
        street_organisations = organisations[index * per_street:(index + 1) * per_street]
        for offset, (organisation_name, kind) in enumerate(street_organisations):
            generator = generator_for(f"seat:{street.code}:{organisation_name}")
            seats.append(SeatPlan(
                unit_code=street.code, organisation_name=organisation_name, organisation_kind=kind,
                representative_name=person_name(f"seat:{street.code}:{organisation_name}"),
                position=names.SEAT_POSITIONS[offset % len(names.SEAT_POSITIONS)],
                joined_on=_date_between(generator, date(2019, 1, 1), date(2022, 12, 31)),
            ))
    return seats


def _liaisons(streets: list[UnitPlan]) -> list[LiaisonPlan]:
    return [
        LiaisonPlan(department_code=code, street_code=street.code,
                    name=person_name(f"liaison:{code}:{street.code}"),
                    title=generator_for(f"liaison:{code}:{street.code}").choice(names.LIAISON_TITLES))
        for code, _name, _kind in names.DEPARTMENTS
        for street in streets
    ]


def _grids(lattice: Lattice, communities: list[tuple[str, str, Block]]) -> list[_GridDraft]:
    single_width = [code for code, _name, block in communities if block.east - block.west == 1]
    one_grid = set(generator_for("one-grid").sample(single_width, COMMUNITIES_WITH_ONE_GRID))
    return [
        _GridDraft(code=f"{code}{number:03d}", name=f"{name}{names.GRID_ORDINALS[number - 1]}",
                   community_code=code, boundary=lattice.polygon(grid_block))
        for code, name, block in communities
        for number, grid_block in enumerate(grid_blocks(block, 1 if code in one_grid else 2), start=1)
    ]


@cache
def city_plan() -> CityPlan:
    lattice = Lattice(SEED)
    streets: list[tuple[str, str, Block]] = []        # code, name, block
    communities: list[tuple[str, str, Block]] = []
    for number, ((street_name, community_names), street_block) in enumerate(
            zip(names.STREETS, street_blocks(), strict=True), start=1):
        street_code = f"{names.CITY_CODE}{number:03d}"
        streets.append((street_code, street_name, street_block))
        blocks = community_blocks(street_block, len(community_names))
        communities += [(f"{street_code}{community_number:03d}", community_name, block)
                        for community_number, (community_name, block)
                        in enumerate(zip(community_names, blocks, strict=True), start=1)]
    grids = _grids(lattice, communities)
    compounds = _compounds(grids, {code: name.removesuffix("街道") for code, name, _block in streets})

    households: dict[str, int] = {}
    for compound in compounds:
        for length in (15, 12, 9, 6):
            code = compound.grid_code[:length]
            households[code] = households.get(code, 0) + compound.households

    units = [UnitPlan(names.CITY_CODE, names.CITY_NAME, "city", None, households[names.CITY_CODE], None)]
    units += [UnitPlan(code, name, "street", code[:6], households[code], lattice.polygon(block))
              for code, name, block in streets]
    units += [UnitPlan(code, name, "community", code[:9], households[code], lattice.polygon(block))
              for code, name, block in communities]
    units += [UnitPlan(grid.code, grid.name, "grid", grid.community_code, households[grid.code],
                       grid.boundary)
              for grid in grids]
    street_units = [unit for unit in units if unit.kind == "street"]
    return CityPlan(
        units=units, compounds=compounds, departments=list(names.DEPARTMENTS),
        liaisons=_liaisons(street_units),
        party_organisations=_party_organisations(units, {unit.code: unit for unit in units}),
        seats=_seats(street_units),
    )
