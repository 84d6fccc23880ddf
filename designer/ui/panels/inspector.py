"""The inspector dock: the properties of what is selected, edited through the editor.

Nothing selected shows the design (name, Exchange version); one node, zone or connection shows
its own page (a connection's is a widget of its own, :mod:`.connection_page`); several items
show a count. The panel refills on the editor's signals without disturbing a field the user is
typing in.
"""
from __future__ import annotations

import html
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...render.names import role_group_title, role_name, translated_role_name, zone_kind_name
from ...render.style import ICONS, ZONE_COLORS
from ...catalog import ROLE_GROUPS, VERSIONS
from ...editor import DocumentEditor
from ...support.text import visible
from ...model import ZONE_KINDS
from .address_fields import AddressFields
from .connection_page import ConnectionPage, page_label
from .members_editor import MembersEditor

log = logging.getLogger(__name__)

DATA = Qt.ItemDataRole.UserRole
_NAMED = ("document", "node", "zone")  # the kinds whose name the name field edits


class InspectorPanel(QWidget):
    select_requested = Signal(list)  # a connection activated in a node's connection list

    def __init__(self, editor: DocumentEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.setObjectName("inspector_panel")
        self._ids: list[str] = []
        self._refreshed: tuple = ()  # the _state() of the last refresh
        self._kind, self._target = "document", None
        self._role_version: str | None = None
        self._filling = False

        self.title = page_label("inspector_title")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.name_edit = QLineEdit(objectName="inspector_name")
        self._name_form = QFormLayout()
        self._name_form.addRow(self.tr("Name"), self.name_edit)
        self.pages = QStackedWidget(objectName="inspector_pages")
        self._pages = {"document": self._document_page(), "node": self._node_page(),
                       "zone": self._zone_page(), "connection": self._connection_page(),
                       "several": self._several_page()}
        for page in self._pages.values():
            self.pages.addWidget(page)

        content = QWidget(objectName="inspector_content")
        column = QVBoxLayout(content)
        column.addWidget(self.title)
        column.addLayout(self._name_form)
        column.addWidget(self.pages)
        column.addStretch(1)
        scroll = QScrollArea(objectName="inspector_scroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.name_edit.textEdited.connect(self._name_typed)
        self.name_edit.editingFinished.connect(self._name_finished)
        editor.analysis_changed.connect(self.refresh)
        editor.document_replaced.connect(lambda _doc: self.refresh())
        self.refresh()

    # ---- pages
    def _document_page(self) -> QWidget:
        page, form = self._form_page("inspector_document_page")
        self.version_combo = QComboBox(objectName="inspector_version")
        for version in VERSIONS:
            self.version_combo.addItem(version, version)
        self.version_combo.currentIndexChanged.connect(self._version_chosen)
        self.document_summary = page_label("inspector_document_summary")
        form.addRow(self.tr("Exchange version"), self.version_combo)
        form.addRow(self.tr("Contents"), self.document_summary)
        return page

    def _node_page(self) -> QWidget:
        page, form = self._form_page("inspector_node_page")
        self.role_combo = QComboBox(objectName="inspector_role")
        self.role_combo.currentIndexChanged.connect(self._role_chosen)
        self.node_zone = page_label("inspector_node_zone")
        self.node_connections = QListWidget(objectName="inspector_node_connections")
        self.node_connections.setMaximumHeight(140)
        self.node_connections.itemActivated.connect(
            lambda item: self.select_requested.emit([item.data(DATA)]))
        # an Exchange server's own version, for a migration: the design's by default
        self.node_version = QComboBox(objectName="inspector_node_version")
        self.node_version.addItem("", None)
        for version in VERSIONS:
            self.node_version.addItem(version, version)
        self.node_version.currentIndexChanged.connect(self._node_version_chosen)
        form.addRow(self.tr("Role"), self.role_combo)
        form.addRow(self.tr("Version"), self.node_version)
        form.addRow(self.tr("Zone"), self.node_zone)
        self.node_addresses = AddressFields(self.editor, "node", form)  # FQDN, addresses
        form.addRow(self.tr("Connections"), self.node_connections)
        self.members_editor = MembersEditor(self.editor)
        form.addRow(self.tr("Members"), self.members_editor)
        return page

    def _zone_page(self) -> QWidget:
        page, form = self._form_page("inspector_zone_page")
        self.zone_kind = QComboBox(objectName="inspector_zone_kind")
        for kind in ZONE_KINDS:
            self.zone_kind.addItem(zone_kind_name(kind), kind)
        self.zone_kind.currentIndexChanged.connect(self._zone_kind_chosen)
        self.zone_color = QPushButton(self.tr("Choose…"), objectName="inspector_zone_color")
        self.zone_color.clicked.connect(self._choose_color)
        self.zone_default_color = QPushButton(self.tr("Default colour"), objectName="inspector_zone_default_color")
        self.zone_default_color.clicked.connect(lambda: self.editor.set_zone(self._target, color=None))
        colours = QHBoxLayout()
        colours.addWidget(self.zone_color)
        colours.addWidget(self.zone_default_color)
        form.addRow(self.tr("Kind"), self.zone_kind)
        form.addRow(self.tr("Colour"), colours)
        self.zone_addresses = AddressFields(self.editor, "zone", form)  # site, subnets
        return page

    def _connection_page(self) -> QWidget:
        self.connection_page = ConnectionPage(self.editor)  # ends, services, flows, sources
        self.flows_table = self.connection_page.flows_table
        return self.connection_page

    def _several_page(self) -> QWidget:
        page = QWidget(objectName="inspector_several_page")
        self.several_list = page_label("inspector_several")
        QVBoxLayout(page).addWidget(self.several_list)
        return page

    @staticmethod
    def _form_page(name: str) -> tuple[QWidget, QFormLayout]:
        page = QWidget(objectName=name)
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        return page, form

    # ---- public
    @property
    def shown_kind(self) -> str:
        """``document``, ``node``, ``zone``, ``connection`` or ``several``."""
        return self._kind

    def show_selection(self, ids: list[str]) -> None:
        ids = list(ids)
        if ids == self._ids and self._refreshed == self._state():
            return  # shown already: an edit that removed the selected items refreshed it as it was analysed
        self._ids = ids
        self.refresh()

    def _state(self) -> tuple:
        """What the panel shows besides the selection: the document as of its last edit."""
        editor = self.editor
        return editor.document, editor.undo_stack.index(), editor.analysis_revision

    def refresh(self) -> None:
        self._refreshed = self._state()
        doc = self.editor.document
        self._ids = [i for i in self._ids if i in doc.nodes or i in doc.connections or i in doc.zones]
        kind, target = self._classify(self._ids)
        same = (kind, target) == (self._kind, self._target)
        self._kind, self._target = kind, target
        self._filling = True
        try:
            getattr(self, f"_fill_{kind}")(target)
            if kind in _NAMED:
                self._fill_name(self._current_name(), same)
        finally:
            self._filling = False
        self._name_form.setRowVisible(0, kind in _NAMED)
        self.pages.setCurrentWidget(self._pages[kind])

    # ---- filling
    def _classify(self, ids: list[str]) -> tuple[str, str | None]:
        if not ids:
            return "document", None
        if len(ids) > 1:
            return "several", None
        doc = self.editor.document
        table = {"node": doc.nodes, "zone": doc.zones, "connection": doc.connections}
        return next(kind for kind, items in table.items() if ids[0] in items), ids[0]

    def _current_name(self) -> str:
        return self.editor.document.name if self._kind == "document" else self.editor.label(self._target)

    def _fill_name(self, value: str, same_target: bool) -> None:
        edit = self.name_edit
        typing = same_target and edit.hasFocus()
        if typing and (edit.text() == value or not edit.text().strip()):
            return  # the user is typing: leave the text and the cursor alone
        if edit.text() != value:
            edit.setText(value)
            edit.setCursorPosition(0)  # a long name shows its start, not its end

    def _fill_document(self, _target: None) -> None:
        doc = self.editor.document
        self.title.setText(self.tr("Design"))
        self.version_combo.setCurrentIndex(self.version_combo.findData(doc.exchange_version))
        zones, nodes, connections, flows = len(doc.zones), len(doc.nodes), len(doc.connections), len(self.editor.flows)
        self.document_summary.setText(" · ".join((
            self.tr("1 zone") if zones == 1 else self.tr("{count} zones").format(count=zones),
            self.tr("1 node") if nodes == 1 else self.tr("{count} nodes").format(count=nodes),
            self.tr("1 connection") if connections == 1 else self.tr("{count} connections").format(count=connections),
            self.tr("1 flow") if flows == 1 else self.tr("{count} flows").format(count=flows))))

    def _fill_node(self, node_id: str) -> None:
        doc, catalog = self.editor.document, self.editor.catalog
        node = doc.node(node_id)
        self.title.setText(role_name(catalog, node.role))
        self._fill_roles(node.role)
        self.node_version.setItemText(0, self.tr("The design's ({version})").format(version=doc.exchange_version))
        self.node_version.setCurrentIndex(max(0, self.node_version.findData(node.version)) if node.version else 0)
        role = catalog.role(node.role)
        self.node_version.setEnabled(role is not None and "exchange" in role.tags)
        self.node_zone.setText(doc.zone(node.zone).name)
        self.node_addresses.fill(node_id)
        self.members_editor.show_node(node)
        self.node_connections.clear()
        for conn in doc.connections_of(node_id):
            count = len(self.editor.flows_of(conn.id))
            detail = (self.tr("no data path") if not count else self.tr("1 flow") if count == 1
                      else self.tr("{count} flows").format(count=count))
            item = QListWidgetItem(f"↔ {doc.node(conn.other(node_id)).name} ({detail})")
            item.setData(DATA, conn.id)
            self.node_connections.addItem(item)

    def _fill_roles(self, current: str) -> None:
        combo, catalog = self.role_combo, self.editor.catalog
        version = self.editor.document.exchange_version
        if self._role_version != version:
            self._role_version = version
            combo.clear()
            for group in ROLE_GROUPS:
                combo.addItem(role_group_title(group))
                header = combo.model().item(combo.count() - 1)
                header.setFlags(Qt.ItemFlag.NoItemFlags)
                header.setFont(QFont(combo.font().family(), -1, QFont.Weight.Bold))
                for role in (r for r in catalog.roles.values() if r.group == group):
                    name = translated_role_name(role.name)
                    text = name if role.available_in(version) else self.tr("{role} (not in {version})").format(
                        role=name, version=version)
                    combo.addItem(QIcon(str(ICONS / f"{role.id}.svg")), text, role.id)
        index = combo.findData(current)
        if index < 0:  # a role the knowledge base does not know: show it as it is
            combo.addItem(self.tr("{role} (unknown role)").format(role=current), current)
            index = combo.count() - 1
            self._role_version = None  # drop it on the next fill
        combo.setCurrentIndex(index)

    def _fill_zone(self, zone_id: str) -> None:
        zone = self.editor.document.zone(zone_id)
        self.title.setText(self.tr("Zone"))
        self.zone_kind.setCurrentIndex(self.zone_kind.findData(zone.kind))
        swatch = QPixmap(16, 16)
        swatch.fill(QColor(zone.color or ZONE_COLORS.get(zone.kind, "#eeeeee")))
        self.zone_color.setIcon(QIcon(swatch))
        self.zone_color.setToolTip(zone.color or self.tr("The default colour of its kind"))
        self.zone_default_color.setEnabled(zone.color is not None)
        self.zone_addresses.fill(zone_id)

    def _fill_connection(self, conn_id: str) -> None:
        self.title.setText(self.tr("Connection"))
        self.connection_page.fill(conn_id)

    def _fill_several(self, _target: None) -> None:
        self.title.setText(self.tr("{count} items selected").format(count=len(self._ids)))
        names = [self.editor.label(i) for i in self._ids[:12]]  # the first twelve are shown
        count = len(self._ids)
        more = "<br>" + self.tr("… and {count} more").format(count=count - 12) if count > 12 else ""
        self.several_list.setText("<br>".join(html.escape(n) for n in names[:12]) + more)

    # ---- edits (each goes through the editor)
    def _name_typed(self, text: str) -> None:
        if text.strip():
            self._commit_name(text)  # consecutive keystrokes merge into one undo step

    def _name_finished(self) -> None:
        text = self.name_edit.text().strip()
        if text:
            self._commit_name(text)
        elif self._kind in _NAMED:
            self.name_edit.setText(self._current_name())  # an empty name is not a name

    def _commit_name(self, text: str) -> None:
        if self._filling or self._kind not in _NAMED:
            return
        text = visible(text)  # a pasted control character shows as a symbol (the file's rule)
        if self._kind == "document":
            self.editor.set_document_name(text)
        elif self._kind == "node":
            self.editor.set_node(self._target, name=text)
        else:
            self.editor.set_zone(self._target, name=text)

    def _version_chosen(self, _index: int) -> None:
        if not self._filling and self.version_combo.currentData():
            self.editor.set_exchange_version(self.version_combo.currentData())

    def _node_version_chosen(self, _index: int) -> None:
        if not self._filling and self._kind == "node":
            self.editor.set_node(self._target, version=self.node_version.currentData())

    def _role_chosen(self, _index: int) -> None:
        role = self.role_combo.currentData()
        if not self._filling and self._kind == "node" and role:
            self.editor.set_node(self._target, role=role)

    def _zone_kind_chosen(self, _index: int) -> None:
        if not self._filling and self._kind == "zone":
            self.editor.set_zone(self._target, kind=self.zone_kind.currentData())

    def _choose_color(self) -> None:
        zone = self.editor.document.zone(self._target)
        initial = QColor(zone.color or ZONE_COLORS.get(zone.kind, "#eeeeee"))
        color = QColorDialog.getColor(initial, self, self.tr("Colour of {zone}").format(zone=zone.name))
        if color.isValid():
            self.editor.set_zone(self._target, color=color.name())
