"""Scene items: zones and nodes (connections: :mod:`.connection_item`). Each holds an id and
renders what the document says; none stores domain state.

``paint()`` only paints. Geometry changes go through ``update_geometry()``, which calls
``prepareGeometryChange()`` first.
"""
from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker, QPen, QRegion
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from ..model.layout import NODE_HEIGHT, NODE_WIDTH, ZONE_HEADER
from ..model import Node, Zone
from ..render import style
from .group_look import GroupLook, paint_badge, paint_stack
from .label_item import on_screen, zoom_of
from .legible import draw_min_size, min_size_text, readable_zoom, wrap
from .settling import clippable
from ..render.names import zone_kind_name
from ..render.theme import painting_theme
from ..support.states import ZoneKind
from ..support.text import qt_plain

ICON = 56
HANDLE = 14
RESIZE = 14
NAME_ROOM = 200.0  # scene units a node's name may take, zoomed out, on each of its lines
NAME_DROP = 64.0  # how far below the node a name painted larger (zoomed out) may reach


@lru_cache(maxsize=4096)
def name_extent(shown: str, zoom: float) -> tuple[float, float]:
    """Half the width and the height, in scene units, of a name painted as ``shown`` (its
    lines apart by newlines) at ``MIN_TEXT_PX`` at ``zoom`` (``legible.draw_min_size``)."""
    if not shown:
        return 0.0, 0.0
    scale = readable_zoom(9, True) / max(zoom, 1e-6)
    metrics = style.metrics(9, True)
    lines = shown.split("\n")
    width = min(NAME_ROOM, max(metrics.horizontalAdvance(line) for line in lines) * scale)
    return width / 2, metrics.height() * len(lines) * scale


class NodeItem(QGraphicsRectItem):
    """A node: its role's icon and its name. Its centre is the node's position.

    Its rect is its bounds: the node, and the room its name takes when painted larger zoomed
    out. (A ``QGraphicsRectItem`` with no pen or brush, for that item's C++ ``boundingRect()``:
    see ``ConnectionItem``.)"""

    clip_to: QRegion | None = None  # painted only within this region of the view (settling.py)

    def __init__(self, node: Node, role_name=None) -> None:
        super().__init__(-NAME_ROOM / 2, -NODE_HEIGHT / 2 - NAME_DROP, NAME_ROOM, NODE_HEIGHT + 2 * NAME_DROP)
        self.setPen(Qt.PenStyle.NoPen)
        self.role_name = role_name or (lambda role: role)  # role id -> its name, for the tooltip
        self.node_id = node.id
        self.role = node.role
        self.name = node.name
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)
        self.setAcceptHoverEvents(True)
        self.setZValue(style.Z_NODE)
        self.hovered = False
        self.shown: Node | None = None  # the node as last shown
        self.update_from(node)

    def shows(self, node: Node) -> bool:
        """Whether the item shows ``node`` as it is (the same node, where it is: an item put
        back by an undo needs nothing done)."""
        return node is self.shown and (node.pos is None or (self.pos().x(), self.pos().y()) == node.pos)

    def update_from(self, node: Node) -> None:
        self.prepareGeometryChange()
        self.shown = node
        self.role, self.name = node.role, node.name
        self.group = GroupLook.of(node)  # None for a single server
        self.shown_name = wrap(node.name, 9, True, NODE_WIDTH - 4)  # in full where two lines hold it
        if node.pos is not None and (self.pos().x(), self.pos().y()) != node.pos:
            self.setPos(QPointF(*node.pos))
            if self.scene() is not None:
                self.scene().node_moved(self.node_id)
        members = "".join(f"\n· {m.name}" for m in node.members)
        self.setToolTip(qt_plain(f"{node.name}\n{self.role_name(node.role)}{members}"))
        self.update()

    def footprint(self) -> QRectF:
        """The node in the scene as painted from the zoom where its name has its own size."""
        return self.mapRectToScene(QRectF(-NODE_WIDTH / 2, -NODE_HEIGHT / 2, NODE_WIDTH, NODE_HEIGHT))

    def shape(self) -> QPainterPath:  # Qt's name
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.WindingFill)  # the handle overlaps the icon: keep both
        path.addRect(self.icon_rect().united(self.text_rect()))
        path.addEllipse(self.handle_rect())
        return path

    def icon_rect(self) -> QRectF:
        return QRectF(-ICON / 2, -NODE_HEIGHT / 2 + 4, ICON, ICON)

    def text_rect(self) -> QRectF:
        top = self.icon_rect().bottom() + 2
        return QRectF(-NODE_WIDTH / 2, top, NODE_WIDTH, NODE_HEIGHT / 2 - top)

    def handle_rect(self) -> QRectF:
        """The connect handle: drag from it to another node to draw a connection."""
        icon = self.icon_rect()
        return QRectF(icon.right() - HANDLE / 2, icon.top() - HANDLE / 2 + 6, HANDLE, HANDLE)

    def center(self) -> QPointF:
        return self.scenePos()

    @clippable
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        theme = painting_theme(self.scene(), widget)
        if self.isSelected():
            painter.setPen(style.selection_pen(theme))
            painter.setBrush(style.tinted(theme.selection, theme.selection_fill_alpha))
            painter.drawRoundedRect(self.icon_rect().united(self.text_rect()).adjusted(-3, -3, 3, 3), 6, 6)
        zoom = zoom_of(painter)
        if on_screen(widget):  # a cached pixmap at the device size; exports stay vector
            pixels = max(4, math.ceil(ICON * zoom * widget.devicePixelRatioF() / 4) * 4)
            pixmap = style.icon_pixmap(self.role, pixels, theme.icon_outline)

            def draw_icon(rect: QRectF) -> None:
                painter.drawPixmap(rect, pixmap, QRectF(pixmap.rect()))
        else:
            renderer = style.icon_renderer(self.role)

            def draw_icon(rect: QRectF) -> None:
                renderer.render(painter, rect)
        if self.group is not None:
            paint_stack(painter, self.icon_rect(), draw_icon)
        draw_icon(self.icon_rect())
        if self.group is not None:
            paint_badge(painter, self.group, self.icon_rect(), theme.selection, theme.on_selection)
        screen = on_screen(widget)
        if not screen or zoom >= getattr(self.scene(), "name_min_zoom", style.NAME_MIN_ZOOM):
            painter.setPen(QColor(theme.text))
            if screen and zoom < readable_zoom(9, True):  # one line, never under MIN_TEXT_PX
                draw_min_size(painter, zoom, self.name, 9, True, QPointF(0, self.text_rect().top()), NAME_ROOM,
                              lines=self._name_lines(zoom))
            else:
                painter.setFont(style.shared_font(9, bold=True))
                painter.drawText(self.text_rect(), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                                 self.shown_name)
        if self.hovered or self.isSelected():
            painter.setPen(QPen(QColor(theme.on_selection), 1.5))
            painter.setBrush(QColor(theme.selection))
            painter.drawEllipse(self.handle_rect())
            c = self.handle_rect().center()
            painter.drawLine(QPointF(c.x() - 3.5, c.y()), QPointF(c.x() + 3.5, c.y()))
            painter.drawLine(QPointF(c.x(), c.y() - 3.5), QPointF(c.x(), c.y() + 3.5))

    def _name_lines(self, zoom: float) -> int:
        """Zoomed out, the lines the name may take: up to three, within the item's bounds."""
        line = style.metrics(9, True).height() * readable_zoom(9, True) / max(zoom, 1e-6)
        return max(1, min(3, int((NODE_HEIGHT / 2 + NAME_DROP - self.text_rect().top()) // line)))

    def name_rect(self, zoom: float) -> QRectF:
        """Where the name is painted at ``zoom``, in item coordinates: zoomed out, it is larger
        than its own size (empty when it gives way)."""
        top = self.text_rect().top()
        if zoom >= readable_zoom(9, True):
            return self.text_rect()
        half_width, height = name_extent(self.name_at(zoom), zoom)
        return QRectF(-half_width, top, 2 * half_width, height)

    def name_at(self, zoom: float) -> str:
        """The name as a view at ``zoom`` shows it (its lines apart by newlines; "" when it
        gives way)."""
        if zoom < getattr(self.scene(), "name_min_zoom", style.NAME_MIN_ZOOM):
            return ""
        if zoom < readable_zoom(9, True):
            return min_size_text(zoom, self.name, 9, True, NAME_ROOM, self._name_lines(zoom)) or ""
        return self.shown_name

    def hoverEnterEvent(self, event) -> None:  # Qt's name
        _changing(self)
        self.hovered = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:  # Qt's name
        _changing(self)
        self.hovered = False
        self.update()
        super().hoverLeaveEvent(event)

    def hoverMoveEvent(self, event) -> None:  # Qt's name
        on_handle = self.handle_rect().contains(event.pos())
        self.setCursor(Qt.CursorShape.CrossCursor if on_handle else Qt.CursorShape.ArrowCursor)
        super().hoverMoveEvent(event)


def _changing(item: QGraphicsItem) -> None:
    """Tell the canvas scene (when the item is in one) that ``item`` is about to look different."""
    changing = getattr(item.scene(), "changing", None)
    if changing is not None:
        changing(item)


class ZoneItem(QGraphicsItem):
    """A zone: a labelled region. Its position is the zone rect's top-left corner."""

    clip_to: QRegion | None = None  # painted only within this region of the view (settling.py)

    def __init__(self, zone: Zone) -> None:
        super().__init__()
        self.zone_id = zone.id
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
        self.setZValue(style.Z_ZONE)
        self.size = (0.0, 0.0)
        self.title, self.kind, self.color = "", ZoneKind.INTERNAL, None
        self.update_from(zone)

    def update_from(self, zone: Zone) -> None:
        self.prepareGeometryChange()
        self.title, self.kind, self.color = zone.name, zone.kind, zone.color
        self.kind_text = zone_kind_name(zone.kind).upper()  # in the title band, in the user's language
        if zone.rect is not None:
            self.setPos(zone.rect.x, zone.rect.y)
            self.size = (zone.rect.width, zone.rect.height)
        self.update()

    def set_size(self, width: float, height: float) -> None:
        """Preview a resize (the editor commits it on release)."""
        self.prepareGeometryChange()
        self.size = (max(width, 120.0), max(height, 100.0))
        self.update()

    def shown_title(self) -> str:
        """The zone's name as its header shows it: elided where it would run into the kind."""
        room = self.local_rect().width() - 28 - style.metrics(8).horizontalAdvance(self.kind_text) - 12
        return style.metrics(11, bold=True).elidedText(self.title, Qt.TextElideMode.ElideRight, max(room, 0.0))

    def local_rect(self) -> QRectF:
        return QRectF(0, 0, *self.size)

    def boundingRect(self) -> QRectF:  # Qt's name
        return self.local_rect().adjusted(-2, -2, 2, 2)

    def shape(self) -> QPainterPath:  # Qt's name
        """The title band, the border and the resize corner: the body is left to the rubber band."""
        rect = self.local_rect()
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.WindingFill)
        path.addRect(QRectF(rect.left(), rect.top(), rect.width(), ZONE_HEADER))
        border = QPainterPath()
        border.addRoundedRect(rect, 10, 10)
        stroker = QPainterPathStroker()
        stroker.setWidth(10)
        path.addPath(stroker.createStroke(border))
        path.addRect(self.resize_rect())
        return path

    def resize_rect(self) -> QRectF:
        w, h = self.size
        return QRectF(w - RESIZE, h - RESIZE, RESIZE, RESIZE)

    @clippable
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        theme = painting_theme(self.scene(), widget)
        fill, border, title = style.zone_colors(theme, self.kind, self.color)
        selection = QColor(theme.selection)
        rect = self.local_rect()
        pen = QPen(selection if self.isSelected() else border, 2.5 if self.isSelected() else 1.5)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 10, 10)
        header = QRectF(rect.left(), rect.top(), rect.width(), ZONE_HEADER)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(border.red(), border.green(), border.blue(), theme.zone_header_alpha))
        path = QPainterPath()
        path.addRoundedRect(header, 10, 10)
        painter.drawPath(path)
        painter.setPen(title)
        zoom = zoom_of(painter)
        if on_screen(widget) and zoom < readable_zoom(11, True):  # the title alone, never under MIN_TEXT_PX
            top = max(rect.top() + 2, rect.top() + (ZONE_HEADER - style.metrics(11, True).height()
                                                    * readable_zoom(11, True) / zoom) / 2)
            draw_min_size(painter, zoom, self.title, 11, True, QPointF(rect.left() + 14, top),
                          rect.width() - 28, Qt.AlignmentFlag.AlignLeft)
        else:
            painter.setFont(style.shared_font(11, bold=True))
            painter.drawText(header.adjusted(14, 0, -14, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             self.shown_title())
        if not on_screen(widget) or zoom >= readable_zoom(8):
            painter.setFont(style.shared_font(8))
            painter.drawText(header.adjusted(14, 0, -14, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                             self.kind_text)
        if self.isSelected():
            painter.setBrush(selection)
            painter.setPen(Qt.PenStyle.NoPen)
            r = self.resize_rect()
            tri = QPainterPath(r.bottomLeft())
            tri.lineTo(r.topRight())
            tri.lineTo(r.bottomRight())
            tri.closeSubpath()
            painter.drawPath(tri)
