"""The port matrix dock: every flow of the design in a sortable, filterable table."""
from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...editor import DocumentEditor
from ...io.tables import HEADERS
from .matrix_model import CONNECTION_ROLE, MatrixFilterProxy, MatrixModel
from .table_view import row_table

log = logging.getLogger(__name__)


class MatrixPanel(QWidget):
    connection_selected = Signal(object)  # the connection id of the selected row, or None

    def __init__(self, editor: DocumentEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.setObjectName("matrix_panel")
        self._selected: str | None = None
        self._restoring = False

        self.model = MatrixModel(self)
        self.proxy = MatrixFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.crossing_only = QCheckBox(self.tr("Crossing only"), objectName="matrix_crossing_only")
        self.crossing_only.setToolTip(self.tr("Show only the flows that cross a zone boundary"))
        self.filter_edit = QLineEdit(objectName="matrix_filter")
        self.filter_edit.setPlaceholderText(self.tr("Filter by name, zone, port, service…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.count_label = QLabel(objectName="matrix_count")

        self.table = row_table(self.proxy, "matrix_table")
        header = self.table.horizontalHeader()
        header.setSortIndicator(-1, header.sortIndicatorOrder())  # catalog order until a click
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setSortingEnabled(True)
        rows = self.table.verticalHeader()  # one line a row, no taller: more rows on a laptop's screen
        rows.setMinimumSectionSize(self.table.fontMetrics().height() + 4)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 8)

        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.crossing_only)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.table)

        self.crossing_only.toggled.connect(self._crossing_toggled)
        self.filter_edit.textChanged.connect(self._filter_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        editor.analysis_changed.connect(self._analysis_changed)
        self._stale = False
        self._shown = True
        self.rebuild()
        self._size_columns()

    # ---- public
    @property
    def selected_connection(self) -> str | None:
        return self._selected

    def select_connection(self, connection_id: str | None) -> None:
        """Select the first visible row of a connection (from the canvas); emits nothing."""
        if self._stale:
            self.rebuild()
        self._restoring = True
        try:
            self._select_row_of(connection_id)
        finally:
            self._restoring = False
        self._selected = self._current_connection()

    def rebuild(self) -> None:
        """Re-read the editor's flows; the selected connection stays selected if it still exists."""
        self._stale = False
        keep = self._selected
        self._restoring = True
        try:
            self.model.set_flows(self.editor.document, self.editor.catalog, self.editor.flows)
            self._select_row_of(keep)
        finally:
            self._restoring = False
        self._selected = self._current_connection()
        self._update_count()

    def height_for_rows(self, rows: int) -> int:
        """The panel's height that shows ``rows`` rows of the table (with its header, the filter
        line and a horizontal scroll bar)."""
        table, layout = self.table, self.layout()
        margins = layout.contentsMargins()
        top = max(self.filter_edit.sizeHint().height(), self.crossing_only.sizeHint().height())
        scroll_bar = table.style().pixelMetric(table.style().PixelMetric.PM_ScrollBarExtent)
        return (margins.top() + margins.bottom() + top + layout.spacing() + 2 * table.frameWidth()
                + table.horizontalHeader().sizeHint().height() + rows * table.verticalHeader().defaultSectionSize()
                + scroll_bar)

    # ---- internals
    def set_shown(self, shown: bool) -> None:
        """Whether the user can see the table (its dock's ``visibilityChanged``: a tab behind
        the findings is not seen, though Qt calls it visible). Rebuilt when seen again."""
        self._shown = shown
        if shown and self._stale:
            self.rebuild()

    def _analysis_changed(self) -> None:
        """Rebuild now if the table is seen, else when it is (a large design has some 10,000
        rows, and the panel is often a tab behind the findings)."""
        if self.editor.analysis_revision == getattr(self, "_revision", None):
            return  # nothing the matrix shows changed (a move within a zone)
        self._revision = self.editor.analysis_revision
        if self._shown:
            self.rebuild()
        else:
            self._stale = True

    def _select_row_of(self, connection_id: str | None) -> None:
        selection = self.table.selectionModel()
        if connection_id is not None:
            for row in range(self.proxy.rowCount()):
                index = self.proxy.index(row, 0)
                if index.data(CONNECTION_ROLE) == connection_id:
                    flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                             | QItemSelectionModel.SelectionFlag.Rows)
                    selection.setCurrentIndex(index, flags)
                    self.table.scrollTo(index)
                    return
        selection.clearSelection()

    def _current_connection(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(CONNECTION_ROLE) if rows else None

    def _selection_changed(self, *_args) -> None:
        if self._restoring:
            return
        current = self._current_connection()
        if current != self._selected:
            self._selected = current
            self.connection_selected.emit(current)

    def _crossing_toggled(self, on: bool) -> None:
        self.proxy.set_crossing_only(on)
        self._update_count()

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()

    def _update_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        crossing = self.model.crossing_count
        text = (self.tr("1 flow ({crossing} crossing)") if total == 1 else
                self.tr("{count} flows ({crossing} crossing)")).format(count=total, crossing=crossing)
        if shown != total:
            text += " · " + self.tr("{count} shown").format(count=shown)
        self.count_label.setText(text)

    def _size_columns(self) -> None:
        widths = {"Source": 140, "Destination": 140, "Source zone": 150, "Destination zone": 150,
                  "Service": 150, "Encryption": 130, "Notes": 320, "Reference": 260}
        metrics = self.table.fontMetrics()
        for column, title in enumerate(HEADERS):
            shown = QCoreApplication.translate("PortMatrix", title)
            width = widths.get(title) or metrics.horizontalAdvance(shown) + 36
            self.table.setColumnWidth(column, max(width, 70))
