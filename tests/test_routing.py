"""Lines routed around the nodes they do not join (designer.model.routing): pure, no Qt."""
from __future__ import annotations

import subprocess
import sys
from itertools import pairwise

import pytest

from designer.io import load_document
from designer.model.layout import auto_layout
from designer.model.routing import Router, crosses, node_box, orthogonal, route_all
from tests.conftest import ROOT, SAMPLES


def test_a_clear_line_is_straight():
    router = Router()
    for node_id, centre in {"a": (0, 0), "b": (400, 0), "c": (200, 300)}.items():
        router.place(node_id, centre)
    assert router.route("a", "b") == [(0, 0), (400, 0)]


def test_a_blocked_line_goes_round_orthogonally_and_keeps_clear():
    router = Router()
    for node_id, centre in {"a": (0, 0), "b": (600, 0), "c": (300, 0)}.items():
        router.place(node_id, centre)
    path = router.route("a", "b", "ab")
    assert path[0] == (0, 0) and path[-1] == (600, 0) and len(path) > 2
    assert all(p[0] == q[0] or p[1] == q[1] for p, q in pairwise(path))  # orthogonal runs
    assert not any(crosses(p, q, node_box((300, 0))) for p, q in pairwise(path))
    assert router.blocking(path, ("a", "b")) == []


def test_two_detours_do_not_share_a_run():
    router = Router()
    for node_id, centre in {"a": (0, 0), "b": (600, 0), "c": (300, 0), "d": (0, 40), "e": (600, 40)}.items():
        router.place(node_id, centre)
    first, second = router.route("a", "b", "ab"), router.route("d", "e", "de")
    runs = lambda path: {(p, q) for p, q in pairwise(path[1:-1])}  # noqa: E731
    assert not runs(first) & runs(second)


def test_no_way_round_gives_none():
    walls = [(-500, -30, 500, -10), (-500, 10, 500, 30), (-30, -500, -10, 500), (10, -500, 30, 500)]
    assert orthogonal((0, 0), (300, 300), walls) is None


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_no_sample_line_passes_a_node_it_does_not_join(sample, catalog):
    doc = load_document(sample)
    layout = auto_layout(doc, catalog)
    centres = {n.id: layout.node_positions.get(n.id, n.pos) for n in doc.nodes.values()}
    routes = route_all(centres, ((c.id, *c.between) for c in doc.connections.values()))
    assert set(routes) == set(doc.connections)
    for conn in doc.connections.values():
        path = routes[conn.id]
        for node_id, centre in centres.items():
            if node_id not in conn.between:
                assert not any(crosses(p, q, node_box(centre)) for p, q in pairwise(path)), (conn.id, node_id)


def test_routing_imports_no_qt():
    code = "import sys, designer.model.routing; sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0
