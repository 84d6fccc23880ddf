"""The window on a 1366×768 laptop: the inspector, findings and port matrix share a tabbed column
beside the canvas, which gets the window's height; the port matrix's tab shows at least eight
rows, and the inspector shows a connection's flows with their authentication and encryption
without scrolling sideways. The user's own layout (window size, docks) is remembered in the
window's settings."""
from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QStyle, QTabBar

from designer.editor import DocumentEditor
from designer.ui.window.dock_layout import MATRIX_ROWS
from designer.ui.window.main_window import GEOMETRY_KEY, STATE_KEY, MainWindow
from tests.conftest import ROOT

SAMPLES = ROOT / "data" / "samples"


@pytest.fixture()
def laptop(qtbot, catalog, tmp_path):
    """Makes a main window as the app does on a 1366×768 screen: sized, then shown, with its own
    settings file (``settings_file``: a second window reads the same one)."""
    made = []

    def make(width: int | None = 1366, height: int | None = 768, sample: str = "exchange2016-edge.yaml"):
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        editor = DocumentEditor(catalog)
        win = MainWindow(editor, settings)
        made.append(win)
        if width is not None:
            win.resize(width, height)
        win.show()
        qtbot.waitExposed(win)
        settle()
        editor.open(SAMPLES / sample)
        settle()
        return win

    yield make
    for win in made:
        win.editor.undo_stack.setClean()
        win.close()
        win.deleteLater()


def settle() -> None:
    deadline = time.monotonic() + 0.3
    while time.monotonic() < deadline:
        QApplication.processEvents()


def raise_tab(qtbot, win, title: str) -> None:
    """Click the tab of a tabbed dock, as the user does."""
    for bar in win.findChildren(QTabBar):
        for index in range(bar.count()):
            if bar.tabText(index) == title and bar.isVisible():
                qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
                settle()
                return
    raise AssertionError(f"no tab {title!r}")


def in_front(dock) -> bool:
    """Whether a dock shows (Qt moves the docks behind other tabs out of sight, still "visible")."""
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


def whole_rows(table) -> int:
    """Rows of a table view seen whole, without scrolling."""
    height = table.viewport().height()
    return sum(1 for row in range(table.model().rowCount())
               if 0 <= table.rowViewportPosition(row) and table.rowViewportPosition(row) + table.rowHeight(row) <= height)


def test_at_1366x768_the_port_matrix_shows_eight_rows(laptop, qtbot):
    win = laptop()
    assert (win.width(), win.height()) == (1366, 768) and not win.layout_restored  # the default layout
    raise_tab(qtbot, win, "Port matrix")
    table = win.matrix.table
    assert table.isVisible() and table.model().rowCount() > MATRIX_ROWS
    assert whole_rows(table) >= MATRIX_ROWS >= 8
    assert win.view.viewport().height() >= 250  # the canvas keeps room too


def test_at_1366x768_the_panels_share_a_tabbed_column_and_the_canvas_has_the_height(laptop, qtbot):
    win = laptop()
    palette, inspector, findings, matrix = win.docks
    assert win.compact_layout
    right = Qt.DockWidgetArea.RightDockWidgetArea
    assert [win.dockWidgetArea(d) for d in (inspector, findings, matrix)] == [right] * 3
    assert set(win.tabifiedDockWidgets(inspector)) == {findings, matrix}
    assert in_front(inspector) and not in_front(findings) and not in_front(matrix)
    assert win.dockWidgetArea(palette) == Qt.DockWidgetArea.LeftDockWidgetArea and palette.width() <= 210
    port = win.view.viewport()
    assert port.height() >= 600 and port.width() >= 760  # was 732 x 378 under the bottom docks
    raise_tab(qtbot, win, "Findings")
    assert in_front(findings) and not in_front(inspector) and win.findings.tree.topLevelItemCount() > 0


def test_on_a_large_screen_the_findings_and_matrix_stay_under_the_canvas(laptop):
    win = laptop(1900, 1040)
    assert not win.compact_layout
    bottom = Qt.DockWidgetArea.BottomDockWidgetArea
    assert win.dockWidgetArea(win.docks[2]) == bottom and win.dockWidgetArea(win.docks[3]) == bottom
    assert in_front(win.docks[2]) and in_front(win.docks[1]) and not in_front(win.docks[3])


def fits_in_cell(table, row: int, column: int) -> bool:
    """The cell's text, wrapped at its width less the style's text margins, fits its height."""
    item = table.item(row, column)
    rect = table.visualItemRect(item)
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    room = rect.width() - 2 * margin
    needed = table.fontMetrics().boundingRect(QRect(0, 0, room, 10000), Qt.TextFlag.TextWordWrap, item.text())
    return needed.width() <= room and needed.height() <= rect.height()


@pytest.mark.parametrize("sample", ["exchange2016-edge.yaml", "exchange2010-um.yaml"])
def test_at_1366x768_the_inspector_shows_each_connections_authentication_and_encryption(laptop, sample):
    win = laptop(sample=sample)
    scroll = win.inspector.findChild(QScrollArea, "inspector_scroll")
    table = win.inspector.flows_table
    for conn_id in win.editor.document.connections:
        win.select_and_show([conn_id])
        settle()
        assert win.inspector.shown_kind == "connection"
        assert scroll.horizontalScrollBar().maximum() == 0, conn_id  # nothing off to the right
        assert table.horizontalScrollBar().maximum() == 0 and not table.verticalScrollBar().isVisible()
        flows = win.editor.flows_of(conn_id)
        assert table.flow_count() == len(flows)
        viewport = scroll.viewport()
        for index in range(len(flows)):
            for field in (3, 4):  # authentication, encryption
                item = table.value_item(index, field)
                assert item.text() == table.flow(index)[field] and item.text()
                row = item.row()
                assert table.item(row, 0).text() == ("Authentication", "Encryption")[field - 3]
                rect = table.visualItemRect(item)
                assert table.viewport().rect().contains(rect), (conn_id, item.text())
                assert fits_in_cell(table, row, 1), (conn_id, item.text(), rect)
                corner = table.viewport().mapTo(viewport, rect.topRight())
                assert 0 <= corner.x() <= viewport.width(), (conn_id, item.text())
        if flows:  # the first flow's authentication and encryption are in view, unscrolled
            scroll.verticalScrollBar().setValue(0)
            for field in (3, 4):
                rect = table.visualItemRect(table.value_item(0, field))
                bottom = table.viewport().mapTo(viewport, rect.bottomLeft())
                assert viewport.rect().contains(bottom + QPoint(1, 0)), conn_id


def test_the_flows_read_as_the_knowledge_base_words_them(laptop):
    win = laptop()
    win.select_and_show(["c_edge_ex01"])
    settle()
    table = win.inspector.flows_table
    flows = {table.flow(i) for i in range(table.flow_count())}
    assert ("EX01 → EDGE01", "50636/TCP", "EdgeSync", "EdgeSync replication accounts", "LDAPS") in flows
    assert ("EDGE01 → EX01", "25/TCP", "SMTP", "Exchange Server auth", "mutual TLS") in flows
    shown = [[table.item(r, c).text() if table.item(r, c) else "" for c in range(2)]
             for r in range(table.rowCount())]
    assert ["Authentication", "EdgeSync replication accounts"] in shown and ["Encryption", "LDAPS"] in shown


def test_the_users_layout_is_remembered(laptop, qtbot, tmp_path):
    first = laptop(760, 700)  # within the offscreen screen (800×800): restoreGeometry keeps windows on screen
    matrix_dock = first.findChild(type(first.docks[0]), "dock_port_matrix")
    first.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, matrix_dock)  # the user moved it
    first.resizeDocks([first.docks[1]], [420], Qt.Orientation.Horizontal)
    settle()
    inspector_width = first.docks[1].width()
    first.close()
    assert not first.isVisible()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert settings.value(GEOMETRY_KEY) is not None and settings.value(STATE_KEY) is not None

    second = laptop(None, None)  # as made: sized by what was saved
    assert second.layout_restored
    assert (second.width(), second.height()) == (760, 700)
    dock = second.findChild(type(second.docks[0]), "dock_port_matrix")
    assert second.dockWidgetArea(dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert abs(second.docks[1].width() - inspector_width) <= 4


def test_a_flows_tooltip_shows_names_and_notes_as_typed(laptop):
    """A node named like markup: the flows table's tooltips show the text, never render it."""
    from tests.ui.gestures import shown_text
    win = laptop()
    table = win.inspector.flows_table
    direction = "<b>EX01</b> → <img src=x>"
    table.set_flows([((direction, "25/TCP", "SMTP", "Anonymous", "opportunistic TLS"), ""),
                     ((direction, "443/TCP", "HTTPS", "NTLM", "TLS"), "Uses <Default Frontend> & more")])
    assert shown_text(table.item(0, 0).toolTip()) == direction
    assert shown_text(table.value_item(0, 2).toolTip()) == "SMTP"
    assert shown_text(table.value_item(1, 3).toolTip()) == "Uses <Default Frontend> & more"


@pytest.mark.parametrize("language", ["en", "es"])
def test_at_1366x768_every_role_in_the_palette_reads_in_full(laptop, language):
    """The palette is narrow there (the canvas gets the room); a long role name wraps onto a
    second line instead of being cut short with an ellipsis, in English and in Spanish."""
    from PySide6.QtCore import QLocale
    from PySide6.QtGui import QFontMetrics

    from designer.ui.dialogs.language import install_translations
    from designer.ui.panels.palette import ROLE_DATA

    app, locale = QApplication.instance(), QLocale()
    installed = install_translations(app, language)  # before the window, as the app does
    try:
        palette = laptop().palette_panel
        assert palette.width() <= 220  # the compact palette
        assert palette.horizontalScrollBar().maximum() == 0  # nothing hidden sideways
        wrapped = 0
        for item in palette.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive):
            palette.scrollToItem(item)
            rect = palette.visualItemRect(item)
            text_width = palette.viewport().width() - rect.left() - palette.iconSize().width() - 12
            metrics = QFontMetrics(item.font(0))
            needed = metrics.boundingRect(QRect(0, 0, text_width, 10_000), Qt.TextFlag.TextWordWrap, item.text(0))
            assert rect.height() >= needed.height(), (item.text(0), rect.height(), needed.height())
            if item.data(0, ROLE_DATA) and needed.height() > metrics.height():
                wrapped += 1
        assert wrapped >= 3  # the long names (e.g. "Outlook on the web (browser)") take two lines
    finally:
        for translator in installed:
            app.removeTranslator(translator)
            translator.deleteLater()
        QLocale.setDefault(locale)


@pytest.mark.parametrize("size", [(1366, 768), (1504, 940), (1920, 1080)])
def test_the_design_opens_fitted_whole_in_the_window(laptop, size):
    """Fit shows every zone and node: a label that gave way (hidden) takes no room, though Qt's
    itemsBoundingRect counts hidden items (at 1504×940 one hidden label widened the bounds
    after the fit, and the view was re-centred on them with Microsoft 365 cut off)."""
    win = laptop(*size, sample="exchangeSE-hybrid.yaml")
    win.view.fit()
    settle()
    scene, view = win.scene, win.view
    hidden = [c.label_item for c in scene.connections.values() if not c.label_item.isVisible()]
    assert all(label.boundingRect().isEmpty() for label in hidden)
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    for item in [*scene.zones.values(), *scene.nodes.values()]:
        assert shown.contains(item.sceneBoundingRect()), getattr(item, "zone_id", getattr(item, "node_id", ""))
    assert shown.contains(scene.itemsBoundingRect())
