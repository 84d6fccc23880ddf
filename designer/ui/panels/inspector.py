"""The inspector dock: the properties of what is selected, edited through the editor.

Nothing selected shows the design (name, Exchange version); one node, zone or connection shows
its own page; several items show a count. The panel refills on the editor's signals without
disturbing a field the user is typing in.
"""
from __future__ import annotations

import html
import logging

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...analysis import authentication_label, encryption_label
from ...analysis.labels import connection_label
from ...analysis.flows import connection_version
from ...render.names import role_group_title, role_name, translated_role_name, zone_kind_name
from ...render.style import ICONS, ZONE_COLORS
from ...catalog import ROLE_GROUPS, VERSIONS
from ...editor import DocumentEditor
from ...support.i18n import QT_TRANSLATE_NOOP
from ...support.text import visible
from ...model import ZONE_KINDS
from .address_fields import AddressFields
from .flows_table import FlowsTable
from .members_editor import MembersEditor

log = logging.getLogger(__name__)

DATA = Qt.ItemDataRole.UserRole
FLOW_HEADERS = (QT_TRANSLATE_NOOP("InspectorPanel", "Direction"), QT_TRANSLATE_NOOP("InspectorPanel", "Port"),
                QT_TRANSLATE_NOOP("InspectorPanel", "Service"), QT_TRANSLATE_NOOP("InspectorPanel", "Authentication"),
                QT_TRANSLATE_NOOP("InspectorPanel", "Encryption"))
_NAMED = ("document", "node", "zone")  # the kinds whose name the name field edits


def _label(name: str, rich: bool = False) -> QLabel:
    label = QLabel(objectName=name)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    if rich:
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setOpenExternalLinks(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    return label


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

        self.title = _label("inspector_title")
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
        self.document_summary = _label("inspector_document_summary")
        form.addRow(self.tr("Exchange version"), self.version_combo)
        form.addRow(self.tr("Contents"), self.document_summary)
        return page

    def _node_page(self) -> QWidget:
        page, form = self._form_page("inspector_node_page")
        self.role_combo = QComboBox(objectName="inspector_role")
        self.role_combo.currentIndexChanged.connect(self._role_chosen)
        self.node_zone = _label("inspector_node_zone")
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
        page = QWidget(objectName="inspector_connection_page")
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        self.ends = _label("inspector_ends")
        self.services = QListWidget(objectName="inspector_services")
        self.services.setMaximumHeight(150)
        self.services.itemChanged.connect(self._service_toggled)
        self.connection_note = _label("inspector_connection_note")
        self.flows_table = FlowsTable(FLOW_HEADERS, objectName="inspector_flows")
        self.sources = _label("inspector_sources", rich=True)
        for widget in (self.ends, QLabel(self.tr("Services in use")), self.services, self.connection_note,
                       QLabel(self.tr("Flows")), self.flows_table, self.sources):
            column.addWidget(widget)
        return page

    def _several_page(self) -> QWidget:
        page = QWidget(objectName="inspector_several_page")
        self.several_list = _label("inspector_several")
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
        doc, catalog = self.editor.document, self.editor.catalog
        conn = doc.connection(conn_id)
        a, b = (doc.node(n) for n in conn.between)
        self.title.setText(self.tr("Connection"))
        self.ends.setText("<br>".join(
            f"<b>{html.escape(n.name)}</b>: {html.escape(role_name(catalog, n.role))}, "
            f"{html.escape(doc.zone(n.zone).name)}" for n in (a, b)))
        self._fill_services(conn, catalog.services_between(connection_version(doc, conn), a.role, b.role))
        error = connection_label(doc, catalog, conn_id, translate=QCoreApplication.translate).error
        self.connection_note.setText(error or "")
        self.connection_note.setVisible(bool(error))
        flows = self.editor.flows_of(conn_id)
        self.flows_table.set_flows([
            ((f"{doc.node(flow.source).name} → {doc.node(flow.destination).name}", str(flow.port),
              flow.service, authentication_label(flow.path, QCoreApplication.translate),
              encryption_label(flow.path.encryption, QCoreApplication.translate)), flow.notes)
            for flow in flows])
        links = {}
        for flow in flows:
            source = catalog.source(flow.path.source)
            if source and source.id not in links:
                title = html.escape(source.title)
                links[source.id] = f'<a href="{html.escape(source.url)}">{title}</a>' if source.url else title
        self.sources.setText(self.tr("Sources:") + "<br>" + "<br>".join(links.values()) if links else "")

    def _fill_services(self, conn, known: list[str]) -> None:
        unknown = [s for s in conn.services or () if s not in known]
        wanted = [*known, *unknown]
        box = self.services
        if [box.item(i).data(DATA) for i in range(box.count())] != wanted:
            box.clear()  # rebuilt only when the choice changes: an item may be mid-signal
            for service in wanted:
                item = QListWidgetItem(service if service in known else
                                       self.tr("{service} (not between these roles)").format(service=service))
                item.setData(DATA, service)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | Qt.ItemFlag.ItemIsUserCheckable)
                box.addItem(item)
        box.blockSignals(True)
        for i in range(box.count()):
            item = box.item(i)
            on = conn.services is None or item.data(DATA) in conn.services
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        box.blockSignals(False)
        box.setEnabled(bool(wanted))

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

    def _service_toggled(self, _item: QListWidgetItem) -> None:
        if self._filling or self._kind != "connection":
            return
        box = self.services
        items = [box.item(i) for i in range(box.count())]
        checked = [i.data(DATA) for i in items if i.checkState() == Qt.CheckState.Checked]
        conn = self.editor.document.connection(self._target)
        a, b = (self.editor.document.node(n).role for n in conn.between)
        known = self.editor.catalog.services_between(self.editor.document.exchange_version, a, b)
        every = len(checked) == len(items) and all(s in known for s in checked)
        self.editor.set_services(self._target, None if every else checked)
