"""A drag layer: while nodes are dragged, the views repaint only what moves.

When a drag of nodes starts, each view paints what stays put (zones, the other nodes, their
lines and labels, the grid) once into a pixmap. Until the drop, a frame blits that pixmap as
the view's background and paints only the moving items on top: the dragged nodes, their
connections and those connections' labels. A frame then costs what the moving items cost,
however large the design is. The items that stay put get Qt's ``ItemHasNoContents`` flag
meanwhile, so Qt does not even call their ``paint()``. Anything that would make the picture
stale (a scroll, a zoom, a change of the document) drops the layer and the views paint
normally again. All of this is view state: nothing in the model changes.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPixmap, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView

NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


class ViewPicture:
    """What one view showed of the items that stay put, when the drag started."""

    def __init__(self, view: QGraphicsView) -> None:
        self.view = view
        self.transform = QTransform(view.transform())
        self.scroll = (view.horizontalScrollBar().value(), view.verticalScrollBar().value())
        self.pixmap: QPixmap = view.viewport().grab()

    def valid(self) -> bool:
        view = self.view
        return (view.transform() == self.transform
                and (view.horizontalScrollBar().value(), view.verticalScrollBar().value()) == self.scroll
                and self.pixmap.deviceIndependentSize().toSize() == view.viewport().size())

    def draw(self, painter: QPainter, rect: QRectF) -> None:
        """Blit the part of the picture under ``rect`` (scene coordinates)."""
        target = self.view.mapFromScene(rect).boundingRect().adjusted(-1, -1, 1, 1)
        ratio = self.pixmap.devicePixelRatio()
        source = QRectF(target.x() * ratio, target.y() * ratio, target.width() * ratio,
                        target.height() * ratio)
        painter.save()
        painter.resetTransform()
        painter.drawPixmap(QPointF(target.topLeft()), self.pixmap, source)
        painter.restore()


class DragLayer:
    """The pictures of every view of a scene, and the items left out of painting meanwhile."""

    def __init__(self, scene: QGraphicsScene, views: list[QGraphicsView], moving: set[QGraphicsItem]) -> None:
        self.pictures: dict = {}
        for item in moving:  # the picture is of what stays put
            item.setFlag(NO_CONTENTS, True)
        try:
            for view in views:
                self.pictures[view.viewport()] = ViewPicture(view)
        finally:
            for item in moving:
                item.setFlag(NO_CONTENTS, False)
        shown = QRectF()
        for view in views:
            shown = shown.united(view.mapToScene(view.viewport().rect()).boundingRect())
        near = scene.items(shown, Qt.ItemSelectionMode.IntersectsItemBoundingRect)  # what Qt would paint
        self.quiet = [i for i in near if i not in moving and not i.flags() & NO_CONTENTS]
        for item in self.quiet:
            item.setFlag(NO_CONTENTS, True)
        for view in views:
            view.viewport().update()

    def picture(self, viewport) -> ViewPicture | None:
        return self.pictures.get(viewport)

    def drop(self) -> None:
        """Paint everything again (the views repaint in full)."""
        for item in self.quiet:
            item.setFlag(NO_CONTENTS, False)
        self.quiet = []
        for picture in self.pictures.values():
            picture.view.viewport().update()
        self.pictures = {}
