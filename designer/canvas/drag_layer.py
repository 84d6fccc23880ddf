"""A drag layer: while nodes are dragged, the views repaint only what moves.

When a drag of nodes starts, each view paints what stays put once into two pixmaps: what is
stacked up to the lines (zones, the other lines and their labels, the grid), and apart, the
other nodes, above them. Until the drop, a frame blits the first as the view's background,
paints what moves (the dragged nodes, and one :class:`MovingLines` item that draws their
connections and those connections' labels), and blits the nodes over it: the moving lines pass
under the nodes, as on the canvas. A frame
then costs what the moving items cost, however large the design is. Everything else, the
connection and label items of the moving lines included, gets Qt's ``ItemHasNoContents`` flag
meanwhile, so Qt neither calls their ``paint()`` nor re-indexes them as the lines move: the
lines are routed into the one item, and their own items are routed again on the drop. Anything
that would make the picture stale (a scroll, a zoom, a change of the document) drops the layer
and the views paint normally again. All of this is view state: nothing in the model changes.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPixmap, QRegion, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView, QStyleOptionGraphicsItem, QWidget

from ..render import style
from .connection_item import ConnectionItem, draw_line, route
from .label_item import label_pixmap
from .settling import NOTHING, Settling
from ..model.placement import place_of
from ..render.theme import painting_theme

NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
BLIT_HINTS = QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
TOP_RECTS = 200  # up to this many rectangles, the top picture is blitted where it is not empty


class ViewPicture:
    """What one view showed of the items that stay put, when the drag started: what is stacked
    up to the lines (zones, lines, labels, the grid) and, apart, what is above them (the nodes),
    so that moving lines can be drawn between the two."""

    def __init__(self, view: QGraphicsView) -> None:
        self.view = view
        self.transform = QTransform(view.transform())
        self.scroll = (view.horizontalScrollBar().value(), view.verticalScrollBar().value())
        self.pixmap: QPixmap = view.viewport().grab()
        self.top: QPixmap | None = None
        self.top_region: QRegion | None = None  # where the top picture is not empty (few rects), else None
        self._top_blits: list[tuple[QPointF, QRectF]] | None = None  # its rects: where each goes, from where

    def grab_top(self, items: list[QGraphicsItem]) -> None:
        """Paint ``items`` (the nodes that stay put, bottom first) on a transparent picture, as
        the view paints them."""
        view = self.view
        viewport = view.viewport()
        ratio = viewport.devicePixelRatioF()
        pixmap = QPixmap(viewport.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHints(view.renderHints())
        to_view = view.viewportTransform()
        region = QRegion() if len(items) <= TOP_RECTS else None  # (many: one blit of it all)
        for item in items:
            if region is not None:
                region = region.united(to_view.mapRect(item.sceneBoundingRect()).toAlignedRect().adjusted(-1, -1, 1, 1))
            painter.save()
            painter.setWorldTransform(item.sceneTransform() * to_view)
            option = QStyleOptionGraphicsItem()
            option.exposedRect = item.boundingRect()
            item.paint(painter, option, viewport)
            painter.restore()
        painter.end()
        self.top = pixmap
        self.top_region = region if region is not None and region.rectCount() <= TOP_RECTS else None
        self._top_blits = None if self.top_region is None else \
            [(QPointF(target.topLeft()), _pixels(target, pixmap)) for target in self.top_region]

    def draw_top(self, painter: QPainter, rect: QRectF) -> None:
        """Blit the top picture under ``rect`` (scene coordinates): only where it is not empty,
        when that is a few rectangles (blending a whole view of transparent pixels costs more)."""
        if self.top_region is None:
            self.draw(painter, rect, self.top)
            return
        shown = self.view.mapFromScene(rect).boundingRect().adjusted(-1, -1, 1, 1)
        if shown.contains(self.top_region.boundingRect()):  # (a whole frame: the blits are ready)
            blits = self._top_blits
        else:
            blits = [(QPointF(target.topLeft()), _pixels(target, self.top))
                     for target in self.top_region.intersected(shown)]
        if not blits:
            return
        painter.save()
        painter.resetTransform()
        painter.setRenderHints(BLIT_HINTS, False)  # (whole pixels: an antialiased blit is several times slower)
        top = self.top
        for at, source in blits:
            painter.drawPixmap(at, top, source)
        painter.restore()

    def valid(self) -> bool:
        view = self.view
        return (view.transform() == self.transform
                and (view.horizontalScrollBar().value(), view.verticalScrollBar().value()) == self.scroll
                and self.pixmap.deviceIndependentSize().toSize() == view.viewport().size())

    def draw(self, painter: QPainter, rect: QRectF, pixmap: QPixmap | None = None) -> None:
        """Blit the part of the picture (or of ``pixmap``, the top one) under ``rect`` (scene
        coordinates)."""
        pixmap = self.pixmap if pixmap is None else pixmap
        target = self.view.mapFromScene(rect).boundingRect().adjusted(-1, -1, 1, 1)
        painter.save()
        painter.resetTransform()
        painter.setRenderHints(BLIT_HINTS, False)
        painter.drawPixmap(QPointF(target.topLeft()), pixmap, _pixels(target, pixmap))
        painter.restore()


def _pixels(target, pixmap: QPixmap) -> QRectF:
    """The part of ``pixmap`` (in its own pixels) that ``target`` (device-independent) covers."""
    ratio = pixmap.devicePixelRatio()
    return QRectF(target.x() * ratio, target.y() * ratio, target.width() * ratio, target.height() * ratio)


class MovingLines(QGraphicsItem):
    """The connections of the dragged nodes and their labels, drawn as one item during a drag.

    ``reroute`` takes the ends of each line from the node items (as the scene's routing does)
    and keeps each label on the same spot of its line (as ``LabelLayer`` does during a drag)."""

    def __init__(self, lines: dict[str, tuple[ConnectionItem, float, int]], nodes: dict) -> None:
        super().__init__()
        self.lines = lines  # connection id -> (its item, its bend, its label's spot)
        self.nodes = nodes  # node id -> node item
        self.routes: dict[str, tuple] = {}  # connection id -> (path, label centre, flip, segment)
        self._bounds = QRectF()
        self.setZValue(style.Z_CONNECTION)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # exposedRect
        self.reroute()

    def reroute(self) -> None:
        self.prepareGeometryChange()
        bounds = QRectF()
        for conn_id, (item, bend, spot) in self.lines.items():
            first, second = item.ends
            path, spots, flip, segment = route(self.nodes[first].center(), self.nodes[second].center(), bend)
            w, h = item.label_item.size().toTuple()
            x, y = centre = place_of(spots, (w, h), spot)  # on the line or beside it, as LabelLayer._follow puts it
            self.routes[conn_id] = (path, centre, flip, segment)
            # the line, and its label where it is drawn (not the line widened by the label: a
            # long line's label would make most of the view repaint every frame)
            bounds |= path.controlPointRect().adjusted(-6, -6, 6, 6)
            bounds |= QRectF(x - w / 2 - 2, y - h / 2 - 2, w + 4, h + 4)
        self._bounds = bounds
        self.update()

    def boundingRect(self) -> QRectF:  # Qt's name
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        transform = painter.worldTransform()
        zoom = transform.m11()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # the drop repaints them smooth
        painter.setBrush(Qt.BrushStyle.NoBrush)
        exposed = option.exposedRect
        theme = painting_theme(self.scene(), widget)
        for conn_id, (path, _centre, _flip, segment) in self.routes.items():
            item = self.lines[conn_id][0]
            if item.isSelected() or item.highlighted:
                draw_line(painter, style.halo_pen(round(max(1.0, 9 * zoom), 1), theme), path, segment, exposed, zoom)
            draw_line(painter, item.screen_pen(zoom, theme), path, segment, exposed, zoom)
        if zoom < getattr(self.scene(), "label_min_zoom", style.LABEL_MIN_ZOOM) or widget is None:
            return
        ratio = widget.devicePixelRatioF()
        painter.save()
        painter.resetTransform()  # blit on whole device pixels: no blur
        for conn_id, (_path, (x, y), flip, _segment) in self.routes.items():
            item = self.lines[conn_id][0]
            lines = item.lines_for(flip)
            if not lines or not item.label_item.isVisible():  # (one that gave way stays hidden)
                continue
            pixmap = label_pixmap(tuple(lines), item.label.error is not None, round(zoom, 4), ratio, theme)
            size = item.label_item.size()
            corner = transform.map(QPointF(x - size.width() / 2, y - size.height() / 2))
            painter.drawPixmap(QPointF(round(corner.x() * ratio) / ratio, round(corner.y() * ratio) / ratio), pixmap)
        painter.restore()


class DragLayer:
    """The pictures of every view of a scene, the moving lines, and the items left out of
    painting meanwhile."""

    def __init__(self, scene: QGraphicsScene, views: list[QGraphicsView], moving: set[QGraphicsItem],
                 lines: MovingLines | None = None) -> None:
        self.pictures: dict = {}
        self.scene = scene
        self.lines = lines
        # the moving lines' own items and labels: MovingLines draws them until the drop
        self.line_items = {i for item, *_ in lines.lines.values() for i in (item, item.label_item)} if lines else set()
        hidden = set(moving) | self.line_items
        shown = QRectF()
        for view in views:
            shown = shown.united(view.mapToScene(view.viewport().rect()).boundingRect())
        near = scene.items(shown, Qt.ItemSelectionMode.IntersectsItemBoundingRect)  # what Qt would paint
        stay = [i for i in near if i not in hidden and not i.flags() & NO_CONTENTS]
        above, below = [], []  # the nodes (top first), and what is stacked up to the lines
        for item in stay:
            (above if item.parentItem() is None and item.zValue() >= style.Z_NODE else below).append(item)
        for item in (*hidden, *above):  # the picture is of what stays put, up to the lines ...
            item.setFlag(NO_CONTENTS, True)
        try:
            for view in views:
                self.pictures[view.viewport()] = ViewPicture(view)
                self.pictures[view.viewport()].grab_top(above[::-1])  # ... and, apart, of the nodes
        finally:
            for item in moving:
                item.setFlag(NO_CONTENTS, False)
        for item in below:
            item.setFlag(NO_CONTENTS, True)
        self.quiet = [*stay, *(i for i in hidden if i not in moving)]
        self.above = set(above)
        if lines is not None:
            scene.addItem(lines)
        for view in views:
            view.viewport().update()

    def picture(self, viewport) -> ViewPicture | None:
        return self.pictures.get(viewport)

    def moves(self, conn_id: str) -> bool:
        """Whether the moving lines draw this connection (its own item waits for the drop)."""
        return self.lines is not None and conn_id in self.lines.lines

    def drop(self) -> list[str]:
        """Paint everything again (the views repaint in full); the ids of the moving lines,
        whose own items the scene routes again."""
        self.scene.update()  # all of it, first: Qt then skips the work of an update per item below
        for item in self.quiet:
            item.setFlag(NO_CONTENTS, False)
        self.quiet = []
        return self._drop_lines()

    def settle(self) -> tuple[list[str], Settling | None]:
        """Drop into a :class:`~.settling.Settling` where one view's pictures can still serve
        the drop's frame: every item has its contents back, and those the pictures show paint
        nothing until that frame is painted. Else as ``drop``."""
        pictures = [p for p in self.pictures.values() if p.valid() and p.view.isVisible()]
        if len(self.pictures) != 1 or len(pictures) != 1 or \
                not all(getattr(item, "clip_to", False) is None for item in self.quiet):
            return self.drop(), None
        self.scene.update()  # (see drop)
        quiet = set()
        for item in self.quiet:
            if item not in self.line_items:
                item.clip_to = NOTHING
                quiet.add(item)
            item.setFlag(NO_CONTENTS, False)
        self.quiet = []
        return self._drop_lines(), Settling(self.scene, pictures[0], quiet, self.above)

    def _drop_lines(self) -> list[str]:
        moved = []
        if self.lines is not None:
            moved = list(self.lines.lines)
            self.scene.removeItem(self.lines)
            self.lines = None
        return moved  # (the views repaint in full: the caller updated the whole scene)
