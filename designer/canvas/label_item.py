"""The label of a connection: its flows written on the line, upright, on a light plate.

On screen a label is painted from a pixmap shared by every label with the same text at the
same zoom (labels repeat: one text per pair of roles, mostly), so a frame blits instead of
filling rounded plates and shaping text; exports paint it as vector text. Below
``style.label_min_zoom`` the text is too small to read and labels are not painted on screen
(the line's colour and style still show its encryption).
"""
from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPixmap, QRegion
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from ..render import style
from ..render.theme import LIGHT, CanvasTheme, painting_theme
from .settling import clippable

PADDING = 4


def zoom_of(painter: QPainter) -> float:
    """The painter's scale (Qt's level of detail for an item without its own transform)."""
    return QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())


def on_screen(widget: QWidget | None) -> bool:
    """Painting into a view (level of detail applies), not exporting (``scene.render``)."""
    return widget is not None


class LabelItem(QGraphicsRectItem):
    """A connection's label. A ``QGraphicsRectItem`` of its plate (no pen, no brush: it paints
    itself) for that item's C++ ``boundingRect()``: see ``ConnectionItem``. The rect is empty
    while the label is hidden: a label that gave way must not count in the scene's bounds
    (``itemsBoundingRect`` counts hidden items, and Fit would zoom out for it)."""

    PADDING = PADDING
    clip_to: QRegion | None = None  # painted only within this region of the view (settling.py)

    def __init__(self, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.setPen(Qt.PenStyle.NoPen)
        self.lines: list[str] = []
        self.error = False
        self.setZValue(style.Z_LABEL)
        self._rect = QRectF()  # its plate, shown or not (the item's rect while shown)
        self._shown = True  # a hidden label (it gave way) takes no room: see the class
        self.magnify = 1.0  # painted this much larger than its size (zoomed out: legible.label_magnify)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    @staticmethod
    def size_of(lines: list[str]) -> tuple[float, float]:
        return _label_size(tuple(lines))

    def set_lines(self, lines: list[str], error: bool = False) -> None:
        if lines == self.lines and error == self.error:
            return
        self.lines, self.error = lines, error
        self._resize()

    def set_magnify(self, magnify: float) -> None:
        if magnify != self.magnify:
            self.magnify = magnify
            self._resize()

    def _resize(self) -> None:
        w, h = self.size_of(self.lines) if self.lines else (0.0, 0.0)
        self._rect = QRectF(0, 0, w * self.magnify, h * self.magnify) if self.lines else QRectF()
        self.setRect(self._rect if self._shown else QRectF())  # (Qt's prepareGeometryChange, when it changes)
        self.update()

    def size(self) -> QSizeF:
        """The label's size as it is painted (magnified), shown or not."""
        return self._rect.size()

    def set_shown(self, shown: bool) -> None:
        """Show or hide the label; its bounds follow. (Not through ``itemChange``: a Python
        override of it is called for every change of every item.)"""
        if shown != self._shown:
            self._shown = shown
            self.setRect(self._rect if shown else QRectF())
        self.setVisible(shown)

    @clippable
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if not self.lines:
            return
        theme = painting_theme(self.scene(), widget)
        m = self.magnify
        if not on_screen(widget):
            painter.save()
            painter.scale(m, m)
            _paint_plate(painter, QRectF(0, 0, self._rect.width() / m, self._rect.height() / m),
                         tuple(self.lines), self.error, theme)
            painter.restore()
            return
        transform = painter.worldTransform()
        zoom = transform.m11()
        least = getattr(self.scene(), "label_min_zoom", style.LABEL_MIN_ZOOM)
        if zoom < least or transform.m12() or transform.m21():
            if zoom >= least:  # rotated or sheared: no pixmap
                painter.save()
                painter.scale(m, m)
                _paint_plate(painter, QRectF(0, 0, self._rect.width() / m, self._rect.height() / m),
                             tuple(self.lines), self.error, theme)
                painter.restore()
            return
        ratio = widget.devicePixelRatioF()
        pixmap = label_pixmap(tuple(self.lines), self.error, round(zoom * m, 4), ratio, theme)
        corner = transform.map(QPointF(0, 0))
        painter.save()
        painter.resetTransform()  # blit on whole device pixels: no blur
        painter.drawPixmap(QPointF(round(corner.x() * ratio) / ratio, round(corner.y() * ratio) / ratio), pixmap)
        painter.restore()


def _paint_plate(painter: QPainter, rect: QRectF, lines: tuple[str, ...], error: bool,
                 theme: CanvasTheme = LIGHT) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(theme.error if error else theme.plate_border), 1))
    painter.setBrush(QBrush(style.tinted(theme.plate, theme.plate_alpha)))
    painter.drawRoundedRect(rect, 4, 4)
    painter.setFont(style.shared_font(8))
    painter.setPen(QColor(theme.error if error else theme.text))
    metrics = style.metrics(8)
    y = PADDING + metrics.ascent()
    for line in lines:
        painter.drawText(QPointF(PADDING, y), line)
        y += metrics.height()


@lru_cache(maxsize=4096)
def _label_size(lines: tuple[str, ...]) -> tuple[float, float]:
    """A label's plate for these lines."""
    if not lines:
        return 0.0, 0.0
    metrics = style.metrics(8)
    width = max(metrics.horizontalAdvance(line) for line in lines)
    return width + 2 * PADDING, metrics.height() * len(lines) + 2 * PADDING


@lru_cache(maxsize=512)
def label_pixmap(lines: tuple[str, ...], error: bool, zoom: float, ratio: float,
                 theme: CanvasTheme = LIGHT) -> QPixmap:
    """The label painted at ``zoom`` for a screen of device pixel ratio ``ratio``, in ``theme``
    (``CanvasScene.set_theme`` empties this cache)."""
    w, h = _label_size(lines)
    pixmap = QPixmap(max(1, math.ceil(w * zoom * ratio) + 1), max(1, math.ceil(h * zoom * ratio) + 1))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.scale(zoom, zoom)
    _paint_plate(painter, QRectF(0, 0, w, h), lines, error, theme)
    painter.end()
    return pixmap
