"""The findings dock: what the analysis says about the design, errors first."""
from __future__ import annotations

import html
import logging

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...analysis import SEVERITIES, Finding
from ...editor import DocumentEditor
from ...support.states import Severity

log = logging.getLogger(__name__)

FINDING_ROLE = Qt.ItemDataRole.UserRole
_ICONS = {
    Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}
translate = QCoreApplication.translate  # the module's texts are in the "FindingsPanel" context


def severity_name(severity: str) -> str:
    """``Error``, ``Warning``, ``Info``."""
    names = {Severity.ERROR: translate("FindingsPanel", "Error"),
             Severity.WARNING: translate("FindingsPanel", "Warning"),
             Severity.INFO: translate("FindingsPanel", "Info")}
    return names.get(severity, severity.capitalize())


def _count(severity: str, n: int) -> str:
    if severity == Severity.ERROR:
        return translate("FindingsPanel", "1 error") if n == 1 else translate(
            "FindingsPanel", "{count} errors").format(count=n)
    if severity == Severity.WARNING:
        return translate("FindingsPanel", "1 warning") if n == 1 else translate(
            "FindingsPanel", "{count} warnings").format(count=n)
    return translate("FindingsPanel", "1 info") if n == 1 else translate(
        "FindingsPanel", "{count} info").format(count=n)


def summary_text(findings: list[Finding]) -> str:
    """``2 errors · 3 warnings · 1 info`` (or ``No findings``)."""
    if not findings:
        return translate("FindingsPanel", "No findings")
    counts = {s: sum(f.severity == s for f in findings) for s in SEVERITIES}
    return " · ".join(_count(s, n) for s, n in counts.items())


class FindingsPanel(QWidget):
    select_requested = Signal(list)  # the node and connection ids of the activated finding

    def __init__(self, editor: DocumentEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.setObjectName("findings_panel")
        self._findings: list[Finding] = []
        self._earlier: tuple[list[Finding], list[QTreeWidgetItem]] = ([], [])  # the rows shown before

        self.summary = QLabel(objectName="findings_summary")
        self.summary.setWordWrap(True)  # the counts wrap in a narrow dock (a laptop's tabbed column)
        self.toggles: dict[str, QToolButton] = {}
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        for severity in SEVERITIES:
            button = QToolButton(objectName=f"findings_show_{severity}")
            button.setCheckable(True)
            button.setChecked(True)
            button.setIcon(self._icon(severity))
            titles = {Severity.ERROR: self.tr("Errors"), Severity.WARNING: self.tr("Warnings"),
                      Severity.INFO: self.tr("Info")}
            button.setText(titles[severity])
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setToolTip({Severity.ERROR: self.tr("Show errors"), Severity.WARNING: self.tr("Show warnings"),
                               Severity.INFO: self.tr("Show info")}[severity])
            button.toggled.connect(self._apply_filter)
            self.toggles[severity] = button
            top.addWidget(button)

        self.tree = QTreeWidget(objectName="findings_list")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Severity"), self.tr("Finding")])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.tree)

        self.tree.itemActivated.connect(self._activated)  # double-click, Enter
        self._revision = None  # the editor's analysis_revision the rows show
        editor.analysis_changed.connect(self._analysis_changed)
        self.refresh()

    # ---- public
    @property
    def findings(self) -> list[Finding]:
        return list(self._findings)

    def visible_findings(self) -> list[Finding]:
        return [self._findings[item.data(0, FINDING_ROLE)] for item in self._items() if not item.isHidden()]

    def _analysis_changed(self) -> None:
        if self.editor.analysis_revision != self._revision:  # (a move within a zone changes nothing)
            self.refresh()

    def refresh(self) -> None:
        """Rebuild the rows from the editor's findings (unless they are the findings shown:
        an undo may bring back the very same ones); the selected finding stays selected."""
        self._revision = self.editor.analysis_revision
        findings = list(self.editor.findings)
        if findings == self._findings and self.tree.topLevelItemCount() == len(findings):
            return
        current = self.tree.currentItem()
        keep = self._key(self._findings[current.data(0, FINDING_ROLE)]) if current else None
        shown = {s for s, button in self.toggles.items() if button.isChecked()}
        earlier, earlier_items = self._earlier
        if findings == earlier and len(earlier_items) == len(findings):  # an undo brought them back
            items = earlier_items
        else:
            items = self._rows(findings)
        chosen = next((item for item, finding in zip(items, findings) if self._key(finding) == keep), None) \
            if keep is not None else None
        self.tree.setUpdatesEnabled(False)
        try:
            # the rows shown are kept (for one refresh): the undo of a large delete shows them again
            self._earlier = (self._findings, self.tree.invisibleRootItem().takeChildren())
            self._findings = findings
            self.tree.addTopLevelItems(items)  # (one insertion, not one per row)
            for item, finding in zip(items, findings):
                item.setHidden(finding.severity not in shown)
            if chosen is not None:
                self.tree.setCurrentItem(chosen)
        finally:
            self.tree.setUpdatesEnabled(True)
        self.summary.setText(summary_text(findings))

    # ---- internals
    def _rows(self, findings: list[Finding]) -> list[QTreeWidgetItem]:
        names = {s: severity_name(s) for s in {f.severity for f in findings}}
        icons = {s: self._icon(s) for s in names}  # (the style's icons, looked up once a refresh)
        items = []
        for i, finding in enumerate(findings):
            text = finding.text(translate)
            item = QTreeWidgetItem([names[finding.severity], text])
            item.setIcon(0, icons[finding.severity])
            item.setData(0, FINDING_ROLE, i)
            tip = self._tooltip(finding, text)
            item.setToolTip(0, tip)
            item.setToolTip(1, tip)
            items.append(item)
        return items

    def _items(self) -> list[QTreeWidgetItem]:
        return [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]

    def _apply_filter(self, *_args) -> None:
        shown = {s for s, button in self.toggles.items() if button.isChecked()}
        for item in self._items():
            item.setHidden(self._findings[item.data(0, FINDING_ROLE)].severity not in shown)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        finding = self._findings[item.data(0, FINDING_ROLE)]
        ids = list(finding.nodes) + list(finding.connections)
        if ids:
            self.select_requested.emit(ids)

    def _icon(self, severity: str) -> QIcon:
        return self.style().standardIcon(_ICONS.get(severity, _ICONS[Severity.INFO]))

    def _tooltip(self, finding: Finding, text: str | None = None) -> str:
        """Rich text, so Qt wraps it; the Microsoft source when the finding has one (``text``:
        the finding's text, when it is already at hand)."""
        text = finding.text(translate) if text is None else text
        parts = [(f"<p><b>{html.escape(severity_name(finding.severity))}</b> "
                  f"({html.escape(finding.rule)})</p><p>{html.escape(text)}</p>")]
        source = self.editor.catalog.source(finding.source) if finding.source else None
        if source:
            parts.append("<p>" + html.escape(self.tr("Source: {title}").format(title=source.title))
                         + (f"<br>{html.escape(source.url)}" if source.url else "") + "</p>")
        return "".join(parts)

    @staticmethod
    def _key(finding: Finding) -> tuple:
        return finding.rule, finding.message
