"""The inspector, findings and matrix docks driven with real events, asserting on the model."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QTreeWidget,
    QWidget,
)

from designer.editor import DocumentEditor
from designer.io.tables import HEADERS
from designer.ui.panels import inspector as inspector_module
from designer.ui.panels.findings_panel import FindingsPanel
from designer.ui.panels.inspector import InspectorPanel
from designer.ui.panels.matrix_model import CONNECTION_ROLE
from designer.ui.panels.matrix_panel import MatrixPanel
from tests.conftest import ROOT

SAMPLES = ROOT / "data" / "samples"
LEFT = Qt.MouseButton.LeftButton
PORT, SERVICE, CROSSING = (HEADERS.index(h) for h in ("Port", "Service", "Crossing"))


class Panels:
    def __init__(self, qtbot, catalog, sample: str) -> None:
        self.editor = DocumentEditor(catalog)
        self.editor.open(SAMPLES / sample)
        self.host = QWidget()
        self.inspector = InspectorPanel(self.editor)
        self.findings = FindingsPanel(self.editor)
        self.matrix = MatrixPanel(self.editor)
        for panel, (x, width) in zip((self.inspector, self.findings, self.matrix),
                                     ((0, 420), (420, 600), (1020, 1100))):
            panel.setParent(self.host)
            panel.setGeometry(x, 0, width, 700)
        qtbot.addWidget(self.host)
        self.host.resize(2120, 700)
        self.host.show()
        qtbot.waitExposed(self.host)

    def find(self, cls, name: str):
        widget = self.host.findChild(cls, name)
        assert widget is not None, name
        return widget

    def matrix_rows(self) -> list[list[str]]:
        """What the matrix view shows (after sorting and filtering), cell texts."""
        proxy = self.find(QTableView, "matrix_table").model()
        return [[proxy.index(r, c).data() for c in range(proxy.columnCount())]
                for r in range(proxy.rowCount())]


@pytest.fixture()
def edge2016(qtbot, catalog) -> Panels:
    return Panels(qtbot, catalog, "exchange2016-edge.yaml")


@pytest.fixture()
def edge2019(qtbot, catalog) -> Panels:
    return Panels(qtbot, catalog, "exchange2019-edge.yaml")


def list_item(box: QListWidget, text: str) -> QListWidgetItem:
    items = box.findItems(text, Qt.MatchFlag.MatchExactly)
    assert items, f"no item {text!r} in {[box.item(i).text() for i in range(box.count())]}"
    return items[0]


def click_check_box(box: QListWidget, item: QListWidgetItem) -> None:
    """Click the check indicator of a list item, where the style draws it."""
    option = QStyleOptionViewItem()
    option.rect = box.visualItemRect(item)
    option.features = QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    option.font, option.fontMetrics = box.font(), box.fontMetrics()
    indicator = box.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, box)
    assert option.rect.contains(indicator.center())
    QTest.mouseClick(box.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, indicator.center())


def double_click(widget: QWidget, point: QPoint) -> None:
    """What a real double click sends: press, release, double-click, release."""
    QTest.mouseClick(widget, LEFT, Qt.KeyboardModifier.NoModifier, point)
    QTest.mouseDClick(widget, LEFT, Qt.KeyboardModifier.NoModifier, point)


def checked(box: QListWidget) -> list[str]:
    return [box.item(i).text() for i in range(box.count())
            if box.item(i).checkState() == Qt.CheckState.Checked]


# ---- inspector
def test_unchecking_a_service_changes_the_connection_and_the_matrix(edge2016):
    p, doc = edge2016, edge2016.editor.document
    p.inspector.show_selection(["c_edge_ex01"])
    services = p.find(QListWidget, "inspector_services")
    assert checked(services) == ["SMTP", "EdgeSync"]
    assert any(row[PORT] == "50636" for row in p.matrix_rows())

    click_check_box(services, list_item(services, "EdgeSync"))

    assert doc.connection("c_edge_ex01").services == ("SMTP",)
    assert checked(services) == ["SMTP"]
    ports = [row[PORT] for row in p.matrix_rows()]
    assert ports.count("50636") == 1  # only c_edge_ex02 still runs EdgeSync
    assert p.editor.undo_stack.undoText() == "Change services of EDGE01 ↔ EX01"

    p.editor.undo_stack.undo()
    assert doc.connection("c_edge_ex01").services is None
    assert checked(services) == ["SMTP", "EdgeSync"]
    assert [row[PORT] for row in p.matrix_rows()].count("50636") == 2


def test_checking_every_service_again_means_all_of_them(edge2016):
    p, doc = edge2016, edge2016.editor.document
    p.inspector.show_selection(["c_edge_ex01"])
    services = p.find(QListWidget, "inspector_services")
    click_check_box(services, list_item(services, "SMTP"))
    assert doc.connection("c_edge_ex01").services == ("EdgeSync",)
    click_check_box(services, list_item(services, "SMTP"))
    assert doc.connection("c_edge_ex01").services is None


def test_every_service_checked_again_means_all_of_them_on_a_line_of_an_older_server(qtbot, catalog):
    """A 2016 Mailbox server kept beside SE during a migration: its line to Outlook runs the
    2016 services (UM web services among them, which SE has not). Unchecking one and checking
    it again means every service again, as on a line of the design's own version."""
    p = Panels(qtbot, catalog, "migration-2016-to-SE.yaml")
    doc = p.editor.document
    conn_id = p.editor.connect("office_outlook", "ex16")
    p.inspector.show_selection([conn_id])
    services = p.find(QListWidget, "inspector_services")
    assert "UM web services" in checked(services)
    click_check_box(services, list_item(services, "UM web services"))
    assert "UM web services" not in doc.connection(conn_id).services
    click_check_box(services, list_item(services, "UM web services"))
    assert doc.connection(conn_id).services is None


def test_space_toggles_a_service_and_the_findings_follow(qtbot, edge2019):
    p, doc = edge2019, edge2019.editor.document
    p.inspector.show_selection(["c_imap"])
    services = p.find(QListWidget, "inspector_services")
    assert checked(services) == ["IMAP4"]
    services.setFocus()
    services.setCurrentRow(0)
    qtbot.keyClick(services, Qt.Key.Key_Space)
    assert doc.connection("c_imap").services == ()
    rows = p.findings.visible_findings()
    assert any(f.rule == "no_data_path" and f.connections == ("c_imap",) for f in rows)
    assert p.find(QListWidget, "inspector_services").currentRow() == 0  # not rebuilt under the user
    qtbot.keyClick(services, Qt.Key.Key_Space)
    assert doc.connection("c_imap").services is None
    assert not any(f.connections == ("c_imap",) and f.rule == "no_data_path" for f in p.editor.findings)


def test_connection_page_lists_its_flows_and_sources(edge2016):
    p = edge2016
    p.inspector.show_selection(["c_edge_ex01"])
    table = p.inspector.findChild(QWidget, "inspector_flows")
    cells = {table.flow(i) for i in range(table.flow_count())}  # each stacked: tests/ui/test_laptop_window.py
    assert ("EX01 → EDGE01", "50636/TCP", "EdgeSync", "EdgeSync replication accounts", "LDAPS") in cells
    assert ("EDGE01 → EX01", "25/TCP", "SMTP", "Exchange Server auth", "mutual TLS") in cells
    assert table.flow_count() == 3
    sources = p.inspector.findChild(QWidget, "inspector_sources").text()
    assert "learn.microsoft.com" in sources and "Network ports" in sources
    assert "EDGE01" in p.inspector.findChild(QWidget, "inspector_ends").text()


def test_typing_a_node_name_renames_it_in_one_undo_step(qtbot, edge2016):
    p, doc, stack = edge2016, edge2016.editor.document, edge2016.editor.undo_stack
    p.inspector.show_selection(["ex01"])
    name = p.find(QLineEdit, "inspector_name")
    assert name.text() == "EX01"
    before = stack.count()
    qtbot.keyClick(name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(name, "MBX-A ")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert doc.node("ex01").name == "MBX-A"  # trimmed when the edit is finished
    assert stack.count() == before + 1
    assert stack.undoText() == "Rename EX01"
    assert name.text() == "MBX-A"
    assert any(row[1] == "MBX-A" for row in p.matrix_rows())
    stack.undo()
    assert doc.node("ex01").name == "EX01" and name.text() == "EX01"


def test_a_name_longer_than_its_field_shows_its_start(qtbot, edge2016):
    """The design's name and a node's name, too long for the field, read from their start (Qt
    leaves the cursor at the end of a text it is given, which shows the end)."""
    p = edge2016
    p.inspector.resize(260, 700)
    name = p.find(QLineEdit, "inspector_name")
    p.editor.set_document_name("Contoso, Exchange 2016 with Edge Transport in two datacenters, phase one")
    assert name.text().startswith("Contoso") and name.cursorPosition() == 0
    assert name.cursorRect().left() < name.width() // 2  # the start is what shows
    p.inspector.show_selection(["ex01"])
    p.editor.set_node("ex01", name="EX01 Mailbox server in the primary datacenter, rack four")
    assert name.text().startswith("EX01") and name.cursorPosition() == 0


def test_refresh_leaves_the_text_being_typed_alone(qtbot, edge2016):
    p, doc = edge2016, edge2016.editor.document
    p.host.activateWindow()
    name = p.find(QLineEdit, "inspector_name")  # the design's name
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    qtbot.keyClick(name, Qt.Key.Key_Home)
    qtbot.keyClicks(name, "New ")
    assert doc.name == "New Contoso, Exchange 2016 with Edge Transport"
    assert name.cursorPosition() == 4
    p.editor.set_services("c_edge_ex02", ["SMTP"])  # something else changes meanwhile
    assert name.cursorPosition() == 4 and name.hasFocus()
    qtbot.keyClick(name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(name, Qt.Key.Key_Delete)  # an empty field is not committed...
    p.editor.set_services("c_edge_ex02", None)
    assert name.text() == "" and doc.name.startswith("New Contoso")  # ...nor refilled while typing
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert name.text() == doc.name  # finished empty: the current name comes back


def test_version_switch_reannotates_findings_and_matrix(qtbot, edge2016):
    p, doc = edge2016, edge2016.editor.document
    version = p.find(QComboBox, "inspector_version")
    assert version.currentText() == "2016"
    # among the info: the two reverse-proxy publishing paths, which rest on no Microsoft page;
    # 4 of the flows: any port, Microsoft's unrestricted traffic between Exchange and the DC
    assert p.find(QWidget, "findings_summary").text() == "0 errors · 0 warnings · 7 info"
    assert p.find(QWidget, "matrix_count").text() == "54 flows (20 crossing)"
    version.setFocus()
    qtbot.keyClick(version, Qt.Key.Key_Home)  # the first entry: 2010
    assert doc.exchange_version == "2010"
    assert p.editor.undo_stack.undoText() == "Switch to Exchange 2010"
    tree = p.find(QTreeWidget, "findings_list")
    severities = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert severities.count("Error") == 8
    messages = [tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())]
    assert any(m.startswith("EDGE01 ↔ EX01: the knowledge base has no data path") for m in messages)
    assert p.find(QWidget, "findings_summary").text() == "8 errors · 0 warnings · 4 info"
    assert p.find(QWidget, "matrix_count").text() == "21 flows (5 crossing)"
    assert not any(row[SERVICE] == "EdgeSync" for row in p.matrix_rows())
    p.editor.undo_stack.undo()
    assert version.currentText() == "2016"
    assert p.find(QWidget, "matrix_count").text() == "54 flows (20 crossing)"


def test_role_combo_groups_roles_and_marks_the_missing_ones(qtbot, edge2016):
    p, doc = edge2016, edge2016.editor.document
    p.inspector.show_selection(["ex01"])
    role = p.find(QComboBox, "inspector_role")
    texts = [role.itemText(i) for i in range(role.count())]
    assert texts[0] == "Clients" and "Exchange servers" in texts
    header = role.model().item(texts.index("Exchange servers"))
    assert not header.isEnabled() and not header.isSelectable()
    assert any(t.endswith("(not in 2016)") and t.startswith("Hub Transport") for t in texts)
    assert role.currentData() == "mailbox"
    role.setFocus()
    qtbot.keyClick(role, Qt.Key.Key_Down)  # the next role in the group
    assert doc.node("ex01").role == role.itemData(texts.index("Mailbox server") + 1) == "client_access"
    assert p.editor.undo_stack.undoText() == "Change role of EX01"
    qtbot.keyClick(role, Qt.Key.Key_Home)  # skips the disabled group header
    assert doc.node("ex01").role == role.itemData(1) == "outlook"


def test_node_page_shows_zone_and_connections(qtbot, edge2016):
    p = edge2016
    p.inspector.show_selection(["edge01"])
    assert p.inspector.findChild(QWidget, "inspector_node_zone").text() == "Perimeter network (DMZ)"
    conns = p.find(QListWidget, "inspector_node_connections")
    texts = [conns.item(i).text() for i in range(conns.count())]
    assert texts == ["↔ Internet mail servers (8 flows)", "↔ Public DNS (2 flows)",
                     "↔ EX01 (3 flows)", "↔ EX02 (3 flows)"]
    with qtbot.waitSignal(p.inspector.select_requested) as signal:
        item = conns.item(2)
        double_click(conns.viewport(), conns.visualItemRect(item).center())
    assert signal.args == [["c_edge_ex01"]]


def test_zone_kind_and_colour(qtbot, edge2016, monkeypatch):
    p, doc = edge2016, edge2016.editor.document
    p.inspector.show_selection(["dmz"])
    kind = p.find(QComboBox, "inspector_zone_kind")
    assert kind.currentData() == "perimeter"
    kind.setFocus()
    qtbot.keyClick(kind, Qt.Key.Key_Down)
    assert doc.zone("dmz").kind == "internet"
    monkeypatch.setattr(inspector_module.QColorDialog, "getColor",
                        staticmethod(lambda *args: QColor("#123456")))
    reset = p.find(QWidget, "inspector_zone_default_color")
    assert not reset.isEnabled()
    qtbot.mouseClick(p.find(QWidget, "inspector_zone_color"), LEFT)
    assert doc.zone("dmz").color == "#123456"
    qtbot.mouseClick(reset, LEFT)
    assert doc.zone("dmz").color is None and not reset.isEnabled()


def test_selection_falls_back_to_the_design_when_it_goes(edge2016):
    p = edge2016
    p.inspector.show_selection(["ex01", "ex02"])
    assert p.find(QWidget, "inspector_title").text() == "2 items selected"
    assert not p.find(QLineEdit, "inspector_name").isVisible()
    p.inspector.show_selection(["ex02"])
    p.editor.set_services("c_edge_ex01", ["SMTP"])  # a refresh keeps the node
    assert p.inspector.shown_kind == "node" and p.find(QLineEdit, "inspector_name").text() == "EX02"
    p.editor.delete(["ex02"])
    assert p.inspector.shown_kind == "document"
    assert p.find(QLineEdit, "inspector_name").text() == p.editor.document.name


# ---- findings
def switch_to_2010(p: Panels) -> QTreeWidget:
    p.editor.set_exchange_version("2010")
    return p.find(QTreeWidget, "findings_list")


def row_of(tree: QTreeWidget, prefix: str):
    for i in range(tree.topLevelItemCount()):
        if tree.topLevelItem(i).text(1).startswith(prefix):
            return tree.topLevelItem(i)
    raise AssertionError(prefix)


def test_double_click_on_a_finding_requests_its_items(qtbot, edge2016):
    p = edge2016
    tree = switch_to_2010(p)
    item = row_of(tree, "EDGE01 ↔ EX01:")
    tree.scrollToItem(item)
    point = tree.visualItemRect(item).center()
    with qtbot.waitSignal(p.findings.select_requested) as signal:
        double_click(tree.viewport(), point)
    assert signal.args == [["edge01", "ex01", "c_edge_ex01"]]


def test_enter_on_a_finding_requests_its_items(qtbot, edge2016):
    p = edge2016
    tree = switch_to_2010(p)
    tree.setFocus()
    tree.setCurrentItem(row_of(tree, "Reverse proxy ↔ EX01:"))
    with qtbot.waitSignal(p.findings.select_requested) as signal:
        qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert signal.args == [["proxy01", "ex01", "c_proxy_ex01"]]


def test_severity_toggles_filter_rows_and_tooltips_cite_sources(qtbot, edge2016):
    p = edge2016
    tree = switch_to_2010(p)
    shown = lambda: [f.severity for f in p.findings.visible_findings()]  # noqa: E731
    assert sorted(set(shown())) == ["error", "info"]
    qtbot.mouseClick(p.find(QToolButton, "findings_show_error"), LEFT)
    assert shown() == ["info"] * 4  # one is the unconfirmed reverse-proxy publishing path
    hidden = [tree.topLevelItem(i).isHidden() for i in range(tree.topLevelItemCount())]
    assert hidden.count(True) == 8
    p.editor.set_exchange_version("2013")  # a refresh keeps the filter
    assert "error" not in shown()
    qtbot.mouseClick(p.find(QToolButton, "findings_show_error"), LEFT)
    p.editor.undo_stack.undo()
    item = row_of(tree, "Internet mail host to Edge Transport server")
    assert "https://" in item.toolTip(1) and "Internet mail host" in item.toolTip(1)


# ---- matrix
def test_crossing_only_keeps_crossing_flows(qtbot, edge2016):
    p = edge2016
    box = p.find(QCheckBox, "matrix_crossing_only")
    assert len(p.matrix_rows()) == 54
    qtbot.mouseClick(box, LEFT)
    rows = p.matrix_rows()
    assert len(rows) == 20 and {row[CROSSING] for row in rows} == {"yes"}
    assert p.find(QWidget, "matrix_count").text() == "54 flows (20 crossing) · 20 shown"
    qtbot.mouseClick(box, LEFT)
    assert len(p.matrix_rows()) == 54


def test_text_filter_matches_the_service(qtbot, edge2016):
    p = edge2016
    qtbot.keyClicks(p.find(QLineEdit, "matrix_filter"), "edgesync")
    rows = p.matrix_rows()
    assert len(rows) == 2 and {row[SERVICE] for row in rows} == {"EdgeSync"}
    p.editor.set_services("c_edge_ex02", ["SMTP"])  # the filter survives a rebuild
    assert [row[SERVICE] for row in p.matrix_rows()] == ["EdgeSync"]


def test_sorting_by_port_is_numeric(qtbot, edge2016):
    p = edge2016
    table = p.find(QTableView, "matrix_table")
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(PORT) + header.sectionSize(PORT) // 2
    QTest.mouseClick(header.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, QPoint(x, header.height() // 2))
    cells = [row[PORT] for row in p.matrix_rows()]
    ports = [int(cell) for cell in cells if cell != "any"]  # "any": Microsoft's unrestricted internal traffic
    assert ports in (sorted(ports), sorted(ports, reverse=True)) and len(set(ports)) > 3
    block = ["any"] * cells.count("any")
    assert block and (cells[:len(block)] == block or cells[-len(block):] == block)  # together, at one end


def click_row(table: QTableView, connection_id: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    proxy = table.model()
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(CONNECTION_ROLE) == connection_id)
    index = proxy.index(row, SERVICE)
    table.scrollTo(index)
    QTest.mouseClick(table.viewport(), LEFT, modifier, table.visualRect(index).center())


def test_selecting_a_row_emits_its_connection(qtbot, edge2016):
    p = edge2016
    table = p.find(QTableView, "matrix_table")
    with qtbot.waitSignal(p.matrix.connection_selected) as signal:
        click_row(table, "c_ex01_dns")
    assert signal.args == ["c_ex01_dns"]
    with qtbot.assertNotEmitted(p.matrix.connection_selected):
        p.editor.set_services("c_edge_ex01", ["SMTP"])  # rebuilt: the row stays selected
    assert p.matrix.selected_connection == "c_ex01_dns"
    with qtbot.waitSignal(p.matrix.connection_selected) as signal:
        click_row(table, "c_ex01_dns", Qt.KeyboardModifier.ControlModifier)  # deselect
    assert signal.args == [None]
