"""Exports: a connection label with no free place is printed as a numbered tag on its line, and
the key beneath the drawing gives its text in full.

On screen a label with no free spot gives way (its flows stay in its tooltip). Paper can't be
hovered, and a label printed over a node or another label hides what a stakeholder reads, so an
export prints each label in full where it hides nothing, and otherwise prints its number on the
line and the label, under that number and the names of the nodes it joins, in a key under the
drawing. The key is laid out in scene coordinates just below the drawing, so a single page and
every part of an atlas print it at the drawing's scale.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from ..support.i18n import QT_TRANSLATE_NOOP
from . import style

PASSES = 3  # a tag frees room, so labels placed after it may move: settle in a few passes
GAP = 28.0  # between the drawing and the key, and between its columns
PAD = 6.0  # inside an entry
LINE = 8.0  # the key's text, in points (a connection label's size)
HEAD = 9.0  # an entry's number and node names (a node name's size)
MAX_COLUMN = 640.0  # an entry wider than this wraps its lines
RULE = QColor("#b0bec5")
CAPTION_TEXT = QT_TRANSLATE_NOOP(
    "Legend", "Labels printed as numbers on the drawing (their place would hide a node or another label)")


@dataclass(frozen=True)
class KeyEntry:
    """A tagged label: its number, the nodes its connection joins and its lines in full."""

    number: int
    conn_id: str
    between: str
    lines: tuple[str, ...]


def tag_hiding_labels(scene) -> tuple[list[KeyEntry], dict]:
    """After an export's placement (``scene.place_labels(export=True)``), turn every visible
    label that hides something into its number and place the labels again. The key's entries,
    in reading order, and the label items' own (lines, error) to put back afterwards."""
    layer, connections, doc = scene.labels, scene.connections, scene.document
    saved: dict = {}
    full: dict[str, tuple[str, ...]] = {}
    numbers: dict[str, int] = {}
    for _ in range(PASSES):
        hiding = [c for c, (_index, _compact, hidden) in layer.spots.items()
                  if hidden > 0 and c in connections and c not in full and connections[c].isVisible()]
        if not hiding:
            break
        for conn_id in hiding:
            label = connections[conn_id].label_item
            saved[label] = (label.lines, label.error)
            full[conn_id] = tuple(label.lines)
        numbers = _reading_order(scene, full)
        for conn_id, number in numbers.items():
            label = connections[conn_id].label_item
            label.set_lines([str(number)], saved[label][1])
        scene.place_labels(export=True)
    entries = [KeyEntry(n, c, _between(doc, c), full[c]) for c, n in sorted(numbers.items(), key=lambda kv: kv[1])]
    return entries, saved


def _reading_order(scene, conn_ids) -> dict[str, int]:
    """Number the connections by where their lines' middles are: top to bottom, left to right
    (rows of 60 pixels), so a reader finds number 7 after 6."""
    def key(conn_id: str) -> tuple[int, float, str]:
        centre = scene.connections[conn_id].sceneBoundingRect().center()
        return (int(centre.y() // 60), centre.x(), conn_id)
    return {conn_id: n for n, conn_id in enumerate(sorted(conn_ids, key=key), start=1)}


def _between(doc, conn_id: str) -> str:
    conn = doc.connections.get(conn_id) if doc is not None else None
    if conn is None:
        return conn_id
    names = [doc.nodes[n].name if n in doc.nodes else n for n in conn.between]
    return " — ".join(names)


class Key:
    """The key's layout: entries in columns, row by row, ``rect`` wide (scene coordinates)."""

    def __init__(self, entries: list[KeyEntry], width: float) -> None:
        self.entries = entries
        self.caption = QCoreApplication.translate("Legend", CAPTION_TEXT)
        self.layout(width)

    def layout(self, width: float) -> None:
        """Lay the entries out in as many columns as ``width`` holds (one at least)."""
        entries = self.entries
        text, bold = QFontMetricsF(style.font(LINE)), QFontMetricsF(style.font(HEAD, bold=True))
        self.line_h = text.height()
        self.caption_h = bold.height() + PAD
        self.boxes: list[tuple[KeyEntry, QRectF, list[str]]] = []
        self.rows: list[tuple[float, float]] = []  # each row's top and bottom
        if not entries:
            self.size = (0.0, 0.0)
            return
        column = min(MAX_COLUMN, max(max([bold.horizontalAdvance(f"{e.number}  {e.between}")]
                                          + [text.horizontalAdvance(line) for line in e.lines])
                                     for e in entries) + 2 * PAD)
        columns = max(1, int((max(width, column) + GAP) // (column + GAP)))
        y, row_h = self.caption_h, 0.0
        for index, entry in enumerate(entries):
            if index and index % columns == 0:
                self.rows.append((y, y + row_h))
                y, row_h = y + row_h + PAD, 0.0
            lines = [piece for line in entry.lines for piece in _wrap(text, line, column - 2 * PAD)]
            height = 2 * PAD + bold.height() + self.line_h * len(lines)
            x = (index % columns) * (column + GAP)
            self.boxes.append((entry, QRectF(x, y, column, height), lines))
            row_h = max(row_h, height)
        self.rows.append((y, y + row_h))
        self.size = (min(columns, len(entries)) * (column + GAP) - GAP, y + row_h)

    def page_ranges(self, height: float) -> list[tuple[float, float]]:
        """The key cut into pages ``height`` tall, between its rows: each page's top and bottom."""
        ranges: list[tuple[float, float]] = []
        top, last = 0.0, 0.0
        for row_top, row_bottom in self.rows:
            if row_bottom - top > height and row_top > top:
                ranges.append((top, last))
                top = row_top
            last = row_bottom
        ranges.append((top, self.size[1]))
        return ranges

    def paint(self, painter: QPainter, origin: QPointF) -> None:
        """Paint the key with its top left corner at ``origin`` (the painter's coordinates)."""
        if not self.entries:
            return
        painter.save()
        painter.translate(origin)
        painter.setFont(style.font(LINE, bold=True))
        painter.setPen(QColor("#607d8b"))
        painter.drawText(QRectF(0, 0, max(self.size[0], 1.0), self.caption_h),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, self.caption)
        for entry, box, lines in self.boxes:
            painter.setPen(QPen(RULE, 1))
            painter.setBrush(QColor("#ffffff"))
            painter.drawRoundedRect(box, 4, 4)
            painter.setPen(style.TEXT_COLOR)
            painter.setFont(style.font(HEAD, bold=True))
            top = box.top() + PAD
            head = QFontMetricsF(painter.font())
            painter.drawText(QPointF(box.left() + PAD, top + head.ascent()), f"{entry.number}  {entry.between}")
            painter.setFont(style.font(LINE))
            metrics = QFontMetricsF(painter.font())
            y = top + head.height() + metrics.ascent()
            for line in lines:
                painter.drawText(QPointF(box.left() + PAD, y), line)
                y += self.line_h
        painter.restore()


def _wrap(metrics: QFontMetricsF, line: str, width: float) -> list[str]:
    """``line`` in pieces no wider than ``width``, broken at spaces (a word wider stays whole)."""
    if metrics.horizontalAdvance(line) <= width:
        return [line]
    pieces, current = [], ""
    for word in line.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and metrics.horizontalAdvance(candidate) > width:
            pieces.append(current)
            current = "  " + word
        else:
            current = candidate
    pieces.append(current)
    return pieces


def key_origin(bounds: QRectF) -> QPointF:
    """Where the key starts, in scene coordinates: under the drawing's items, at their left."""
    return QPointF(bounds.left(), bounds.bottom() + GAP)


def key_rect(key: Key, bounds: QRectF) -> QRectF:
    origin = key_origin(bounds)
    return QRectF(origin.x(), origin.y(), math.ceil(key.size[0]), math.ceil(key.size[1]))
