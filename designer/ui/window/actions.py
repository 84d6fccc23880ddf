"""The window's actions, menus and toolbar, with the shortcuts of any desktop editor."""
from __future__ import annotations

from typing import Callable, Protocol, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDockWidget, QMenu, QMenuBar, QStyle, QToolBar, QWidget

from ...canvas import CanvasView
from .deliverables import Deliverables
from .files import FileActions
from .icons import toolbar_icon

Std = QKeySequence.StandardKey
translate = QCoreApplication.translate  # texts in the "Actions" context (lupdate reads translate("Actions", ...))


class WindowSlots(Protocol):
    """What the actions call on the window: its edit commands, tools, view switches and dialogs."""

    def close(self) -> bool: ...
    def cut(self) -> None: ...
    def copy(self) -> bool: ...
    def paste(self) -> None: ...
    def duplicate(self) -> None: ...
    def delete_selection(self) -> None: ...
    def select_all(self) -> None: ...
    def set_autosave_interval(self) -> None: ...
    def add_zone(self) -> None: ...
    def set_select_tool(self) -> None: ...
    def set_connect_mode(self, on: bool) -> None: ...
    def toggle_grid(self, on: bool) -> None: ...
    def toggle_snap(self, on: bool) -> None: ...
    def show_knowledge_base(self) -> None: ...
    def about(self) -> None: ...


class Actions:
    """The window's actions, its menus and its toolbar. ``host`` owns the actions (their shortcuts
    work in it); their slots are ``slots`` (the window's edit commands), the undo stack, the view's
    zoom, ``files`` and ``deliverables``."""

    def __init__(self, host: QWidget, slots: WindowSlots, undo_stack: QUndoStack, view: CanvasView,
                 files: FileActions, deliverables: Deliverables) -> None:
        self.host = host
        style = host.style()
        icon = style.standardIcon

        def make(text: str, slot: Callable, shortcut=None, tip: str = "", qicon: QIcon | None = None,
                 checkable: bool = False) -> QAction:
            action = QAction(text, host)
            if shortcut is not None:
                action.setShortcuts(shortcut if isinstance(shortcut, list) else QKeySequence.keyBindings(shortcut)
                                    if isinstance(shortcut, Std) else [QKeySequence(shortcut)])
            if tip:
                action.setStatusTip(tip)
                action.setToolTip(tip)
            if qicon is not None:
                action.setIcon(qicon)
            action.setCheckable(checkable)
            action.triggered.connect(slot)
            host.addAction(action)
            return action

        self.new = make(translate("Actions", "&New"), files.new, Std.New, translate("Actions", "Start a new design"),
                        toolbar_icon("new"))
        self.open = make(translate("Actions", "&Open…"), files.open_dialog, Std.Open,
                         translate("Actions", "Open a design"), toolbar_icon("open"))
        self.save = make(translate("Actions", "&Save"), files.save, Std.Save, translate("Actions", "Save the design"),
                         toolbar_icon("save"))
        self.save_as = make(translate("Actions", "Save &As…"), files.save_as, Std.SaveAs,
                            translate("Actions", "Save the design under a new name"))
        out = deliverables
        self.export_diagram = make(translate("Actions", "&Diagram (PNG, SVG, PDF)…"), out.export_diagram, "Ctrl+E",
                                   translate("Actions", "Export the diagram, with a legend and a title block"))
        self.export_matrix = make(translate("Actions", "Port &Matrix…"), out.export_matrix, None,
                                  translate("Actions", "Export every flow: ports, authentication, encryption (XLSX, "
                                                       "CSV, Markdown, HTML, JSON)"))
        self.export_rules = make(translate("Actions", "&Firewall Rules…"), out.export_rules, None,
                                 translate("Actions", "Export the firewall rules of each zone boundary, or draft "
                                                      "Windows Firewall and nftables scripts"))
        self.export_report = make(translate("Actions", "&Report (PDF, HTML)…"), out.export_report, "Ctrl+Shift+E",
                                  translate("Actions", "Export a report for stakeholders: diagram, boundaries, "
                                                       "matrix, findings, sources"))
        self.present = make(translate("Actions", "&Present"), out.present, "F5",
                            translate("Actions", "Present the design full screen, one scenario at a time (Esc leaves)"),
                            toolbar_icon("present"))
        self.quit = make(translate("Actions", "&Quit"), slots.close, Std.Quit, translate("Actions", "Quit"))

        self.undo = undo_stack.createUndoAction(host, translate("Actions", "&Undo"))
        self.undo.setShortcuts(QKeySequence.keyBindings(Std.Undo))
        self.undo.setIcon(toolbar_icon("undo"))
        self.redo = undo_stack.createRedoAction(host, translate("Actions", "&Redo"))
        self.redo.setShortcuts(QKeySequence.keyBindings(Std.Redo) + [QKeySequence("Ctrl+Y")])
        self.redo.setIcon(toolbar_icon("redo"))
        host.addAction(self.undo)
        host.addAction(self.redo)
        self.cut = make(translate("Actions", "Cu&t"), slots.cut, Std.Cut, translate("Actions", "Cut the selection"))
        self.copy = make(translate("Actions", "&Copy"), slots.copy, Std.Copy,
                         translate("Actions", "Copy the selection"))
        self.paste = make(translate("Actions", "&Paste"), slots.paste, Std.Paste, translate("Actions", "Paste"))
        self.duplicate = make(translate("Actions", "D&uplicate"), slots.duplicate, "Ctrl+D",
                              translate("Actions", "Duplicate the selection"))
        self.delete = make(translate("Actions", "&Delete"), slots.delete_selection,
                           [QKeySequence(QKeySequence.StandardKey.Delete), QKeySequence("Backspace")],
                           translate("Actions", "Delete the selection"))
        self.select_all = make(translate("Actions", "Select &All"), slots.select_all, Std.SelectAll,
                               translate("Actions", "Select everything"))
        self.autosave = make(translate("Actions", "Auto&save Interval…"), slots.set_autosave_interval, None,
                             translate("Actions", "How often unsaved work is saved for recovery after a crash"))

        self.add_zone = make(translate("Actions", "Add &Zone"), slots.add_zone, "Z",
                             translate("Actions", "Add a zone (a second DMZ, a branch site, a voice VLAN…)"),
                             toolbar_icon("add_zone"))
        self.select_tool = make(translate("Actions", "&Select Tool"), slots.set_select_tool, "V",
                                translate("Actions", "Select, move and resize (Esc in the Connect tool returns here)"),
                                toolbar_icon("select"), checkable=True)
        self.select_tool.setChecked(True)
        self.connect_mode = make(translate("Actions", "&Connect Tool"), slots.set_connect_mode, "C",
                                 translate("Actions", "Drag from one node to another to connect them (or drag from "
                                                      "a node's + handle)"),
                                 toolbar_icon("connect"), checkable=True)

        self.zoom_in = make(translate("Actions", "Zoom &In"), view.zoom_in,
                            [QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")], translate("Actions", "Zoom in"),
                            toolbar_icon("zoom_in"))
        self.zoom_out = make(translate("Actions", "Zoom &Out"), view.zoom_out, Std.ZoomOut,
                             translate("Actions", "Zoom out"), toolbar_icon("zoom_out"))
        self.zoom_reset = make(translate("Actions", "&Actual Size"), view.zoom_reset, "Ctrl+0",
                               translate("Actions", "Zoom to 100%"))
        self.fit = make(translate("Actions", "&Fit to Window"), view.fit, "Ctrl+9",
                        translate("Actions", "Show the whole design"), toolbar_icon("fit"))
        self.grid = make(translate("Actions", "Show &Grid"), slots.toggle_grid, "Ctrl+'",
                         translate("Actions", "Show the grid"), checkable=True)
        self.grid.setChecked(True)
        self.snap = make(translate("Actions", "&Snap to Grid"), slots.toggle_snap, "Ctrl+Shift+'",
                         translate("Actions", "Snap moved items to the grid"), checkable=True)
        self.snap.setChecked(True)
        self.knowledge_base = make(
            translate("Actions", "&Knowledge Base"), slots.show_knowledge_base, "F1",
            translate("Actions", "Search the knowledge base by port, role, service and version, with the Microsoft "
                                 "source of every entry"),
            icon(QStyle.StandardPixmap.SP_DialogHelpButton))
        self.about = make(translate("Actions", "&About"), slots.about, None,
                          translate("Actions", "About Exchange Topology Designer"))

        tools = QActionGroup(host)  # one tool at a time
        tools.addAction(self.select_tool)
        tools.addAction(self.connect_mode)

    def build_menus(self, bar: QMenuBar, view_menus: Sequence[QMenu], docks: Sequence[QDockWidget]) -> None:
        """The menus, on ``bar``; the View menu adds ``view_menus`` (appearance, language) and a
        switch for each of ``docks``."""
        file = self.file_menu = bar.addMenu(translate("Actions", "&File"))
        file.addActions([self.new, self.open])
        self.recent_menu = QMenu(translate("Actions", "Open &Recent"), self.host)
        self.recent_menu.setObjectName("recent_menu")
        file.addMenu(self.recent_menu)
        file.addSeparator()
        file.addActions([self.save, self.save_as])
        file.addSeparator()
        export = file.addMenu(translate("Actions", "&Export"))
        export.setObjectName("export_menu")
        export.addActions([self.export_diagram, self.export_matrix, self.export_rules, self.export_report])
        file.addSeparator()
        file.addAction(self.quit)
        edit = bar.addMenu(translate("Actions", "&Edit"))
        edit.addActions([self.undo, self.redo])
        edit.addSeparator()
        edit.addActions([self.cut, self.copy, self.paste, self.duplicate, self.delete])
        edit.addSeparator()
        edit.addAction(self.select_all)
        edit.addSeparator()
        edit.addAction(self.autosave)
        insert = bar.addMenu(translate("Actions", "&Insert"))
        insert.addActions([self.add_zone, self.select_tool, self.connect_mode])
        view = bar.addMenu(translate("Actions", "&View"))
        view.addActions([self.zoom_in, self.zoom_out, self.zoom_reset, self.fit])
        view.addSeparator()
        view.addActions([self.grid, self.snap])
        for menu in view_menus:
            view.addMenu(menu)
        view.addSeparator()
        view.addAction(self.present)
        view.addSeparator()
        for dock in docks:
            view.addAction(dock.toggleViewAction())
        help_menu = bar.addMenu(translate("Actions", "&Help"))
        help_menu.addAction(self.knowledge_base)
        help_menu.addSeparator()
        help_menu.addAction(self.about)

    def build_toolbar(self) -> QToolBar:
        bar = QToolBar(translate("Actions", "Main toolbar"), self.host)
        bar.setObjectName("main_toolbar")
        bar.addActions([self.new, self.open, self.save])
        bar.addSeparator()
        bar.addActions([self.undo, self.redo])
        bar.addSeparator()
        bar.addActions([self.add_zone, self.select_tool, self.connect_mode])
        bar.addSeparator()
        bar.addActions([self.zoom_in, self.zoom_out, self.fit])
        bar.addSeparator()
        bar.addAction(self.present)
        return bar
