"""Help ▸ Knowledge Base as a user meets it: opened with F1 or the Help menu, searched by typing,
filtered, sorted, read, and its Microsoft source opened."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTranslator, QUrl
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMenu

from designer.catalog import PathQuery, search_paths
from designer.catalog.search import uses_port
from designer.ui.dialogs import kb_browser
from designer.ui.dialogs.kb_browser import KnowledgeBaseBrowser
from designer.ui.dialogs.kb_model import KnowledgeBaseModel
from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "samples" / "exchange2016-edge.yaml"
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture()
def browser(window, qtbot) -> KnowledgeBaseBrowser:
    """The browser, opened with F1 on the 2016 sample."""
    assert window.files.open_path(SAMPLE, ask=False)
    focus_canvas(window, qtbot)
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_F1)
    found = window.findChild(QDialog, "kb_browser")
    assert found is not None
    qtbot.waitExposed(found)
    return found


def focus_canvas(window, qtbot) -> None:
    """The user is in the main window: it is the active window and the canvas has the focus."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.view.setFocus()


def services(browser) -> list[str]:
    return [p.service for p in browser.visible_paths()]


def click_row(qtbot, browser, row: int) -> None:
    rect = browser.table.visualRect(browser.proxy.index(row, KnowledgeBaseModel.SERVICE))
    qtbot.mouseClick(browser.table.viewport(), LEFT, pos=rect.center())


def test_f1_opens_one_browser_on_the_designs_version(window, browser, qtbot):
    assert browser.isVisible() and not browser.isModal()
    assert browser.version.currentData() == "2016"
    assert browser.visible_paths() == search_paths(window.editor.catalog, PathQuery(version="2016"))
    assert browser.count.text() == f"{len(browser.visible_paths())} of {len(window.editor.catalog.paths)} data paths shown"
    qtbot.keyClick(browser, Qt.Key.Key_Escape)  # Esc closes it
    assert not browser.isVisible()
    focus_canvas(window, qtbot)
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_F1)
    assert browser.isVisible()
    assert window.findChildren(QDialog, "kb_browser") == [browser]


def test_the_help_menu_opens_it_with_the_mouse(window, qtbot):
    bar = window.menuBar()
    help_action = next(a for a in bar.actions() if a.text() == "&Help")
    menu: QMenu = help_action.menu()
    assert menu.actions().index(window.menu_actions.knowledge_base) < menu.actions().index(window.menu_actions.about)
    assert window.menu_actions.knowledge_base.shortcut().toString() == "F1"
    qtbot.mouseClick(bar, LEFT, pos=bar.actionGeometry(help_action).center())
    qtbot.waitUntil(menu.isVisible)
    qtbot.mouseClick(menu, LEFT, pos=menu.actionGeometry(window.menu_actions.knowledge_base).center())
    qtbot.waitUntil(lambda: window.findChild(QDialog, "kb_browser") is not None
                    and window.findChild(QDialog, "kb_browser").isVisible())


def test_typing_443_shows_the_https_paths(window, browser, qtbot):
    qtbot.keyClicks(browser.search, "443")
    shown = browser.visible_paths()
    assert shown and all(uses_port(p, 443) and "2016" in p.versions for p in shown)
    assert {"Outlook on the web", "Exchange ActiveSync", "EWS", "MAPI over HTTP"} <= set(services(browser))
    assert "SMTP" not in services(browser)
    https = browser.visible_paths()
    qtbot.keyClicks(browser.search, " evolution")  # both terms must match
    shown = browser.visible_paths()
    assert 0 < len(shown) < len(https) and set(shown) <= set(https)
    assert any("evolution" in p.sources_roles for p in shown)
    assert browser.count.text().startswith(f"{len(shown)} of ")


def test_version_2010_shows_unified_messaging_and_2019_does_not(window, browser, qtbot):
    role = browser.role
    role.setFocus()
    index = role.findData("unified_messaging")
    for _ in range(index):
        qtbot.keyClick(role, Qt.Key.Key_Down)
    assert role.currentData() == "unified_messaging"
    browser.version.setFocus()
    qtbot.keyClick(browser.version, Qt.Key.Key_Up)   # 2016 -> 2013
    qtbot.keyClick(browser.version, Qt.Key.Key_Up)   # -> 2010
    assert browser.version.currentData() == "2010"
    shown = browser.visible_paths()
    assert {"SIP", "RTP", "UM control"} <= set(services(browser))
    assert all("2010" in p.versions and "unified_messaging" in p.sources_roles + p.target_roles for p in shown)
    for _ in range(3):
        qtbot.keyClick(browser.version, Qt.Key.Key_Down)  # -> 2019: no Unified Messaging any more
    assert browser.version.currentData() == "2019"
    assert browser.visible_paths() == []
    assert browser.count.text().startswith("0 of ")


def test_clicking_a_row_shows_the_entry_and_its_microsoft_source(window, browser, qtbot, monkeypatch):
    qtbot.keyClicks(browser.search, "443")
    row = services(browser).index("Outlook on the web")
    click_row(qtbot, browser, row)
    assert browser.table.selectionModel().selectedRows()[0].row() == row
    path = browser.visible_paths()[row]
    source = window.editor.catalog.source(path.source)
    text = browser.detail.toPlainText()
    assert source.is_microsoft and source.url.startswith("https://learn.microsoft.com/")
    for expected in ("Outlook on the web", source.title, source.url, "443/TCP", "TCP", "HTTPS",
                     "Authentication", "Basic authentication", "Confirmed", "Notes"):
        assert expected in text

    opened: list[QUrl] = []
    monkeypatch.setattr(kb_browser.QDesktopServices, "openUrl", staticmethod(opened.append))
    cursor = browser.detail.document().find(source.title)
    assert not cursor.isNull()
    cursor.setPosition(cursor.selectionStart() + 4)
    where = browser.detail.cursorRect(cursor).center() + QPoint(0, 0)
    qtbot.mouseClick(browser.detail.viewport(), LEFT, pos=where)
    assert [u.toString() for u in opened] == [source.url]


def test_unconfirmed_entries_are_marked(window, browser, qtbot):
    box = browser.unconfirmed_only
    qtbot.mouseClick(box, LEFT, pos=box.rect().center())
    assert box.isChecked()
    shown = browser.visible_paths()
    assert shown and all(p.status == "unconfirmed" for p in shown)
    status = browser.proxy.index(0, KnowledgeBaseModel.STATUS)
    assert status.data() == "Unconfirmed" and status.data(Qt.ItemDataRole.DecorationRole) is not None
    click_row(qtbot, browser, 0)
    assert "Unconfirmed." in browser.detail.toPlainText()
    assert "check the source before relying on it" in browser.detail.toPlainText()


def test_service_and_port_fields_and_reset(window, browser, qtbot):
    qtbot.keyClicks(browser.service.lineEdit(), "EdgeSync")
    assert set(services(browser)) == {"EdgeSync"}
    qtbot.keyClicks(browser.port, "25")
    assert services(browser) == []
    browser.port.clear()
    qtbot.keyClicks(browser.port, "50636")
    assert set(services(browser)) == {"EdgeSync"}
    qtbot.keyClicks(browser.port, "9")  # 506369 is no port: the validator refuses the key
    assert browser.port.text() == "50636"
    qtbot.mouseClick(browser.reset, LEFT)
    assert browser.search.text() == browser.port.text() == browser.service.currentText() == ""
    assert browser.version.currentData() is None
    assert len(browser.visible_paths()) == len(window.editor.catalog.paths)


def test_sorting_by_ports_orders_by_port_number(window, browser, qtbot):
    header = browser.table.horizontalHeader()
    column = KnowledgeBaseModel.PORTS
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), LEFT, pos=QPoint(x, header.height() // 2))
    lows = [min(p.low for p in path.ports) for path in browser.visible_paths() if path.ports]
    assert lows == sorted(lows) and lows[0] < lows[-1]
    assert browser.visible_paths()[-1].ports == ()  # "Not stated" sorts last


def test_selection_survives_a_narrower_search_and_enter_goes_to_the_results(window, browser, qtbot):
    qtbot.keyClicks(browser.search, "smtp")
    qtbot.keyClick(browser.search, Qt.Key.Key_Return)
    assert browser.table.selectionModel().selectedRows()[0].row() == 0
    assert browser.table.hasFocus()
    rows = browser.visible_paths()
    target = next(i for i, path in enumerate(rows) if i > 0 and uses_port(path, 25))  # the first SMTP on 25
    for _ in range(target):
        qtbot.keyClick(browser.table, Qt.Key.Key_Down)
    first = rows[target]
    assert browser.table.selectionModel().selectedRows()[0].row() == target
    assert first.title in browser.detail.toPlainText() and uses_port(first, 25)
    browser.focus_search()
    qtbot.keyClick(browser.search, Qt.Key.Key_End)
    qtbot.keyClicks(browser.search, " 25")
    assert first in browser.visible_paths()
    assert browser.visible_paths()[browser.table.selectionModel().selectedRows()[0].row()] == first
    qtbot.keyClicks(browser.search, " nothing-matches-this")
    assert browser.visible_paths() == []
    assert "Select an entry" in browser.detail.toPlainText()
    for _ in " nothing-matches-this":
        qtbot.keyClick(browser.search, Qt.Key.Key_Backspace)
    assert browser.search.text() == "smtp 25"  # the entry read before comes back
    assert browser.visible_paths()[browser.table.selectionModel().selectedRows()[0].row()] == first
    assert first.title in browser.detail.toPlainText()


def test_it_follows_the_designs_version_but_keeps_the_users_choice(window, browser, qtbot):
    browser.version.setFocus()
    qtbot.keyClick(browser.version, Qt.Key.Key_Down)  # the user picks 2019
    qtbot.keyClick(browser, Qt.Key.Key_Escape)
    focus_canvas(window, qtbot)
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_F1)
    assert browser.isVisible()
    assert browser.version.currentData() == "2019"  # the user's choice stays
    window.editor.set_exchange_version("2010")
    focus_canvas(window, qtbot)
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_F1)
    assert browser.version.currentData() == "2010"  # the design changed: follow it


class MarkingTranslator(QTranslator):
    """Marks every text it translates, so a text shown without the marks was not translatable."""

    def translate(self, context, source, disambiguation=None, n=-1):  # Qt's name
        return f"«{source}»"


def test_every_text_of_the_browser_goes_through_the_translator(window, qtbot):
    translator = MarkingTranslator()
    QApplication.installTranslator(translator)
    try:
        browser = KnowledgeBaseBrowser(window.editor.catalog, "2010", window)
        qtbot.addWidget(browser)
        browser.show()
        browser.unconfirmed_only.setChecked(True)
        browser.select_path(browser.visible_paths()[0].id)
        model = browser.model
        headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
        labels = [label.text() for label in browser.findChildren(QLabel) if label.text()]
        texts = [browser.windowTitle(), browser.search.placeholderText(), browser.version.currentText(),
                 browser.role.itemText(0), browser.unconfirmed_only.text(), browser.reset.text(),
                 browser.count.text(), browser.proxy.index(0, KnowledgeBaseModel.STATUS).data(), *headers, *labels]
        assert all(t.startswith("«") and t.endswith("»") for t in texts), texts
        detail = browser.detail.toPlainText()
        for marked in ("«From»", "«Authentication»", "«Unconfirmed.»", "«Source»", "«Notes»"):
            assert marked in detail
    finally:
        QApplication.removeTranslator(translator)


def test_roles_are_found_by_their_name_in_the_windows_language(window, browser, qtbot, qapp):
    from designer.ui.dialogs.language import TsTranslator, ts_file

    translator = TsTranslator(ts_file("es"))
    qapp.installTranslator(translator)
    try:
        browser.search.clear()
        qtbot.keyClicks(browser.search, "buzones 25")  # "Servidor de buzones": the Mailbox server
        shown = browser.visible_paths()
        assert shown and all("mailbox" in p.sources_roles + p.target_roles for p in shown)
        assert all(any(port.low <= 25 <= port.high for port in p.ports) for p in shown)
    finally:
        qapp.removeTranslator(translator)
    browser.search.clear()
    qtbot.keyClicks(browser.search, "buzones")
    assert browser.visible_paths() == []  # in English, no role is called that
