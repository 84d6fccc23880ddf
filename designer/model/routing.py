"""Where connection lines run: around the nodes they do not join. Pure Python: no Qt, no I/O.

A line is straight from one node's centre to the other's when that passes no other node.
Otherwise it is routed orthogonally around them: A* over the grid that the obstacles' edges
make (each node's box grown by ``CLEARANCE``), where a bend costs ``BEND`` units of length, so
the route is short with few bends. Only the nodes near the two ends are considered
(``REACH``), widened once if they leave no way through.

:class:`Router` keeps the node boxes in a grid of buckets, so asking what a line passes is
cheap: the canvas routes a line whenever one of its nodes moves, and the exports (draw.io,
Visio, the printed sheet) take the same routes from :func:`route_all`.
"""
from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping

from .layout import NODE_HEIGHT, NODE_WIDTH
from .placement import Box, grid_cells

Point = tuple[float, float]

CLEARANCE = 12.0  # how far a detour keeps from the nodes it passes
BEND = 40.0  # what a bend costs, in units of length
REACH = 300.0  # the obstacles considered lie within this of the line's bounding box
SPREAD = 8.0  # how far apart detours that would share a channel run
ROUTE_LIMIT = 500  # connections: a larger design keeps straight lines (routing 3,000 took a minute)
CELL = 200.0
HALF = (NODE_WIDTH / 2, NODE_HEIGHT / 2)


def node_box(centre: Point) -> Box:
    """The box a node at ``centre`` takes (its icon and its name)."""
    x, y = centre
    return (x - HALF[0], y - HALF[1], x + HALF[0], y + HALF[1])


def crosses(a: Point, b: Point, box: Box) -> bool:
    """Whether the segment from ``a`` to ``b`` passes through the inside of ``box``."""
    (x0, y0), (x1, y1) = a, b
    t0, t1 = 0.0, 1.0
    dx, dy = x1 - x0, y1 - y0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            if t >= t1:
                return False
            t0 = max(t0, t)
        else:
            if t <= t0:
                return False
            t1 = min(t1, t)
    return t1 - t0 > 1e-9


def polyline_crosses(points: list[Point], box: Box) -> bool:
    return any(crosses(a, b, box) for a, b in zip(points, points[1:]))


class Router:
    """Node boxes by node id, bucketed on a grid; routes lines around them."""

    def __init__(self, cell: float = CELL) -> None:
        self.cell = cell
        self.boxes: dict[str, Box] = {}
        self._buckets: dict[tuple[int, int], set[str]] = {}
        self.channels: dict[str, list[tuple[int, float, float, float]]] = {}  # line -> its inner runs

    def place(self, node_id: str, centre: Point) -> None:
        self.remove(node_id)
        box = self.boxes[node_id] = node_box(centre)
        buckets = self._buckets
        for cell in grid_cells(box, self.cell):
            bucket = buckets.get(cell)
            if bucket is None:  # (no empty set made per cell: a large undo places thousands)
                buckets[cell] = {node_id}
            else:
                bucket.add(node_id)

    def remove(self, node_id: str) -> None:
        box = self.boxes.pop(node_id, None)
        if box is None:
            return
        for cell in grid_cells(box, self.cell):
            bucket = self._buckets.get(cell)
            if bucket is not None:
                bucket.discard(node_id)
                if not bucket:
                    del self._buckets[cell]

    def near(self, area: Box) -> set[str]:
        """The nodes in the buckets ``area`` touches (a superset of those it overlaps)."""
        found: set[str] = set()
        for cell in grid_cells(area, self.cell):
            found |= self._buckets.get(cell, set())
        return found

    def blocking(self, points: list[Point], skip: Iterable[str] = ()) -> list[str]:
        """The nodes (not in ``skip``) that the polyline passes through."""
        skip = set(skip)
        found = []
        for a, b in zip(points, points[1:]):
            area = (min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))
            for node_id in self.near(area) - skip:
                if node_id not in found and crosses(a, b, self.boxes[node_id]):
                    found.append(node_id)
        return found

    def route(self, first: str, second: str, line: str = "") -> list[Point]:
        """The line from node ``first`` to node ``second`` (both placed): straight where that
        passes no other node, else orthogonal around them (straight if there is no way round).
        A detour of ``line`` keeps ``SPREAD`` from the inner runs of the other detours routed
        so far, so that two lines never share a run."""
        self.channels.pop(line, None)
        start, end = _centre(self.boxes[first]), _centre(self.boxes[second])
        straight = [start, end]
        if not self.blocking(straight, (first, second)):
            return straight
        for reach in (REACH, 3 * REACH):
            area = (min(start[0], end[0]) - reach, min(start[1], end[1]) - reach,
                    max(start[0], end[0]) + reach, max(start[1], end[1]) + reach)
            obstacles = [self.boxes[n] for n in self.near(area) - {first, second}]
            path = orthogonal(start, end, obstacles)
            if path is not None:
                return self._spread(line, path, (first, second))
        return straight

    def forget(self, line: str) -> None:
        """``line`` is gone: its runs no longer keep others away."""
        self.channels.pop(line, None)

    def _spread(self, line: str, path: list[Point], ends: tuple[str, str]) -> list[Point]:
        """Move each inner run of ``path`` off the runs of other lines (as little as it takes,
        passing no node), and keep its runs for the lines routed next."""
        path = list(path)
        for k in range(1, len(path) - 2):  # run k goes from path[k] to path[k + 1]
            (x0, y0), (x1, y1) = path[k], path[k + 1]
            axis = 0 if x0 == x1 else 1  # 0: a vertical run at x, 1: a horizontal one at y
            for shift in (0.0, SPREAD, -SPREAD, 2 * SPREAD, -2 * SPREAD, 3 * SPREAD, -3 * SPREAD):
                moved = list(path)
                moved[k] = (x0 + shift, y0) if axis == 0 else (x0, y0 + shift)
                moved[k + 1] = (x1 + shift, y1) if axis == 0 else (x1, y1 + shift)
                if not self._shared(line, moved[k], moved[k + 1], axis) and \
                        not self.blocking(moved[k - 1:k + 3], ends):
                    path = moved
                    break
        self.channels[line] = [_run(a, b) for a, b in zip(path[1:-2], path[2:-1])]
        return path

    def _shared(self, line: str, a: Point, b: Point, axis: int) -> bool:
        """Whether the run from ``a`` to ``b`` lies on (within 2 units of) another line's run."""
        own = _run(a, b)
        for other, runs in self.channels.items():
            if other == line:
                continue
            for r in runs:
                if r[0] == own[0] and abs(r[1] - own[1]) < 2 and min(r[3], own[3]) - max(r[2], own[2]) > 0:
                    return True
        return False


def _run(a: Point, b: Point) -> tuple[int, float, float, float]:
    """A straight run as (axis, where it runs, from, to): axis 0 is vertical, 1 horizontal."""
    if a[0] == b[0]:
        return (0, a[0], min(a[1], b[1]), max(a[1], b[1]))
    return (1, a[1], min(a[0], b[0]), max(a[0], b[0]))


def _centre(box: Box) -> Point:
    return ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)


def orthogonal(start: Point, end: Point, obstacles: list[Box], clearance: float = CLEARANCE) -> list[Point] | None:
    """The shortest orthogonal route (a bend costs ``BEND``) from ``start`` to ``end`` that
    keeps ``clearance`` from every obstacle; None when there is none."""
    grown = [(b[0] - clearance, b[1] - clearance, b[2] + clearance, b[3] + clearance) for b in obstacles]
    xs = sorted({start[0], end[0], *(g[0] for g in grown), *(g[2] for g in grown)})
    ys = sorted({start[1], end[1], *(g[1] for g in grown), *(g[3] for g in grown)})

    def inside(x: float, y: float) -> bool:  # strictly inside a grown box (its edges are free)
        return any(g[0] < x < g[2] and g[1] < y < g[3] for g in grown)

    si, sj, ei, ej = xs.index(start[0]), ys.index(start[1]), xs.index(end[0]), ys.index(end[1])
    free: dict[tuple[int, int], bool] = {}

    def open_(i: int, j: int) -> bool:
        key = (i, j)
        if key not in free:
            free[key] = not inside(xs[i], ys[j])
        return free[key]

    def passable(i: int, j: int, k: int, m: int) -> bool:  # the step between neighbours
        return open_(k, m) and not inside((xs[i] + xs[k]) / 2, (ys[j] + ys[m]) / 2)

    def h(i: int, j: int) -> float:
        return abs(xs[i] - end[0]) + abs(ys[j] - end[1])

    # state: (i, j, direction) with direction 0 = horizontal, 1 = vertical, -1 = at the start
    best: dict[tuple[int, int, int], float] = {(si, sj, -1): 0.0}
    came: dict[tuple[int, int, int], tuple[int, int, int]] = {}
    queue = [(h(si, sj), 0.0, (si, sj, -1))]
    while queue:
        _f, cost, state = heapq.heappop(queue)
        if cost > best.get(state, float("inf")):
            continue
        i, j, d = state
        if (i, j) == (ei, ej):
            return _simplify(_walk(came, state, xs, ys))
        for k, m, nd in ((i - 1, j, 0), (i + 1, j, 0), (i, j - 1, 1), (i, j + 1, 1)):
            if not (0 <= k < len(xs) and 0 <= m < len(ys)):
                continue
            if (k, m) != (ei, ej) and (i, j) != (si, sj) and not passable(i, j, k, m):
                continue
            if ((i, j) == (si, sj) or (k, m) == (ei, ej)) and inside((xs[i] + xs[k]) / 2, (ys[j] + ys[m]) / 2):
                continue
            step = abs(xs[k] - xs[i]) + abs(ys[m] - ys[j])
            new = cost + step + (BEND if d not in (-1, nd) else 0.0)
            key = (k, m, nd)
            if new < best.get(key, float("inf")):
                best[key] = new
                came[key] = state
                heapq.heappush(queue, (new + h(k, m), new, key))
    return None


def _walk(came, state, xs, ys) -> list[Point]:
    points = []
    while True:
        points.append((xs[state[0]], ys[state[1]]))
        if state not in came:
            break
        state = came[state]
    return points[::-1]


def _simplify(points: list[Point]) -> list[Point]:
    """Without the points where the line goes on straight."""
    out = [points[0]]
    for p, q in zip(points[1:], points[2:]):
        a = out[-1]
        if (a[0] == p[0] == q[0]) or (a[1] == p[1] == q[1]):
            continue
        out.append(p)
    out.append(points[-1])
    return out


def route_all(centres: Mapping[str, Point], connections: Iterable[tuple[str, str, str]]) -> dict[str, list[Point]]:
    """Each connection's line, ``(id, first node, second node)`` -> its points, for nodes at
    ``centres`` (the canvas routes the same way)."""
    connections = list(connections)
    if len(connections) > ROUTE_LIMIT:
        return {conn_id: [centres[a], centres[b]] for conn_id, a, b in connections if a in centres and b in centres}
    router = Router()
    for node_id, centre in centres.items():
        router.place(node_id, centre)
    return {conn_id: router.route(a, b, conn_id) for conn_id, a, b in connections if a in centres and b in centres}


__all__ = ["ROUTE_LIMIT", "Router", "crosses", "node_box", "orthogonal", "polyline_crosses", "route_all"]
