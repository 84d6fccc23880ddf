"""Automatic layout: designs written without geometry get a tidy Internet | DMZ | internal picture."""
from __future__ import annotations

import subprocess
from collections import Counter
import sys
from dataclasses import replace
from itertools import combinations, pairwise

import pytest

from designer.io import load_document
from designer.model.layout import (
    ASPECT,
    CELL_HEIGHT,
    GRID,
    MAX_ROWS,
    MAX_STRETCH,
    NODE_HEIGHT,
    NODE_WIDTH,
    ZONE_GAP,
    ZONE_HEADER,
    ZONE_PADDING,
    Layout,
    auto_layout,
    layout_bounds,
    snap,
    zone_at,
)
from designer.model import Document, Node, Rect, Zone
from tests.conftest import SAMPLES, ZONES, build


def applied(doc: Document, layout: Layout) -> Document:
    """The document with the layout applied (what the editor does through commands)."""
    for zone_id, rect in layout.zone_rects.items():
        doc.replace_zone(replace(doc.zone(zone_id), rect=rect))
    for node_id, pos in layout.node_positions.items():
        doc.replace_node(replace(doc.node(node_id), pos=pos))
    return doc


def footprint(pos: tuple[float, float]) -> Rect:
    return Rect(pos[0] - NODE_WIDTH / 2, pos[1] - NODE_HEIGHT / 2, NODE_WIDTH, NODE_HEIGHT)


def within(inner: Rect, outer: Rect) -> bool:
    return (outer.x <= inner.x and inner.x + inner.width <= outer.x + outer.width
            and outer.y <= inner.y and inner.y + inner.height <= outer.y + outer.height)


def overlap(a: Rect, b: Rect) -> bool:
    return a.x < b.x + b.width and b.x < a.x + a.width and a.y < b.y + b.height and b.y < a.y + a.height


@pytest.fixture(params=SAMPLES, ids=lambda p: p.stem)
def sample(request, catalog) -> Document:
    return load_document(request.param, catalog.roles)


@pytest.fixture
def laid_out(sample, catalog) -> Document:
    return applied(sample, auto_layout(sample, catalog))


# ---- samples

def test_samples_have_no_geometry_and_get_all_of_it(sample, catalog):
    assert all(z.rect is None for z in sample.zones.values())
    assert all(n.pos is None for n in sample.nodes.values())
    layout = auto_layout(sample, catalog)
    assert set(layout.zone_rects) == set(sample.zones)
    assert set(layout.node_positions) == set(sample.nodes)


def test_every_node_sits_inside_its_zone_below_the_header(laid_out):
    for node in laid_out.nodes.values():
        rect = laid_out.zone(node.zone).rect
        body = Rect(rect.x, rect.y + ZONE_HEADER, rect.width, rect.height - ZONE_HEADER)
        assert within(footprint(node.pos), body), node.id
        assert zone_at(laid_out, *node.pos) == node.zone
        assert node.pos == (snap(node.pos[0]), snap(node.pos[1]))


def test_no_two_nodes_overlap(laid_out):
    for a, b in combinations(laid_out.nodes.values(), 2):
        assert not overlap(footprint(a.pos), footprint(b.pos)), (a.id, b.id)


def test_zones_form_one_row_without_overlap(laid_out):
    rects = sorted((z.rect for z in laid_out.zones.values()), key=lambda r: r.x)
    assert len({(r.y, r.height) for r in rects}) == 1
    for left, right in pairwise(rects):
        assert right.x - (left.x + left.width) == ZONE_GAP
    for a, b in combinations(rects, 2):
        assert not overlap(a, b)
    for rect in rects:
        assert all(value % GRID == 0 for value in (rect.x, rect.y, rect.width, rect.height))


def test_internet_then_perimeter_then_internal(laid_out):
    def rects(kind):
        return [z.rect for z in laid_out.zones.values() if z.kind == kind]
    for inet in rects("internet"):
        for dmz in rects("perimeter"):
            assert inet.x + inet.width < dmz.x
            for lan in rects("internal"):
                assert dmz.x + dmz.width < lan.x


def test_exchange_servers_face_the_dmz_in_the_internal_zone(laid_out, catalog):
    for zone in laid_out.zones.values():
        if zone.kind != "internal":
            continue
        nodes = laid_out.nodes_in_zone(zone.id)
        exchange = [n.pos[0] for n in nodes if catalog.role(n.role).group == "exchange"]
        others = [n.pos[0] for n in nodes if catalog.role(n.role).group != "exchange"]
        if exchange and others:
            assert max(exchange) < min(others)


def test_a_wide_row_of_zones_spreads_its_rows_towards_a_landscape_sheet(sample, catalog):
    """The rows of a design wider than ``ASPECT`` are spread apart (at most ``MAX_STRETCH``
    times), so it fills more of a window's or a sheet's height; without an aspect they stay close."""
    close = auto_layout(sample, catalog, aspect=None)
    spread = auto_layout(sample, catalog)
    tight, wide = layout_bounds(sample, close), layout_bounds(sample, spread)
    assert wide.width == tight.width  # only the height changes
    assert tight.width / tight.height > ASPECT  # every sample is a wide row of zones
    assert wide.height > tight.height
    pitches = []
    for layout in (close, spread):  # the rows of a column keep to one pitch: CELL_HEIGHT, or more
        steps = [b[1] - a[1] for a, b in pairwise(sorted(layout.node_positions.values())) if a[0] == b[0]]
        assert steps and min(steps) >= CELL_HEIGHT - GRID  # (centres snap to the grid)
        pitches.append(max(steps))
    assert pitches[0] <= CELL_HEIGHT + GRID < pitches[1] <= CELL_HEIGHT * MAX_STRETCH + GRID
    capped = pitches[1] >= CELL_HEIGHT * MAX_STRETCH - GRID
    assert capped or abs(wide.width / wide.height - ASPECT) < 0.1 * ASPECT  # else as near ASPECT as rows go


def test_layout_is_deterministic(catalog):
    for path in SAMPLES:
        first = auto_layout(load_document(path, catalog.roles), catalog)
        doc = load_document(path, catalog.roles)
        assert auto_layout(doc, catalog) == first == auto_layout(doc, catalog)


def test_a_laid_out_design_needs_nothing_more(laid_out, catalog):
    assert auto_layout(laid_out, catalog) == Layout({}, {})


# ---- existing geometry

def test_existing_geometry_is_left_alone(catalog):
    doc = build(zones=ZONES, nodes=[("mbx", "mailbox", "lan"), ("dc", "domain_controller", "lan"),
                                    ("edge", "edge_transport", "dmz"), ("mail", "internet_mail", "inet")])
    doc.replace_zone(replace(doc.zone("lan"), rect=Rect(100, 50, 500, 400)))
    doc.replace_node(replace(doc.node("mbx"), pos=(220, 160)))
    doc.replace_node(replace(doc.node("edge"), pos=(-900, -900)))
    before = doc.snapshot()
    layout = auto_layout(doc, catalog)
    assert doc.snapshot() == before
    assert set(layout.zone_rects) == {"inet", "dmz"}
    assert set(layout.node_positions) == {"dc", "mail"}
    for rect in layout.zone_rects.values():
        assert rect.x >= 100 + 500 + ZONE_GAP
        assert not overlap(rect, doc.zone("lan").rect)
    assert layout.zone_rects["inet"].x < layout.zone_rects["dmz"].x


def test_a_new_node_takes_the_first_free_cell_of_a_placed_zone(catalog):
    doc = build(zones=ZONES, nodes=[("a", "mailbox", "lan"), ("b", "mailbox", "lan")])
    rect = Rect(0, 0, 900, 500)
    doc.replace_zone(replace(doc.zone("lan"), rect=rect))
    layout = auto_layout(doc, catalog)
    applied(doc, layout)
    first, second = doc.node("a").pos, doc.node("b").pos
    assert first[1] == second[1] and first[0] < second[0]  # reading order
    doc.replace_node(replace(doc.node("a"), pos=(first[0] + 5, first[1] - 5)))  # nudged by hand
    doc.add_node(Node("c", "C", "outlook", "lan"))
    layout = auto_layout(doc, catalog)
    assert set(layout.node_positions) == {"c"}
    pos = layout.node_positions["c"]
    body = Rect(rect.x, rect.y + ZONE_HEADER, rect.width, rect.height - ZONE_HEADER)
    assert within(footprint(pos), body)
    assert pos[1] == first[1] and pos[0] > second[0]  # the third cell of the first row
    for other in ("a", "b"):
        assert not overlap(footprint(pos), footprint(doc.node(other).pos))


def test_a_full_placed_zone_continues_below_its_rect(catalog):
    doc = build(zones=ZONES, nodes=[("a", "mailbox", "lan"), ("b", "outlook", "lan")])
    rect = Rect(40, 40, 240, 200)  # room for a single cell
    doc.replace_zone(replace(doc.zone("lan"), rect=rect))
    layout = auto_layout(doc, catalog)
    a, b = layout.node_positions["a"], layout.node_positions["b"]
    assert within(footprint(a), rect)
    assert b[0] == a[0] and b[1] > a[1]
    assert not overlap(footprint(a), footprint(b))


# ---- sizes and ordering in new zones

def test_empty_zones_get_a_minimum_size_and_zones_with_nodes_room_for_their_title(catalog):
    doc = build(zones=ZONES, nodes=[("mbx", "mailbox", "lan")])
    layout = auto_layout(doc, catalog)
    for zone_id in ("inet", "dmz"):
        assert layout.zone_rects[zone_id].width >= 300 and layout.zone_rects[zone_id].height >= 240
    lan = layout.zone_rects["lan"]
    assert NODE_WIDTH + 2 * ZONE_PADDING <= lan.width < 2 * (NODE_WIDTH + 40) + 2 * ZONE_PADDING  # one column
    assert lan.width >= len(doc.zone("lan").name) * 8  # its title shows


def test_many_nodes_wrap_into_columns_without_overlap(catalog):
    roles = ["outlook", "owa_browser", "mailbox", "domain_controller", "dns_server", "ip_pbx"]
    nodes = [(f"n{i}", roles[i % len(roles)], "lan") for i in range(23)]
    nodes.append(("odd", "no_such_role", "lan"))
    doc = build(zones=ZONES, nodes=nodes)
    applied(doc, auto_layout(doc, catalog))
    rect = doc.zone("lan").rect
    column_sizes = Counter(node.pos[0] for node in doc.nodes.values() if node.zone == "lan")
    assert len(column_sizes) > 1 and max(column_sizes.values()) <= MAX_ROWS  # columns, not one tall stack
    for node in doc.nodes.values():
        assert within(footprint(node.pos), rect) and node.pos[1] - NODE_HEIGHT / 2 >= rect.y + ZONE_HEADER
    for a, b in combinations(doc.nodes.values(), 2):
        assert not overlap(footprint(a.pos), footprint(b.pos)), (a.id, b.id)


def test_internal_zones_keep_document_order_among_equals(catalog):
    doc = build(zones=[("lan2", "internal"), ("dmz", "perimeter"), ("lan1", "internal"),
                       ("inet", "internet")])
    rects = auto_layout(doc, catalog).zone_rects
    assert [z for z in sorted(rects, key=lambda z: rects[z].x)] == ["inet", "dmz", "lan2", "lan1"]


# ---- zone_at, snap, bounds

def test_zone_at_picks_the_smallest_of_nested_zones():
    doc = Document()
    doc.add_zone(Zone("outer", "Outer", "internal", Rect(0, 0, 1000, 800)))
    doc.add_zone(Zone("inner", "Inner", "internal", Rect(100, 100, 300, 200)))
    doc.add_zone(Zone("loose", "No rect yet", "perimeter"))
    doc.add_zone(Zone("side", "Side", "internet", Rect(1200, 0, 200, 200)))
    assert zone_at(doc, 150, 150) == "inner"
    assert zone_at(doc, 900, 700) == "outer"
    assert zone_at(doc, 1300, 100) == "side"
    assert zone_at(doc, 1100, 100) is None
    assert zone_at(doc, -1, -1) is None
    assert zone_at(Document(), 0, 0) is None


def test_snap():
    assert snap(0) == 0 and snap(9) == 0 and snap(10) == 20 and snap(29.9) == 20
    assert snap(-9) == 0 and snap(-11) == -20
    assert snap(37, grid=5) == 35 and isinstance(snap(3), float)


def test_layout_bounds(catalog):
    assert layout_bounds(Document(), Layout({}, {})) is None
    doc = build(zones=ZONES)
    doc.replace_zone(replace(doc.zone("lan"), rect=Rect(-100, -50, 200, 100)))
    layout = auto_layout(doc, catalog)
    bounds = layout_bounds(doc, layout)
    for rect in [doc.zone("lan").rect, *layout.zone_rects.values()]:
        assert within(rect, bounds)
    assert (bounds.x, bounds.y) == (-100, -50)
    right = max(r.x + r.width for r in layout.zone_rects.values())
    assert bounds.x + bounds.width == right


def test_layout_imports_no_qt():
    code = ("import sys, designer.model.layout\n"
            "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'PyQt'))]\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
