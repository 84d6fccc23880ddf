"""The canvas view: zoom (Ctrl+wheel, fit), pan (middle button or Space+drag), the grid, and
dropping node types from the palette."""
from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QGraphicsView

from ..model.layout import GRID
from .scene import CanvasScene
from ..render.theme import DARK, LIGHT, CanvasTheme

ROLE_MIME = "application/x-exchange-designer-role"
MIN_ZOOM, MAX_ZOOM = 0.1, 4.0


class CanvasView(QGraphicsView):
    zoom_changed = Signal(float)

    def __init__(self, scene: CanvasScene) -> None:
        super().__init__(scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setAcceptDrops(True)
        self.follow_palette()
        self._pan_from: QPointF | None = None
        self._space = False

    @property
    def canvas(self) -> CanvasScene:
        return self.scene()

    # ---- theme: the canvas follows the window's palette, light or dark
    def follow_palette(self) -> None:
        """Paint the canvas in the theme that matches this view's palette (a dark window gets
        the dark canvas)."""
        self.set_theme(palette_theme(self.palette()))

    def set_theme(self, theme: CanvasTheme) -> None:
        self.setBackgroundBrush(QColor(theme.background))
        if self.canvas is not None:  # (a view whose scene has gone can still get a palette change)
            self.canvas.set_theme(theme)
        self.viewport().update()

    def changeEvent(self, event: QEvent) -> None:  # Qt's name
        if event.type() == QEvent.Type.PaletteChange:
            self.follow_palette()
        super().changeEvent(event)

    # ---- zoom
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float) -> None:
        factor = min(max(factor, MIN_ZOOM), MAX_ZOOM)
        self.setTransform(self.transform().fromScale(factor, factor))
        self._zoomed()
        self.zoom_changed.emit(factor)

    def _zoomed(self) -> None:
        """Labels show from ``label_min_zoom`` on: finish placing them before they are painted."""
        labels = self.canvas.labels
        if self.zoom() >= self.canvas.label_min_zoom and (labels.backlog or labels.unapplied):
            labels.finish()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * 1.25)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / 1.25)

    def zoom_reset(self) -> None:
        self.set_zoom(1.0)

    def fit(self) -> None:
        rect = self.canvas.itemsBoundingRect()
        if rect.isEmpty():
            return
        self.fitInView(rect.adjusted(-40, -40, 40, 40), Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > 1.5:
            self.set_zoom(1.5)
        self._zoomed()
        self.zoom_changed.emit(self.zoom())

    def wheelEvent(self, event) -> None:  # Qt's name
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            self.set_zoom(self.zoom() * math.pow(1.15, steps))
            event.accept()
            return
        super().wheelEvent(event)

    # ---- pan
    def keyPressEvent(self, event) -> None:  # Qt's name
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:  # Qt's name
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        super().keyReleaseEvent(event)

    def mousePressEvent(self, event) -> None:  # Qt's name
        if event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # Qt's name
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - int(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - int(delta.y()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # Qt's name
        if event.button() == Qt.MouseButton.MiddleButton and self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    # ---- grid
    drag_layer_ready = True  # the scene may give this view a drag layer (drag_layer.py)

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # Qt's name
        layer = self.canvas.drag_layer
        picture = layer.picture(self.viewport()) if layer is not None else None
        if picture is not None:
            if picture.valid():
                picture.draw(painter, rect)
                return
            self.canvas.drop_drag_layer()  # scrolled or zoomed: paint normally again
        super().drawBackground(painter, rect)
        labels = self.canvas.labels
        if self.zoom() >= self.canvas.label_min_zoom and (labels.backlog or labels.unapplied):
            labels.schedule()  # zoomed in some other way: place them next
        if not self.canvas.show_grid or self.zoom() < 0.35:
            return
        step = GRID * (2 if self.zoom() < 0.7 else 1)
        painter.setPen(QPen(QColor(self.canvas.theme.grid), 0))
        left = math.floor(rect.left() / step) * step
        top = math.floor(rect.top() / step) * step
        points = []
        y = top
        while y < rect.bottom():
            x = left
            while x < rect.right():
                points.append(QPointF(x, y))
                x += step
            y += step
        painter.drawPoints(points)

    # ---- dropping node types from the palette
    def dragEnterEvent(self, event) -> None:  # Qt's name
        if event.mimeData().hasFormat(ROLE_MIME):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # Qt's name
        if event.mimeData().hasFormat(ROLE_MIME):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:  # Qt's name
        if not event.mimeData().hasFormat(ROLE_MIME):
            super().dropEvent(event)
            return
        role = bytes(event.mimeData().data(ROLE_MIME)).decode()
        pos = self.mapToScene(event.position().toPoint())
        node_id = self.canvas.editor.add_node(role, (pos.x(), pos.y()))
        self.canvas.select_ids([node_id])
        event.acceptProposedAction()


def palette_theme(palette: QPalette) -> CanvasTheme:
    """The canvas theme for a palette: dark when its window colour is dark."""
    return DARK if palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5 else LIGHT
