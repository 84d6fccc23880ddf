"""Pens, brushes, fonts and z-order of the canvas, in one place."""
from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen, QPixmap
from PySide6.QtSvg import QSvgRenderer

from ..support.paths import icons_dir
from ..support.states import EncryptionKind
from .theme import KINDS, LIGHT, CanvasTheme

ICONS = icons_dir()  # resources/icons, in a checkout or in the packaged app

# Level of detail on screen (zoom, as Qt's levelOfDetailFromTransform): below these, connection
# labels and node names are too small to read and are not painted (exports always show them).
# A small design keeps them further out: it fits the window at 30-50 %, a laptop's screen
# included, and its labels are what the designer is for; there are few of them to paint.
LABEL_MIN_ZOOM = 0.45
NAME_MIN_ZOOM = 0.3
SMALL_DESIGN = 200  # connections (labels) or nodes, at most, for the small design's levels
SMALL_LABEL_MIN_ZOOM = 0.2
SMALL_NAME_MIN_ZOOM = 0.15


def label_min_zoom(labels: int) -> float:
    """The zoom from which connection labels are painted, for a design with that many."""
    return SMALL_LABEL_MIN_ZOOM if labels <= SMALL_DESIGN else LABEL_MIN_ZOOM


def name_min_zoom(nodes: int) -> float:
    """The zoom from which node names are painted, for a design with that many nodes."""
    return SMALL_NAME_MIN_ZOOM if nodes <= SMALL_DESIGN else NAME_MIN_ZOOM

Z_ZONE, Z_CONNECTION, Z_NODE, Z_LABEL, Z_TEMP = -10, 0, 10, 20, 30

# The light (print) colours; on screen the items take theirs from the scene's theme (theme.py).
ZONE_COLORS = {kind: LIGHT.zone_fill(kind) for kind in KINDS}
ZONE_BORDERS = {kind: LIGHT.zone_border(kind) for kind in KINDS}

# Lines are styled by the weakest encryption over the connection: each meaning has its own colour
# and its own pattern, so a greyscale print or a colour-blind reader still tells them apart.
ENCRYPTION_STYLES = {
    EncryptionKind.ENCRYPTED: (LIGHT.encrypted, Qt.PenStyle.SolidLine, "Encrypted by default"),
    EncryptionKind.OPTIONAL: (LIGHT.optional, Qt.PenStyle.DashLine, "Encryption optional (off by default)"),
    EncryptionKind.POSSIBLE: (LIGHT.possible, Qt.PenStyle.DashDotLine, "Encryption supported, default not stated"),
    EncryptionKind.NONE: (LIGHT.plaintext, Qt.PenStyle.DotLine, "Plaintext"),
    EncryptionKind.UNKNOWN: (LIGHT.unknown, Qt.PenStyle.DashDotDotLine, "Encryption not stated by the source"),
}
LINE_WIDTH, ERROR_WIDTH = 2.2, 2.5
ERROR_DASHES = (6.0, 3.5)  # long dashes, in pen widths: apart from the short ones of "optional"
ERROR_COLOR = LIGHT.error
SELECTION_COLOR = QColor(LIGHT.selection)
TEXT_COLOR = QColor(LIGHT.text)


def connection_pen(kind: str, selected: bool = False, error: bool = False, theme: CanvasTheme = LIGHT) -> QPen:
    if error:
        pen = QPen(QColor(theme.error), ERROR_WIDTH, Qt.PenStyle.CustomDashLine)
        pen.setDashPattern(list(ERROR_DASHES))
    else:
        _, style, _ = ENCRYPTION_STYLES.get(kind, ENCRYPTION_STYLES[EncryptionKind.UNKNOWN])
        pen = QPen(QColor(theme.line_color(kind)), LINE_WIDTH, style)
    if selected:
        pen.setWidthF(pen.widthF() + 1.8)
    # round caps would fill the gaps of a pattern (dots grow into dashes): flat ones keep it crisp
    pen.setCapStyle(Qt.PenCapStyle.RoundCap if pen.style() == Qt.PenStyle.SolidLine else Qt.PenCapStyle.FlatCap)
    return pen


@lru_cache(maxsize=None)
def screen_pen(kind: str, selected: bool, error: bool, width: float, theme: CanvasTheme = LIGHT) -> QPen:
    """``connection_pen`` for painting on screen, ``width`` pixels wide (cosmetic): square caps
    instead of round ones (the rasteriser draws round caps of an antialiased line about twenty
    times slower; the ends of a line hide under its nodes' icons anyway)."""
    pen = connection_pen(kind, selected, error, theme)
    pen.setWidthF(width)
    pen.setCosmetic(True)
    pen.setCapStyle(Qt.PenCapStyle.SquareCap if pen.style() != Qt.PenStyle.SolidLine else Qt.PenCapStyle.FlatCap)
    return pen


@lru_cache(maxsize=None)
def selection_pen(theme: CanvasTheme = LIGHT) -> QPen:
    """The dashed outline of a selected node: cosmetic, 1.5 pixels at any zoom (Qt strokes a
    cosmetic dashed outline several times faster than a scaled one)."""
    pen = QPen(QColor(theme.selection), 1.5, Qt.PenStyle.DashLine)
    pen.setCosmetic(True)
    return pen


OPAQUE_HALO = 3.0  # pixels: a selection halo up to this wide is drawn opaque (see halo_pen)


@lru_cache(maxsize=None)
def halo_pen(width: float, theme: CanvasTheme = LIGHT) -> QPen:
    """The halo of a selected or highlighted connection on screen, ``width`` pixels wide.
    Up to ``OPAQUE_HALO`` pixels (zoomed out) it is opaque, the selection colour as its tint
    looks on the canvas: the rasteriser draws a translucent line three to four times slower,
    and a Select All of thousands of lines would repaint for seconds, while a band that thin
    shows nothing through it anyway."""
    color = tinted(theme.selection, theme.halo_alpha)
    if width <= OPAQUE_HALO:
        color = blended(color, QColor(theme.background))
    pen = QPen(color, width)
    pen.setCosmetic(True)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def blended(color: QColor, under: QColor) -> QColor:
    """The opaque colour ``color`` (with its alpha) shows over ``under``."""
    a = color.alphaF()
    return QColor.fromRgbF(color.redF() * a + under.redF() * (1 - a), color.greenF() * a + under.greenF() * (1 - a),
                           color.blueF() * a + under.blueF() * (1 - a))


def tinted(color: str, alpha: int) -> QColor:
    """``color`` with an alpha (0-255)."""
    tint = QColor(color)
    tint.setAlpha(alpha)
    return tint


def zone_colors(theme: CanvasTheme, kind: str, custom: str | None) -> tuple[QColor, QColor, QColor]:
    """A zone's fill, border and title colour. A colour the user chose (``custom``, from the
    model) is kept as it is in the light theme; the dark one keeps its hue and renders it dark
    and muted, with a light border and title, so the canvas stays dark and text stays legible."""
    if not theme.dark:
        fill = QColor(custom or theme.zone_fill(kind))
        border = fill.darker(160) if custom else QColor(theme.zone_border(kind))
        return fill, border, border.darker(150)
    if not custom or not QColor.isValidColorName(custom):
        border = QColor(theme.zone_border(kind))
        return QColor(theme.zone_fill(kind)), border, border.lighter(135)
    hue, saturation, lightness, _ = QColor(custom).getHslF()
    hue = max(hue, 0.0)  # -1 for greys
    fill = QColor.fromHslF(hue, min(saturation, 0.8) * 0.4, 0.12 + 0.1 * lightness)
    border = QColor.fromHslF(hue, min(saturation, 0.6), 0.62)
    title = QColor.fromHslF(hue, min(saturation, 0.5), 0.8)
    return fill, border, title


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
def icon_pixmap(role: str, pixels: int, outline: str | None = None) -> QPixmap:
    """A role's icon rendered once at a device size, for painting on screen (the SVG is
    rendered again only when the zoom asks for another size). With an ``outline`` colour (the
    dark theme's ``icon_outline``) the icon gets a thin outline of that colour, so its dark
    shapes stand out on a dark canvas."""
    image = QImage(pixels, pixels, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    icon_renderer(role).render(painter, QRectF(0, 0, pixels, pixels))
    painter.end()
    if outline is not None:
        image = _outlined(image, QColor(outline), max(1.0, pixels / 36))
    return QPixmap.fromImage(image)


def _outlined(image: QImage, color: QColor, width: float) -> QImage:
    """``image`` over its silhouette in ``color``, spread ``width`` pixels all round."""
    silhouette = QImage(image)
    painter = QPainter(silhouette)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(silhouette.rect(), color)
    painter.end()
    out = QImage(image.size(), QImage.Format.Format_ARGB32_Premultiplied)
    out.fill(Qt.GlobalColor.transparent)
    painter = QPainter(out)
    for step in range(12):
        angle = step * math.tau / 12
        painter.drawImage(QPointF(width * math.cos(angle), width * math.sin(angle)), silhouette)
    painter.drawImage(0, 0, image)
    painter.end()
    return out


@lru_cache(maxsize=None)
def icon_renderer(role: str) -> QSvgRenderer:
    """One shared renderer per role icon (a missing icon renders nothing)."""
    path = ICONS / f"{role}.svg"
    return QSvgRenderer(str(path)) if path.exists() else QSvgRenderer()
