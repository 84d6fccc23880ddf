"""A migration in the window: a Mailbox server kept on Exchange 2016 in an SE design. The
Inspector sets a node's own version; the lines, findings and matrix follow; Undo reverts."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QTreeWidget

from tests.ui.test_panels import Panels


def findings(p: Panels) -> list[str]:
    tree = p.find(QTreeWidget, "findings_list")
    return [tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())]


def test_a_node_on_an_older_version_in_an_se_design(qtbot, catalog, monkeypatch):
    monkeypatch.setenv("ETD_TODAY", "2026-12-04")
    p = Panels(qtbot, catalog, "migration-2016-to-SE.yaml")
    doc = p.editor.document
    assert doc.exchange_version == "SE" and doc.node("ex16").version == "2016"
    assert any(m.startswith("Exchange 2016 has been out of support since 2025-10-14") for m in findings(p))

    p.inspector.show_selection(["mbx_se"])
    combo = p.find(QComboBox, "inspector_node_version")
    assert combo.isEnabled() and combo.currentIndex() == 0
    assert combo.currentText() == "The design's (SE)"
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # 2010: older than SE allows beside it
    assert doc.node("mbx_se").version == "2010"
    assert p.editor.undo_stack.undoText() == "Change version of MBX-SE01"
    assert any("can't share one organization" in m for m in findings(p))
    p.editor.undo_stack.undo()
    assert doc.node("mbx_se").version is None
    assert not any("can't share one organization" in m for m in findings(p))
    assert combo.currentIndex() == 0

    p.inspector.show_selection(["dc01"])  # a domain controller has no Exchange version
    assert not combo.isEnabled()
