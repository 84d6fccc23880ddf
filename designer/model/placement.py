"""Where connection labels go: pure Python geometry, no Qt (so it is cheap and testable). The
canvas places its labels with it (``canvas.label_layer``), and so does the Visio export.

Each label slides along its line to the first spot (``LABEL_SPOTS``) that hides no node and
no label placed before it; where every spot hides something it takes the spot that hides the
least area. Rectangles are ``(left, top, right, bottom)`` tuples.

:class:`Obstacles` is a grid of buckets (a dict keyed by cell), so asking what a rectangle
overlaps looks at its few cells instead of every node and label: placing all labels is linear
in their number, and re-placing the few labels a drag touches costs next to nothing.
"""
from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Iterator, Sequence

Box = tuple[float, float, float, float]  # left, top, right, bottom

LABEL_SPOTS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)  # where along its line a label may sit
CELL = 200.0  # bucket size in scene units: about a node with its margin
MET = 16  # obstacles a label's search remembers: a spot is mostly blocked by one of them


def box_at(centre: tuple[float, float], size: tuple[float, float]) -> Box:
    """The box of ``size`` (width, height) centred on ``centre``."""
    w, h = size
    return (centre[0] - w / 2, centre[1] - h / 2, centre[0] + w / 2, centre[1] + h / 2)


def overlap(a: Box, b: Box) -> float:
    """The area two boxes share (0 when they only touch or are apart)."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def grid_cells(box: Box, size: float) -> Iterator[tuple[int, int]]:
    """The cells of a grid of ``size`` that ``box`` (x0, y0, x1, y1) touches."""
    x0, y0, x1, y1 = int(box[0] // size), int(box[1] // size), int(box[2] // size), int(box[3] // size)
    return ((i, j) for i in range(x0, x1 + 1) for j in range(y0, y1 + 1))


class Obstacles:
    """Boxes by key, bucketed on a grid for overlap queries."""

    def __init__(self, cell: float = CELL) -> None:
        self.cell = cell
        self.boxes: dict[Hashable, Box] = {}
        self._buckets: dict[tuple[int, int], dict[Hashable, Box]] = {}
        self._stale: dict[Hashable, Box] = {}  # removed, still in their buckets until the next query

    def __contains__(self, key: Hashable) -> bool:
        return key in self.boxes

    def __len__(self) -> int:
        return len(self.boxes)

    def add(self, key: Hashable, box: Box) -> None:
        if self._stale:
            self._purge()
        old = self.boxes.pop(key, None)
        if old is not None:
            self._take_out(key, old)
        self.boxes[key] = box
        self._put_in(key, box)

    def _put_in(self, key: Hashable, box: Box) -> None:
        if not (box[2] > box[0] and box[3] > box[1]):  # an empty box overlaps nothing: not bucketed
            return
        buckets = self._buckets
        for cell in grid_cells(box, self.cell):
            bucket = buckets.get(cell)
            if bucket is None:  # (no empty dict made per cell: a large undo adds thousands)
                buckets[cell] = {key: box}
            else:
                bucket[key] = box

    def remove(self, key: Hashable) -> None:
        """Forget ``key``; its buckets are cleaned before the next query. When most boxes go
        at once (a large delete), that is one rebuild of what is left instead of a pass over
        the cells of each box that went."""
        box = self.boxes.pop(key, None)
        if box is not None:
            self._stale[key] = box

    def _purge(self) -> None:
        stale, self._stale = self._stale, {}
        if len(stale) > len(self.boxes):
            self._buckets = {}
            for key, box in self.boxes.items():
                self._put_in(key, box)
            return
        for key, box in stale.items():
            self._take_out(key, box)

    def _take_out(self, key: Hashable, box: Box) -> None:
        for cell in grid_cells(box, self.cell):
            bucket = self._buckets.get(cell)
            if bucket is not None:
                bucket.pop(key, None)
                if not bucket:
                    del self._buckets[cell]

    def near(self, box: Box) -> dict[Hashable, Box]:
        """The boxes (by key) in the buckets the box touches: a superset of what it overlaps."""
        if self._stale:
            self._purge()
        c, buckets = self.cell, self._buckets
        x0, y0, x1, y1 = int(box[0] // c), int(box[1] // c), int(box[2] // c), int(box[3] // c)
        if x0 == x1 and y0 == y1:
            return buckets.get((x0, y0)) or {}
        found: dict[Hashable, Box] = {}
        for i in range(x0, x1 + 1):
            for j in range(y0, y1 + 1):
                bucket = buckets.get((i, j))
                if bucket:
                    found.update(bucket)
        return found

    def overlapping(self, box: Box) -> list[Hashable]:
        return [k for k, other in self.near(box).items() if overlap(box, other) > 0]

    def free(self, box: Box) -> bool:
        """Whether ``box`` overlaps no obstacle (``cost(box) == 0``, but it stops at the first
        overlap and builds no merged dict of the buckets it touches)."""
        return self.blocker(box) is None

    def blocker(self, box: Box) -> Box | None:
        """The first obstacle found that ``box`` overlaps, or None when it is free."""
        if self._stale:
            self._purge()
        x0, y0, x1, y1 = box
        c, buckets = self.cell, self._buckets
        for i in range(int(x0 // c), int(x1 // c) + 1):
            for j in range(int(y0 // c), int(y1 // c) + 1):
                bucket = buckets.get((i, j))
                if not bucket:
                    continue
                for other in bucket.values():  # (no bucketed box is empty: see _put_in)
                    if x1 > other[0] and other[2] > x0 and y1 > other[1] and other[3] > y0:
                        return other
        return None

    def cost(self, box: Box, limit: float = float("inf")) -> float:
        """The area of ``box`` hidden under the obstacles (overlaps add up). Counting stops
        once it reaches ``limit``: the caller only needs to know it is no better."""
        x0, y0, x1, y1 = box
        total = 0.0
        for bx0, by0, bx1, by1 in self.near(box).values():
            w = (x1 if x1 < bx1 else bx1) - (x0 if x0 > bx0 else bx0)
            if w > 0:
                h = (y1 if y1 < by1 else by1) - (y0 if y0 > by0 else by0)
                if h > 0:
                    total += w * h
                    if total >= limit:
                        return total
        return total


def inside(box: Box, frame: Box | None) -> bool:
    """Whether ``box`` lies within ``frame`` (any box does when there is no frame)."""
    return frame is None or (box[0] >= frame[0] and box[1] >= frame[1] and box[2] <= frame[2] and box[3] <= frame[3])


def best_spot(spots: Sequence[tuple[float, float]], size: tuple[float, float],
              obstacles: Obstacles, frame: Box | None = None) -> tuple[Box | None, float, int]:
    """The first spot whose box hides nothing, else the one that hides least (first on ties):
    its box, the area it hides and its index. ``spots`` are the centres along the line, in
    ``LABEL_SPOTS`` order; a box that leaves ``frame`` (when given) is no spot."""
    if size[0] <= 0 or size[1] <= 0:
        return None, 0.0, -1
    best, best_cost, best_index = None, float("inf"), -1
    for index, centre in enumerate(spots):
        box = box_at(centre, size)
        if not inside(box, frame):
            continue
        cost = obstacles.cost(box, best_cost)
        if cost < best_cost:
            best, best_cost, best_index = box, cost, index
        if cost == 0:
            break
    return best, (best_cost if best is not None else 0.0), best_index


def spots_along(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """The spots on a line through ``points`` where its label may sit: on each of its runs at
    ``LABEL_SPOTS``, the longest runs first."""
    runs = sorted(zip(points, points[1:]), key=lambda ab: -math.hypot(ab[1][0] - ab[0][0], ab[1][1] - ab[0][1]))
    return [(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t) for a, b in runs for t in LABEL_SPOTS]


def around(spots: Sequence[tuple[float, float]], size: tuple[float, float], gap: float = 4.0) -> list[tuple[float, float]]:
    """The spots on the line, then beside it: above, below, left and right of each, just off
    the line (a label there still reads as the line's, and leaves the line in sight)."""
    return list(_around(spots, size, gap))


def place_of(spots: Sequence[tuple[float, float]], size: tuple[float, float], index: int) -> tuple[float, float]:
    """The centre of spot ``index`` of ``around(spots, size)`` (the first spot for an index out
    of range): where a label rides along its moving line, on it or beside it."""
    places = around(spots, size)
    return places[index if 0 <= index < len(places) else 0]


def _around(spots: Sequence[tuple[float, float]], size: tuple[float, float], gap: float = 4.0) -> Iterator[tuple[float, float]]:
    """``around``, one spot at a time (a search that stops at the first free spot makes no more)."""
    w, h = size
    dy, dx = h / 2 + gap, w / 2 + gap
    yield from spots
    for x, y in spots:
        yield x, y - dy
        yield x, y + dy
        yield x - dx, y
        yield x + dx, y


def first_free(spots: Iterable[tuple[float, float]], size: tuple[float, float], obstacles: Obstacles,
               frame: Box | None = None, met: list[Box] | None = None) -> tuple[Box | None, int]:
    """The first spot whose box hides nothing and stays within ``frame``: its box and index
    (None and -1 when there is none).

    A blocked spot is mostly blocked by an obstacle already met, so before a look through the
    grid it tries a few comparisons with the obstacles that blocked the last spots (``met``,
    most recent first, kept across calls when given: ``settle`` tries each size in turn)."""
    if size[0] <= 0 or size[1] <= 0:
        return None, -1
    w, h = size[0] / 2, size[1] / 2
    left, top, right, bottom = frame if frame is not None else (-math.inf, -math.inf, math.inf, math.inf)
    blocker = obstacles.blocker
    met = [] if met is None else met
    for index, (x, y) in enumerate(spots):
        x0, y0, x1, y1 = x - w, y - h, x + w, y + h
        if x0 < left or y0 < top or x1 > right or y1 > bottom:
            continue
        for bx0, by0, bx1, by1 in met:
            if x1 > bx0 and bx1 > x0 and y1 > by0 and by1 > y0:
                break
        else:
            found = blocker((x0, y0, x1, y1))
            if found is None:
                return (x0, y0, x1, y1), index
            met.insert(0, found)
            if len(met) > MET:
                met.pop()
    return None, -1


def settle(spots: Sequence[tuple[float, float]], sizes: Sequence[tuple[float, float] | None],
           obstacles: Obstacles, give_way: bool = True, frame: Box | None = None) -> tuple[Box | None, int, int, float]:
    """Where a label goes, giving way in order: ``sizes`` are its sizes from the most it says
    to the least (full, port summary, a line per direction; None for a level that has given
    way already). It takes the first level that has a free spot on or beside its line; where
    none has (``give_way``), it is not shown. Without ``give_way`` it takes the spot that
    hides least. A label stays within ``frame`` (the design's extent, when given: one past its
    edge would only make the Fit view zoom out). Its box, its level (the index in ``sizes``;
    the first one given when it is not shown), the spot's index and the area hidden."""
    first = next((level for level, size in enumerate(sizes) if size is not None), 0)
    if give_way:  # only a free spot will do: stop at the first overlap of each spot
        met: list[Box] = []
        for level, size in enumerate(sizes):
            if size is not None and size[0] > 0:
                box, index = first_free(_around(spots, size), size, obstacles, frame, met)
                if box is not None:
                    return box, level, index, 0.0
        return None, first, -1, 0.0
    fallback: tuple[Box | None, int, int, float] = (None, first, -1, 0.0)
    for level, size in enumerate(sizes):
        if size is None or size[0] <= 0:
            continue
        box, cost, index = best_spot(around(spots, size), size, obstacles, frame)
        if box is not None and cost == 0:
            return box, level, index, 0.0
        if box is not None and (fallback[0] is None or cost < fallback[3]):
            fallback = (box, level, index, cost)
    return fallback


def clip_segment(x0: float, y0: float, x1: float, y1: float, rect: Box) -> tuple[float, float] | None:
    """The part of the segment from (x0, y0) to (x1, y1) inside ``rect``, as the fractions
    ``(t0, t1)`` of its length where it enters and leaves (Liang-Barsky); None when it misses."""
    t0, t1 = 0.0, 1.0
    dx, dy = x1 - x0, y1 - y0
    for p, q in ((-dx, x0 - rect[0]), (dx, rect[2] - x0), (-dy, y0 - rect[1]), (dy, rect[3] - y0)):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            if t > t1:
                return None
            t0 = max(t0, t)
        else:
            if t < t0:
                return None
            t1 = min(t1, t)
    return t0, t1
