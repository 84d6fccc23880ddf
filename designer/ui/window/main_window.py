"""The main window: the canvas in the middle, the palette, inspector, findings and port matrix
around it. It wires widgets to the editor and to each other; it holds no domain state."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QIcon, QShowEvent
from PySide6.QtWidgets import QDockWidget, QInputDialog, QLabel, QMainWindow, QMessageBox, QWidget

from ... import __version__
from ...canvas import CanvasScene, CanvasView
from ...render.style import ICONS
from ...editor import DocumentEditor
from ...model.layout import GRID, ZONE_GAP, Layout, layout_bounds
from ...model import Rect
from ...support.states import Severity, ZoneKind
from ...support.yamlsafe import InputError
from .actions import Actions
from .compare import Comparison
from ..dialogs.appearance import ThemeController
from .deliverables import Deliverables
from .dock_layout import MATRIX_ROWS, arrange, fit_matrix_rows, is_compact
from .files import FileActions
from . import heap
from ..panels.findings_panel import FindingsPanel
from ..panels.inspector import InspectorPanel
from ..dialogs.kb_browser import KnowledgeBaseBrowser
from ..dialogs.language import LanguageMenu
from ..panels.matrix_panel import MatrixPanel
from ..panels.palette import PalettePanel
from ..dialogs.recovery import INTERVAL_KEY, Autosaver, autosave_interval, user_dir
from ...support.text import qt_plain

APP_NAME = "Exchange Topology Designer"
GEOMETRY_KEY, STATE_KEY = "window/geometry", "window/state"  # the user's own window and dock layout
LAYOUT_VERSION = 1  # saveState's version: raise it when the docks change, so an old layout is dropped
DEFAULT_SIZE = (1500, 940)


class MainWindow(QMainWindow):
    def __init__(self, editor: DocumentEditor, settings: QSettings | None = None) -> None:
        super().__init__()
        self.editor = editor
        self.settings = settings or QSettings("ExchangeTopologyDesigner", "designer")
        self.appearance = ThemeController(self.settings, self)  # light or dark, before the widgets
        self.setWindowIcon(QIcon(str(ICONS / "app.svg")))
        self.scene = CanvasScene(editor, self)
        self.view = CanvasView(self.scene)
        self.view.setObjectName("canvas")
        self.setCentralWidget(self.view)

        self.palette_panel = PalettePanel(editor.catalog)
        self.inspector = InspectorPanel(editor)
        self.findings = FindingsPanel(editor)
        self.matrix = MatrixPanel(editor)
        self.docks = [
            self._dock("palette", self.tr("Palette"), self.palette_panel, Qt.DockWidgetArea.LeftDockWidgetArea),
            self._dock("inspector", self.tr("Inspector"), self.inspector, Qt.DockWidgetArea.RightDockWidgetArea),
            self._dock("findings", self.tr("Findings"), self.findings, Qt.DockWidgetArea.BottomDockWidgetArea),
            self._dock("port_matrix", self.tr("Port matrix"), self.matrix, Qt.DockWidgetArea.BottomDockWidgetArea),
        ]
        self.docks[3].visibilityChanged.connect(self.matrix.set_shown)

        self.files = FileActions(self, editor, self.settings, self.view.fit, self.statusBar().showMessage,
                                 self.refresh_recent)
        self.autosaver = Autosaver(editor, user_dir(), autosave_interval(self.settings), self)
        self.deliverables = Deliverables(self, editor, self.scene, self.settings, self.statusBar().showMessage)
        self.kb_browser: KnowledgeBaseBrowser | None = None  # made on first use, then raised
        self.menu_actions = Actions(self, self, editor.undo_stack, self.view, self.files, self.deliverables)
        view_menus = [self.appearance.build_menu(self), LanguageMenu(self.settings, self)]
        self.menu_actions.build_menus(self.menuBar(), view_menus, self.docks)
        self.comparison = Comparison(self, editor, self.scene, self.view, self.select_and_show)
        self.comparison.add_to(self.menu_actions.file_menu)
        self.addToolBar(self.menu_actions.build_toolbar())
        self.appearance.tint_plain_icons(self.findChildren(QAction))  # dark icons turn light in the dark theme
        self.zoom_label = QLabel()
        self.counts_label = QLabel()
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.zoom_label)

        self.scene.selectionChanged.connect(self._selection_changed)
        self.scene.tool_changed.connect(self._tool_changed)
        self.scene.connection_activated.connect(lambda c: self.inspector.show_selection([c]))
        self.findings.select_requested.connect(self.select_and_show)
        self.matrix.connection_selected.connect(self.scene.highlight_connection)
        self.palette_panel.role_activated.connect(self.add_node_at_centre)
        self.view.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{z:.0%}"))
        editor.document_replaced.connect(self._document_replaced)
        editor.analysis_changed.connect(self._analysis_changed)
        # bound methods, not lambdas: Qt drops these connections when the window is destroyed
        editor.clean_changed.connect(self._clean_changed)
        editor.path_changed.connect(self._update_title)
        editor.undo_stack.indexChanged.connect(self._update_title)
        self.refresh_recent()
        self._document_replaced(editor.document)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)  # inspector: full height
        self._default_layout()
        self.layout_restored = self._restore_layout()  # the user's own, where one was saved
        self._layout_pending = not self.layout_restored  # the screen's: decided when first shown
        self.compact_layout = False

    def _default_layout(self) -> None:
        """The inspector beside the canvas down to the status bar, and the findings and port
        matrix below the canvas (``dock_layout``: a low window changes this when first shown)."""
        self.resize(*DEFAULT_SIZE)  # the app then fits it to the screen (ui/app.py)
        arrange(self, self.docks, compact=False)
        self.resizeDocks([self.docks[2]], [self.matrix.height_for_rows(MATRIX_ROWS)], Qt.Orientation.Vertical)

    def _first_layout(self) -> None:
        """The window is shown for the first time without a layout of the user's: a low window
        (a laptop) gets the compact layout, a high one its matrix rows (``dock_layout``)."""
        self._layout_pending = False
        self.compact_layout = is_compact(self.height())
        if self.compact_layout:
            arrange(self, self.docks, compact=True)
        else:
            QTimer.singleShot(0, lambda: fit_matrix_rows(self, self.docks[2], self.matrix))  # once laid out

    def _restore_layout(self) -> bool:
        """Restore the window's geometry and docks as the user left them; whether there were any."""
        geometry, state = self.settings.value(GEOMETRY_KEY), self.settings.value(STATE_KEY)
        restored = isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state, LAYOUT_VERSION)
        return bool(restored)

    def save_layout(self) -> None:
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.settings.setValue(STATE_KEY, self.saveState(LAYOUT_VERSION))

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    # ---- reacting to the editor
    def _document_replaced(self, doc) -> None:
        heap.design_opened(len(doc.zones) + len(doc.nodes) + len(doc.connections))  # (the scene is built)
        self.palette_panel.set_version(doc.exchange_version)
        self.setWindowModified(False)
        self._update_title()
        self.inspector.show_selection([])
        self._analysis_changed()

    def _analysis_changed(self) -> None:
        doc = self.editor.document
        self.palette_panel.set_version(doc.exchange_version)
        errors = sum(f.severity == Severity.ERROR for f in self.editor.findings)
        nodes, connections, flows = len(doc.nodes), len(doc.connections), len(self.editor.flows)
        self.counts_label.setText(" · ".join((
            self.tr("Exchange {version}").format(version=doc.exchange_version),
            self.tr("1 node") if nodes == 1 else self.tr("{count} nodes").format(count=nodes),
            self.tr("1 connection") if connections == 1 else self.tr("{count} connections").format(count=connections),
            self.tr("1 flow") if flows == 1 else self.tr("{count} flows").format(count=flows),
            self.tr("1 error") if errors == 1 else self.tr("{count} errors").format(count=errors))))

    def _clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    def _update_title(self, *_changed) -> None:
        path = self.editor.path
        where = path.name if path else self.tr("unsaved")
        self.setWindowTitle(self.tr("{design} ({file})[*] — {app}").format(
            design=self.editor.document.name, file=where, app=APP_NAME))

    def _selection_changed(self) -> None:
        self.inspector.show_selection(self.scene.selected_ids())

    def refresh_recent(self) -> None:
        menu = self.menu_actions.recent_menu if hasattr(self, "menu_actions") else None
        if menu is None:
            return
        menu.clear()
        for path in self.files.recent():
            action = menu.addAction(Path(path).name)
            action.setToolTip(qt_plain(path))
            action.triggered.connect(lambda _=False, p=path: self.files.open_path(Path(p)))
        menu.setEnabled(bool(menu.actions()))

    def select_and_show(self, ids: list) -> None:
        self.scene.select_ids(ids)
        items = self.scene.selectedItems()
        if items:
            rect = items[0].sceneBoundingRect()
            for item in items[1:]:
                rect = rect.united(item.sceneBoundingRect())
            self.view.ensureVisible(rect, 40, 40)

    # ---- edit commands
    def selected(self) -> list[str]:
        return self.scene.selected_ids()

    def delete_selection(self) -> None:
        self.editor.delete(self.selected())

    def select_all(self) -> None:
        self.scene.select_all()

    def copy(self) -> bool:
        ids = self.selected()
        if not ids:
            return False
        # Plain text (topology YAML): other programs can read it, and it is validated on paste.
        # (A QMimeData handed to the clipboard from Python crashes PySide at exit.)
        QGuiApplication.clipboard().setText(self.editor.copy_fragment(ids))
        return True

    def cut(self) -> None:
        if self.copy():
            self.delete_selection()

    def paste(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            return
        try:
            ids = self.editor.paste_fragment(text)
        except InputError as exc:
            self.statusBar().showMessage(self.tr("Nothing to paste: {reason}").format(reason=exc.message), 5000)
            return
        self.scene.select_ids(ids)

    def duplicate(self) -> None:
        ids = self.selected()
        if ids:
            self.scene.select_ids(self.editor.duplicate(ids))

    def add_zone(self) -> None:
        bounds = layout_bounds(self.editor.document, Layout({}, {}))
        x = (bounds.x + bounds.width + ZONE_GAP) if bounds else 0
        y = bounds.y if bounds else 0
        count = len(self.editor.document.zones) + 1
        zone_id = self.editor.add_zone(self.tr("Zone {number}").format(number=count), ZoneKind.INTERNAL,
                                       Rect(x, y, 20 * GRID, 16 * GRID))
        self.scene.select_ids([zone_id])
        self.view.ensureVisible(self.scene.zones[zone_id])

    def add_node_at_centre(self, role: str) -> None:
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        try:
            node_id = self.editor.add_node(role, (centre.x(), centre.y()))
        except InputError as exc:
            self.statusBar().showMessage(exc.message, 5000)
            return
        self.scene.select_ids([node_id])

    def set_select_tool(self) -> None:
        self.scene.set_tool(None)

    def _tool_changed(self, name: str) -> None:
        """The scene changed tools (Esc leaves the Connect tool): the toolbar shows which is on."""
        self.menu_actions.connect_mode.setChecked(name == "connect")
        self.menu_actions.select_tool.setChecked(name != "connect")

    def set_connect_mode(self, on: bool) -> None:
        self.scene.connect_mode = bool(on)
        self.statusBar().showMessage(self.tr("Connect: drag from one node to another") if on else "", 4000)

    def toggle_grid(self, on: bool) -> None:
        self.scene.show_grid = bool(on)
        self.view.viewport().update()

    def toggle_snap(self, on: bool) -> None:
        self.scene.snap_to_grid = bool(on)

    def set_autosave_interval(self) -> None:
        seconds, ok = QInputDialog.getInt(
            self, self.tr("Autosave"), self.tr("Save unsaved work for recovery every (seconds, 0 = never):"),
            self.autosaver.interval, 0, 3600)
        if ok:
            self.settings.setValue(INTERVAL_KEY, seconds)
            self.autosaver.set_interval(seconds)

    def show_knowledge_base(self) -> None:
        """Help > Knowledge Base: open the browser (one per window) or bring it to the front."""
        if self.kb_browser is None:
            self.kb_browser = KnowledgeBaseBrowser(self.editor.catalog, parent=self)
        self.kb_browser.show_for_version(self.editor.document.exchange_version)

    def about(self) -> None:
        QMessageBox.about(self, self.tr("About {app}").format(app=APP_NAME),
                          f"<b>{APP_NAME}</b> {__version__}<br>"
                          + self.tr("Plan Exchange deployments on a zone canvas, with the ports, authentication "
                                    "and encryption of every connection from Microsoft's documentation."))

    def showEvent(self, event: QShowEvent) -> None:  # Qt's name
        super().showEvent(event)
        if self._layout_pending:
            self._first_layout()

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt's name
        if self.files.maybe_save():
            self.save_layout()
            self.autosaver.discard()  # saved or discarded on purpose: nothing to recover
            self.scene.selectionChanged.disconnect(self._selection_changed)
            self.scene.detach()
            heap.design_closed()
            event.accept()
        else:
            event.ignore()
