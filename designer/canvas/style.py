"""Pens, brushes, fonts and z-order of the canvas, in one place."""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPixmap
from PySide6.QtSvg import QSvgRenderer

from ..paths import icons_dir

ICONS = icons_dir()  # resources/icons, in a checkout or in the packaged app

# Level of detail on screen (zoom, as Qt's levelOfDetailFromTransform): below these, connection
# labels and node names are too small to read and are not painted (exports always show them).
LABEL_MIN_ZOOM = 0.45
NAME_MIN_ZOOM = 0.3

Z_ZONE, Z_CONNECTION, Z_NODE, Z_LABEL, Z_TEMP = -10, 0, 10, 20, 30

ZONE_COLORS = {"internet": "#efe9f6", "perimeter": "#fdf1de", "internal": "#e6f0f8"}
ZONE_BORDERS = {"internet": "#8e7cc3", "perimeter": "#e0a030", "internal": "#5b8fbf"}

# Lines are styled by the weakest encryption over the connection.
ENCRYPTION_STYLES = {
    "encrypted": ("#2e7d32", Qt.PenStyle.SolidLine, "Encrypted by default"),
    "optional": ("#d68a00", Qt.PenStyle.DashLine, "Encryption optional (off by default)"),
    "possible": ("#d68a00", Qt.PenStyle.DashLine, "Encryption supported, default not stated"),
    "none": ("#c62828", Qt.PenStyle.DotLine, "Plaintext"),
    "unknown": ("#607d8b", Qt.PenStyle.SolidLine, "Encryption not stated by the source"),
}
ERROR_COLOR = "#c62828"
SELECTION_COLOR = QColor("#1e88e5")
TEXT_COLOR = QColor("#263238")


def connection_pen(kind: str, selected: bool = False, error: bool = False) -> QPen:
    if error:
        pen = QPen(QColor(ERROR_COLOR), 2.5, Qt.PenStyle.DashLine)
    else:
        color, style, _ = ENCRYPTION_STYLES.get(kind, ENCRYPTION_STYLES["unknown"])
        pen = QPen(QColor(color), 2.2, style)
    if selected:
        pen.setWidthF(pen.widthF() + 1.8)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


@lru_cache(maxsize=None)
def screen_pen(kind: str, selected: bool, error: bool, width: float) -> QPen:
    """``connection_pen`` for painting on screen, ``width`` pixels wide (cosmetic): square caps
    instead of round ones (the rasteriser draws round caps of an antialiased line about twenty
    times slower; the ends of a line hide under its nodes' icons anyway)."""
    pen = connection_pen(kind, selected, error)
    pen.setWidthF(width)
    pen.setCosmetic(True)
    pen.setCapStyle(Qt.PenCapStyle.SquareCap if pen.style() != Qt.PenStyle.SolidLine else Qt.PenCapStyle.FlatCap)
    return pen


@lru_cache(maxsize=None)
def selection_pen() -> QPen:
    """The dashed outline of a selected node: cosmetic, 1.5 pixels at any zoom (Qt strokes a
    cosmetic dashed outline several times faster than a scaled one)."""
    pen = QPen(SELECTION_COLOR, 1.5, Qt.PenStyle.DashLine)
    pen.setCosmetic(True)
    return pen


@lru_cache(maxsize=None)
def halo_pen(width: float) -> QPen:
    """The halo of a selected or highlighted connection on screen, ``width`` pixels wide."""
    pen = QPen(QColor(30, 136, 229, 90), width)
    pen.setCosmetic(True)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def font(size: float = 9.0, bold: bool = False) -> QFont:
    f = QFont()
    f.setPointSizeF(size)
    f.setBold(bold)
    return f


@lru_cache(maxsize=None)
def shared_font(size: float = 9.0, bold: bool = False) -> QFont:
    """One font per size and weight for painting (don't modify it; ``font()`` gives a copy)."""
    return font(size, bold)


@lru_cache(maxsize=None)
def metrics(size: float = 9.0, bold: bool = False) -> QFontMetricsF:
    """Font metrics, built once per size and weight instead of once per item or paint."""
    return QFontMetricsF(shared_font(size, bold))


@lru_cache(maxsize=256)
def icon_pixmap(role: str, pixels: int) -> QPixmap:
    """A role's icon rendered once at a device size, for painting on screen (the SVG is
    rendered again only when the zoom asks for another size)."""
    pixmap = QPixmap(pixels, pixels)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    icon_renderer(role).render(painter, QRectF(0, 0, pixels, pixels))
    painter.end()
    return pixmap


@lru_cache(maxsize=None)
def icon_renderer(role: str) -> QSvgRenderer:
    """One shared renderer per role icon (a missing icon renders nothing)."""
    path = ICONS / f"{role}.svg"
    return QSvgRenderer(str(path)) if path.exists() else QSvgRenderer()
