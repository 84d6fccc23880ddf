"""How the canvas scene routes its lines: round the nodes they don't join (``model.routing``),
parallel connections fanned out, and after an edit only the lines the moved nodes block or
freed. A mixin of :class:`~.scene.CanvasScene` (it reads the scene's tables and router)."""
from __future__ import annotations

from PySide6.QtCore import QPointF

from ..model.routing import ROUTE_LIMIT

FAN = 30.0  # pixels between parallel connections


class SceneRouting:
    """Routing of the scene's connection items (mixed into ``CanvasScene``)."""

    def _route_pair(self, pair) -> None:
        for conn_id in self._by_pair.get(frozenset(pair), ()):
            if conn_id in self.connections:
                self._route(conn_id)

    def _route(self, conn_id: str) -> None:
        item = self.connections[conn_id]
        first, second = item.ends
        routed = first != second and len(self.document.connections) <= ROUTE_LIMIT  # (a large design: straight)
        points = self.router.route(first, second, conn_id) if routed else None
        self.changing(item)
        item.update_geometry(self.nodes[first].center(), self.nodes[second].center(), self._bend(conn_id), points)
        self.labels.label_changed(conn_id)

    def _route_pairs(self, pairs: set[frozenset]) -> None:
        """Route the lines between these pairs of nodes (at the end of a batch)."""
        connections = self.connections
        if len(self.document.connections) <= ROUTE_LIMIT:
            for conn in self.document.connections.values():  # in document order, as opening routes them
                if conn.id in connections and frozenset(conn.between) in pairs:
                    self._route(conn.id)
            return
        # a large design's lines are straight (in any order): a line whose ends and fan are as
        # they were (put back by an undo) is left as it is, with no call per line
        by_pair, centres, changed = self._by_pair, {}, []
        for pair in pairs:
            parallels = by_pair.get(pair, ())
            count = len(parallels)
            for index, conn_id in enumerate(parallels):
                item = connections.get(conn_id)
                if item is not None and self._straighten(
                        item, centres, _fan(index, count, item.ends[0] > item.ends[1]) if count > 1 else 0.0):
                    changed.append(conn_id)
        self.labels.labels_changed(changed)

    def _straighten(self, item, centres: dict, bend: float) -> bool:
        """Make a line straight between its nodes' centres (``centres`` caches them by node id)
        with ``bend``, unless it is already; True when it changed."""
        first, second = item.ends
        if first not in centres:
            p = self.nodes[first].scenePos()
            centres[first] = (p.x(), p.y())
        if second not in centres:
            p = self.nodes[second].scenePos()
            centres[second] = (p.x(), p.y())
        a, b = centres[first], centres[second]
        if item.routed_from == (a[0], a[1], b[0], b[1], bend, None):
            return False
        item.update_geometry(QPointF(*a), QPointF(*b), bend)
        return True

    def _reroute_around(self) -> None:
        """Route again the lines that pass the nodes moved, added or removed since the last
        edit, and the lines that went round one of them where it was (they may have a shorter
        way now)."""
        moved, self._moved = self._moved, set()
        was, self._left = [b for b in self._left.values() if b is not None], {}
        boxes = [self.router.boxes[n] for n in moved if n in self.router.boxes]
        for conn_id, item in self.connections.items():
            if item.ends[0] in moved or item.ends[1] in moved:
                continue  # routed when its node moved
            if item.points is not None:
                xs, ys = [p[0] for p in item.points], [p[1] for p in item.points]
                if any(b[0] < max(xs) and min(xs) < b[2] and b[1] < max(ys) and min(ys) < b[3] for b in was + boxes) \
                        and self.router.route(*item.ends, conn_id) != item.points:  # a shorter way now
                    self._route(conn_id)
                continue
            seg = item.segment
            if seg is None or not boxes:
                continue
            left, right = min(seg[0], seg[2]), max(seg[0], seg[2])
            top, bottom = min(seg[1], seg[3]), max(seg[1], seg[3])
            if any(b[0] < right and left < b[2] and b[1] < bottom and top < b[3] for b in boxes) and \
                    self.router.blocking([(seg[0], seg[1]), (seg[2], seg[3])], item.ends):
                self._route(conn_id)

    def _bend(self, conn_id: str) -> float:
        """How far a connection's curve bows out (pixels): parallel connections fan out."""
        ends = self.connections[conn_id].ends
        parallels = self._by_pair[frozenset(ends)]
        return _fan(parallels.index(conn_id), len(parallels), ends[0] > ends[1])


def _fan(index: int, count: int, flipped: bool) -> float:
    """How far the ``index``-th of ``count`` parallel lines bows out (the same side for both
    directions of a pair: ``flipped`` when its first node's id sorts after the second's)."""
    bend = (index - (count - 1) / 2) * FAN
    return -bend if flipped else bend
