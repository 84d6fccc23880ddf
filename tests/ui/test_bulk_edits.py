"""Large deletes and their undo: the scene puts back the items it removed (instead of building
them again), and what it shows still mirrors the document exactly."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

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
    assert not doc.nodes and not scene.nodes and scene.items() == []
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
