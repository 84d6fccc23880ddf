"""The canvas view: zoom (Ctrl+wheel, fit), pan (middle button or Space+drag), the grid, and
dropping node types from the palette.

Zooming from the keyboard or the menus (in, out, actual size) keeps the point at the view's
centre where it is; the wheel keeps the point under the mouse. Fit centres the design. While
the user has not zoomed or panned since the last fit, the view stays fitted when it is
resized: a design opened before the window reaches its final size still opens in the Fit view.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsView

from ..model.layout import GRID
from .scene import CanvasScene
from .settling import clip_to_pixels
from ..render.theme import DARK, LIGHT, CanvasTheme

ROLE_MIME = "application/x-exchange-designer-role"
MIN_ZOOM, MAX_ZOOM = 0.1, 4.0
FIT_MAX_ZOOM = 1.5  # a small design is not blown up past this
FIT_MARGIN = 20.0  # scene units around the design in the Fit view


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
        self.fitted = False  # the view shows the Fit view (no zoom or pan since): resizes re-fit

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

    def set_zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom to ``factor``, keeping the scene point under ``anchor`` (a viewport position;
        default: the viewport's centre) where it is on screen."""
        factor = min(max(factor, MIN_ZOOM), MAX_ZOOM)
        self.fitted = False
        self._scale_to(factor, anchor)
        self._zoomed()
        self.zoom_changed.emit(factor)

    def _scale_to(self, factor: float, anchor: QPointF | None = None) -> None:
        port = self.viewport().rect()
        at = QPointF(port.width() / 2, port.height() / 2) if anchor is None else anchor
        before = self.mapToScene(at.toPoint())
        fixed = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setTransform(self.transform().fromScale(factor, factor))
        self.setTransformationAnchor(fixed)
        self._scroll_to(before, at)

    def _scroll_to(self, scene_point: QPointF, at: QPointF) -> None:
        """Scroll so that ``scene_point`` shows at viewport position ``at``."""
        delta = self.mapFromScene(scene_point) - at.toPoint()
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + delta.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + delta.y())

    def _zoomed(self) -> None:
        """Labels show from ``label_min_zoom`` on: finish placing them before they are painted."""
        labels = self.canvas.labels
        labels.set_zoom(self.zoom())
        if self.zoom() >= self.canvas.label_min_zoom and (labels.backlog or labels.unapplied or labels.full):
            labels.finish()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * 1.25)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / 1.25)

    def zoom_reset(self) -> None:
        self.set_zoom(1.0)

    def fit(self) -> None:
        """Show the whole design, centred (at most at ``FIT_MAX_ZOOM``)."""
        rect = self.canvas.itemsBoundingRect()
        if rect.isEmpty():
            return
        for _ in range(2):  # labels are placed for the zoom (legible.label_magnify): fit what they take
            self._scale_to(fit_zoom(rect, self.viewport().width(), self.viewport().height()))
            self._zoomed()
            if self.canvas.itemsBoundingRect() == rect:
                break
            rect = self.canvas.itemsBoundingRect()
        self.centerOn(rect.center())
        self.fitted = True
        self.zoom_changed.emit(self.zoom())

    def resizeEvent(self, event) -> None:  # Qt's name
        super().resizeEvent(event)
        if self.fitted and self.canvas is not None:  # (a view whose scene has gone may still be resized)
            self.fit()

    def wheelEvent(self, event) -> None:  # Qt's name
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            self.set_zoom(self.zoom() * math.pow(1.15, steps), event.position())
            event.accept()
            return
        self.fitted = False
        super().wheelEvent(event)

    # ---- pan
    def keyPressEvent(self, event) -> None:  # Qt's name
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.fitted = False
            self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:  # Qt's name
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        super().keyReleaseEvent(event)

    def mousePressEvent(self, event) -> None:  # Qt's name
        if event.button() == Qt.MouseButton.MiddleButton:
            self.fitted = False
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
        settling = self.canvas.settling
        if settling is not None and settling.view is self:
            if settling.draws(self.viewport()):  # the drop's frame: the picture, but where it is stale
                settling.picture.draw(painter, rect)
                if settling.region.intersects(self.mapFromScene(rect).boundingRect()):
                    painter.save()
                    clip_to_pixels(painter, settling.region)
                    self._draw_plain_background(painter, rect)
                    painter.restore()
                return
            self.canvas.end_settling()  # scrolled or zoomed first: paint normally
        self._draw_plain_background(painter, rect)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:  # Qt's name
        """During a drag and for the drop's frame, the nodes that stay put, from the drag layer's
        top picture: they are stacked above the moving lines (drag_layer.py, settling.py)."""
        super().drawForeground(painter, rect)
        layer, settling = self.canvas.drag_layer, self.canvas.settling
        picture = layer.picture(self.viewport()) if layer is not None else None
        drop_frame = settling is not None and settling.draws(self.viewport())
        if drop_frame:
            picture = settling.picture
        if picture is not None and picture.top is not None and picture.valid():
            picture.draw_top(painter, rect)
        if drop_frame:
            settling.frame_painted()

    def _draw_plain_background(self, painter: QPainter, rect: QRectF) -> None:
        """The background brush and the grid (what the view paints behind the items)."""
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
        columns = max(0, math.ceil((rect.right() - left) / step))
        row = QPolygonF([QPointF(left + i * step, 0.0) for i in range(columns)])  # one row, drawn
        y = top                                                                   # at each height
        while y < rect.bottom():
            painter.drawPoints(row.translated(0.0, y))
            y += step

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


def fit_zoom(rect: QRectF, width: int, height: int) -> float:
    """The zoom that shows ``rect`` with a ``FIT_MARGIN`` around it in a viewport of that
    size, at most ``FIT_MAX_ZOOM`` (and within the view's zoom range)."""
    w, h = rect.width() + 2 * FIT_MARGIN, rect.height() + 2 * FIT_MARGIN
    if w <= 0 or h <= 0 or width <= 0 or height <= 0:
        return 1.0
    return min(max(min(width / w, height / h, FIT_MAX_ZOOM), MIN_ZOOM), MAX_ZOOM)


def palette_theme(palette: QPalette) -> CanvasTheme:
    """The canvas theme for a palette: dark when its window colour is dark."""
    return DARK if palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5 else LIGHT
