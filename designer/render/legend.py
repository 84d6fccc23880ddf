"""What an exported diagram looks like: the drawing above a footer, which holds a legend (line
styles, zone colours, how to read a label) and a title block (design, Exchange version, date).

The footer is painted with a ``QPainter`` straight onto the export device, never added to the scene, so
the canvas is untouched. Units are canvas pixels; fonts come from :mod:`.style`, so text has the
same size relative to the drawing as on the canvas. Text is drawn as text (``drawText``), which
SVG and PDF keep as searchable text.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from ..support.i18n import QT_TRANSLATE_NOOP
from ..support.states import ZoneKind
from ..model.layout import GRID
from . import style
from .callouts import Key, KeyEntry, key_origin, key_rect

APP_NAME = "Exchange Topology Designer"
ROW = 19.0  # height of one legend row
SAMPLE = 60.0  # length of a line sample (two periods of the longest pattern)
PAD = 12.0  # inner padding of the boxes
GAP = 28.0  # between legend columns, and between the legend and the title block
CAPTION = 18.0  # height of a column heading
SPACE = 8.0  # above the second heading of a column
HEIGHT = 2 * PAD + CAPTION + 7 * ROW + SPACE
TITLE_MIN, TITLE_MAX = 340.0, 620.0
RULE = QColor("#b0bec5")
MUTED = QColor("#607d8b")
# The legend's texts, in the "Legend" context: an export from the window is in the user's language
ERROR_TEXT = QT_TRANSLATE_NOOP("Legend", "Error: no data path between these roles")
ZONE_TEXT = {ZoneKind.INTERNET: QT_TRANSLATE_NOOP("Legend", "Internet"),
             ZoneKind.PERIMETER: QT_TRANSLATE_NOOP("Legend", "Perimeter network (DMZ)"),
             ZoneKind.INTERNAL: QT_TRANSLATE_NOOP("Legend", "Internal network"),
             ZoneKind.CLOUD: QT_TRANSLATE_NOOP("Legend", "Microsoft 365 (cloud)")}
LABEL_TEXT = (QT_TRANSLATE_NOOP("Legend", "port/transport service · auth · encryption"),
              QT_TRANSLATE_NOOP("Legend", "→ ← direction a connection is opened"))
# what each line style means (style.ENCRYPTION_STYLES says it in English)
MEANINGS = (QT_TRANSLATE_NOOP("Legend", "Encrypted by default"),
            QT_TRANSLATE_NOOP("Legend", "Encryption optional (off by default)"),
            QT_TRANSLATE_NOOP("Legend", "Encryption supported, default not stated"),
            QT_TRANSLATE_NOOP("Legend", "Plaintext"),
            QT_TRANSLATE_NOOP("Legend", "Encryption not stated by the source"))
SCOPES = (QT_TRANSLATE_NOOP("Legend", "Whole design"), QT_TRANSLATE_NOOP("Legend", "Selection"))


translate = QCoreApplication.translate  # the texts are in the "Legend" context


def _tr(text: str) -> str:
    """A text marked above, in the user's language."""
    return translate("Legend", text)
SOURCE_MARGIN = 16.0  # around the items, in the drawing
SHEET_MARGIN = 24.0  # around the drawing and the footer
FOOTER_GAP = 18.0  # between the drawing and the footer
EMPTY = QRectF(0, 0, 480, 240)  # the drawing of a design without items
ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class TitleBlock:
    """What the title block says: the design's name, e.g. "Exchange 2016", and a date."""

    title: str
    version: str
    date: str
    scope: str = "Whole design"


def _width(text: str, size: float = 8.0, bold: bool = False) -> float:
    return QFontMetricsF(style.font(size, bold)).horizontalAdvance(text)


ERROR = "error"  # the legend's key for a line without a data path


def _rows(kinds: set[str] | None = None) -> list[tuple[QPen, str]]:
    """The line styles the legend explains: those in ``kinds`` (every one when None)."""
    rows = [(style.connection_pen(kind), _tr(meaning))
            for kind, (_, _, meaning) in style.ENCRYPTION_STYLES.items() if kinds is None or kind in kinds]
    if kinds is None or ERROR in kinds:
        rows.append((style.connection_pen("", error=True), _tr(ERROR_TEXT)))
    return rows


def used_styles(scene) -> set[str] | None:
    """The line styles the scene's visible connections are drawn with (``ERROR`` for a line
    without a data path), or None for a design without connections (the legend shows all)."""
    kinds = {ERROR if c.label.error is not None else c.kind for c in scene.connections.values() if c.isVisible()}
    return kinds or None


class Footer:
    """Legend on the left, title block on the right, ``HEIGHT`` tall. The legend explains the
    line styles in ``kinds`` (see :func:`used_styles`; every style when None)."""

    def __init__(self, info: TitleBlock, kinds: set[str] | None = None) -> None:
        self.info = info
        self.rows = _rows(kinds)
        self.lines_width = SAMPLE + 10 + max(_width(text) for _, text in self.rows)
        self.zones_width = max([30 + _width(_tr(t)) for t in ZONE_TEXT.values()]
                               + [_width(_tr(t)) for t in LABEL_TEXT])
        title = _width(info.title, 13, bold=True) + 2 * PAD + 24  # slack for other renderers
        self.title_width = min(max(title, TITLE_MIN), TITLE_MAX)

    def legend_width(self) -> float:
        return 2 * PAD + self.lines_width + GAP + self.zones_width

    def min_width(self) -> float:
        return self.legend_width() + GAP + self.title_width

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        legend = QRectF(rect.left(), rect.top(), self.legend_width(), HEIGHT)
        title = QRectF(rect.right() - self.title_width, rect.top(), self.title_width, HEIGHT)
        self._box(painter, legend)
        self._box(painter, title)
        inner = legend.adjusted(PAD, PAD, -PAD, -PAD)
        self._lines(painter, QRectF(inner.left(), inner.top(), self.lines_width, inner.height()))
        self._zones(painter, QRectF(inner.left() + self.lines_width + GAP, inner.top(),
                                    self.zones_width, inner.height()))
        self._title_block(painter, title)
        painter.restore()

    @staticmethod
    def _box(painter: QPainter, rect: QRectF) -> None:
        painter.setPen(QPen(RULE, 1))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRect(rect)

    @staticmethod
    def _caption(painter: QPainter, rect: QRectF, text: str) -> None:
        painter.setFont(style.font(7.5, bold=True))
        painter.setPen(MUTED)
        painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), CAPTION - 4),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text.upper())

    def _lines(self, painter: QPainter, rect: QRectF) -> None:
        self._caption(painter, rect, translate("Legend", "Connections: weakest encryption"))
        y = rect.top() + CAPTION
        for pen, text in self.rows:
            mid = y + ROW / 2
            painter.setPen(pen)
            painter.drawLine(QPointF(rect.left() + 2, mid), QPointF(rect.left() + SAMPLE - 2, mid))
            painter.setFont(style.font(8))
            painter.setPen(style.TEXT_COLOR)
            painter.drawText(QRectF(rect.left() + SAMPLE + 10, y, rect.width() - SAMPLE - 10, ROW), ALIGN_LEFT, text)
            y += ROW

    def _zones(self, painter: QPainter, rect: QRectF) -> None:
        self._caption(painter, rect, translate("Legend", "Zones"))
        y = rect.top() + CAPTION
        for kind, text in ZONE_TEXT.items():
            swatch = QRectF(rect.left(), y + 3, 22, ROW - 6)
            painter.setPen(QPen(QColor(style.ZONE_BORDERS[kind]), 1.2))
            painter.setBrush(QColor(style.ZONE_COLORS[kind]))
            painter.drawRoundedRect(swatch, 3, 3)
            painter.setFont(style.font(8))
            painter.setPen(style.TEXT_COLOR)
            painter.drawText(QRectF(rect.left() + 30, y, rect.width() - 30, ROW), ALIGN_LEFT, _tr(text))
            y += ROW
        y += SPACE
        self._caption(painter, QRectF(rect.left(), y, rect.width(), CAPTION), translate("Legend", "Labels"))
        y += CAPTION
        painter.setFont(style.font(8))
        painter.setPen(style.TEXT_COLOR)
        for text in LABEL_TEXT:
            painter.drawText(QRectF(rect.left(), y, rect.width(), ROW), ALIGN_LEFT, _tr(text))
            y += ROW

    def _title_block(self, painter: QPainter, rect: QRectF) -> None:
        info = self.info
        name_h = rect.height() - 2 * 40
        name = QRectF(rect.left(), rect.top(), rect.width(), name_h)
        cells = QRectF(rect.left(), name.bottom(), rect.width(), 40)
        credit = QRectF(rect.left(), cells.bottom(), rect.width(), 40)
        painter.setPen(QPen(RULE, 1))
        painter.drawLine(cells.topLeft(), cells.topRight())
        painter.drawLine(credit.topLeft(), credit.topRight())
        half = rect.width() / 2
        painter.drawLine(QPointF(cells.left() + half, cells.top()), QPointF(cells.left() + half, credit.bottom()))
        painter.setFont(style.font(13, bold=True))
        painter.setPen(style.TEXT_COLOR)
        painter.drawText(name.adjusted(PAD, 6, -PAD, -6), ALIGN_LEFT | Qt.TextFlag.TextWordWrap, info.title)
        for cell, caption, value in (
                (QRectF(cells.left(), cells.top(), half, 40), translate("Legend", "Exchange version"), info.version),
                (QRectF(cells.left() + half, cells.top(), half, 40), translate("Legend", "Date"), info.date),
                (QRectF(credit.left(), credit.top(), half, 40), translate("Legend", "Scope"), _tr(info.scope)),
                (QRectF(credit.left() + half, credit.top(), half, 40), translate("Legend", "Drawn with"), APP_NAME)):
            inner = cell.adjusted(PAD, 4, -PAD, -4)
            self._caption(painter, inner, caption)
            small = value == APP_NAME
            painter.setFont(style.font(7.5 if small else 8.5, bold=not small))
            painter.setPen(style.TEXT_COLOR)
            metrics = QFontMetricsF(painter.font())
            text = metrics.elidedText(value, Qt.TextElideMode.ElideRight, inner.width())
            painter.drawText(QRectF(inner.left(), inner.top() + 14, inner.width(), inner.height() - 14),
                             ALIGN_LEFT, text)


def visible_bounds(scene) -> QRectF:
    """The bounds of the scene's visible items (``itemsBoundingRect`` counts hidden ones too)."""
    bounds = QRectF()
    for item in scene.items():
        if item.isVisible():
            bounds |= item.sceneBoundingRect()
    return bounds


class Sheet:
    """The picture an export paints: the drawing (the scene's visible items plus a margin, as
    Orange's grab_svg takes them) above the footer, in canvas pixels."""

    def __init__(self, scene, info: TitleBlock, grid: bool, key: list[KeyEntry] | None = None) -> None:
        self.scene, self.grid = scene, grid
        self.footer = Footer(info, used_styles(scene))
        self.info = info
        bounds = visible_bounds(scene)
        self.items_bounds = bounds
        self.key = Key(key or [], bounds.width())
        self.key_at = key_origin(bounds)  # the key's corner, in scene coordinates (under the items)
        self.set_key_inline(bool(self.key.entries))

    def set_key_inline(self, inline: bool) -> None:
        """Print the key under the drawing (a single page, an image) or not (an atlas prints it
        on pages of its own, see ``print_plan``): the drawing's source rectangle follows."""
        self.key_inline = inline and bool(self.key.entries)
        bounds = self.items_bounds
        if self.key_inline:
            self.key.layout(bounds.width())
            bounds = bounds.united(key_rect(self.key, bounds))
        self.source = bounds.adjusted(-SOURCE_MARGIN, -SOURCE_MARGIN, SOURCE_MARGIN, SOURCE_MARGIN) \
            if not bounds.isEmpty() else EMPTY
        self.natural = (max(self.source.width(), self.footer.min_width()) + 2 * SHEET_MARGIN,
                        self.source.height() + FOOTER_GAP + HEIGHT + 2 * SHEET_MARGIN)
        self.layout(*self.natural)

    def layout(self, width: float, height: float) -> None:
        """Fill at least ``width`` x ``height``: the footer along the bottom, the drawing
        centred above it (a page gets its title block in the bottom corner)."""
        self.width, self.height = max(width, self.natural[0]), max(height, self.natural[1])
        inner = self.width - 2 * SHEET_MARGIN
        above = self.height - 2 * SHEET_MARGIN - FOOTER_GAP - HEIGHT
        self.drawing = QRectF(SHEET_MARGIN + (inner - self.source.width()) / 2,
                              SHEET_MARGIN + (above - self.source.height()) / 2,
                              self.source.width(), self.source.height())
        self.footer_rect = QRectF(SHEET_MARGIN, self.height - SHEET_MARGIN - HEIGHT, inner, HEIGHT)

    def paint(self, painter: QPainter) -> None:
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                               | QPainter.RenderHint.SmoothPixmapTransform)
        painter.fillRect(QRectF(0, 0, self.width, self.height), QColor("#ffffff"))
        if self.grid:
            self._paint_grid(painter)
        self.render_drawing(painter, self.drawing, self.source)
        self.footer.paint(painter, self.footer_rect)

    def render_drawing(self, painter: QPainter, target: QRectF, source: QRectF) -> None:
        """The scene's ``source`` rectangle into ``target``, with the part of the key it holds."""
        self.scene.render(painter, target, source, Qt.AspectRatioMode.IgnoreAspectRatio)
        if not self.key_inline:
            return
        painter.save()
        painter.setClipRect(target, Qt.ClipOperation.IntersectClip)
        painter.translate(target.topLeft())
        painter.scale(target.width() / source.width(), target.height() / source.height())
        painter.translate(-source.topLeft())
        self.key.paint(painter, self.key_at)
        painter.restore()

    def _paint_grid(self, painter: QPainter) -> None:
        """The canvas's dot grid, on the scene's coordinates (the view draws it on screen)."""
        src, offset = self.source, self.drawing.topLeft() - self.source.topLeft()
        pen = QPen(QColor("#c5ced6"), 1.6)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        xs = [x * GRID for x in range(math.ceil(src.left() / GRID), math.floor(src.right() / GRID) + 1)]
        ys = [y * GRID for y in range(math.ceil(src.top() / GRID), math.floor(src.bottom() / GRID) + 1)]
        painter.drawPoints([QPointF(x, y) + offset for y in ys for x in xs])
