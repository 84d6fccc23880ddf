"""Presentation mode: the design full screen, stepping through its scenarios one hop at a time.

The window shows a read-only view of its own :class:`CanvasScene` (no docks, menus, toolbars or
grid; nothing can be moved, selected or dropped) and a caption panel in large type. The current
hop's connection is highlighted, the rest of the design is dimmed, and the view is scaled to the
hop so its labels can be read from the back of a room. It only reads the editor: the document
and the undo stack are never touched.

The window says what the caption shows and fits it to the screen, in smaller type or in pages
(the caption panel and its measures: :mod:`.caption`).

Keys: Right, Down, Space, PageDown: next page or hop (then the next scenario); Left, Up, PageUp,
Backspace: back; Home / End: first / last; D: port detail on or off (the executive view);
Esc: leave (emits ``closed``).
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QGraphicsView, QLabel, QVBoxLayout, QWidget

from ...analysis.scenarios import Hop, Scenario, hop_details, hop_summary, scenarios
from ...canvas import CanvasScene, CanvasView
from ...render import style
from ...editor import DocumentEditor
from ...support.i18n import QT_TRANSLATE_NOOP
from .caption import CAPTION_SHARE, MARGINS, MIN_SCALE, SCALE_STEP, Caption, paginate, text_height

log = logging.getLogger(__name__)

DIMMED = 0.2  # opacity of what the current scenario does not involve
ROUTE = 0.6  # opacity of the scenario's other hops
MAX_ZOOM = 2.5  # two nodes close together should not fill the screen
MIN_ZOOM = 1.0  # below this the line labels are too small to read: crop the hop's far ends instead
MARGIN = 70.0  # scene pixels around the current hop
NO_SCENARIO = QT_TRANSLATE_NOOP("PresentationWindow", "This design has no scenario to present")
KEYS_HINT = QT_TRANSLATE_NOOP("PresentationWindow", "→ next · ← back · D details · Esc leave")

NEXT = {Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Space, Qt.Key.Key_PageDown}
BACK = {Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace}


class PresentationWindow(QWidget):
    """``PresentationWindow(editor, parent=None)``; call :meth:`start` to go full screen."""

    closed = Signal()

    def __init__(self, editor: DocumentEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.editor = editor
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.scenarios: list[Scenario] = []
        self._position = (0, 0)  # (scenario index, hop index)
        self._detail = True
        self._closed = False

        self.scene = CanvasScene(editor, self)
        self.scene.show_grid = False
        self.view = CanvasView(self.scene)
        self.view.setInteractive(False)  # no selection, no moves, no connecting
        self.view.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.view.setAcceptDrops(False)
        self.view.viewport().setAcceptDrops(False)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys come to the window
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)

        self._lines: list[str] = []  # the current hop's caption lines
        self._pages: list[list[str]] = [[]]  # those lines, in the pages that fit
        self._page = 0
        self._scale = 1.0

        self.caption = caption = Caption()  # its labels, which the window fills
        self.title_label, self.step_label, self.keys_label = caption.title_label, caption.step_label, caption.keys_label
        self.hop_label, self.description_label = caption.hop_label, caption.description_label
        self.keys_label.setText(self.tr(KEYS_HINT))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.caption, 0)

        self.view.viewport().installEventFilter(self)
        editor.analysis_changed.connect(self._reload)
        self._reload()

    # ---- what the tests and the caption read
    @property
    def detail_visible(self) -> bool:
        """Ports, authentication and encryption shown (False: the executive view)."""
        return self._detail

    def current_scenario(self) -> Scenario | None:
        return self.scenarios[self._position[0]] if self.scenarios else None

    def current_hop(self) -> Hop | None:
        scenario = self.current_scenario()
        return scenario.hops[self._position[1]] if scenario else None

    @property
    def caption_scale(self) -> float:
        """The caption's type as a share of its full size (1.0, down to ``MIN_SCALE``)."""
        return self._scale

    @property
    def page(self) -> tuple[int, int]:
        """(current page, pages) of the current hop's caption lines, from 1."""
        return self._page + 1, len(self._pages)

    def caption_labels(self) -> list[QLabel]:
        return self.caption.labels()

    # ---- driving
    def start(self) -> None:
        """Go full screen and take the keyboard."""
        screen = (self.parentWidget() or self).screen()
        self.setGeometry(screen.geometry())  # the whole screen even where no window manager obliges
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
        self.setFocus()
        self._show()

    def next(self) -> None:
        s, h = self._position
        if not self.scenarios:
            return
        if self._page + 1 < len(self._pages):
            self._turn(self._page + 1)
        elif h + 1 < len(self.scenarios[s].hops):
            self._go(s, h + 1)
        elif s + 1 < len(self.scenarios):
            self._go(s + 1, 0)

    def previous(self) -> None:
        s, h = self._position
        if self._page > 0:
            self._turn(self._page - 1)
        elif h > 0:
            self._go(s, h - 1)
        elif s > 0:
            self._go(s - 1, len(self.scenarios[s - 1].hops) - 1)

    def first(self) -> None:
        self._go(0, 0)

    def last(self) -> None:
        if self.scenarios:
            self._go(len(self.scenarios) - 1, len(self.scenarios[-1].hops) - 1)

    def set_detail_visible(self, on: bool) -> None:
        self._detail = bool(on)
        self._show()

    def toggle_detail(self) -> None:
        self.set_detail_visible(not self._detail)

    def _go(self, scenario: int, hop: int) -> None:
        if self.scenarios:
            self._position = (scenario, hop)
            self._page = 0
            self._show()

    def _turn(self, page: int) -> None:
        """Show another page of the current hop's lines (the view stays on the hop)."""
        self._page = page
        self._fit_caption()

    def _reload(self) -> None:
        """Recompute the scenarios (the design changed, or another was opened); keep the place."""
        current = self.current_scenario()
        doc = self.editor.document
        self.setWindowTitle(self.tr("Presentation — {design}").format(design=doc.name))
        self.scenarios = scenarios(doc, self.editor.catalog, self.editor.flows, QCoreApplication.translate)
        ids = [s.id for s in self.scenarios]
        if current is not None and current.id in ids:
            s = ids.index(current.id)
            self._position = (s, min(self._position[1], len(self.scenarios[s].hops) - 1))
        else:
            self._position = (0, 0)
        self._page = 0
        self._show()

    # ---- showing
    def _show(self) -> None:
        if self._closed:
            return
        scenario, hop = self.current_scenario(), self.current_hop()
        self.scene.place_labels()  # a label that gave way is hidden, as on the canvas ...
        for conn_id, item in self.scene.connections.items():
            if not self._detail:
                item.label_item.set_shown(False)
            elif hop is not None and conn_id == hop.connection:  # ... but the hop's is shown
                item.label_item.set_shown(True)  # (over the others: see _dim)
        self.scene.highlight_connection(hop.connection if hop else None)
        self._dim(scenario, hop)
        self._caption(scenario, hop)
        self._frame(hop)

    def _dim(self, scenario: Scenario | None, hop: Hop | None) -> None:
        if scenario is None:
            for table in (self.scene.nodes, self.scene.zones, self.scene.connections):
                for item in table.values():
                    item.setOpacity(1.0)
            return
        doc = self.scene.document
        nodes, route = set(scenario.nodes), set(scenario.connections)
        zones = {doc.node(n).zone for n in nodes} if doc else set()
        for node_id, item in self.scene.nodes.items():
            item.setOpacity(1.0 if node_id in nodes else DIMMED)
        for zone_id, item in self.scene.zones.items():
            item.setOpacity(1.0 if zone_id in zones else 0.5)
        for conn_id, item in self.scene.connections.items():
            current = conn_id == hop.connection
            item.setOpacity(1.0 if current else ROUTE if conn_id in route else DIMMED)
            item.setZValue(style.Z_CONNECTION + (1 if current else 0))  # its label over the others

    def _caption(self, scenario: Scenario | None, hop: Hop | None) -> None:
        if scenario is None or hop is None:
            self.title_label.setText(self.tr(NO_SCENARIO))
            self._lines = []
            self.hop_label.hide()
            self.description_label.setText("")
            self.description_label.hide()
        else:
            doc, translate = self.editor.document, QCoreApplication.translate
            self.title_label.setText(scenario.title)
            self._lines = hop_details(doc, hop, translate) if self._detail else [hop_summary(doc, hop, translate)]
            self.hop_label.show()
            self.description_label.setText(scenario.description)
            self.description_label.show()
        self._fit_caption()

    def _step_text(self) -> str:
        scenario = self.current_scenario()
        if scenario is None or self.current_hop() is None:
            return self.tr("Press Esc to leave.")
        s, h = self._position
        text = self.tr("Scenario {scenario} of {scenarios} · Step {step} of {steps}").format(
            scenario=s + 1, scenarios=len(self.scenarios), step=h + 1, steps=len(scenario.hops))
        if len(self._pages) > 1:
            text += " · " + self.tr("Page {page} of {pages}").format(page=self._page + 1, pages=len(self._pages))
        return text

    def _fit_caption(self) -> None:
        """The largest type (down to ``MIN_SCALE``) at which the whole caption fits its share of
        the screen; below that, the hop's lines in pages."""
        left, top, right, bottom = MARGINS
        width = self.width() - left - right
        room = int(self.height() * CAPTION_SHARE)
        scale = 1.0
        while True:
            self.caption.scale_type(scale)
            self._pages = [self._lines]
            fixed, lines = self._fixed_height(width), self.caption.line_heights(width, self._lines)
            if fixed + sum(lines) + top + bottom <= room or scale <= MIN_SCALE + 1e-6:
                break
            scale = max(MIN_SCALE, scale - SCALE_STEP)
        self._scale = scale
        if fixed + sum(lines) + top + bottom > room and len(self._lines) > 1:
            self._pages = [[self._lines[i] for i in page]
                           for page in paginate(lines, room - fixed - top - bottom)]
            fixed = self._fixed_height(width)  # the step line now names the page
        self._page = min(self._page, len(self._pages) - 1)
        self.step_label.setText(self._step_text())
        self.hop_label.setText("\n".join(self._pages[self._page]))
        page_height = text_height(self.hop_label, self.hop_label.text(), width)
        # the caption may take more than its share only where one line alone would not fit
        self.caption.setMaximumHeight(max(room, fixed + page_height + top + bottom))

    def _fixed_height(self, width: int) -> int:
        """The caption's height but the hop's lines: title, step line, description, spacing."""
        return self.caption.fixed_height(width, self._step_text(), bool(self._lines))

    def _frame(self, hop: Hop | None) -> None:
        """Scale the view to the current hop (its nodes, line and label) and centre on it."""
        if self._closed:
            return
        if hop is None:
            self.view.fit()
            return
        items = [self.scene.nodes.get(hop.source), self.scene.nodes.get(hop.destination)]
        conn = self.scene.connections.get(hop.connection)
        if conn is not None:
            items.append(conn)
            if conn.label_item.isVisible():
                items.append(conn.label_item)
        rect = QRectF()
        for item in items:
            if item is not None:
                rect = rect.united(item.sceneBoundingRect())
        if rect.isEmpty():
            return
        rect = rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        self.view.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        zoom = self.view.zoom()
        if not MIN_ZOOM <= zoom <= MAX_ZOOM:
            self.view.set_zoom(min(max(zoom, MIN_ZOOM), MAX_ZOOM))
        self.view.centerOn(rect.center())

    # ---- Qt overrides
    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt's name
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.close()
        elif key in NEXT:
            self.next()
        elif key in BACK:
            self.previous()
        elif key == Qt.Key.Key_Home:
            self.first()
        elif key == Qt.Key.Key_End:
            self.last()
        elif key == Qt.Key.Key_D:
            self.toggle_detail()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def resizeEvent(self, event) -> None:  # Qt's name
        super().resizeEvent(event)
        if not self._closed:
            self._fit_caption()  # the design stays in view, the caption fits

    def eventFilter(self, watched, event) -> bool:  # Qt's name
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            self._frame(self.current_hop())  # the view's size settles after the window's
        return super().eventFilter(watched, event)

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt's name
        if not self._closed:
            self._closed = True
            self.editor.analysis_changed.disconnect(self._reload)
            self.scene.detach()
            log.debug("presentation closed")
            self.closed.emit()
        event.accept()
