"""The frame of a drop: the drag layer's pictures of what stayed put, and only what the drop changed.

When a node drag on a large design ends, the items that stayed put look as they did when the drag
began, but for the few the drop changes: the labels it moves aside, a line it routes round the
node. Painting the whole view again for the drop (hundreds of antialiased lines) cost several
naive drag frames. Instead, for the drop's frame, the view blits the drag layer's pictures
(:class:`~.drag_layer.ViewPicture`: what is stacked up to the lines as its background, and the
nodes above them in its foreground) and Qt paints only, between the two:

* what moved (the dropped nodes, their lines and labels), in full;
* what the drop changed among the items that stayed put (``touch``), in full: the scene tells
  the settling before it changes such an item, which keeps where it was;
* where the lower picture is stale (``region``): where a changed item was and now is. There the
  background and every item below the nodes are painted as usual, clipped to it.

The moved lines (and their labels, their children) are raised above the other lines first
(:func:`raise_lines`), as in any drop: so a full repaint stacks them above the lower picture's
lines and labels and below the nodes, as the drop's frame does.

The items the pictures show get their contents back at the drop (Qt repaints the view), but
paint nothing for that frame (``clip_to`` is ``NOTHING``; where the lower picture is stale,
they paint there only). Once the view painted it, ``finish`` lets them paint as usual: only a
Python attribute changes, so nothing is repainted (the pixels are right already). Anything
that could make the pictures wrong before then (a scroll or zoom, a change of the document or
of the selection, a hover, a node that stayed put changing) ends the settling the plain way:
every item paints as usual, and the view repaints in full.
"""
from __future__ import annotations

import functools

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QPainter, QRegion, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsView, QStyleOptionGraphicsItem

from ..render import style

NOTHING = QRegion()  # an item's ``clip_to`` while the pictures show it: it paints nothing (by identity)
RAISE_STEP = 1e-6  # how much higher each drop stacks its lines (within Z_CONNECTION..Z_NODE)


def clip_to_pixels(painter: QPainter, region: QRegion) -> QTransform:
    """Clip ``painter`` to ``region`` (device pixels), its transform as it was; that transform."""
    to_device = painter.worldTransform()
    painter.resetTransform()
    painter.setClipRegion(region, Qt.ClipOperation.IntersectClip)
    painter.setWorldTransform(to_device)
    return to_device


def clippable(paint):
    """Decorate an item's ``paint``: while the item's ``clip_to`` holds a region (the view's
    device pixels), a view paints it only there, once (an empty one, ``NOTHING``: not at all);
    see ``Settling``."""
    @functools.wraps(paint)
    def clipped_or_not(self, painter, option, widget=None):
        region = self.clip_to
        if region is None or widget is None:
            return paint(self, painter, option, widget)
        if region is NOTHING:
            return None
        painter.save()
        to_device = clip_to_pixels(painter, region)
        exposed = QStyleOptionGraphicsItem(option)
        exposed.exposedRect = to_device.inverted()[0].mapRect(QRectF(region.boundingRect())).intersected(
            option.exposedRect)
        paint(self, painter, exposed, widget)
        painter.restore()
        return None
    return clipped_or_not


class Settling:
    """The drop's frame in one view: its pictures, the items they show, where they are stale."""

    def __init__(self, scene: QGraphicsScene, picture, quiet: set[QGraphicsItem], above: set[QGraphicsItem]) -> None:
        self.scene = scene
        self.picture = picture  # the drag layer's ViewPicture of the view
        self.view: QGraphicsView = picture.view
        self.quiet = quiet  # items the pictures show: they paint nothing (``clip_to`` is NOTHING)
        self.above = above  # those of them in the top picture (the nodes)
        self.before: dict[QGraphicsItem, QRectF] = {}  # changed by the drop: where each was
        self.region = QRegion()  # where the lower picture is stale, in the view's device pixels
        self.clipped: list[QGraphicsItem] = []  # items painted only within ``region``
        self.moved: list[str] = []  # the connections whose lines moved (the scene routed them)
        self.sealed = False
        self.painted = False

    # ---- during the drop
    def touch(self, item: QGraphicsItem) -> None:
        """``item`` is about to change: if the pictures show it, it is painted anew, and where
        it was is stale."""
        if item in self.quiet and item not in self.before:
            self.before[item] = item.sceneBoundingRect()

    def seal(self) -> bool:
        """The drop is done: the changed items paint in full, and the items below the nodes
        within the stale parts paint there. False when the pictures cannot serve (a node that
        stays put changed: the top picture shows it as it was)."""
        if self.above & self.before.keys():
            return False
        self.sealed = True
        view, quiet = self.view, self.quiet
        shown = view.mapToScene(view.viewport().rect()).boundingRect()
        region = QRegion()
        for item, before in self.before.items():
            quiet.discard(item)
            item.clip_to = None
            for rect in (before, item.sceneBoundingRect()):
                if rect.intersects(shown):
                    region = region.united(view.mapFromScene(rect).boundingRect().adjusted(-1, -1, 1, 1))
        self.region = region
        if region.isEmpty():
            return True
        clipped = [item for item in quiet if item not in self.above
                   and region.intersects(view.mapFromScene(item.sceneBoundingRect()).boundingRect())]
        for item in clipped:
            quiet.discard(item)
            item.clip_to = region
        self.clipped = clipped
        return True

    # ---- the frame
    def draws(self, viewport) -> bool:
        """Whether this viewport's frame comes from the pictures now."""
        return self.sealed and viewport is self.view.viewport() and self.picture.valid()

    def frame_painted(self) -> None:
        """The view painted the drop's frame: every item may paint as usual from now on."""
        if not self.painted:
            self.painted = True
            timer = QTimer(self.scene)  # the scene's: it goes with the scene
            timer.setSingleShot(True)
            timer.timeout.connect(self.scene.finish_settling)
            timer.timeout.connect(timer.deleteLater)
            timer.start(0)

    def finish(self) -> None:
        """Every item paints as usual again. Nothing is repainted for it: the view's pixels are
        right already, and no Qt state changed (the items only stopped painting in Python)."""
        self._restore()

    def end(self) -> None:
        """Stop before the frame was painted (or when it cannot be trusted): every item paints as
        usual, and the view repaints in full."""
        self._restore()
        self.view.viewport().update()

    def _restore(self) -> None:
        for item in (*self.quiet, *self.clipped):
            item.clip_to = None
        self.quiet, self.clipped = set(), []


def raise_lines(scene, items: list) -> None:
    """Stack the lines of the nodes just dropped above the other lines (still below the nodes):
    each drop's a little higher than the last one's."""
    scene.raised += 1
    z = style.Z_CONNECTION + min(scene.raised * RAISE_STEP, (style.Z_NODE - style.Z_CONNECTION) / 2)
    for item in items:
        item.setZValue(z)
