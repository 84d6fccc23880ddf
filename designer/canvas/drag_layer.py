"""A drag layer: while nodes are dragged, the views repaint only what moves.

When a drag of nodes starts, each view paints what stays put once into three pixmaps: what is
stacked up to the lines (zones, the other lines, the grid), and apart, the other lines' labels
and the other nodes (:class:`Overlay`), above them. Until the drop, a frame blits the first as
the view's background, paints what moves (the dragged nodes, and one :class:`MovingLines` item
that draws their connections and those connections' labels), and blits the labels (but under
the dragged nodes) and the nodes over it: the moving lines pass under the labels and the nodes,
as on the canvas. A frame then costs what the moving items cost, however large the design is.
Everything else, the connection and label items of the moving lines included, gets Qt's
``ItemHasNoContents`` flag meanwhile, so Qt neither calls their ``paint()`` nor re-indexes them
as the lines move: the lines are routed into the one item, and their own items are routed
again on the drop. Anything that would make the picture stale (a scroll, a zoom, a change of
the document) drops the layer and the views paint normally again. All of this is view state:
nothing in the model changes.
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


class Overlay:
    """Items painted apart on a transparent picture, as a view paints them, to be blitted over
    what is below them: only where it is not empty, when that is a few rectangles (blending a
    whole view of transparent pixels costs more)."""

    def __init__(self, view: QGraphicsView, items: list[QGraphicsItem]) -> None:
        """Paint ``items`` (bottom first) as ``view`` shows them now."""
        self.view = view
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
        self.pixmap = pixmap
        self.region = region if region is not None and region.rectCount() <= TOP_RECTS else None
        # its rects: where each goes, from where
        self._blits = None if self.region is None else \
            [(QPointF(target.topLeft()), _pixels(target, pixmap)) for target in self.region]

    def draw(self, painter: QPainter, rect: QRectF, excluded: QRegion | None = None) -> None:
        """Blit it under ``rect`` (scene coordinates), but in ``excluded`` (device pixels)."""
        shown = self.view.mapFromScene(rect).boundingRect().adjusted(-1, -1, 1, 1)
        region = self.region if self.region is not None else QRegion(shown)
        if self.region is not None and shown.contains(self.region.boundingRect()):  # (a whole frame: ready)
            blits = self._blits
        else:
            blits = [(QPointF(target.topLeft()), _pixels(target, self.pixmap)) for target in region.intersected(shown)]
        if not blits:
            return
        painter.save()
        painter.resetTransform()
        if excluded is not None and not excluded.isEmpty() and excluded.intersects(region):
            painter.setClipRegion(QRegion(shown).subtracted(excluded), Qt.ClipOperation.IntersectClip)
        painter.setRenderHints(BLIT_HINTS, False)  # (whole pixels: an antialiased blit is several times slower)
        pixmap = self.pixmap
        for at, source in blits:
            painter.drawPixmap(at, pixmap, source)
        painter.restore()


class ViewPicture:
    """What one view showed of the items that stay put, when the drag started: what is stacked
    up to the lines (zones, lines, the grid), and apart, the lines' labels and what is above
    them (the nodes), so that moving lines can be drawn below the labels and the nodes."""

    def __init__(self, view: QGraphicsView) -> None:
        self.view = view
        self.transform = QTransform(view.transform())
        self.scroll = (view.horizontalScrollBar().value(), view.verticalScrollBar().value())
        self.pixmap: QPixmap = view.viewport().grab()
        self.labels: Overlay | None = None
        self.top: Overlay | None = None

    def grab_overlays(self, labels: list[QGraphicsItem], top: list[QGraphicsItem]) -> None:
        """Paint the labels that stay put and the nodes that do (each bottom first) apart."""
        self.labels = Overlay(self.view, labels)
        self.top = Overlay(self.view, top)

    def draw_overlays(self, painter: QPainter, rect: QRectF, under: QRegion | None = None) -> None:
        """Blit the labels, but in ``under`` (device pixels: where the items below the nodes
        paint themselves, or a moving node is), then the nodes."""
        if self.labels is not None:
            self.labels.draw(painter, rect, under)
        if self.top is not None:
            self.top.draw(painter, rect)

    def valid(self) -> bool:
        view = self.view
        return (view.transform() == self.transform
                and (view.horizontalScrollBar().value(), view.verticalScrollBar().value()) == self.scroll
                and self.pixmap.deviceIndependentSize().toSize() == view.viewport().size())

    def draw(self, painter: QPainter, rect: QRectF) -> None:
        """Blit the part of the picture under ``rect`` (scene coordinates)."""
        pixmap = self.pixmap
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
        # the nodes, the labels (top first) and what is stacked up to the lines
        above, labels, below = [], [], []
        for item in stay:
            z = item.zValue() if item.parentItem() is None else style.Z_CONNECTION
            (above if z >= style.Z_NODE else labels if z >= style.Z_LABEL else below).append(item)
        for item in (*hidden, *labels, *above):  # the picture is of what stays put, up to the lines ...
            item.setFlag(NO_CONTENTS, True)
        try:
            for view in views:
                self.pictures[view.viewport()] = ViewPicture(view)
                self.pictures[view.viewport()].grab_overlays(labels[::-1], above[::-1])  # ... and, apart, the rest
        finally:
            for item in moving:
                item.setFlag(NO_CONTENTS, False)
        for item in below:
            item.setFlag(NO_CONTENTS, True)
        self.moving = list(moving)
        self.quiet = [*stay, *(i for i in hidden if i not in moving)]
        self.above = set(above)
        if lines is not None:
            scene.addItem(lines)
        for view in views:
            view.viewport().update()

    def picture(self, viewport) -> ViewPicture | None:
        return self.pictures.get(viewport)

    def under(self, view: QGraphicsView) -> QRegion:
        """Where the dragged nodes are in ``view`` (device pixels): they are above the labels."""
        region = QRegion()
        for item in self.moving:
            area = item.footprint() if hasattr(item, "footprint") else item.sceneBoundingRect()
            region = region.united(view.mapFromScene(area).boundingRect())
        return region

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
        for picture in self.pictures.values():
            picture.view.viewport().update()
        return moved
