"""The demo city's map: street, community and grid boundaries around 44.01 N 87.30 E.

Every boundary is a block of cells of one lattice whose inner nodes are shifted at random, so the
shapes look drawn rather than ruled. Because neighbouring blocks are traced through the very same
lattice nodes, the polygons tile the city exactly: no gaps, no overlaps, and each grid lies inside
its community, each community inside its street.

Layout (in lattice cells, x to the east, y to the north): the city is 12 × 12 cells; a street is a
block of 4 × 6 cells (3 streets across, 2 down); a community is 1 × 2 cells (or 2 × 2 where two
community places are merged); a grid is 1 × 1 cell, or the whole community when it has one grid.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

CITY_CENTRE_LONGITUDE = 87.30
CITY_CENTRE_LATITUDE = 44.01
# About 8.8 km east–west and 7.8 km north–south at this latitude.
CITY_WIDTH_DEGREES = 0.11
CITY_HEIGHT_DEGREES = 0.07

LATTICE_COLUMNS = 12
LATTICE_ROWS = 12
STREET_BLOCK_COLUMNS = 4
STREET_BLOCK_ROWS = 6
COMMUNITY_CELL_ROWS = 2
# Shifting a node by less than a quarter of a cell keeps every row and column of nodes in order, so
# every block stays a simple (valid) polygon.
NODE_SHIFT_FRACTION = 0.2


@dataclass(frozen=True)
class Block:
    """A rectangle of lattice cells: columns [west, east), rows [south, north)."""

    west: int
    south: int
    east: int
    north: int

    def split_columns(self) -> list["Block"]:
        return [Block(column, self.south, column + 1, self.north) for column in range(self.west, self.east)]

    def split_rows(self) -> list["Block"]:
        return [Block(self.west, row, self.east, row + 1) for row in range(self.south, self.north)]


class Lattice:
    """The city's lattice of (longitude, latitude) nodes, shifted at random but reproducibly."""

    def __init__(self, seed: str) -> None:
        generator = random.Random(seed)
        west = CITY_CENTRE_LONGITUDE - CITY_WIDTH_DEGREES / 2
        south = CITY_CENTRE_LATITUDE - CITY_HEIGHT_DEGREES / 2
        cell_width = CITY_WIDTH_DEGREES / LATTICE_COLUMNS
        cell_height = CITY_HEIGHT_DEGREES / LATTICE_ROWS
        self.nodes: dict[tuple[int, int], tuple[float, float]] = {}
        for column in range(LATTICE_COLUMNS + 1):
            for row in range(LATTICE_ROWS + 1):
                # Nodes on the city's outline only slide along it, so the outline stays straight.
                shift_x = 0.0 if column in (0, LATTICE_COLUMNS) else generator.uniform(-1, 1)
                shift_y = 0.0 if row in (0, LATTICE_ROWS) else generator.uniform(-1, 1)
                longitude = west + (column + shift_x * NODE_SHIFT_FRACTION) * cell_width
                latitude = south + (row + shift_y * NODE_SHIFT_FRACTION) * cell_height
                self.nodes[column, row] = (round(longitude, 6), round(latitude, 6))

    def outline(self, block: Block) -> list[list[float]]:
        """The block's closed ring, counter-clockwise, through every lattice node on its edge."""
        corners = (
            [(column, block.south) for column in range(block.west, block.east)]
            + [(block.east, row) for row in range(block.south, block.north)]
            + [(column, block.north) for column in range(block.east, block.west, -1)]
            + [(block.west, row) for row in range(block.north, block.south, -1)]
        )
        ring = [list(self.nodes[corner]) for corner in corners]
        return [*ring, ring[0]]

    def polygon(self, block: Block) -> dict:
        return {"type": "Polygon", "coordinates": [self.outline(block)]}


def street_blocks() -> list[Block]:
    """The six street blocks, north row west to east, then south row west to east."""
    blocks = []
    for block_row in (1, 0):
        for block_column in range(LATTICE_COLUMNS // STREET_BLOCK_COLUMNS):
            west, south = block_column * STREET_BLOCK_COLUMNS, block_row * STREET_BLOCK_ROWS
            blocks.append(Block(west, south, west + STREET_BLOCK_COLUMNS, south + STREET_BLOCK_ROWS))
    return blocks


def community_blocks(street: Block, count: int) -> list[Block]:
    """``count`` community blocks tiling a street block, north to south, west to east. A street
    with fewer communities than places merges the last ones pairwise, east–west."""
    places = [
        Block(column, row, column + 1, row + COMMUNITY_CELL_ROWS)
        for row in range(street.north - COMMUNITY_CELL_ROWS, street.south - 1, -COMMUNITY_CELL_ROWS)
        for column in range(street.west, street.east)
    ]
    merges = len(places) - count
    if merges < 0 or merges * 2 > len(places):
        raise ValueError(f"a street block holds between {len(places) // 2} and {len(places)} communities")
    blocks = places[: len(places) - 2 * merges]
    for index in range(len(places) - 2 * merges, len(places), 2):
        first, second = places[index], places[index + 1]
        blocks.append(Block(first.west, first.south, second.east, second.north))
    return blocks


def grid_blocks(community: Block, count: int) -> list[Block]:
    """Split a community block into ``count`` grids (1 or 2): a two-cell-wide community splits into
    its columns, a one-cell-wide one into its rows, north first."""
    if count == 1:
        return [community]
    if count != 2:
        raise ValueError("a demo community has one or two grids")
    if community.east - community.west == 2:
        return community.split_columns()
    return list(reversed(community.split_rows()))
