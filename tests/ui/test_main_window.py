"""The main window as a user meets it: menus, shortcuts, files, the modified marker."""
from __future__ import annotations


import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QToolBar

from designer.io import load_document
from designer.ui.window.main_window import MainWindow
from tests.conftest import ROOT, SAMPLES
from tests.ui.gestures import shown_text

SAMPLE = ROOT / "data" / "samples" / "exchange2016-edge.yaml"


def menu_texts(win: MainWindow) -> dict[str, list[str]]:
    return {m.title().replace("&", ""): [a.text().replace("&", "") for a in m.actions() if a.text()]
            for m in (a.menu() for a in win.menuBar().actions())}


def test_menus_have_the_editor_basics(window):
    menus = menu_texts(window)
    assert {"File", "Edit", "Insert", "View", "Help"} <= set(menus)
    assert {"New", "Open…", "Save", "Save As…", "Quit", "Open Recent"} <= set(menus["File"])
    assert {"Cut", "Copy", "Paste", "Duplicate", "Delete", "Select All"} <= set(menus["Edit"])
    assert {"Zoom In", "Zoom Out", "Fit to Window", "Show Grid", "Snap to Grid"} <= set(menus["View"])


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_opens_every_sample(window, sample):
    assert window.files.open_path(sample, ask=False)
    doc = window.editor.document
    assert len(window.scene.nodes) == len(doc.nodes) > 0
    assert sample.name in window.windowTitle() and doc.name in window.windowTitle()
    assert not window.isWindowModified()


def test_edit_marks_modified_and_undo_text_names_the_edit(window, qtbot):
    window.files.open_path(SAMPLE, ask=False)
    window.scene.select_ids(["ex02"])
    window.view.setFocus()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Delete)
    assert "ex02" not in window.editor.document.nodes
    assert window.isWindowModified()
    assert window.menu_actions.undo.text() == "&Undo Delete EX02"
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "ex02" in window.editor.document.nodes
    assert not window.isWindowModified()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "ex02" not in window.editor.document.nodes


def test_save_as_writes_a_file_the_command_line_reads(window, tmp_path, monkeypatch, catalog):
    window.files.open_path(SAMPLE, ask=False)
    window.editor.set_node("ex01", name="EXCH-01")
    target = tmp_path / "mine.yaml"
    monkeypatch.setattr("designer.ui.window.files.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    window.menu_actions.save_as.trigger()
    assert not window.isWindowModified() and "mine.yaml" in window.windowTitle()
    doc = load_document(target, catalog.roles)
    assert doc.node("ex01").name == "EXCH-01"
    assert doc.node("ex01").pos is not None  # the layout is saved with the design
    from designer.cli.main import main
    assert main(["check", str(target)]) == 0
    recent = [a.toolTip() for a in window.menu_actions.recent_menu.actions()]
    from designer.support.text import qt_plain
    assert qt_plain(str(target.resolve())) in recent  # shown as plain text, markup inert


def test_save_as_asks_before_replacing_the_name_the_suffix_makes(window, tmp_path, monkeypatch):
    """Typing /path/precious while precious.yaml exists: Qt's question was about "precious"."""
    window.files.open_path(SAMPLE, ask=False)
    precious = tmp_path / "precious.yaml"
    precious.write_text("precious")
    monkeypatch.setattr("designer.ui.window.files.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "precious"), ""))
    asked = []
    monkeypatch.setattr("designer.ui.window.files.QMessageBox.question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    window.menu_actions.save_as.trigger()
    assert asked and "precious.yaml" in asked[0] and precious.read_text() == "precious"
    assert window.editor.path != precious
    monkeypatch.setattr("designer.ui.window.files.QMessageBox.question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.menu_actions.save_as.trigger()
    assert window.editor.path == precious and precious.read_text().startswith("format:")


def test_prompt_before_losing_work(window, qtbot, monkeypatch):
    window.files.open_path(SAMPLE, ask=False)
    window.editor.set_document_name("Changed")
    asked = []
    monkeypatch.setattr("designer.ui.window.files.QMessageBox.warning",
                        lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Cancel)
    window.menu_actions.new.trigger()
    assert asked and window.editor.document.name == "Changed"  # cancelled: nothing lost
    monkeypatch.setattr("designer.ui.window.files.QMessageBox.warning",
                        lambda *a, **k: QMessageBox.StandardButton.Discard)
    window.menu_actions.new.trigger()  # then the start page: Enter takes "Blank design"
    page = window.findChild(QDialog, "start_page")
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.keyClick(page.templates, Qt.Key.Key_Return)
    assert window.editor.document.name == "Untitled design"
    assert [z.kind for z in window.editor.document.zones.values()] == ["internet", "perimeter", "internal"]


def test_bad_file_gets_one_clear_message_and_keeps_the_work(window, tmp_path, monkeypatch):
    window.files.open_path(SAMPLE, ask=False)
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: exchange-topology/1\nzones: [\n")
    shown = []
    monkeypatch.setattr("designer.ui.window.files.QMessageBox.critical", lambda *a: shown.append(a[2]))
    assert not window.files.open_path(bad, ask=False)
    assert shown and shown_text(shown[0]).startswith(f"{bad}:") and "YAML syntax error" in shown[0]
    assert "ex01" in window.editor.document.nodes


def test_a_name_that_looks_like_markup_shows_as_typed_in_the_prompts(window, tmp_path, monkeypatch):
    """Qt renders a message that merely looks like HTML as HTML: the name must show as typed."""
    window.files.open_path(SAMPLE, ask=False)
    name = "<b>Lab</b> <img src=x> & co"
    window.editor.set_document_name(name)
    asked = []
    monkeypatch.setattr("designer.ui.window.files.QMessageBox.warning",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Cancel)
    window.menu_actions.new.trigger()
    assert asked and shown_text(asked[0]) == f"“{name}” has changes that are not saved.\nSave them first?"
    hostile = tmp_path / "<i>bad <img src=x>.yaml"
    hostile.write_text("format: exchange-topology/1\nzones: [\n")
    shown = []
    monkeypatch.setattr("designer.ui.window.files.QMessageBox.critical", lambda *a: shown.append(a[2]))
    assert not window.files.open_path(hostile, ask=False)
    assert shown and shown_text(shown[0]).startswith(f"{hostile}:")
    assert window.editor.document.name == name  # the work is kept


def test_copy_paste_and_duplicate(window, qtbot):
    window.files.open_path(SAMPLE, ask=False)
    window.scene.select_ids(["edge01", "ex01"])
    window.view.setFocus()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    new = set(window.scene.selected_ids())
    assert len(new) == 3  # two nodes and the connection between them
    doc = window.editor.document
    nodes = [doc.node(n) for n in new if n in doc.nodes]
    assert sorted(n.role for n in nodes) == ["edge_transport", "mailbox"]
    assert window.editor.undo_stack.undoText() == "Paste 3 items"
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(window.editor.document.nodes) == 13 + 4


def test_add_zone_and_zoom_shortcuts(window, qtbot):
    window.menu_actions.add_zone.trigger()
    zones = window.editor.document.zones
    assert len(zones) == 4 and window.scene.selected_ids() == [list(zones)[-1]]
    zoom = window.view.zoom()
    window.view.setFocus()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.view.zoom() < zoom
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.view.zoom() == pytest.approx(1.0)


def test_findings_double_click_selects_items(window):
    window.files.open_path(SAMPLE, ask=False)
    window.select_and_show(["ex01", "c_edge_ex01"])
    assert set(window.scene.selected_ids()) == {"ex01", "c_edge_ex01"}




def test_build_the_2016_edge_design_from_scratch(window, qtbot):
    """What a new user does: drop an Edge, a Mailbox and Internet mail into zones, connect them."""
    from tests.ui.gestures import connect_from_handle, drop_role

    editor, scene, view = window.editor, window.scene, window.view
    view.zoom_reset()

    def drop(role: str, zone_id: str) -> str:
        return drop_role(window, role, zone_id)

    def connect(a: str, b: str) -> str:
        return connect_from_handle(window, a, b)

    edge, mailbox, internet = drop("edge_transport", "dmz"), drop("mailbox", "internal"), drop("internet_mail", "internet")
    assert [editor.document.node(n).zone for n in (edge, mailbox, internet)] == ["dmz", "internal", "internet"]
    inbound = connect(internet, edge)
    sync = connect(edge, mailbox)
    lines = scene.connections[sync].label_item.lines
    assert any("50636/TCP" in line for line in lines)
    services = {(f.source, f.destination, f.service) for f in editor.flows}
    assert (internet, edge, "SMTP") in services and (mailbox, edge, "EdgeSync") in services
    assert not [f for f in editor.findings if f.severity == "error"]
    assert inbound in {f.connection for f in editor.flows if f.crossing}
    assert editor.undo_stack.count() == 5 and editor.undo_stack.undoText().startswith("Connect")


def test_the_palette_is_wide_enough_for_its_role_names(window, qtbot):
    """On a large screen every role name fits on one line (a narrow palette wraps them: see
    test_laptop_window)."""
    from PySide6.QtGui import QFontMetrics

    palette = window.palette_panel
    longest = palette.natural_width() + palette.indentation()
    names = [palette.items[r].text(0) for r in palette.items]
    assert longest > max(QFontMetrics(palette.font()).horizontalAdvance(n) for n in names) + palette.iconSize().width()
    qtbot.waitUntil(lambda: window.docks[0].width() > 200)
    assert palette.viewport().width() >= min(longest, 340 - 24)
    assert all(palette.visualItemRect(palette.items[r]).height() < 2 * QFontMetrics(palette.font()).height()
               for r in palette.items)  # one line each


def test_the_port_matrix_behind_its_tab_catches_up_when_shown(window, qtbot):
    from PySide6.QtWidgets import QTabBar

    assert window.files.open_path(SAMPLE, ask=False)
    matrix = window.matrix
    tabs = next(bar for bar in window.findChildren(QTabBar)
                if "Port matrix" in [bar.tabText(i) for i in range(bar.count())])
    findings_tab = [tabs.tabText(i) for i in range(tabs.count())].index("Findings")
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(findings_tab).center())
    qtbot.waitUntil(lambda: matrix.visibleRegion().isEmpty())  # (Qt moves a hidden tab away)
    shown_rows = matrix.model.rowCount()
    window.editor.delete(["ex02"])  # its flows leave the design
    before = len(window.editor.flows)
    assert matrix.model.rowCount() == shown_rows != before  # hidden: not rebuilt for nothing
    matrix_tab = [tabs.tabText(i) for i in range(tabs.count())].index("Port matrix")
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(matrix_tab).center())
    qtbot.waitUntil(lambda: not matrix.visibleRegion().isEmpty())
    assert matrix.model.rowCount() == before
    window.editor.undo_stack.undo()  # seen: follows at once
    assert matrix.model.rowCount() == len(window.editor.flows) > before


def test_esc_leaves_the_connect_tool_for_the_select_tool(window, qtbot):
    actions, scene, view = window.menu_actions, window.scene, window.view
    assert actions.select_tool in window.findChild(QToolBar, "main_toolbar").actions()
    assert actions.select_tool.isChecked() and not actions.connect_mode.isChecked()
    actions.connect_mode.trigger()
    assert scene.connect_mode and actions.connect_mode.isChecked() and not actions.select_tool.isChecked()
    view.setFocus()
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert not scene.connect_mode and scene.tool.name == "select"
    assert actions.select_tool.isChecked() and not actions.connect_mode.isChecked()
    actions.connect_mode.trigger()
    actions.select_tool.trigger()  # the toolbar's way back
    assert scene.tool.name == "select" and not actions.connect_mode.isChecked()
