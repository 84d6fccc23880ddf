"""What a comparison with another design shows on the canvas: view-only items over the scene.

Added nodes, zones and lines get a green outline and a ``+`` badge, changed ones an amber outline
and a ``~``; what the other design has and this one lost is drawn as a *ghost* where it was:
translucent, dashed, with a ``−``. None of these items is a model item: they hold no id the
scene or the tools know, take no mouse button, can't be selected and are never exported (the
image export hides every item that is not a zone, node or connection). The document is never
touched. The overlay follows the items it marks (``sync``, on the scene's ``changed`` signal, heard only
while it shows marks).
"""
from __future__ import annotations

import html

import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from ..analysis.diff import ADDED, CHANGED, CONNECTION, NODE, REMOVED, ZONE, DesignDiff
from ..model import Document
from ..model.layout import NODE_HEIGHT, NODE_WIDTH
from ..render import style
from ..render.theme import painting_theme
from ..support.text import visible

COLORS = {ADDED: "#1a9c3e", CHANGED: "#d68a00", REMOVED: "#c62828"}
BADGES = {ADDED: "+", CHANGED: "~", REMOVED: "\u2212"}
GHOST_OPACITY = 0.6
Z_MARK = style.Z_LABEL + 1  # over the nodes and labels, under the gesture's temporary items


def _tooltip(name: str) -> str:
    """A ghost's tooltip: its name as rich text that can hold no markup of its own (Qt takes a
    tooltip that looks like HTML for HTML)."""
    return f"<p>{html.escape(visible(name))}</p>"


def _inert(item: QGraphicsItem) -> None:
    """A view-only item: never selected, never focused, no mouse button, no hover."""
    item.setFlags(QGraphicsItem.GraphicsItemFlag(0))
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    item.setAcceptHoverEvents(False)


def _badge(painter: QPainter, at: QPointF, status: str) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(COLORS[status]))
    painter.drawEllipse(at, 9, 9)
    painter.setPen(QColor("#ffffff"))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(14)
    painter.setFont(font)
    painter.drawText(QRectF(at.x() - 9, at.y() - 10, 18, 18), Qt.AlignmentFlag.AlignCenter, BADGES[status])


class MarkItem(QGraphicsItem):
    """An outline and a badge around a rectangle (a node, a zone, or a ghost of one)."""

    def __init__(self, status: str, rect: QRectF, ghost_text: str = "") -> None:
        super().__init__()
        _inert(self)
        self.status, self.rect, self.ghost_text = status, QRectF(rect), visible(ghost_text)
        self.emphasised = False  # the change chosen in the panel
        self.setZValue(Z_MARK)
        if ghost_text:
            self.setOpacity(GHOST_OPACITY)
            self.setToolTip(_tooltip(ghost_text))

    def set_rect(self, rect: QRectF) -> None:
        if rect != self.rect:
            self.prepareGeometryChange()
            self.rect = QRectF(rect)

    def boundingRect(self) -> QRectF:  # Qt's name
        return self.rect.adjusted(-14, -14, 14, 14)

    def paint(self, painter: QPainter, option, widget=None) -> None:  # Qt's name
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = QColor(COLORS[self.status])
        pen = QPen(color, 4.5 if self.emphasised else 2.5,
                   Qt.PenStyle.DashLine if self.ghost_text else Qt.PenStyle.SolidLine)
        pen.setCosmetic(True)
        painter.setPen(pen)
        if self.ghost_text:
            fill = QColor(color)
            fill.setAlpha(40)
            painter.setBrush(fill)
        else:
            painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(self.rect, 6, 6)
        if self.ghost_text:
            painter.setPen(QColor(painting_theme(self.scene(), widget).text))  # readable in either theme
            painter.setFont(style.shared_font(9, bold=True))
            painter.drawText(self.rect.adjusted(4, 4, -4, -4), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.ghost_text)
        _badge(painter, self.rect.topRight(), self.status)


class LineMarkItem(QGraphicsItem):
    """A coloured band along a line (a connection, or a ghost of one from end to end)."""

    def __init__(self, status: str, ghost_text: str = "") -> None:
        super().__init__()
        _inert(self)
        self.status, self.ghost_text = status, visible(ghost_text)
        self.path = QPainterPath()
        self.emphasised = False
        self.setZValue(style.Z_CONNECTION - 1 if not ghost_text else style.Z_CONNECTION + 1)
        if ghost_text:
            self.setOpacity(GHOST_OPACITY)
            self.setToolTip(_tooltip(ghost_text))

    def set_path(self, path: QPainterPath) -> None:
        if path != self.path:
            self.prepareGeometryChange()
            self.path = QPainterPath(path)

    def boundingRect(self) -> QRectF:  # Qt's name
        return self.path.boundingRect().adjusted(-26, -26, 26, 26)

    def shape(self) -> QPainterPath:  # Qt's name
        stroker = QPainterPathStroker()
        stroker.setWidth(12)
        return stroker.createStroke(self.path)

    def paint(self, painter: QPainter, option, widget=None) -> None:  # Qt's name
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        color = QColor(COLORS[self.status])
        if self.ghost_text:
            pen = QPen(color, 5 if self.emphasised else 3, Qt.PenStyle.DashLine)
        else:
            color.setAlpha(200 if self.emphasised else 120)
            pen = QPen(color, 14 if self.emphasised else 10)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawPath(self.path)
        if not self.path.isEmpty():
            _badge(painter, self.path.pointAtPercent(0.5) + QPointF(0, -14), self.status)


def _node_rect(center: QPointF) -> QRectF:
    return QRectF(center.x() - NODE_WIDTH / 2, center.y() - NODE_HEIGHT / 2, NODE_WIDTH, NODE_HEIGHT)


class CompareOverlay:
    """The marks and ghosts of one comparison on ``scene``. ``show(diff)`` replaces them;
    ``clear()`` removes them. ``marks`` maps (kind, status, id) to its item: the new design's id
    for what is added or changed, the old design's for a ghost."""

    def __init__(self, scene: QGraphicsScene) -> None:
        self.scene = scene
        self.marks: dict[tuple[str, str, str], QGraphicsItem] = {}
        self.old: Document | None = None
        self.ghost_ends: dict[str, tuple[str, str]] = {}  # removed connection -> (old ids of its ends)
        self._ghost_nodes: dict[str, MarkItem] = {}
        self._identity: dict[str, str] = {}  # old id -> new id of the nodes both designs hold
        self._following = False  # whether sync hears the scene's changes (only while marks show)

    def _follow(self, on: bool) -> None:
        """Hear the scene's ``changed`` only while there are marks: while anyone listens, Qt
        gathers the rectangle of every changed item for the signal (tens of thousands after
        the undo of a large delete)."""
        if on != self._following:
            self._following = on
            if on:
                self.scene.changed.connect(self.sync)
            else:
                self.scene.changed.disconnect(self.sync)

    def show(self, diff: DesignDiff) -> None:
        self.clear()
        self.old = diff.old
        self._identity = {key: new_id for new_id, key in diff.identity.nodes.items()}
        for change in diff.elements:
            if change.status == REMOVED:
                self._ghost(change)
            else:
                self._mark(change)
        self._follow(bool(self.marks))
        self.sync()

    def _add(self, key: tuple[str, str, str], item: QGraphicsItem) -> None:
        self.marks[key] = item
        self.scene.addItem(item)

    def _mark(self, change) -> None:
        key = (change.kind, change.status, change.new_id)
        if change.kind == CONNECTION:
            self._add(key, LineMarkItem(change.status))
        else:
            self._add(key, MarkItem(change.status, QRectF()))

    def _ghost(self, change) -> None:
        old, old_id = self.old, change.old_id
        key = (change.kind, REMOVED, old_id)
        if change.kind == ZONE:
            rect = old.zone(old_id).rect
            if rect is not None:
                self._add(key, MarkItem(REMOVED, QRectF(rect.x, rect.y, rect.width, rect.height), change.name))
        elif change.kind == NODE:
            pos = old.node(old_id).pos or (0.0, 0.0)
            item = MarkItem(REMOVED, _node_rect(QPointF(*pos)), change.name)
            self._ghost_nodes[old_id] = item
            self._add(key, item)
        else:
            self.ghost_ends[old_id] = old.connection(old_id).between
            self._add(key, LineMarkItem(REMOVED, change.name))

    def _end(self, old_node_id: str) -> QPointF | None:
        """Where a ghost line's end is now: the node both designs hold, else its ghost."""
        new_id = self._identity.get(old_node_id)
        item = self.scene.nodes.get(new_id) if new_id else None
        if item is not None:
            return item.center()
        ghost = self._ghost_nodes.get(old_node_id)
        return ghost.rect.center() if ghost is not None else None

    def sync(self, *_regions) -> None:
        """Follow the marked items (moved, resized, re-routed). Cheap: only the marks are visited."""
        scene = self.scene
        for (kind, status, item_id), item in list(self.marks.items()):
            if not shiboken6.isValid(item):  # the scene was cleared (another design opened)
                self.marks.clear()
                self._follow(False)
                return
            if status == REMOVED:
                if kind == CONNECTION:
                    a, b = (self._end(n) for n in self.ghost_ends[item_id])
                    path = QPainterPath()
                    if a is not None and b is not None:
                        path.moveTo(a)
                        path.lineTo(b)
                    item.set_path(path)
            elif kind == NODE and item_id in scene.nodes:
                item.set_rect(scene.nodes[item_id].footprint().adjusted(-4, -4, 4, 4))
            elif kind == ZONE and item_id in scene.zones:
                zone = scene.zones[item_id]
                item.set_rect(zone.mapRectToScene(zone.local_rect()).adjusted(-3, -3, 3, 3))
            elif kind == CONNECTION and item_id in scene.connections:
                item.set_path(scene.connections[item_id].path)

    def emphasise(self, keys) -> QRectF:
        """Make the marks of ``keys`` stand out (the others not); their bounds in the scene."""
        wanted, bounds = set(keys), QRectF()
        for key, item in self.marks.items():
            on = key in wanted
            if item.emphasised != on:
                item.emphasised = on
                item.update()
            if on:
                bounds = bounds.united(item.sceneBoundingRect())
        return bounds

    def clear(self) -> None:
        for item in self.marks.values():
            if shiboken6.isValid(item) and item.scene() is self.scene:
                self.scene.removeItem(item)
        self.marks.clear()
        self._ghost_nodes.clear()
        self.ghost_ends.clear()
        self.old = None
        self._follow(False)

    def detach(self) -> None:
        self.clear()
