"""The connection item: a line between two node items, styled by its weakest encryption, with
its label as a child item; and how a line is routed and drawn (also used by the drag layer).

``paint()`` only paints. Geometry changes go through ``update_geometry()``, which calls
``prepareGeometryChange()`` first.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen, QRegion
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from ..analysis.labels import ConnectionLabel
from ..model.placement import LABEL_SPOTS, clip_segment, spots_along
from ..render import style
from ..render.theme import CanvasTheme, painting_theme
from ..support.states import EncryptionKind
from .label_item import LabelItem, on_screen
from .settling import clippable


class ConnectionItem(QGraphicsRectItem):
    """A connection between two node items, styled by encryption; its label is a child item.

    Its tooltip (every flow with its source) is built only when someone hovers it: the scene
    asks for it in ``helpEvent`` (``tooltip_pending``).

    It is a ``QGraphicsRectItem`` (of its bounds, drawn with no pen or brush) only for that
    item's ``boundingRect()``, which is C++: Qt asks each item's bounds many times a frame (an
    index lookup, a paint, an update), and a Python override of it is a call into Python each
    time. The item paints its line and has its own ``shape()``."""

    clip_to: QRegion | None = None  # painted only within this region of the view (settling.py)

    def __init__(self, connection_id: str) -> None:
        super().__init__()
        self.setPen(Qt.PenStyle.NoPen)  # (the bounds are the rect as it is: no half pen width round it)
        self.connection_id = connection_id
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                      | QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # exposedRect
        self.setAcceptHoverEvents(True)
        self.setZValue(style.Z_CONNECTION)
        self.path = QPainterPath()
        self.segment: Segment | None = None  # the line's ends when it is straight
        self.kind = EncryptionKind.UNKNOWN  # the weakest encryption over the connection: styles the line
        self.spots: list[tuple[float, float]] = []  # where the label may sit (LABEL_SPOTS)
        self.label = ConnectionLabel(())
        self.flip = False  # the line is drawn from the second node to the first
        self.highlighted = False  # a matrix row of this connection is selected
        self.ends: tuple[str, str] = ("", "")  # the node items it joins (for re-routing)
        self.points: list[tuple[float, float]] | None = None  # its route around nodes, if not straight
        self.compact = False  # the label shows its port summary ...
        self.brief = False  # ... and, zoomed far out, only a line per direction (ConnectionLabel.brief)
        self.tooltip_pending = False
        self.label_item = LabelItem(self)
        self.routed_from: tuple | None = None  # the ends, bend and route it was last routed from
        self.labelled_from: tuple | None = None  # what its label was built from (the scene's _label_basis)
        self._sizes: dict[tuple[bool, bool], tuple[float, float]] = {}  # label_size's answers, for this text

    def set_label(self, label: ConnectionLabel) -> None:
        self.label = label
        self._sizes = {}
        self.kind = label.encryption
        self.set_tooltip("")
        self.tooltip_pending = True
        self.label_item.set_lines(self._label_lines(), error=label.error is not None)
        self.update()

    def set_tooltip(self, tooltip: str) -> None:
        self.tooltip_pending = False
        self.setToolTip(tooltip)
        self.label_item.setToolTip(tooltip)

    def _label_lines(self, compact: bool | None = None, brief: bool | None = None) -> list[str]:
        compact = self.compact if compact is None else compact
        brief = self.brief if brief is None else brief
        if self.label.error:
            if not compact:
                return [f"⚠ {self.label.error}"]
            return ["⚠ " + QCoreApplication.translate("ConnectionItem", "no data path")]
        if compact:
            return [self._arrow(line) + line.text for line in (self.label.brief if brief else self.label.compact)]
        lines = [self._arrow(line) + line.text for line in self.label.lines]
        if self.label.more:
            more = QCoreApplication.translate("ConnectionItem", "+{count} more (hover for all)")
            lines.append(more.format(count=self.label.more))
        return lines

    def _arrow(self, line) -> str:
        return "→ " if line.forward != self.flip else "← "

    def label_size(self, compact: bool, brief: bool = False) -> tuple[float, float]:
        """The label's size, full, compact or brief, at its own size (not magnified): as it is
        shown (an export may show a number in its place: see ``render.callouts``), else kept
        until its text changes (a new label, or the line drawn the other way), since placing
        labels asks it three times a label."""
        if compact == self.compact and brief == self.brief:
            size, m = self.label_item.size(), self.label_item.magnify
            return size.width() / m, size.height() / m
        key = (compact, brief and compact)
        size = self._sizes.get(key)
        if size is None:
            size = self._sizes[key] = LabelItem.size_of(self._label_lines(compact, brief))
        return size

    def set_compact(self, compact: bool, brief: bool = False) -> None:
        """Show only the ports (where the full label would hide nodes or other labels), or
        (``brief``) only a line of them per direction."""
        brief = brief and compact
        if compact != self.compact or brief != self.brief:
            self.compact, self.brief = compact, brief
            self.label_item.set_lines(self._label_lines(), error=self.label.error is not None)

    def update_geometry(self, start: QPointF, end: QPointF, bend: float,
                        points: list[tuple[float, float]] | None = None) -> None:
        """Route from ``start`` to ``end`` (through ``points``, the route around other nodes,
        when given: see ``model.routing``); ``bend`` fans out parallel connections (pixels).
        The same ends, bend and route as last time change nothing (an item put back by an undo)."""
        key = (start.x(), start.y(), end.x(), end.y(), bend, tuple(points) if points is not None else None)
        if key == self.routed_from:
            return
        self.routed_from = key
        if points is not None and len(points) > 2:
            path, spots, flip, self.segment = route_polyline(points, bend)
        else:
            path, spots, flip, self.segment = route(start, end, bend)
        self.points = points if points is not None and len(points) > 2 else None
        if flip != self.flip:
            self.flip = flip
            self._sizes = {}
            self.label_item.set_lines(self._label_lines(), error=self.label.error is not None)
        self.path = path
        self.spots = spots
        self.setRect(path.boundingRect().adjusted(-6, -6, 6, 6))  # (Qt's prepareGeometryChange, when they change)
        anchor = self.spots[0]
        size = self.label_item.size()
        self.label_item.setPos(anchor[0] - size.width() / 2, anchor[1] - size.height() / 2)
        self.update()

    def lines_for(self, flip: bool) -> list[str]:
        """The label's lines as shown, for the line drawn one way or the other."""
        lines = self.label_item.lines
        if flip == self.flip or self.label.error:
            return lines
        swap = {"→": "←", "←": "→"}
        return [swap[line[0]] + line[1:] if line[:1] in swap else line for line in lines]

    def screen_pen(self, zoom: float, theme: CanvasTheme) -> QPen:
        """The pen of the line on screen at ``zoom`` (cosmetic: see ``paint``)."""
        selected, error = self.isSelected(), self.label.error is not None
        width = (2.2 + (2.5 - 2.2) * error + 1.8 * selected) * zoom
        return style.screen_pen(self.kind, selected, error, round(max(1.0, width), 1), theme)

    def shape(self) -> QPainterPath:  # Qt's name
        stroker = QPainterPathStroker()
        stroker.setWidth(10)
        return stroker.createStroke(self.path)

    @clippable
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        selected, error = self.isSelected(), self.label.error is not None
        theme = painting_theme(self.scene(), widget)
        if not on_screen(widget):  # exports: the pens as designed, round caps and all
            if selected or self.highlighted:
                halo = QPen(style.tinted(theme.selection, theme.halo_alpha), 9)
                halo.setCapStyle(Qt.PenCapStyle.RoundCap)
                painter.setPen(halo)
                painter.drawPath(self.path)
            painter.setPen(style.connection_pen(self.kind, selected, error, theme))
            painter.drawPath(self.path)
            return
        # On screen, cosmetic pens of the width the line has at this zoom (at least a pixel):
        # Qt dashes them in pixels, which is many times cheaper on a long line zoomed out.
        # While a drag layer is up, the lines that move are drawn without antialiasing, which
        # is several times faster; the drop repaints them smooth.
        zoom = painter.worldTransform().m11()
        if getattr(self.scene(), "drag_layer", None) is not None:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        if selected or self.highlighted:
            draw_line(painter, style.halo_pen(round(max(1.0, 9 * zoom), 1), theme), self.path, self.segment,
                      option.exposedRect, zoom)
        draw_line(painter, self.screen_pen(zoom, theme), self.path, self.segment, option.exposedRect, zoom)


Segment = tuple[float, float, float, float]  # x0, y0, x1, y1


def route(start: QPointF, end: QPointF, bend: float) -> tuple[QPainterPath, list[tuple[float, float]], bool,
                                                              Segment | None]:
    """A connection's line from ``start`` to ``end`` (a curve when ``bend``, in pixels, fans
    out parallel connections), the spots along it where its label may sit (``LABEL_SPOTS``),
    whether it runs right to left (its arrows then point the other way), and its ends when it
    is straight."""
    flip = end.x() < start.x() or (end.x() == start.x() and end.y() < start.y())
    path = QPainterPath(start)
    if bend:
        mid = (start + end) / 2
        d = end - start
        length = max((d.x() ** 2 + d.y() ** 2) ** 0.5, 1.0)
        normal = QPointF(-d.y() / length, d.x() / length)
        path.quadTo(mid + normal * bend * 2, end)
        points = (path.pointAtPercent(t) for t in LABEL_SPOTS)
        spots = [(p.x(), p.y()) for p in points]
    else:
        path.lineTo(end)
        x0, y0, dx, dy = start.x(), start.y(), end.x() - start.x(), end.y() - start.y()
        spots = [(x0 + dx * t, y0 + dy * t) for t in LABEL_SPOTS]
        return path, spots, flip, (x0, y0, end.x(), end.y())
    return path, spots, flip, None


def route_polyline(points: list[tuple[float, float]], bend: float) -> tuple[QPainterPath, list[tuple[float, float]],
                                                                          bool, None]:
    """A line routed around nodes, through ``points`` (its inner points shifted by ``bend``
    to fan out parallel connections), with the same spots and direction as ``route``: the
    label spots lie on its runs, the longest runs first."""
    (x0, y0), (x1, y1) = points[0], points[-1]
    flip = x1 < x0 or (x1 == x0 and y1 < y0)
    inner = [(x + bend, y + bend) for x, y in points[1:-1]]
    pts = [points[0], *inner, points[-1]]
    path = QPainterPath(QPointF(*pts[0]))
    for x, y in pts[1:]:
        path.lineTo(x, y)
    return path, spots_along(pts), flip, None


def draw_line(painter: QPainter, pen: QPen, path: QPainterPath, segment: Segment | None, exposed: QRectF,
              zoom: float) -> None:
    """Draw a connection's line on screen with a cosmetic ``pen``: a straight one only where
    it crosses ``exposed`` (a line across a large design is mostly off screen, and Qt dashes a
    line along its whole length), its dashes kept in step with the whole line's."""
    if segment is None or exposed.isEmpty():
        painter.setPen(pen)
        painter.drawPath(path)
        return
    x0, y0, x1, y1 = segment
    pad = pen.widthF() / max(zoom, 1e-6) + 2
    part = clip_segment(x0, y0, x1, y1, (exposed.left() - pad, exposed.top() - pad,
                                         exposed.right() + pad, exposed.bottom() + pad))
    if part is None:
        return
    t0, t1 = part
    dx, dy = x1 - x0, y1 - y0
    if t0 > 0 and pen.style() != Qt.PenStyle.SolidLine:
        pen = QPen(pen)  # the dash pattern is in pen widths, along the line on screen
        pen.setDashOffset(pen.dashOffset() + t0 * math.hypot(dx, dy) * zoom / max(pen.widthF(), 1.0))
    painter.setPen(pen)
    painter.drawLine(QPointF(x0 + dx * t0, y0 + dy * t0), QPointF(x0 + dx * t1, y0 + dy * t1))
