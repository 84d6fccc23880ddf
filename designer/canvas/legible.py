"""Text that stays readable at every zoom: nothing is painted on screen smaller than
``MIN_TEXT_PX`` pixels (the font's pixel size times the zoom).

Zoomed out, text gives way in order: connection labels (details, then the port summaries) are
not painted below the zoom where they would be smaller (``readable_zoom``); names and zone
titles are painted at ``MIN_TEXT_PX`` on one line, elided to the room they have, and give way
only when too little of them would show (``MIN_SHOWN_CHARS``). Exports are vector and print
everything at its size.
"""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontInfo, QPainter

from ..render import style

MIN_TEXT_PX = 9.0
MIN_SHOWN_CHARS = 6  # a name elided to fewer characters than this is not painted


@lru_cache(maxsize=None)
def pixel_size(size: float, bold: bool = False) -> int:
    """The pixel size of the painting font of ``size`` points at 100 % zoom."""
    return QFontInfo(style.shared_font(size, bold)).pixelSize()


def readable_zoom(size: float, bold: bool = False) -> float:
    """The least zoom at which text of ``size`` points is ``MIN_TEXT_PX`` on screen."""
    return MIN_TEXT_PX / pixel_size(size, bold)


LABEL_POINTS = 8  # a connection label's font size


def label_magnify(zoom: float) -> float:
    """How much larger than their size labels are painted at ``zoom`` so that their text is
    never under ``MIN_TEXT_PX`` on screen (1 from the zoom where it is that size)."""
    return max(1.0, readable_zoom(LABEL_POINTS) / max(zoom, 1e-6))


def wrap(text: str, size: float, bold: bool, width: float, lines: int = 2) -> str:
    """``text`` on at most ``lines`` lines of ``width`` (word wrapped; the last line elided)."""
    metrics = style.metrics(size, bold)
    if metrics.horizontalAdvance(text) <= width:
        return text
    words, out = text.split(), []
    while words and len(out) < lines - 1:
        line = words.pop(0)
        while words and metrics.horizontalAdvance(line + " " + words[0]) <= width:
            line += " " + words.pop(0)
        if metrics.horizontalAdvance(line) > width:  # one long word: elide it, go on
            line = metrics.elidedText(line, Qt.TextElideMode.ElideRight, width)
        out.append(line)
    if words:
        out.append(metrics.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, width))
    return "\n".join(out)


def min_size_text(zoom: float, text: str, size: float, bold: bool, room: float, lines: int = 1) -> str | None:
    """``text`` as ``draw_min_size`` paints it (lines apart by newlines), or None when too
    little of it would show."""
    scale = readable_zoom(size, bold) / max(zoom, 1e-6)
    width = room / scale
    shown = wrap(text, size, bold, width, lines) if lines > 1 else text
    first = shown.split("\n")[0]
    if lines == 1 or (first.endswith("…") and len(first.rstrip("…")) < MIN_SHOWN_CHARS):  # one line, elided
        shown = first = style.metrics(size, bold).elidedText(text, Qt.TextElideMode.ElideRight, width)
    if shown.replace("\n", " ") != text and len(first.rstrip("…")) < MIN_SHOWN_CHARS:
        return None
    return shown


def draw_min_size(painter: QPainter, zoom: float, text: str, size: float, bold: bool, top_centre: QPointF,
                  room: float, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignHCenter, lines: int = 1) -> bool:
    """Paint ``text`` at ``MIN_TEXT_PX`` on screen (it is smaller at this zoom) on at most
    ``lines`` lines of ``room`` scene units (word wrapped, the last line elided), from
    ``top_centre`` (its left end with AlignLeft). False (nothing painted) when too little of
    it would show."""
    shown = min_size_text(zoom, text, size, bold, room, lines)
    if shown is None:
        return False
    scale = readable_zoom(size, bold) / max(zoom, 1e-6)
    metrics = style.metrics(size, bold)
    width = room / scale
    painter.save()
    painter.translate(top_centre)
    painter.scale(scale, scale)
    painter.setFont(style.shared_font(size, bold))
    left = -width / 2 if align & Qt.AlignmentFlag.AlignHCenter else 0.0
    painter.drawText(QRectF(left, 0, width, metrics.height() * (shown.count("\n") + 1)),
                     align | Qt.AlignmentFlag.AlignTop, shown)
    painter.restore()
    return True
