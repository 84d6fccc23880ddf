"""File ▸ Compare With…: the changes on the canvas (marks and ghosts) and in a dock, as a user
meets them: menus, clicks on the list, closing the dock."""
from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QMetaMethod, QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QMenu

from designer.analysis.diff import ADDED, CHANGED, REMOVED
from designer.canvas.compare_overlay import LineMarkItem, MarkItem
from designer.io import load_document, save_document
from designer.model import Node
from designer.render.image_export import export_state
from tests.conftest import ROOT
from tests.ui.gestures import shown_text
from tests.ui.test_canvas import to_view

SAMPLE = ROOT / "data" / "samples" / "exchange2016-edge.yaml"


@pytest.fixture()
def other(tmp_path, catalog):
    """The design as it was: the 2016 sample with an EX03 (connected to the Edge) that is gone
    now, and the Edge on the old DMZ subnet."""
    doc = load_document(SAMPLE, roles=catalog.roles.keys())
    doc.add_node(Node("ex03", "EX03", "mailbox", "internal", pos=(900.0, 900.0)))
    from designer.model import Connection
    doc.add_connection(Connection("c_edge_ex03", ("edge01", "ex03")))
    doc.replace_node(replace(doc.node("edge01"), addresses=("192.0.2.5",)))
    path = tmp_path / "before.yaml"
    save_document(doc, path)
    return path


def click_menu(qtbot, window, menu_title: str, action_name: str) -> None:
    """Open a menu of the menu bar with the mouse and click one of its actions."""
    bar = window.menuBar()
    top = next(a for a in bar.actions() if a.text().replace("&", "") == menu_title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(top).center())
    menu: QMenu = top.menu()
    qtbot.waitUntil(menu.isVisible)
    action = next(a for a in menu.actions() if a.objectName() == action_name)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def click_row(qtbot, tree, item) -> None:
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())


def compare(qtbot, window, monkeypatch, path):
    monkeypatch.setattr("designer.ui.window.compare.QFileDialog.getOpenFileName", lambda *a, **k: (str(path), ""))
    click_menu(qtbot, window, "File", "compare_with")
    qtbot.waitUntil(lambda: window.comparison.dock is not None and window.comparison.dock.isVisible())
    return window.comparison


def test_compare_with_marks_the_canvas_and_lists_the_changes(window, qtbot, monkeypatch, other):
    window.files.open_path(SAMPLE, ask=False)
    edge = window.editor.document.node("edge01")
    window.editor.set_node("edge01", addresses=("198.51.100.5",))  # the Edge moved to a new DMZ subnet
    before = window.editor.document.snapshot()
    commands = window.editor.undo_stack.count()
    comparison = compare(qtbot, window, monkeypatch, other)
    # the model is untouched: the comparison is view state
    assert window.editor.document.snapshot() == before and window.editor.undo_stack.count() == commands
    marks = comparison.overlay.marks
    assert isinstance(marks["node", CHANGED, "edge01"], MarkItem)
    ghost = marks["node", REMOVED, "ex03"]
    assert ghost.ghost_text == "EX03" and ghost.opacity() < 1
    assert isinstance(marks["connection", REMOVED, "c_edge_ex03"], LineMarkItem)
    assert not marks["connection", REMOVED, "c_edge_ex03"].path.isEmpty()
    # ghosts are not model items: not selectable, not in the scene's tables, not exported
    for item in marks.values():
        assert not item.flags() & item.GraphicsItemFlag.ItemIsSelectable
        assert item.acceptedMouseButtons() == Qt.MouseButton.NoButton
    assert "ex03" not in window.scene.nodes
    window.scene.select_all()
    assert sorted(window.scene.selected_ids()) == sorted(window.editor.document.all_ids())
    with export_state(window.scene, False, None):
        assert not any(item.isVisible() for item in marks.values())
    assert all(item.isVisible() for item in marks.values())
    # the list: rules per boundary, flows, elements; a row selects its item on the canvas
    tree = comparison.panel.tree
    rows = {(r.text(0), r.text(1)) for r in comparison.panel.leaves}
    assert ("Changed", "Internet mail servers → EDGE01  25/TCP") in rows
    assert ("Removed", "EDGE01 → EX03  25/TCP") in rows
    assert ("Removed", "Node: EX03") in rows
    node_row = next(r for r in comparison.panel.leaves if r.text(1) == "Node: EDGE01")
    assert "addresses: 192.0.2.5 → 198.51.100.5" in node_row.text(2)
    click_row(qtbot, tree, node_row)
    assert window.scene.selected_ids() == ["edge01"]
    rule_row = next(r for r in comparison.panel.leaves if r.text(1) == "Internet mail servers → EDGE01  25/TCP")
    click_row(qtbot, tree, rule_row)
    assert window.scene.selected_ids() == ["c_inet_edge"]
    # a removed node: nothing of the model is selected, its ghost stands out
    ghost_row = next(r for r in comparison.panel.leaves if r.text(1) == "Node: EX03")
    click_row(qtbot, tree, ghost_row)
    assert window.scene.selected_ids() == [] and ghost.emphasised
    assert edge.pos is not None


def test_a_click_on_a_ghost_selects_nothing_and_the_tools_ignore_it(window, qtbot, monkeypatch, other):
    window.files.open_path(SAMPLE, ask=False)
    comparison = compare(qtbot, window, monkeypatch, other)
    ghost = comparison.overlay.marks["node", REMOVED, "ex03"]
    window.view.centerOn(ghost)
    at = window.view.mapFromScene(ghost.sceneBoundingRect().center())
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert window.scene.selected_ids() == []
    assert window.scene.node_at(ghost.sceneBoundingRect().center()) is None


def test_marks_follow_edits_and_the_comparison_updates(window, qtbot, monkeypatch, other):
    window.files.open_path(SAMPLE, ask=False)
    comparison = compare(qtbot, window, monkeypatch, other)
    assert ("node", CHANGED, "edge01") in comparison.overlay.marks
    window.editor.set_node("edge01", addresses=("192.0.2.5",))  # as it was: no change left there
    assert ("node", CHANGED, "edge01") not in comparison.overlay.marks
    node_id = window.editor.add_node("mailbox", (400.0, 300.0))
    mark = comparison.overlay.marks["node", ADDED, node_id]
    assert mark.rect.center() == window.scene.nodes[node_id].footprint().center()
    # dragged with the mouse, the node takes its mark along before the drop
    view, item = window.view, window.scene.nodes[node_id]
    start = to_view(view, item.center())
    vp = view.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 7):
        QTest.mouseMove(vp, start + QPoint(20 * step, 10 * step))
    qtbot.waitUntil(lambda: mark.rect.center() == item.footprint().center())
    assert item.center() != QPointF(400.0, 300.0)
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(120, 60))
    moved = window.editor.document.node(node_id).pos
    mark = comparison.overlay.marks["node", ADDED, node_id]
    assert mark.rect.center() == QPointF(*moved)
    assert any(r.text(0) == "Added" and r.text(1).startswith("Node: ") for r in comparison.panel.leaves)


def listened(scene) -> bool:
    """Whether anyone hears the scene's ``changed`` (Qt then gathers a rectangle per change)."""
    return scene.isSignalConnected(QMetaMethod.fromSignal(scene.changed))


def test_clear_from_the_menu_and_by_closing_the_dock(window, qtbot, monkeypatch, other):
    window.files.open_path(SAMPLE, ask=False)
    assert not listened(window.scene)  # no comparison: nothing listens
    comparison = compare(qtbot, window, monkeypatch, other)
    assert comparison.clear_action.isEnabled() and listened(window.scene)
    click_menu(qtbot, window, "File", "clear_comparison")
    assert comparison.overlay.marks == {} and not comparison.dock.isVisible() and not comparison.active
    assert not listened(window.scene)
    assert not any(isinstance(i, (MarkItem, LineMarkItem)) for i in window.scene.items())
    compare(qtbot, window, monkeypatch, other)
    assert comparison.overlay.marks
    close = next(b for b in comparison.dock.findChildren(QAbstractButton)
                 if b.objectName() == "qt_dockwidget_closebutton")
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton, pos=QPoint(close.width() // 2, close.height() // 2))
    assert comparison.overlay.marks == {} and not comparison.active
    assert not comparison.clear_action.isEnabled()


def test_opening_another_design_ends_the_comparison(window, qtbot, monkeypatch, other):
    window.files.open_path(SAMPLE, ask=False)
    comparison = compare(qtbot, window, monkeypatch, other)
    window.files.open_path(other, ask=False)
    assert not comparison.active and comparison.overlay.marks == {}
    assert not any(isinstance(i, (MarkItem, LineMarkItem)) for i in window.scene.items())


def test_an_unreadable_design_is_one_message(window, qtbot, monkeypatch, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: exchange-topology/1\nnodes: [\n")
    shown = []
    monkeypatch.setattr("designer.ui.window.compare.QMessageBox.critical", lambda *a: shown.append(a[2]))
    monkeypatch.setattr("designer.ui.window.compare.QFileDialog.getOpenFileName", lambda *a, **k: (str(bad), ""))
    window.comparison.compare_action.trigger()
    assert len(shown) == 1 and shown_text(shown[0]).startswith(f"{bad}:") and not window.comparison.active


def test_the_same_design_says_no_change(window, qtbot, monkeypatch):
    window.files.open_path(SAMPLE, ask=False)
    comparison = compare(qtbot, window, monkeypatch, SAMPLE)
    assert comparison.panel.leaves == [] and comparison.overlay.marks == {}
    assert "No change" in comparison.panel.summary.text()


def test_hostile_names_stay_text_in_the_dock_and_the_ghosts(window, qtbot, monkeypatch, tmp_path, catalog):
    name = "<img src=x>=cmd|' /C calc'!A0 [x](javascript:y)"
    doc = load_document(SAMPLE, roles=catalog.roles.keys())
    doc.add_node(Node("evil", name, "mailbox", "internal", pos=(900.0, 900.0)))
    path = tmp_path / "before <b>.yaml"
    save_document(doc, path)
    window.files.open_path(SAMPLE, ask=False)
    comparison = compare(qtbot, window, monkeypatch, path)
    ghost = comparison.overlay.marks["node", REMOVED, "evil"]
    assert ghost.toolTip() == "<p>&lt;img src=x&gt;=cmd|&#x27; /C calc&#x27;!A0 [x](javascript:y)</p>"
    row = next(r for r in comparison.panel.leaves if r.text(1).startswith("Node: "))
    assert row.text(1) == f"Node: {name}"
    assert comparison.panel.summary.textFormat() == Qt.TextFormat.PlainText
    assert "before <b>.yaml" in comparison.panel.summary.text()
