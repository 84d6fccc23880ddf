"""The inspector's connection page: the two ends, the services in use (checked in a list and
changed through the editor), why the connection carries no data where it does not, its flows and
the sources they come from. Also :func:`page_label`, the wrapped label every inspector page uses.

Its texts keep the "InspectorPanel" context of the panel it is a page of.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ...analysis import authentication_label, encryption_label
from ...analysis.flows import connection_version
from ...analysis.labels import connection_label
from ...editor import DocumentEditor
from ...render.names import role_name
from ...support.i18n import QT_TRANSLATE_NOOP
from .flows_table import FlowsTable

DATA = Qt.ItemDataRole.UserRole
FLOW_HEADERS = (QT_TRANSLATE_NOOP("InspectorPanel", "Direction"), QT_TRANSLATE_NOOP("InspectorPanel", "Port"),
                QT_TRANSLATE_NOOP("InspectorPanel", "Service"), QT_TRANSLATE_NOOP("InspectorPanel", "Authentication"),
                QT_TRANSLATE_NOOP("InspectorPanel", "Encryption"))
translate = QCoreApplication.translate  # texts in the "InspectorPanel" context


def page_label(name: str, rich: bool = False) -> QLabel:
    """A label of an inspector page named ``name``: wrapped, top left; ``rich``: HTML with links."""
    label = QLabel(objectName=name)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    if rich:
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setOpenExternalLinks(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    return label


class ConnectionPage(QWidget):
    """The page of one connection; :meth:`fill` shows it (the panel sets the title)."""

    def __init__(self, editor: DocumentEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="inspector_connection_page")
        self.editor = editor
        self._target: str | None = None
        self._filling = False
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.ends = page_label("inspector_ends")
        self.services = QListWidget(objectName="inspector_services")
        self.services.setMaximumHeight(150)
        self.services.itemChanged.connect(self._service_toggled)
        self.connection_note = page_label("inspector_connection_note")
        self.flows_table = FlowsTable(FLOW_HEADERS, objectName="inspector_flows")
        self.sources = page_label("inspector_sources", rich=True)
        for widget in (self.ends, QLabel(translate("InspectorPanel", "Services in use")), self.services,
                       self.connection_note, QLabel(translate("InspectorPanel", "Flows")), self.flows_table,
                       self.sources):
            column.addWidget(widget)

    # ---- filling
    def fill(self, conn_id: str) -> None:
        self._target = conn_id
        self._filling = True
        try:
            self._fill(conn_id)
        finally:
            self._filling = False

    def _fill(self, conn_id: str) -> None:
        doc, catalog = self.editor.document, self.editor.catalog
        conn = doc.connection(conn_id)
        a, b = (doc.node(n) for n in conn.between)
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
        self.sources.setText(translate("InspectorPanel", "Sources:") + "<br>" + "<br>".join(links.values())
                             if links else "")

    def _fill_services(self, conn, known: list[str]) -> None:
        unknown = [s for s in conn.services or () if s not in known]
        wanted = [*known, *unknown]
        box = self.services
        if [box.item(i).data(DATA) for i in range(box.count())] != wanted:
            box.clear()  # rebuilt only when the choice changes: an item may be mid-signal
            for service in wanted:
                item = QListWidgetItem(service if service in known else translate(
                    "InspectorPanel", "{service} (not between these roles)").format(service=service))
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

    # ---- edits (through the editor)
    def _service_toggled(self, _item: QListWidgetItem) -> None:
        if self._filling or self._target is None:
            return
        box = self.services
        items = [box.item(i) for i in range(box.count())]
        checked = [i.data(DATA) for i in items if i.checkState() == Qt.CheckState.Checked]
        doc = self.editor.document
        conn = doc.connection(self._target)
        a, b = (doc.node(n).role for n in conn.between)
        known = self.editor.catalog.services_between(connection_version(doc, conn), a, b)  # as the list shows
        every = len(checked) == len(items) and all(s in known for s in checked)
        self.editor.set_services(self._target, None if every else checked)
