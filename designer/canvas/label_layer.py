"""Keeps connection labels off the nodes and off each other, re-placing only what changed.

The scene tells the layer what moved (a node, a connection's route, a label's text); the
layer re-places those labels, and the labels a moved node now covers, on the next turn of the
event loop (so a drag frame places once however many items moved). Everything else stays
where it is. A full placement runs when a document is set, when most labels changed (the
Exchange version switched) and when someone asks (``place_all``: exports, presentation).

Labels are not painted when zoomed out (``style.label_min_zoom``). While no view shows them,
a full placement runs in the background, ``CHUNK`` labels per turn of the event loop, so a
large design opens without waiting for it; a view that zooms in to where labels show calls
``finish()`` first.
"""
from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGraphicsView

from ..model import Document
from ..model.layout import NODE_HEIGHT, NODE_WIDTH
from .connection_item import ConnectionItem
from .legible import LABEL_POINTS, label_magnify, readable_zoom
from ..model.placement import Box, Obstacles, box_at, place_of, settle


class LabelledScene(Protocol):
    """What the layer reads of the scene it serves (the ``CanvasScene``, which owns the layer)."""

    document: Document | None
    connections: dict[str, ConnectionItem]
    label_min_zoom: float
    dragging: bool

    def views(self) -> list[QGraphicsView]: ...

NODE_BOX = (NODE_WIDTH / 2 + 2, NODE_HEIGHT / 2 + 2)  # half extents of a node item's bounds
NAME_BELOW = 16.0  # zoomed out, a name on two lines reaches this far below the node
CHUNK = 120  # labels placed per turn of the event loop in the background (some 30 ms)
FRAME_MARGIN = 40.0  # on screen, labels stay within the nodes' extent and this much around it


def node_box(x: float, y: float, magnify: float = 1.0, item=None) -> Box:
    """A node's box for labels to keep off: zoomed out (``magnify``), its name is painted
    larger, wider and lower (as ``item``, its ``NodeItem``, paints it; about so without one)."""
    w, h = NODE_BOX
    if item is None or magnify <= 1:
        return (x - w, y - h, x + w, y + h + NAME_BELOW * magnify)
    name = item.name_rect(readable_zoom(LABEL_POINTS) / magnify)
    half = max(w, -name.left(), name.right())
    return (x - half, y - h, x + half, y + max(h, name.bottom()))


class LabelLayer:
    def __init__(self, scene: LabelledScene) -> None:
        self.scene = scene  # obstacles are keyed by id: node and connection ids never clash
        self.obstacles = Obstacles()
        self.dirty: set[str] = set()  # connection ids whose labels need a place
        self.covered: list[Box] = []  # boxes of nodes placed since the last flush: their labels need a place
        self.full = False
        self.pending = False
        self.backlog: list[str] = []  # a full placement under way in the background, in order
        self._order: dict[str, int] = {}  # connection id -> its place in the scene's order
        self.spots: dict[str, tuple[int, int, float]] = {}  # id -> (spot, level: full 0, summary 1, brief 2, area hidden)
        self.unapplied: dict[str, tuple[int, Box | None]] = {}  # placed (level, box), items not moved yet
        self.placed_count = 0  # labels placed so far (tests and benchmarks read it)
        self.magnify = 1.0  # labels are this much larger in the scene than their size (zoomed out)
        self.give_way = True  # a label with no free spot is not shown (exports: it takes the best)
        self.frame: Box | None = None  # the nodes' extent (with FRAME_MARGIN): on screen, labels stay in it

    def set_zoom(self, zoom: float) -> None:
        """A view shows the scene at ``zoom``: zoomed out, labels are painted larger (never
        under ``MIN_TEXT_PX`` on screen) and show only their port summaries, so they are
        placed again for that size."""
        magnify = label_magnify(zoom) if zoom >= self.scene.label_min_zoom else self.magnify
        if abs(magnify - self.magnify) > 1e-3:
            self._set_magnify(magnify)
            self.place_everything()

    def _set_magnify(self, magnify: float) -> None:
        if magnify == self.magnify:
            return
        self.magnify = magnify
        self.frame = None
        for node_id, item in getattr(self.scene, "nodes", {}).items():
            self._add_node_box(node_id, node_box(item.pos().x(), item.pos().y(), magnify, item))

    def _add_node_box(self, node_id: str, box: Box) -> None:
        """A node's box is an obstacle, and the frame grows to hold it (it shrinks only when
        everything is placed again: a node dragged back in leaves room that does no harm)."""
        self.obstacles.add(node_id, box)
        m, f = FRAME_MARGIN, self.frame
        grown = (box[0] - m, box[1] - m, box[2] + m, box[3] + m)
        self.frame = grown if f is None else (min(f[0], grown[0]), min(f[1], grown[1]),
                                              max(f[2], grown[2]), max(f[3], grown[3]))

    def for_export(self, export: bool) -> None:
        """Place for an export (labels at their own size, every one shown) or for the screen."""
        views = [v.transform().m11() for v in self.scene.views()]
        self.give_way = not export
        self._set_magnify(1.0 if export or not views else (
            label_magnify(max(views)) if max(views) >= self.scene.label_min_zoom else self.magnify))

    def reset(self) -> None:
        self.obstacles = Obstacles()
        self.frame = None
        self._order = {}
        self.spots = {}
        self.unapplied = {}
        self.dirty.clear()
        self.covered = []
        self.backlog = []
        self.full = True
        self.schedule()

    @property
    def busy(self) -> bool:
        """Whether placing is pending or under way."""
        return self.pending or bool(self.backlog) or self.full or bool(self.dirty) or bool(self.covered)

    @property
    def settled(self) -> bool:
        """Every label is placed and where it belongs."""
        return not self.busy and not self.unapplied

    def labels_shown(self) -> bool:
        """Whether a view of the scene is zoomed in far enough to paint labels."""
        least = self.scene.label_min_zoom
        return any(v.transform().m11() >= least for v in self.scene.views())

    # ---- what changed
    def node_placed(self, node_id: str, x: float, y: float, cover: bool = True) -> None:
        """A node is at (x, y): labels it now covers need a new place (unless ``cover`` is
        false: during a drag, they are re-placed on the drop). Which labels those are is asked
        when they are placed (``_uncover``): the undo of a large delete puts back thousands of
        nodes, and then every label is placed again anyway."""
        box = node_box(x, y, self.magnify, getattr(self.scene, "nodes", {}).get(node_id))
        self._add_node_box(node_id, box)
        if cover and not self.full:
            self.covered.append(box)
        self.schedule()

    def node_removed(self, node_id: str) -> None:
        self.obstacles.remove(node_id)

    def label_changed(self, conn_id: str) -> None:
        self.dirty.add(conn_id)
        self.schedule()

    def labels_changed(self, conn_ids) -> None:
        if conn_ids:
            self.dirty.update(conn_ids)
            self.schedule()

    def label_removed(self, conn_id: str) -> None:
        self._order = {}
        self.unapplied.pop(conn_id, None)
        self.dirty.discard(conn_id)
        self.obstacles.remove(conn_id)  # (left in the backlog: placing skips what is gone, and
        # taking thousands of ids out of a long backlog one by one is quadratic)

    def place_everything(self) -> None:
        self.full = True
        self.schedule()

    # ---- placing
    def schedule(self) -> None:
        if not self.pending:
            self.pending = True
            QTimer.singleShot(0, self.flush)

    def flush(self) -> None:
        """Place what is pending (the timer's slot; calling it early is harmless)."""
        self.pending = False
        if self.scene.document is None:
            return
        connections, shown = self.scene.connections, self.labels_shown()
        self._uncover()
        if self.full or len(self.dirty) > len(connections) // 2:
            self._start_backlog()
        if self.backlog and shown:
            self.finish()
            return
        if shown and self.unapplied:
            self._apply()
        if self.backlog:  # one chunk of the background placement
            chunk, self.backlog = self.backlog[:CHUNK], self.backlog[CHUNK:]
            self._place(chunk, apply=False)
            self.schedule()
        waiting = set(self.backlog)  # those get their place when the backlog reaches them
        ready = self._in_order(c for c in self.dirty if c not in waiting)
        self.dirty.clear()
        if self.scene.dragging:  # labels no view shows wait for the drop
            ready, later = self._partition_shown(ready)
            self.dirty.update(later)
        self._place(ready, apply=shown)

    def _uncover(self) -> None:
        """The labels under the nodes placed since the last time need a new place (unless every
        label is placed again: see ``flush``)."""
        boxes, self.covered = self.covered, []
        labels = self.scene.connections
        if self.full or len(self.dirty) > len(labels) // 2:
            return
        overlapping = self.obstacles.overlapping
        for box in boxes:
            self.dirty.update(key for key in overlapping(box) if key in labels)

    def _partition_shown(self, conn_ids: list[str]) -> tuple[list[str], list[str]]:
        """The labels a view may show (their line crosses a view zoomed in enough), and the rest."""
        areas = [v.mapToScene(v.viewport().rect()).boundingRect().adjusted(-200, -200, 200, 200)
                 for v in self.scene.views() if v.transform().m11() >= self.scene.label_min_zoom]
        shown, hidden = [], []
        for conn_id in conn_ids:
            bounds = self.scene.connections[conn_id].path.controlPointRect()
            (shown if any(a.intersects(bounds) for a in areas) else hidden).append(conn_id)
        return shown, hidden

    def _in_order(self, conn_ids) -> list[str]:
        """Connection ids in the scene's order (labels are placed first come, first served)."""
        connections, order = self.scene.connections, self._order
        conn_ids = [c for c in conn_ids if c in connections]
        if any(c not in order for c in conn_ids) or len(order) < len(connections):
            order = self._order = {c: i for i, c in enumerate(connections)}
        return sorted(conn_ids, key=order.__getitem__)

    def place_all(self) -> None:
        """Slide each label along its line to the first spot that hides no node or label;
        where there is none, show only the ports if that fits better."""
        self._start_backlog()
        self.finish()

    def finish(self) -> None:
        """Place the rest of a background placement now and move every label where it belongs
        (a view is about to show labels, or an export to print them)."""
        self._uncover()
        if self.full:
            self._start_backlog()
        backlog, self.backlog = self.backlog, []
        waiting = set(backlog)
        extra = self._in_order(c for c in self.dirty if c not in waiting)
        self.dirty.clear()
        self._place(backlog + extra, apply=True)
        self._apply()

    def _start_backlog(self) -> None:
        self.full = False
        for key in [k for k in self.obstacles.boxes if k in self.scene.connections]:
            self.obstacles.remove(key)
        self.dirty.clear()
        self.covered = []
        connections = self.scene.connections  # the labels of short lines first: they have the fewest spots
        self.backlog = sorted(connections, key=lambda c: _extent(connections[c]))

    def _place(self, conn_ids: list[str], apply: bool = True) -> None:
        """Place these labels in this order (during a drag they ride their lines instead, see
        ``_follow``). Unless ``apply``, the items are not moved yet (no view shows labels:
        moving them would only cost repaints)."""
        obstacles, connections, spots = self.obstacles, self.scene.connections, self.spots
        conn_ids = [c for c in conn_ids if c in connections]
        if self.scene.dragging:
            self._follow(conn_ids, apply)
            return
        for conn_id in conn_ids:
            obstacles.remove(conn_id)
        m, give_way = self.magnify, self.give_way
        for conn_id in conn_ids:
            item = connections[conn_id]
            full = None if m > 1 else item.label_size(False)  # zoomed out, details give way
            if give_way:  # then the summary, then the summary's first line per direction
                w, h = item.label_size(True)
                sizes = [full, (w * m, h * m)]
                if item.label.brief != item.label.compact:
                    w, h = item.label_size(True, True)
                    sizes.append((w * m, h * m))
                box, level, index, hidden = settle(item.spots, sizes, obstacles, frame=self.frame)
            else:  # an export: every label in full, where it hides least (the sheet has every flow)
                box, level, index, hidden = settle(item.spots, [full], obstacles, give_way=False)
            spots[conn_id] = (index, level, hidden)
            if box is not None:
                obstacles.add(conn_id, box)
            self._put(conn_id, level, box, apply)
        self.placed_count += len(conn_ids)

    def _follow(self, conn_ids: list[str], apply: bool) -> None:
        """During a drag, labels ride along their lines: each keeps its spot (the same fraction
        of its line) and its size, with no search for a free place; the drop places them."""
        connections, spots = self.scene.connections, self.spots
        for conn_id in conn_ids:
            item = connections[conn_id]
            index, level, _hidden = spots.get(conn_id, (0, 0, 0.0))
            if index < 0:  # it gave way: it stays hidden until the drop
                self._put(conn_id, level, None, apply)
                continue
            w, h = item.label_size(level >= 1, level >= 2)
            size = (w * self.magnify, h * self.magnify)
            box = box_at(place_of(item.spots, size, index), size) if item.spots and size[0] > 0 else None
            self._put(conn_id, level, box, apply)

    def _put(self, conn_id: str, level: int, box: Box | None, apply: bool) -> None:
        """Move the label there now, or remember where it goes (``_apply`` moves it)."""
        if apply:
            self.unapplied.pop(conn_id, None)
            item = self.scene.connections[conn_id]
            self.scene.changing(item.label_item)
            _move(item, level, box, self.magnify)
        else:
            self.unapplied[conn_id] = (level, box)

    def _apply(self) -> None:
        unapplied, self.unapplied = self.unapplied, {}
        connections = self.scene.connections
        changing = self.scene.changing
        for conn_id, (level, box) in unapplied.items():
            if conn_id in connections:
                changing(connections[conn_id].label_item)
                _move(connections[conn_id], level, box, self.magnify)


def _extent(item: ConnectionItem) -> float:
    """How far a line reaches (its bounds' width plus height): a short line has few spots."""
    bounds = item.path.controlPointRect()
    return bounds.width() + bounds.height()


def _move(item, level: int, box: Box | None, magnify: float = 1.0) -> None:
    """Show the label there (in full, its summary or its brief summary: ``level`` 0, 1, 2;
    ``magnify`` times its size), or hide it where it has no place (``box`` is None: it gave way)."""
    item.set_compact(level >= 1, level >= 2)
    label = item.label_item
    label.set_magnify(magnify)
    label.set_shown(box is not None)
    if box is not None:
        label.setPos(box[0], box[1])
