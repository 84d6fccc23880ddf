"""Automatic geometry for designs written without it. Pure Python: no Qt, no I/O.

The picture is the one an architect draws: Internet | perimeter (DMZ) | internal networks,
left to right, so that most connections run horizontally. :func:`auto_layout` only *proposes*
geometry (the editor applies it through undoable commands) and never moves what the user placed:

* Zones without a rect form one row, to the right of any zone that has one, in the order
  internet, perimeter, internal (ties: document order), ``ZONE_GAP`` apart, all of one height.
* Inside such a zone the nodes fill a grid below the title band (``ZONE_HEADER``), top to
  bottom then left to right, at most ``MAX_ROWS`` to a column. Cells are ``NODE_WIDTH + 40`` by
  ``NODE_HEIGHT + 24`` rounded up to ``GRID``, so every row and column sits on the snap grid:
  compact, since lines are routed around the nodes (:mod:`.routing`). A zone is as wide as its
  columns, or as its title band needs; its columns are centred in it, each column vertically.
  Where the row of zones is wider than ``ASPECT`` (a landscape sheet) would have it, the rows
  are spread apart, up to ``MAX_STRETCH`` times as high: the design then fills more of a
  window's or a sheet's height, it opens at a higher zoom, and its labels get the room.
* Columns come in bands. In an internal zone the Exchange servers take the column(s) nearest
  the DMZ (left) and everything else (directory and infrastructure, telephony, clients) the
  next ones: nearly every connection in an Exchange design has an Exchange server at one end,
  so lines run between adjacent columns instead of through the nodes of a column. In the
  internet zone the services (internet mail, public DNS) come above the remote users, and in
  the perimeter Edge comes above the reverse proxy, so that Edge's lines go to the top of the
  internet zone and the proxy's to the bottom, without crossing.
* A node without position in a zone that *has* a rect goes into the first free cell of that
  zone's grid in reading order; a cell is free when a node there would overlap no placed node
  (so in particular no node centre falls in it). When the zone is full the grid continues
  below, so such a node may overflow the zone's rect: the user then resizes the zone.
"""
from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from .document import Document
from .elements import Node, Rect, Zone


class _Role(Protocol):
    group: str


class Catalog(Protocol):
    """What the layout asks of the knowledge base (``designer.catalog.Catalog`` has it): a role's
    group, so that related nodes share a column. The model does not import the catalog."""

    def role(self, role_id: str) -> _Role | None: ...

NODE_WIDTH = 120  # the footprint of a node item: a 56px icon with its name below
NODE_HEIGHT = 96
ZONE_PADDING = 32
ZONE_HEADER = 40  # the title band at the top of a zone rect
GRID = 20
ZONE_GAP = 160  # room for the labels of the lines that cross between zones
EMPTY_ZONE = (300.0, 240.0)  # width, height of a new zone without nodes
MAX_ROWS = 5  # nodes per column before a band wraps into another column
TITLE_CHAR = 10.0  # about the width of a zone title's character (11 pt bold), for its zone's width
KIND_ROOM = 100.0  # the zone kind at the right of the title band, with the margins
BAND_GAP = 120.0  # more room between the column bands of a zone (servers | the rest)
MAX_STRETCH = 3.0  # rows spread at most this much further apart to suit ASPECT
ASPECT = 1.4  # the width / height a design is laid out for: a landscape sheet's (A4, A3: 1.41)


def _up(value: float, grid: float = GRID) -> float:
    return float(math.ceil(value / grid) * grid)


CELL_WIDTH = _up(NODE_WIDTH + 60)  # compact: lines between columns are routed around nodes
CELL_HEIGHT = _up(NODE_HEIGHT + 24)

_KIND_ORDER = {"cloud": -1, "internet": 0, "perimeter": 1, "internal": 2}
# Per zone kind, the column bands, left to right; within a band, nodes by this group order.
_BANDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "cloud": (("cloud", "exchange", "infrastructure", "internet", "clients"),),
    "internet": (("internet", "infrastructure", "exchange", "telephony", "clients"),),
    "perimeter": (("exchange", "infrastructure", "telephony", "clients", "internet"),),
    "internal": (("exchange",), ("infrastructure", "telephony", "clients", "internet")),
}


@dataclass(frozen=True)
class Layout:
    """Proposed geometry: only for zones without a rect and nodes without a position."""

    zone_rects: dict[str, Rect]
    node_positions: dict[str, tuple[float, float]]


def snap(value: float, grid: float = GRID) -> float:
    """``value`` rounded to the nearest multiple of ``grid`` (halves round up)."""
    return float(math.floor(value / grid + 0.5) * grid)


def zone_at(doc: Document, x: float, y: float) -> str | None:
    """The id of the smallest zone whose rect contains the point (first on ties), or None."""
    best: Zone | None = None
    best_area = 0.0
    for zone in doc.zones.values():
        rect = zone.rect
        if rect is not None and rect.contains(x, y) and (best is None or rect.area < best_area):
            best, best_area = zone, rect.area
    return best.id if best is not None else None


def auto_layout(doc: Document, catalog: Catalog, aspect: float | None = ASPECT) -> Layout:
    """Geometry for every zone without a rect and every node without a position (see module).
    ``aspect``: the width / height the design is drawn for; the rows of new zones are spread
    apart (up to ``MAX_STRETCH`` times) so that a design wider than that fills more of the
    height it is shown in, and its labels get the room (None: as close as they go)."""
    positions: dict[str, tuple[float, float]] = {}
    placed = [n.pos for n in doc.nodes.values() if n.pos is not None]
    unplaced: dict[str, list[Node]] = {zone_id: [] for zone_id in doc.zones}
    for node in doc.nodes.values():
        if node.pos is None:
            unplaced[node.zone].append(node)

    # Zones the user placed: fill their free cells.
    for zone in doc.zones.values():
        if zone.rect is None or not unplaced[zone.id]:
            continue
        cells = _cells(zone.rect)
        for node in _sorted(unplaced[zone.id], zone.kind, catalog):
            pos = next(cell for cell in cells if not _overlaps(cell, placed))
            positions[node.id] = pos
            placed.append(pos)

    # New zones: one row to the right of the placed ones.
    new = sorted((z for z in doc.zones.values() if z.rect is None),
                 key=lambda z: _KIND_ORDER.get(z.kind, len(_KIND_ORDER)))
    bands = {z.id: _bands(_sorted(unplaced[z.id], z.kind, catalog), z.kind, catalog) for z in new}
    rows = max([2] + [min(MAX_ROWS, len(b)) for zone_bands in bands.values() for b in zone_bands])
    starts = {zone_id: [i == 0 and k > 0 for k, b in enumerate(zone_bands) for i in range(0, len(b), rows)]
              for zone_id, zone_bands in bands.items()}  # per column: whether it starts a new band
    columns = {zone_id: [b[i:i + rows] for b in zone_bands for i in range(0, len(b), rows)]
               for zone_id, zone_bands in bands.items()}
    widths = {z.id: (_up(max(len(columns[z.id]) * CELL_WIDTH + sum(starts[z.id]) * BAND_GAP + 2 * ZONE_PADDING,
                             _title_width(z))) if columns[z.id] else EMPTY_ZONE[0]) for z in new}
    cell_height = _cell_height(sum(widths.values()) + ZONE_GAP * (len(new) - 1), rows, aspect)
    height = max([EMPTY_ZONE[1]] + [_up(ZONE_HEADER + rows * cell_height + ZONE_PADDING)
                                    for cols in columns.values() if cols])
    existing = [z.rect for z in doc.zones.values() if z.rect is not None]
    x = _up(max(r.x + r.width for r in existing) + ZONE_GAP) if existing else 0.0
    y = snap(min(r.y for r in existing)) if existing else 0.0
    zone_rects: dict[str, Rect] = {}
    for zone in new:
        width = widths[zone.id]
        rect = zone_rects[zone.id] = Rect(x, y, width, height)
        positions.update(_arrange(rect, columns[zone.id], starts[zone.id], cell_height))
        x += width + ZONE_GAP
    return Layout(zone_rects, positions)


def _cell_height(width: float, rows: int, aspect: float | None) -> float:
    """The height of a row of new zones: ``CELL_HEIGHT``, or more (at most ``MAX_STRETCH``
    times) where the row of zones is wider than ``aspect`` would have it."""
    if not aspect or aspect <= 0 or rows <= 0:
        return CELL_HEIGHT
    wanted = (width / aspect - ZONE_HEADER - ZONE_PADDING) / rows
    return min(max(CELL_HEIGHT, math.floor(wanted / GRID) * GRID), CELL_HEIGHT * MAX_STRETCH)


def _title_width(zone: Zone) -> float:
    """About the width a zone needs for its title band to show its name in full."""
    return len(zone.name) * TITLE_CHAR + KIND_ROOM


def layout_bounds(doc: Document, layout: Layout) -> Rect | None:
    """The bounding rect of all zone rects, existing and new (None without any)."""
    rects = [r for r in (layout.zone_rects.get(z.id, z.rect) for z in doc.zones.values()) if r]
    if not rects:
        return None
    left, top = min(r.x for r in rects), min(r.y for r in rects)
    right, bottom = max(r.x + r.width for r in rects), max(r.y + r.height for r in rects)
    return Rect(left, top, right - left, bottom - top)


def _group_rank(node: Node, kind: str, catalog: Catalog) -> tuple[int, int]:
    """(band, place in band) of a node's role group in a zone of ``kind``; unknown: last."""
    role = catalog.role(node.role)
    group = role.group if role is not None else ""
    bands = _BANDS.get(kind, _BANDS["internal"])
    for index, band in enumerate(bands):
        if group in band:
            return index, band.index(group)
    return len(bands) - 1, len(bands[-1])


def _sorted(nodes: Sequence[Node], kind: str, catalog: Catalog) -> list[Node]:
    """Nodes by band and role group, then document order (the sort is stable)."""
    return sorted(nodes, key=lambda n: _group_rank(n, kind, catalog))


def _bands(nodes: list[Node], kind: str, catalog: Catalog) -> list[list[Node]]:
    """Sorted nodes split into their non-empty column bands."""
    bands: dict[int, list[Node]] = {}
    for node in nodes:
        bands.setdefault(_group_rank(node, kind, catalog)[0], []).append(node)
    return [bands[index] for index in sorted(bands)]


def _arrange(rect: Rect, columns: list[list[Node]], starts: list[bool],
             cell_height: float = CELL_HEIGHT) -> dict[str, tuple[float, float]]:
    """Centres for the columns of a new zone: centred across it and each one down its body,
    ``BAND_GAP`` more between bands (the labels of the lines between them go there)."""
    positions: dict[str, tuple[float, float]] = {}
    left = rect.x + (rect.width - len(columns) * CELL_WIDTH - sum(starts) * BAND_GAP) / 2
    body = rect.height - ZONE_HEADER - ZONE_PADDING
    for c, column in enumerate(columns):
        left += BAND_GAP if starts[c] else 0.0
        top = rect.y + ZONE_HEADER + (body - len(column) * cell_height) / 2
        for r, node in enumerate(column):
            positions[node.id] = (snap(left + (c + 0.5) * CELL_WIDTH),
                                  snap(top + (r + 0.5) * cell_height))
    return positions


def _cells(rect: Rect) -> Iterator[tuple[float, float]]:
    """Cell centres of a placed zone in reading order, continuing below the rect for ever."""
    columns = max(1, int((rect.width - 2 * ZONE_PADDING) // CELL_WIDTH))
    row = 0
    while True:
        for c in range(columns):
            yield (snap(rect.x + ZONE_PADDING + (c + 0.5) * CELL_WIDTH),
                   snap(rect.y + ZONE_HEADER + (row + 0.5) * CELL_HEIGHT))
        row += 1


def _overlaps(pos: tuple[float, float], others: list[tuple[float, float]]) -> bool:
    """Whether a node centred at ``pos`` would overlap a node centred at any of ``others``."""
    return any(abs(pos[0] - x) < NODE_WIDTH and abs(pos[1] - y) < NODE_HEIGHT for x, y in others)


__all__ = ["GRID", "NODE_HEIGHT", "NODE_WIDTH", "ZONE_GAP", "ZONE_HEADER", "ZONE_PADDING", "Layout",
           "auto_layout", "layout_bounds", "snap", "zone_at"]
