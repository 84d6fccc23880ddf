"""The port matrix as a Qt table model, and the proxy that sorts and filters it.

The columns are :data:`designer.io.tables.HEADERS` and the cells come from
:func:`designer.io.tables.matrix_rows`, so the dock shows exactly what the exports write.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ...analysis import Flow, authentication_label, encryption_label, host_name
from ...catalog import Catalog
from ...io.tables import HEADERS, matrix_rows
from ...model import Document

SORT_ROLE = Qt.ItemDataRole.UserRole
CONNECTION_ROLE = Qt.ItemDataRole.UserRole + 1
CROSSING_ROLE = Qt.ItemDataRole.UserRole + 2
# The text filter looks at the short columns; notes and references mention other services
# ("EdgeSync" appears in the notes of SMTP rows) and would make it match too much.
FILTER_COLUMNS = tuple(i for i, h in enumerate(HEADERS) if h not in ("Notes", "Reference"))
_LONG_COLUMNS = {HEADERS.index("Notes"), HEADERS.index("Reference")}
_AUTH, _ENCRYPTION, _CROSSING = HEADERS.index("Authentication"), HEADERS.index("Encryption"), HEADERS.index("Crossing")
_TRANSPORT, _PORT = HEADERS.index("Transport"), HEADERS.index("Port")

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class MatrixModel(QAbstractTableModel):
    """One row per flow, read-only."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[list[Any]] = []
        self._flows: list[Flow] = []

    def set_flows(self, doc: Document, catalog: Catalog, flows: Sequence[Flow]) -> None:
        self.beginResetModel()
        self._flows = list(flows)
        self._rows = matrix_rows(doc, catalog, self._flows)
        self._translate_rows()
        self._translate_groups(doc)
        self.endResetModel()

    def _translate_rows(self) -> None:
        """The words of the authentication, encryption and crossing columns in the user's
        language (the rows are the exports' English ones); once per data path."""
        translate = QCoreApplication.translate
        yes, no = self.tr("yes"), self.tr("no")
        per_path: dict[str, tuple[str, str]] = {}
        for row, flow in zip(self._rows, self._flows):
            words = per_path.get(flow.path.id)
            if words is None:
                words = per_path[flow.path.id] = (authentication_label(flow.path, translate),
                                                  encryption_label(flow.path.encryption, translate))
            row[_AUTH], row[_ENCRYPTION] = words
            row[_CROSSING] = yes if flow.crossing else no
            if flow.port.is_any:  # Microsoft's unrestricted traffic: any port, any protocol
                row[_TRANSPORT], row[_PORT] = self.tr("any"), self.tr("any")

    def _translate_groups(self, doc: Document) -> None:
        """A group's name with its members, in the user's language (two columns of a row)."""
        groups = {n.id: host_name(n, QCoreApplication.translate) for n in doc.nodes.values() if n.is_group}
        if groups:
            for row, flow in zip(self._rows, self._flows):
                row[0] = groups.get(flow.source, row[0])
                row[1] = groups.get(flow.destination, row[1])

    def flow(self, row: int) -> Flow:
        return self._flows[row]

    @property
    def crossing_count(self) -> int:
        return sum(f.crossing for f in self._flows)

    # ---- Qt's names
    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(value)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in _LONG_COLUMNS and value:
            return str(value)
        if role == SORT_ROLE:
            if index.column() == HEADERS.index("Port"):
                return self._flows[index.row()].port.low
            return str(value).casefold()
        if role == CONNECTION_ROLE:
            return self._flows[index.row()].connection
        if role == CROSSING_ROLE:
            return self._flows[index.row()].crossing
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("PortMatrix", HEADERS[section])
        return None


class MatrixFilterProxy(QSortFilterProxyModel):
    """Sorts by :data:`SORT_ROLE`; keeps crossing rows only and rows matching a text."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._crossing_only = False
        self._text = ""

    def set_crossing_only(self, on: bool) -> None:
        self._change_filter(lambda: setattr(self, "_crossing_only", bool(on)))

    def set_text(self, text: str) -> None:
        self._change_filter(lambda: setattr(self, "_text", text.strip().casefold()))

    def _change_filter(self, change) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+; invalidateRowsFilter is deprecated
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:  # Qt's name
        model = self.sourceModel()
        if self._crossing_only and not model.data(model.index(source_row, 0, source_parent), CROSSING_ROLE):
            return False
        if not self._text:
            return True
        return any(self._text in str(model.data(model.index(source_row, c, source_parent))).casefold()
                   for c in FILTER_COLUMNS)
