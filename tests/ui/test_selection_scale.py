"""Select All, Delete of a large selection and Undo of that delete change the selection once and
refresh the Inspector once, whatever the number of items (Qt emits selectionChanged per item)."""
from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import QPoint, Qt

from tests.conftest import ROOT


def test_select_all_delete_and_undo_refresh_the_inspector_once(window, qtbot, tmp_path, monkeypatch):
    design = tmp_path / "big.yaml"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--nodes", "120",
                    "--connections", "300", "-o", str(design)], check=True, capture_output=True, timeout=120)
    assert window.files.open_path(design, ask=False)
    doc = window.editor.document
    total, nodes = len(doc.zones) + len(doc.nodes) + len(doc.connections), len(doc.nodes)
    shown = []
    real = window.inspector.show_selection
    monkeypatch.setattr(window.inspector, "show_selection", lambda ids: shown.append(len(ids)) or real(ids))
    viewport = window.view.viewport()
    window.view.set_zoom(0.02)  # the design is a dot: the corner is empty canvas
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    shown.clear()
    qtbot.keyClick(viewport, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert shown == [total]
    qtbot.keyClick(viewport, Qt.Key.Key_Delete)
    assert shown == [total, 0] and not window.editor.document.nodes
    qtbot.keyClick(viewport, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(window.editor.document.nodes) == nodes
    assert shown == [total, 0]  # nothing was selected again: the Inspector was left alone
