"""Text on the canvas reads at every zoom: names in full where two lines hold them, and
nothing painted under MIN_TEXT_PX on screen."""
from __future__ import annotations

from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtCore import QPointF

from designer.canvas.items import NodeItem
from designer.canvas.legible import MIN_TEXT_PX, draw_min_size, readable_zoom, wrap
from designer.model import Node


def test_names_are_written_in_full_on_two_lines_when_they_fit(qapp):
    for name in ("Edge Transport server", "Internet mail host", "ActiveSync phones"):
        item = NodeItem(Node("n", name, "edge_transport", "z", (0.0, 0.0)))
        assert "…" not in item.shown_name
        assert item.shown_name.replace("\n", " ") == name
    long = wrap("A very long server name that cannot possibly fit on two lines", 9, True, 116)
    assert long.count("\n") == 1 and long.endswith("…")


def test_zoomed_out_text_is_painted_at_the_least_readable_size(qapp):
    zoom = readable_zoom(9, True) / 3  # the font alone would be 3 px
    image = QImage(400, 100, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.scale(zoom, zoom)
    assert draw_min_size(painter, zoom, "EDGE01", 9, True, QPointF(200 / zoom, 10 / zoom), 400 / zoom)
    painter.end()
    rows = [y for y in range(100) if any(image.pixelColor(x, y) != QColor("white") for x in range(400))]
    assert rows and rows[-1] - rows[0] + 1 >= MIN_TEXT_PX * 0.6  # cap height of a 9 px font, at least
    painter = QPainter(image)
    assert not draw_min_size(painter, zoom, "Internet mail host", 9, True, QPointF(0, 0), 10.0)
    painter.end()
