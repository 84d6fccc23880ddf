"""Select All, Delete of everything and Undo of that delete, in the window, with real keys: each
changes the selection at most once, refreshes the Inspector and the findings once, and the undo
restores the model and the scene exactly (the same items, lines and labels)."""
from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import QPoint, Qt

from tests.conftest import ROOT


def test_select_all_delete_and_undo_refresh_each_panel_once(window, qtbot, tmp_path, monkeypatch):
    design = tmp_path / "big.yaml"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--nodes", "120",
                    "--connections", "300", "-o", str(design)], check=True, capture_output=True, timeout=120)
    assert window.files.open_path(design, ask=False)
    editor, scene = window.editor, window.scene
    doc = editor.document
    snapshot = doc.snapshot()
    items = dict(scene.nodes), dict(scene.connections), dict(scene.zones)
    lines = {c: (item.ends, item.segment, item.points, item.label_item.lines) for c, item in scene.connections.items()}
    findings = list(window.findings.findings)
    counts = {"selection": 0, "inspector": 0, "findings": 0}
    real_refresh, real_rebuild = window.inspector.refresh, window.findings.refresh
    monkeypatch.setattr(window.inspector, "refresh",
                        lambda: counts.__setitem__("inspector", counts["inspector"] + 1) or real_refresh())
    monkeypatch.setattr(window.findings, "refresh",
                        lambda: counts.__setitem__("findings", counts["findings"] + 1) or real_rebuild())
    scene.selectionChanged.connect(lambda: counts.__setitem__("selection", counts["selection"] + 1))
    viewport = window.view.viewport()
    window.view.set_zoom(0.02)  # the design is a dot: the corner is empty canvas
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))

    def step(*keys) -> dict:
        for key in counts:
            counts[key] = 0
        qtbot.keyClick(viewport, *keys)
        return dict(counts)
    assert step(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier) == {"selection": 1, "inspector": 1, "findings": 0}
    assert window.inspector.shown_kind == "several"
    assert step(Qt.Key.Key_Delete) == {"selection": 1, "inspector": 1, "findings": 1}
    assert not doc.nodes and not any(i.isVisible() for i in scene.items()) and window.inspector.shown_kind == "document"
    assert step(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier) == {"selection": 0, "inspector": 1, "findings": 1}
    # exactly as before: the model, the same items, where they were, with the same labels
    assert doc.snapshot() == snapshot and window.findings.findings == findings
    assert all(scene.nodes[n] is item for n, item in items[0].items()) and set(scene.nodes) == set(items[0])
    assert all(scene.connections[c] is item for c, item in items[1].items()) and set(scene.connections) == set(items[1])
    assert set(scene.zones) == set(items[2]) and scene.selectedItems() == []
    assert {c: (item.ends, item.segment, item.points, item.label_item.lines)
            for c, item in scene.connections.items()} == lines
    for node in doc.nodes.values():
        assert (scene.nodes[node.id].pos().x(), scene.nodes[node.id].pos().y()) == node.pos
    # and the redo, the same again
    assert step(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)["findings"] == 1
    assert not doc.nodes and not any(i.isVisible() for i in scene.items())


def test_the_undo_of_a_delete_shows_the_same_finding_rows_again(window, qtbot, tmp_path):
    """The findings panel keeps the rows it showed before an edit: when the undo brings back the
    same findings, the same rows come back (not thousands built again), filtered and selected
    as the panel's toggles and selection say."""
    from PySide6.QtWidgets import QTreeWidgetItem  # noqa: F401 (the rows' type)

    design = tmp_path / "big.yaml"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--nodes", "80",
                    "--connections", "200", "-o", str(design)], check=True, capture_output=True, timeout=120)
    assert window.files.open_path(design, ask=False)
    panel, editor, scene = window.findings, window.editor, window.scene
    rows = [panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())]
    texts = [(r.text(0), r.text(1), r.toolTip(1)) for r in rows]
    assert len(rows) > 5
    panel.tree.setCurrentItem(rows[3])
    scene.select_all()
    editor.delete(scene.selected_ids())
    assert panel.tree.topLevelItemCount() == len(editor.findings) != len(rows)
    hidden = next(iter(panel.toggles))  # hide a severity meanwhile
    panel.toggles[hidden].setChecked(False)
    editor.undo_stack.undo()
    again = [panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())]
    assert again == rows  # the same rows
    assert [(r.text(0), r.text(1), r.toolTip(1)) for r in again] == texts
    assert [r.isHidden() for r in again] == [f.severity == hidden for f in panel.findings]
    assert panel.findings == editor.findings
    panel.toggles[hidden].setChecked(True)
    editor.undo_stack.redo()
    editor.undo_stack.undo()
    assert panel.visible_findings() == editor.findings
