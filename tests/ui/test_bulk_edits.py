"""Large deletes and their undo: the scene puts back the items it removed (instead of building
them again), and what it shows still mirrors the document exactly."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QRectF

from designer.analysis.labels import connection_label


@pytest.fixture()
def canvas(sample_view):
    return sample_view(1400, 900)


def mirrors(editor, scene) -> None:
    doc = editor.document
    assert set(scene.nodes) == set(doc.nodes) and set(scene.connections) == set(doc.connections)
    assert set(scene.zones) == set(doc.zones)
    for node in doc.nodes.values():
        item = scene.nodes[node.id]
        assert item.scene() is scene and item.name == node.name and item.role == node.role
        assert (item.pos().x(), item.pos().y()) == node.pos
    for conn in doc.connections.values():
        item = scene.connections[conn.id]
        assert item.scene() is scene and item.ends == conn.between
        assert item.label is connection_label(doc, editor.catalog, conn.id, translate=QCoreApplication.translate)
    assert scene.selectedItems() == []


def test_undo_of_delete_all_puts_the_same_items_back(canvas):
    editor, scene, _ = canvas
    doc = editor.document
    before = dict(scene.nodes), dict(scene.connections)
    scene.select_all()
    editor.delete(scene.selected_ids())
    assert not doc.nodes and not scene.nodes and not any(i.isVisible() for i in scene.items())
    editor.undo_stack.undo()
    mirrors(editor, scene)
    assert all(scene.nodes[n] is item for n, item in before[0].items())  # reused, not rebuilt
    assert all(scene.connections[c] is item for c, item in before[1].items())
    editor.undo_stack.redo()
    editor.undo_stack.undo()
    mirrors(editor, scene)


def test_a_put_back_item_shows_what_changed_meanwhile(canvas):
    """Delete a node, change its neighbour's role (its connections' labels change), undo both:
    the items put back show the document as it is, not as it was when they were removed."""
    editor, scene, _ = canvas
    doc = editor.document
    conn = next(iter(doc.connections.values()))
    a, b = conn.between
    editor.delete([a])
    editor.set_node(b, role="domain_controller" if doc.node(b).role != "domain_controller" else "mailbox")
    editor.set_node(b, name="Renamed")
    for _ in range(3):
        editor.undo_stack.undo()
    mirrors(editor, scene)
    assert doc.node(b).name != "Renamed" and scene.nodes[b].name == doc.node(b).name


def test_items_removed_long_ago_are_built_again(canvas):
    editor, scene, _ = canvas
    doc = editor.document
    node_id = next(iter(doc.nodes))
    old = scene.nodes[node_id]
    editor.delete([node_id])
    other = next(iter(doc.nodes))
    role = doc.node(other).role
    editor.set_node(other, role="domain_controller" if role != "domain_controller" else "mailbox")
    editor.set_node(other, role=role)
    while editor.undo_stack.canUndo():
        editor.undo_stack.undo()
    mirrors(editor, scene)
    assert scene.nodes[node_id] is not old  # not kept for ever


def test_a_large_delete_hides_its_items_until_no_undo_wants_them(canvas, qtbot):
    """The items of a delete stay in Qt's index, hidden, while its undo may put them back (see
    canvas/retired.py): nothing finds, selects or paints them, and Fit ignores them. Two edits
    later no undo can want them, and they leave the scene in the background."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtTest import QTest

    editor, scene, view = canvas
    doc = editor.document
    dc = scene.nodes["dc01"]
    at = dc.mapToScene(dc.icon_rect().center())
    outside = [z for z in scene.zones if not any(n.zone == z for n in doc.nodes.values())]
    assert not outside
    every = scene.items()
    scene.select_ids([n for n in doc.nodes])
    editor.delete(scene.selected_ids())
    assert dc.scene() is scene and not dc.isVisible()  # hidden, not taken out
    assert scene.items(at) == [i for i in scene.items(at) if i.isVisible()]  # not found
    assert not any(isinstance(i, type(dc)) for i in scene.items(at))
    zones = scene.items()
    zones = [i for i in zones if i.isVisible()]
    assert zones and all(i in scene.zones.values() or i.parentItem() in scene.zones.values() for i in zones)
    bounds = QRectF()
    for zone in scene.zones.values():
        bounds |= zone.sceneBoundingRect()
    assert scene.itemsBoundingRect() == bounds  # the hidden nodes and lines don't count
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view.mapFromScene(at))
    assert not any(i.isVisible() is False and i.isSelected() for i in every)
    scene.select_all()
    assert all(i.isVisible() for i in scene.selectedItems())
    scene.clearSelection()
    # an undo shows them again: the same items, never out of the scene
    editor.undo_stack.undo()
    assert scene.nodes["dc01"] is dc and dc.isVisible() and not scene.retired.hidden
    mirrors(editor, scene)
    # deleted again, then two other edits: no undo brings them back, and they go
    editor.undo_stack.redo()
    first, second = list(doc.zones)[:2]
    editor.set_zone(first, name="Renamed")
    editor.set_zone(second, name="Renamed too")
    assert dc.scene() is scene  # not at once: a chunk at a time, as the event loop turns
    qtbot.waitUntil(lambda: dc.scene() is None and not scene.retired.hidden, timeout=5000)
    assert all(i.isVisible() for i in scene.items())
    editor.undo_stack.undo(), editor.undo_stack.undo(), editor.undo_stack.undo()
    mirrors(editor, scene)  # built again: the undo still works
    assert scene.nodes["dc01"] is not dc


def test_opening_another_design_forgets_the_hidden_items(canvas, tmp_path):
    editor, scene, _ = canvas
    scene.select_all()
    editor.delete(scene.selected_ids())
    assert scene.retired.hidden
    editor.new_document()
    assert not scene.retired.hidden
    assert set(scene.items()) == set(scene.zones.values()) | {i for z in scene.zones.values() for i in z.childItems()}


def test_in_a_large_design_parallel_lines_fan_out_and_back_through_deletes_and_undos(generated_view):
    """A design over ``ROUTE_LIMIT`` keeps straight lines, and its batches route them in one
    pass that leaves a put-back line alone: a line whose fan changed is still moved."""
    from designer.canvas.scene_routing import FAN
    from designer.model.routing import ROUTE_LIMIT

    editor, scene, _ = generated_view(200, 600)
    doc = editor.document
    assert len(doc.connections) > ROUTE_LIMIT
    conn = next(iter(doc.connections.values()))
    second = editor.connect(*conn.between)
    third = editor.connect(*conn.between)
    ids = [conn.id, second, third]

    def bends() -> list[float]:
        return [scene.connections[c].routed_from[4] for c in ids if c in scene.connections]

    fanned = bends()
    assert sorted(abs(b) for b in fanned) == [0.0, FAN, FAN] and len(set(fanned)) == 3
    editor.delete([third])  # two parallels left: each bows out half a fan
    assert sorted(abs(b) for b in bends()) == [FAN / 2, FAN / 2]
    editor.undo_stack.undo()
    assert bends() == fanned
    scene.select_all()
    editor.delete(scene.selected_ids())
    editor.undo_stack.undo()
    mirrors(editor, scene)
    assert bends() == fanned
    for item in scene.connections.values():  # every line where its nodes are
        a, b = (scene.nodes[n].pos() for n in item.ends)
        assert item.routed_from[:4] == (a.x(), a.y(), b.x(), b.y())


def test_an_undone_batch_gives_labels_back_their_places(generated_view, qtbot):
    """Undo of a delete of everything puts every label back and the layer places them all
    again: no label is left on a node."""
    editor, scene, view = generated_view(200, 600)
    scene.place_labels()
    scene.select_all()
    editor.delete(scene.selected_ids())
    editor.undo_stack.undo()
    qtbot.waitUntil(lambda: scene.labels.settled, timeout=10000)
    assert set(scene.labels.spots) >= set(scene.connections)
    assert scene.labels.covered == [] and not scene.labels.dirty


def test_a_put_back_line_keeps_its_label_only_if_it_was_built_from_the_same(canvas):
    """An item put back keeps its label when the connection, its nodes and the version it was
    labelled from are the same ones; otherwise it is labelled again."""
    from designer.analysis.labels import ConnectionLabel

    editor, scene, _ = canvas
    doc = editor.document
    node_id = next(n for n in doc.nodes if len(doc.connections_of(n)) >= 2)
    kept, stale = (c.id for c in doc.connections_of(node_id)[:2])
    editor.delete([node_id])
    spare = scene._spare_before  # (the items the last edit removed)
    old = spare[kept].label
    spare[stale].set_label(ConnectionLabel((), error="stale"))  # as if built from other facts
    spare[stale].labelled_from = None
    editor.undo_stack.undo()
    assert scene.connections[kept].label is old  # reused as it was
    assert scene.connections[stale].label.error is None
    mirrors(editor, scene)
