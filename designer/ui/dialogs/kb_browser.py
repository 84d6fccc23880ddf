"""Help ▸ Knowledge Base: browse the data paths of the knowledge base, search them by port,
role, service and version, and read each entry with its Microsoft source.

A non-modal window; the main window keeps one and raises it. The search is the pure
:func:`designer.catalog.search_paths`, the same one ``exchange-designer catalog`` runs.
"""
from __future__ import annotations

from functools import partial
from html import escape

from PySide6.QtCore import QEvent, QItemSelectionModel, QSortFilterProxyModel, Qt, QUrl
from PySide6.QtGui import (
    QDesktopServices,
    QIcon,
    QIntValidator,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...render.names import role_name, translated_role_name
from ...render.style import ICONS
from ...canvas.view import palette_theme
from ...catalog import VERSIONS, Catalog, DataPath, PathQuery, search_paths
from .kb_model import (
    PATH_ID_ROLE,
    SORT_ROLE,
    KnowledgeBaseModel,
    encryption_text,
    not_stated,
    ports_text,
)
from .start_cards import muted
from ..panels.table_view import row_table

_M = KnowledgeBaseModel
# the widest a column gets when fitted to its contents; From and To share what is left
COLUMN_CAPS = {_M.SERVICE: 150, _M.PORTS: 120, _M.AUTH: 120, _M.ENCRYPTION: 150, _M.VERSIONS: 130, _M.STATUS: 120}


class KnowledgeBaseBrowser(QDialog):
    def __init__(self, catalog: Catalog, version: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.setObjectName("kb_browser")
        self.setWindowTitle(self.tr("Knowledge Base"))
        self.setWindowIcon(QIcon(str(ICONS / "app.svg")))
        self.setModal(False)
        self.setSizeGripEnabled(True)
        self._design_version: str | None = None
        # the id of the entry the user chose: it is selected again whenever the search shows it
        self._current: str | None = None

        self.search = QLineEdit(objectName="kb_search", clearButtonEnabled=True)
        self.search.setPlaceholderText(self.tr("Search: a port (443), a service, a role, a protocol, words "
                                               "of the notes…"))
        self.version = QComboBox(objectName="kb_version")
        self.version.addItem(self.tr("All versions"), None)
        for v in VERSIONS:
            self.version.addItem(self.tr("Exchange {version}").format(version=v), v)
        self.role = QComboBox(objectName="kb_role")
        self.role.addItem(self.tr("All roles"), None)
        for role in catalog.roles.values():
            icon = ICONS / f"{role.id}.svg"
            self.role.addItem(QIcon(str(icon)) if icon.exists() else QIcon(), translated_role_name(role.name), role.id)
        self.role.setMaxVisibleItems(24)
        self.service = QComboBox(objectName="kb_service", editable=True)
        self.service.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.service.addItem("")
        self.service.addItems(sorted({p.service for p in catalog.paths}, key=str.casefold))
        self.service.lineEdit().setPlaceholderText(self.tr("Any service"))
        self.service.setMaxVisibleItems(24)
        self.port = QLineEdit(objectName="kb_port", clearButtonEnabled=True)
        self.port.setValidator(QIntValidator(1, 65535, self.port))
        self.port.setPlaceholderText(self.tr("Any"))
        self.port.setMaximumWidth(90)
        self.unconfirmed_only = QCheckBox(self.tr("&Unconfirmed only"), objectName="kb_unconfirmed_only")
        self.unconfirmed_only.setToolTip(self.tr("Only the entries that rest on unconfirmed evidence"))
        self.reset = QPushButton(self.tr("&Reset"), objectName="kb_reset", autoDefault=False)
        self.reset.setToolTip(self.tr("Clear the search and every filter"))

        self.model = KnowledgeBaseModel(catalog, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = row_table(self.proxy, "kb_results")
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the catalog's order until a click
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in (KnowledgeBaseModel.FROM, KnowledgeBaseModel.TO):  # they share what is left
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.table.setSortingEnabled(True)

        self.detail = QTextBrowser(objectName="kb_detail")
        self.detail.setOpenLinks(False)  # QDesktopServices opens them, in the user's browser
        self.detail.anchorClicked.connect(self.open_link)
        self.count = QLabel(objectName="kb_count")
        close = QPushButton(self.tr("Close"), objectName="kb_close", autoDefault=False)
        close.clicked.connect(self.close)

        self._lay_out(close)
        self.search.textChanged.connect(self.refresh)
        self.search.returnPressed.connect(self._go_to_results)
        self.port.textChanged.connect(self.refresh)
        self.service.currentTextChanged.connect(self.refresh)
        self.version.currentIndexChanged.connect(self.refresh)
        self.role.currentIndexChanged.connect(self.refresh)
        self.unconfirmed_only.toggled.connect(self.refresh)
        self.reset.clicked.connect(self.reset_filters)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.focus_search)
        self._fit_to_screen(1480, 780)
        if version:
            self.show_for_version(version, show=False)
        self.refresh()

    def _lay_out(self, close: QPushButton) -> None:
        filters = QHBoxLayout()
        for text, widget in ((self.tr("&Version:"), self.version), (self.tr("R&ole:"), self.role),
                             (self.tr("&Service:"), self.service), (self.tr("&Port:"), self.port)):
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget, 1 if widget in (self.role, self.service) else 0)
            filters.addSpacing(8)
        filters.addWidget(self.unconfirmed_only)
        filters.addStretch()
        filters.addWidget(self.reset)
        splitter = QSplitter(Qt.Orientation.Horizontal, objectName="kb_splitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([1020, 440])
        splitter.setChildrenCollapsible(False)
        footer = QHBoxLayout()
        footer.addWidget(self.count, 1)
        footer.addWidget(close)
        find = QHBoxLayout()
        label = QLabel(self.tr("Fi&nd:"))
        label.setBuddy(self.search)
        find.addWidget(label)
        find.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(find)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(footer)

    def _fit_to_screen(self, width: int, height: int) -> None:
        screen = (self.parentWidget() or self).screen()
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, room.width() * 9 // 10), min(height, room.height() * 9 // 10)
        self.resize(width, height)

    # ---- the query and its result
    def query(self) -> PathQuery:
        port = self.port.text().strip()
        return PathQuery(
            text=self.search.text(), version=self.version.currentData(), role=self.role.currentData(),
            port=int(port) if port.isdigit() and 1 <= int(port) <= 65535 else None,
            service=self.service.currentText().strip() or None,
            status="unconfirmed" if self.unconfirmed_only.isChecked() else None)

    def refresh(self) -> None:
        self.model.set_paths(search_paths(self.catalog, self.query(), partial(role_name, self.catalog)))
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column, most in COLUMN_CAPS.items():
            header.resizeSection(column, min(header.sectionSize(column), most))
        shown, total = self.model.rowCount(), len(self.catalog.paths)
        self.count.setText(self.tr("%n of {total} data paths shown", "", shown).format(total=total))
        row = self._proxy_row(self._current) if self._current else -1
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.proxy.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(self.proxy.index(row, 0))
        else:
            self._show(None)

    def visible_paths(self) -> list[DataPath]:
        """The rows as shown, in the table's order."""
        return [self.model.path_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
                for r in range(self.proxy.rowCount())]

    def select_path(self, path_id: str) -> bool:
        row = self._proxy_row(path_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def _proxy_row(self, path_id: str | None) -> int:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(PATH_ID_ROLE) == path_id:
                return row
        return -1

    def _row_changed(self, current, _previous) -> None:
        if current.isValid():
            path = self.model.path_at(self.proxy.mapToSource(current).row())
            self._current = path.id
            self._show(path)

    def _go_to_results(self) -> None:
        if self.proxy.rowCount():
            self.table.setFocus()
            if not self.table.selectionModel().hasSelection():
                self.table.selectRow(0)

    # ---- actions
    def reset_filters(self) -> None:
        for widget in (self.search, self.port):
            widget.clear()
        self.service.setCurrentIndex(0)
        self.version.setCurrentIndex(0)
        self.role.setCurrentIndex(0)
        self.unconfirmed_only.setChecked(False)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def show_for_version(self, version: str, show: bool = True) -> None:
        """Pre-select the design's version; the user's own choice stays until the design's
        version changes. Then show the window, raised, with the search field focused."""
        if version != self._design_version:
            self._design_version = version
            index = self.version.findData(version)
            if index >= 0:
                self.version.setCurrentIndex(index)
        if show:
            self.show()
            self.raise_()
            self.activateWindow()
            self.focus_search()

    def open_link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    # ---- the detail pane
    def _muted(self) -> str:
        return muted(self.palette()).name()  # secondary text, readable in a light or a dark theme

    def changeEvent(self, event: QEvent) -> None:  # Qt's name
        if event.type() == QEvent.Type.PaletteChange:  # light <-> dark: the detail's colours follow
            current = self.table.currentIndex()
            if current.isValid():
                self._row_changed(current, None)
            else:
                self._show(None)
        super().changeEvent(event)

    def _show(self, path: DataPath | None) -> None:
        if path is None:
            hint = self.tr("Select an entry to read its ports, authentication, encryption, notes and source.")
            self.detail.setHtml(f"<p style='color:{self._muted()}'>{escape(hint)}</p>")
            return
        self.detail.setHtml(self.detail_html(path))

    def detail_html(self, path: DataPath) -> str:
        names = lambda roles: ", ".join(role_name(self.catalog, r) for r in roles)
        auth = path.auth.default or not_stated()
        if path.auth.supported and list(path.auth.supported) != [path.auth.default]:
            auth += " " + self.tr("(supported: {methods})").format(methods=", ".join(path.auth.supported))
        transports = sorted({p.transport for p in path.ports})
        versions = ", ".join(self.tr("Exchange {version}").format(version=v) for v in path.versions)
        rows = [
            (self.tr("From"), names(path.sources_roles)), (self.tr("To"), names(path.target_roles)),
            (self.tr("Ports"), ports_text(path)), (self.tr("Transport"), ", ".join(transports) or not_stated()),
            (self.tr("Protocol"), path.protocol or not_stated()), (self.tr("Authentication"), auth),
            (self.tr("Encryption"), encryption_text(path.encryption)), (self.tr("Versions"), versions),
            (self.tr("Category"), self._category(path.category)),
        ]
        if path.disabled_by_default:
            rows.append((self.tr("Default"), self.tr("Disabled by default")))
        html = [f"<h3 style='margin-bottom:2px'>{escape(path.service)}</h3>"]
        if path.title:
            html.append(f"<p style='margin-top:0;color:{self._muted()}'>{escape(path.title)}</p>")
        if path.status == "unconfirmed":
            label = self.tr("Unconfirmed.")
            warning = self.tr("This entry rests on unconfirmed evidence: check the source before relying on it.")
            html.append(f"<p style='background:#fff3e0;color:#8a4b00'><b>⚠ {escape(label)}</b> {escape(warning)}</p>")
        else:
            label = self.tr("Confirmed")
            green = palette_theme(self.palette()).encrypted  # the canvas's green for this theme
            html.append(f"<p style='color:{green}'><b>✓ {escape(label)}</b></p>")
        html.append("<table cellspacing='0' cellpadding='3'>")
        html += [f"<tr><td style='color:{self._muted()};padding-right:10px' valign='top'>{escape(k)}</td>"
                 f"<td>{escape(v)}</td></tr>" for k, v in rows]
        html.append("</table>")
        for heading, text in ((self.tr("Advisory"), path.advisory), (self.tr("Notes"), path.notes)):
            if text:
                html.append(f"<h4 style='margin-bottom:2px'>{escape(heading)}</h4><p>{escape(text)}</p>")
        html.append(self._source_html(path))
        return "".join(html)

    def _source_html(self, path: DataPath) -> str:
        source = self.catalog.source(path.source)
        heading = self.tr("Source")
        out = [f"<h4 style='margin-bottom:2px'>{escape(heading)}</h4><p>"]
        if source is None:
            return out[0] + escape(path.source) + "</p>"
        if source.url:
            out.append(f"<a href='{escape(source.url, quote=True)}'>{escape(source.title)}</a><br>"
                       f"<span style='color:{self._muted()}'>{escape(source.url)}</span>")
        else:
            out.append(escape(source.title))
        if not source.is_microsoft:
            who = (self.tr("Not a Microsoft source: the document this product was made from.")
                   if source.publisher == "source-document" else self.tr("Not a Microsoft source: a third party."))
            out.append(f"<br><i>{escape(who)}</i>")
        if path.source_rows:
            rows = self.tr("Row of its table: {rows}").format(rows=", ".join(path.source_rows))
            out.append(f"<br><span style='color:{self._muted()}'>{escape(rows)}</span>")
        return "".join(out) + "</p>"

    def _category(self, category: str) -> str:
        names = {
            "client_access": self.tr("Client access"), "mail_flow": self.tr("Mail flow"),
            "directory": self.tr("Directory"), "unified_messaging": self.tr("Unified Messaging"),
            "management": self.tr("Management"), "replication": self.tr("Replication"),
            "publishing": self.tr("Publishing"), "third_party": self.tr("Third party"),
        }
        return names.get(category, category.replace("_", " "))
