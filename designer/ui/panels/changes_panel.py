"""The changes dock: what changes from another design to this one (File ▸ Compare With…).

The firewall rules per zone boundary first, then the flows, then the zones, nodes and
connections. Choosing a row asks for its items on the canvas (``change_chosen``); closing the
dock ends the comparison (``closed``). Names are shown as plain text, control characters as
symbols.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor
from PySide6.QtWidgets import (QAbstractItemView, QDockWidget, QHBoxLayout, QLabel, QPushButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from ...analysis.diff import ADDED, CHANGED, CONNECTION, NODE, REMOVED, ZONE, DesignDiff
from ...canvas.compare_overlay import COLORS
from ...io.diff_rows import field_text
from ...support.text import visible, qt_plain

CHANGE_ROLE = Qt.ItemDataRole.UserRole
translate = QCoreApplication.translate  # texts in the "ChangesPanel" context


def status_name(status: str) -> str:
    return {ADDED: translate("ChangesPanel", "Added"), REMOVED: translate("ChangesPanel", "Removed"),
            CHANGED: translate("ChangesPanel", "Changed")}[status]


def kind_name(kind: str) -> str:
    return {ZONE: translate("ChangesPanel", "Zone"), NODE: translate("ChangesPanel", "Node"),
            CONNECTION: translate("ChangesPanel", "Connection")}[kind]


def _plain(text: str) -> str:
    return visible(str(text))


class ChangesPanel(QWidget):
    change_chosen = Signal(object)  # an ElementChange, RuleChange or FlowChange
    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changes_panel")
        self.summary = QLabel(objectName="changes_summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.clear_button = QPushButton(self.tr("Clear Comparison"), objectName="changes_clear")
        self.clear_button.clicked.connect(self.clear_requested)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignTop)
        self.tree = QTreeWidget(objectName="changes_tree")
        self.tree.setHeaderLabels([self.tr("Change"), self.tr("What"), self.tr("What changed")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setColumnWidth(0, 150)
        self.tree.setColumnWidth(1, 320)
        self.tree.currentItemChanged.connect(self._current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        self.leaves: list[QTreeWidgetItem] = []

    def show_diff(self, diff: DesignDiff, label: str) -> None:
        """List ``diff``'s changes; ``label`` names the design compared with (its file)."""
        self.tree.clear()
        self.leaves = []
        lines = [self.tr("Compared with {file}: {name}, Exchange {version}.").format(
            file=label, name=diff.old.name, version=diff.old.exchange_version)]
        if diff.versions_differ:
            lines.append(self.tr("The designs are on different Exchange versions ({old} → {new}): each follows "
                                 "its own version's data paths.").format(old=diff.old.exchange_version,
                                                                           new=diff.new.exchange_version))
        if not diff.changed:
            lines.append(self.tr("No change: the same flows, rules and elements."))
        self.summary.setText("\n".join(_plain(line) for line in lines))
        if diff.rules:
            group = self._group(self.tr("Firewall rules ({count})").format(count=len(diff.rules)))
            boundaries: dict[tuple[str, str], QTreeWidgetItem] = {}
            for change in diff.rules:
                parent = boundaries.get(change.boundary)
                if parent is None:
                    parent = boundaries[change.boundary] = QTreeWidgetItem(
                        group, [_plain(f"{change.source_zone} → {change.destination_zone}")])
                    parent.setFirstColumnSpanned(True)
                self._leaf(parent, change, f"{change.source} → {change.destination}  {change.port}")
        if diff.flows:
            group = self._group(self.tr("Flows ({count})").format(count=len(diff.flows)))
            for change in diff.flows:
                self._leaf(group, change, f"{change.source} → {change.destination}  {change.service} "
                                          f"({change.ports})")
        if diff.elements or diff.design:
            group = self._group(self.tr("Zones, nodes and connections ({count})").format(
                count=len(diff.elements) + len(diff.design)))
            for field in diff.design:
                item = QTreeWidgetItem(group, [status_name(CHANGED), self.tr("Design"), _plain(field_text([field]))])
                item.setForeground(0, QColor(COLORS[CHANGED]))
            for change in diff.elements:
                self._leaf(group, change, f"{kind_name(change.kind)}: {change.name}")
        self.tree.expandAll()

    def _group(self, title: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [title])
        item.setFirstColumnSpanned(True)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        return item

    def _leaf(self, parent: QTreeWidgetItem, change, what: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [status_name(change.status), _plain(what), _plain(field_text(change.fields))])
        item.setForeground(0, QColor(COLORS[change.status]))
        item.setData(0, CHANGE_ROLE, change)
        item.setToolTip(2, qt_plain(item.text(2)))
        self.leaves.append(item)
        return item

    def _current_changed(self, current: QTreeWidgetItem | None, _previous=None) -> None:
        change = current.data(0, CHANGE_ROLE) if current is not None else None
        if change is not None:
            self.change_chosen.emit(change)


class ChangesDock(QDockWidget):
    """The dock that holds the changes panel; closing it ends the comparison."""

    closed = Signal()

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt's name
        super().closeEvent(event)
        self.closed.emit()
