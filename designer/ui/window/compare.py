"""File ▸ Compare With…: what changes from another design to the one being edited, on the canvas
and in a dock. The other design is read once and never edited; the comparison follows every edit
of this one (``analysis_changed``) and ends when another design is opened, on *Clear Comparison*
or when its dock is closed. It is view state: nothing of it reaches the document or its undo stack.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow, QMenu, QMessageBox

from ...analysis import Flow, compute_flows
from ...analysis.diff import CONNECTION, REMOVED, DesignDiff, ElementChange, RuleChange, diff_designs
from ...canvas import CanvasScene, CanvasView
from ...canvas.compare_overlay import CompareOverlay
from ...editor import DocumentEditor
from ...io import load_document
from ...model import Document
from ...model.layout import auto_layout
from ...support.text import qt_plain
from ...support.yamlsafe import InputError
from ..panels.changes_panel import ChangesDock, ChangesPanel
from .files import file_filter


def read_other(path: Path, editor: DocumentEditor) -> Document:
    """The design to compare with, laid out where it has no geometry (as the editor opens one)."""
    catalog = editor.catalog
    doc = load_document(path, roles=catalog.roles.keys(), coexistence=catalog.coexistence_problem)
    layout = auto_layout(doc, catalog)
    for zone_id, rect in layout.zone_rects.items():
        doc.replace_zone(replace(doc.zone(zone_id), rect=rect))
    for node_id, pos in layout.node_positions.items():
        doc.replace_node(replace(doc.node(node_id), pos=pos))
    return doc


class Comparison(QObject):
    """The comparison of ``window``'s design with another one. ``show_ids`` selects items of
    the canvas by id and brings them into view (the window's ``select_and_show``)."""

    def __init__(self, window: QMainWindow, editor: DocumentEditor, scene: CanvasScene, view: CanvasView,
                 show_ids: Callable[[list], None]) -> None:
        super().__init__(window)
        self.window, self.editor, self.scene, self.view, self.show_ids = window, editor, scene, view, show_ids
        self.overlay = CompareOverlay(scene)
        self.other: Document | None = None
        self.other_label = ""
        self._other_flows: list[Flow] = []
        self.diff: DesignDiff | None = None
        self.dock: ChangesDock | None = None
        self.panel: ChangesPanel | None = None
        self.compare_action = QAction(self.tr("Compare &With…"), window)
        self.compare_action.setObjectName("compare_with")
        self.compare_action.setStatusTip(self.tr("Show what changes from another design to this one: firewall "
                                                 "rules, flows, nodes and lines"))
        self.compare_action.triggered.connect(self.choose)
        self.clear_action = QAction(self.tr("C&lear Comparison"), window)
        self.clear_action.setObjectName("clear_comparison")
        self.clear_action.setEnabled(False)
        self.clear_action.triggered.connect(self.clear)
        window.addAction(self.compare_action)
        window.addAction(self.clear_action)
        editor.analysis_changed.connect(self.refresh)
        editor.document_replaced.connect(self._document_replaced)

    def add_to(self, file_menu: QMenu) -> None:
        """Put the actions in the File menu, before Export."""
        export = file_menu.findChild(QMenu, "export_menu")
        before = export.menuAction() if export is not None else None
        file_menu.insertActions(before, [self.compare_action, self.clear_action])
        file_menu.insertSeparator(before)

    @property
    def active(self) -> bool:
        return self.other is not None

    def choose(self) -> bool:
        start = str(self.editor.path.parent) if self.editor.path else ""
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Compare with design"), start, file_filter())
        return bool(path) and self.compare_with(Path(path))

    def compare_with(self, path: Path) -> bool:
        """Compare the design being edited with the one in ``path`` (as it was, or another)."""
        try:
            other = read_other(path, self.editor)
        except InputError as exc:
            QMessageBox.critical(self.window, self.tr("Cannot compare"), qt_plain(str(exc)))
            return False
        self.other, self.other_label = other, path.name
        self._other_flows = compute_flows(other, self.editor.catalog)
        self._ensure_dock()
        self.clear_action.setEnabled(True)
        self.refresh()
        self.dock.show()
        self.dock.raise_()
        return True

    def _ensure_dock(self) -> None:
        if self.dock is not None:
            return
        self.panel = ChangesPanel()
        self.panel.change_chosen.connect(self.show_change)
        self.panel.clear_requested.connect(self.clear)
        self.dock = ChangesDock(self.tr("Changes"), self.window)
        self.dock.setObjectName("dock_changes")
        self.dock.setWidget(self.panel)
        self.dock.closed.connect(self.clear)
        self.window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        findings = self.window.findChild(QDockWidget, "dock_findings")
        if findings is not None:
            self.window.tabifyDockWidget(findings, self.dock)

    def refresh(self) -> None:
        """Compare again (after each edit of this design)."""
        if self.other is None:
            return
        self.diff = diff_designs(self.other, self.editor.document, self.editor.catalog, self._other_flows,
                                 self.editor.flows)
        self.overlay.show(self.diff)
        if self.panel is not None:
            self.panel.show_diff(self.diff, self.other_label)

    def show_change(self, change) -> None:
        """Select on the canvas what ``change`` is about; a ghost is brought into view and stands out."""
        ids, keys = self.targets(change)
        self.show_ids(ids)
        bounds = self.overlay.emphasise(keys)
        if not ids and not bounds.isEmpty():
            self.view.ensureVisible(bounds, 40, 40)

    def targets(self, change) -> tuple[list[str], list[tuple[str, str, str]]]:
        """The ids of the canvas items a change is about, and the keys of its marks and ghosts."""
        if isinstance(change, ElementChange):
            if change.status == REMOVED:
                return [], [(change.kind, REMOVED, change.old_id)]
            return [change.new_id], [(change.kind, change.status, change.new_id)]
        flows = change.rule.flows if isinstance(change, RuleChange) else change.flows
        if change.status != REMOVED:
            conns = list(dict.fromkeys(f.connection for f in flows))
            return conns, [(CONNECTION, change.status, c) for c in conns]
        # removed: the line where it still is, else its ghost
        now = {key: new_id for new_id, key in self.diff.identity.connections.items()} if self.diff else {}
        ids, keys = [], []
        for old_id in dict.fromkeys(f.connection for f in flows):
            new_id = now.get(old_id)
            if new_id is not None:
                ids.append(new_id)
            keys.append((CONNECTION, REMOVED, old_id))
        return ids, keys

    def clear(self) -> None:
        """End the comparison: no marks, no ghosts, no dock."""
        self.other, self.diff, self._other_flows = None, None, []
        self.overlay.clear()
        self.clear_action.setEnabled(False)
        if self.dock is not None and self.dock.isVisible():
            self.dock.hide()

    def _document_replaced(self, _doc) -> None:
        if self.active:
            self.clear()
