"""Items that a large removal hides instead of taking out of the scene.

Qt takes an item out of its index at a cost that grows with the item's bounds (a long line
sits in many cells), and puts it back, on an undo, at the same cost plus a rebuild of the
index. A batch (a delete of thousands of items, see ``DocumentEditor.batch``) therefore
*hides* the items it removes that an undo may want back (the scene's spares) and keeps them
here. An undo that puts one back shows it again (:meth:`restore`): it never left Qt's index.
Once no undo can want them (the scene lets go of its spares), hidden items are taken out for
real, a chunk at a time while the event loop is idle, so no single step pays for thousands.

Hiding or showing thousands of items repaints the whole scene: ``QGraphicsScene.update()``
first, after which Qt marks no single item's area (its ``updateAll``), instead of gathering
40,000 rectangles for the next frame.

Hidden items are out of every view: Qt neither paints, selects nor finds them (``items(pos)``
skips them). Only ``QGraphicsScene.itemsBoundingRect`` counts them; the scene's own override
asks :meth:`bounds` instead while any are here.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF, QTimer
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from ..render.legend import visible_bounds

CHUNK = 500  # items taken out of the scene per turn of the event loop (a few ms)
BULK = 200  # hidden items from which a restore repaints the whole scene (see below)


class RetiredItems:
    def __init__(self, scene: QGraphicsScene) -> None:
        self.scene = scene
        self.hidden: dict[int, QGraphicsItem] = {}  # id(item) -> item, hidden in the scene
        self._doomed: list[QGraphicsItem] = []  # hidden, and no undo wants them: to take out
        self.repainting = False  # the scene repaints all of it (until the edit ends: see restore)
        self._timer = QTimer(scene)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._sweep)

    def retire(self, item: QGraphicsItem) -> None:
        """Hide ``item`` in place of removing it (the caller blocks the scene's signals: hiding
        a selected item deselects it)."""
        item.setVisible(False)
        self.hidden[id(item)] = item

    def restore(self, item: QGraphicsItem) -> bool:
        """Show a hidden item again; False if it is not one of ours (it needs ``addItem``)."""
        if self.hidden.pop(id(item), None) is None:
            return False
        if not self.repainting and len(self.hidden) > BULK:  # an undo of a large delete:
            self.scene.update()  # repaint everything, once for the edit (the scene resets
            self.repainting = True  # ``repainting`` when the edit ends)
        item.setVisible(True)
        return True

    def release(self, items) -> None:
        """No undo wants these any more: take out those that are hidden (in the background)."""
        doomed = [item for item in items if id(item) in self.hidden]
        if doomed:
            # Qt finds each item it removes by a scan of its items sorted by z, then by when
            # they were added: taken out in that order, each is found at once (see
            # CanvasScene.end_batch); the last in the list go first
            self._doomed = sorted(self._doomed + doomed, key=lambda i: i.added, reverse=True)
            self._timer.start()

    def clear(self) -> None:
        """The scene was cleared (a new document): nothing is hidden any more."""
        self.hidden, self._doomed = {}, []
        self._timer.stop()

    def _sweep(self) -> None:
        chunk, self._doomed = self._doomed[-CHUNK:], self._doomed[:-CHUNK]
        for item in reversed(chunk):
            if self.hidden.pop(id(item), None) is not None and item.scene() is self.scene:
                self.scene.removeItem(item)
        if self._doomed:
            self._timer.start()

    def bounds(self) -> QRectF:
        """What ``itemsBoundingRect`` would be without the hidden items."""
        return visible_bounds(self.scene)
