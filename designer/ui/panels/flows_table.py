"""The inspector's flows of a connection, stacked for a narrow dock."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ...support.text import qt_plain


class FlowsTable(QTableWidget):
    """A connection's flows, each field on its own line so that a narrow dock shows them all
    without scrolling sideways: the direction across both columns, then Port, Service,
    Authentication and Encryption, each named on the left, its value wrapped on the right. The
    table is as tall as its rows (the inspector scrolls, not the table)."""

    def __init__(self, fields: tuple[str, ...], **kwargs) -> None:
        super().__init__(0, 2, **kwargs)
        self.fields = fields  # the untranslated names ("InspectorPanel" context), the direction first
        self._flows: list[tuple[tuple[str, ...], str]] = []
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setWordWrap(True)
        self.setShowGrid(False)
        self.verticalHeader().hide()
        self.horizontalHeader().hide()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)  # the field names' width (set_flows)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(24)
        header.sectionResized.connect(lambda *_: self._fit_rows())

    def flow_count(self) -> int:
        return len(self._flows)

    def flow(self, index: int) -> tuple[str, ...]:
        """Flow ``index``'s (direction, port, service, authentication, encryption)."""
        return self._flows[index][0]

    def value_item(self, index: int, field: int) -> QTableWidgetItem:
        """The cell of flow ``index``'s field (1: port … 4: encryption)."""
        return self.item(index * len(self.fields) + field, 1)

    def set_flows(self, flows: list[tuple[tuple[str, ...], str]]) -> None:
        """``flows``: ((direction, port, service, authentication, encryption), notes) each."""
        self._flows = list(flows)
        self.clearSpans()
        self.setRowCount(len(flows) * len(self.fields))
        names = [QCoreApplication.translate("InspectorPanel", field) for field in self.fields[1:]]
        self.setColumnWidth(0, max(self.fontMetrics().horizontalAdvance(name) for name in names) + 16)
        bold = QFont(self.font())
        bold.setBold(True)
        for index, (cells, notes) in enumerate(self._flows):
            top = index * len(self.fields)
            direction = QTableWidgetItem(cells[0])
            direction.setFont(bold)
            direction.setToolTip(qt_plain(notes or cells[0]))
            self.setItem(top, 0, direction)
            self.setItem(top, 1, QTableWidgetItem())
            self.setSpan(top, 0, 1, 2)
            for field in range(1, len(self.fields)):
                name = QTableWidgetItem(names[field - 1])
                value = QTableWidgetItem(cells[field])
                value.setToolTip(qt_plain(notes or cells[field]))
                self.setItem(top + field, 0, name)
                self.setItem(top + field, 1, value)
        self._fit_rows()

    def _fit_rows(self) -> None:
        self.resizeRowsToContents()
        self.setFixedHeight(self.verticalHeader().length() + 2 * self.frameWidth() + 2)

    def resizeEvent(self, event) -> None:  # Qt's name
        super().resizeEvent(event)
        self._fit_rows()  # wrapped values take more lines in a narrower dock
