"""Large edits as one batch (``DocumentEditor.batch``): a delete of thousands of items, its undo
and redo route the lines once at the end, and leave the scene mirroring the document exactly."""
from __future__ import annotations

import pytest

from designer.model.routing import ROUTE_LIMIT, Router


def geometry(scene) -> dict:
    """What the scene shows of every connection: its ends, its route, its line and label spots."""
    return {c: (item.ends, item.points, item.segment, [(round(x, 6), round(y, 6)) for x, y in item.spots])
            for c, item in scene.connections.items()}


@pytest.fixture()
def large(generated_view):
    """A generated design with more connections than are routed (ROUTE_LIMIT), shown."""
    return generated_view(200, ROUTE_LIMIT + 100, seed=3, size=(1000, 700))


def test_undo_of_a_large_delete_routes_nothing_when_the_design_is_over_the_routing_limit(large, monkeypatch):
    """Re-adding one connection at a time, the first ROUTE_LIMIT of them were routed round the
    nodes (the document had fewer connections then): seconds of work, and lines the open
    design never shows. Within a batch, the count at its end decides."""
    editor, scene, _ = large
    assert len(editor.document.connections) > ROUTE_LIMIT
    before = geometry(scene)
    assert all(points is None for _, points, _, _ in before.values())  # a large design: straight lines
    routed = []
    real = Router.route
    monkeypatch.setattr(Router, "route", lambda self, *args: routed.append(args) or real(self, *args))
    scene.select_all()
    editor.delete(scene.selected_ids())
    assert not scene.connections and not any(i.isVisible() for i in scene.items())
    editor.undo_stack.undo()
    assert routed == []
    assert geometry(scene) == before
    editor.undo_stack.redo()
    editor.undo_stack.undo()
    assert routed == [] and geometry(scene) == before


def test_a_batch_routes_each_pair_of_nodes_once_at_its_end(sample_view, monkeypatch):
    """Under the routing limit, lines are routed round the nodes: after the undo of a delete of
    everything, each line is routed once (not again for every parallel or node re-added), and
    the routes are those the design had."""
    editor, scene, _ = sample_view(1400, 900)
    before = geometry(scene)
    calls = []
    real = scene._route
    monkeypatch.setattr(scene, "_route", lambda conn_id: calls.append(conn_id) or real(conn_id))
    started, finished = [], []
    editor.batch_started.connect(lambda: started.append(len(calls)))
    editor.batch_finished.connect(lambda: finished.append(len(calls)))
    scene.select_all()
    editor.delete(scene.selected_ids())
    calls.clear()
    started.clear(), finished.clear()
    during = []
    editor.document.changed.sub(lambda change: during.append(len(calls)))
    editor.undo_stack.undo()
    assert started == [0] and finished == [len(before)]  # one batch, around the whole undo
    assert len(during) > len(before) and set(during) == {0}  # nothing routed while elements came back
    assert sorted(calls) == sorted(before)  # each line once, at the end of the batch
    assert geometry(scene) == before

