"""Lines on screen are drawn only where they cross the exposed area, and look the same."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath

from designer.render import style
from designer.render.theme import DARK, LIGHT
from designer.canvas.connection_item import draw_line, route
from designer.model.placement import clip_segment

@pytest.mark.parametrize("segment,rect,expected", [
    ((0, 0, 100, 0), (25, -5, 75, 5), (0.25, 0.75)),       # through
    ((0, 0, 100, 100), (-10, -10, 200, 200), (0.0, 1.0)),  # inside
    ((0, 0, 100, 0), (0, 10, 100, 20), None),              # beside
    ((50, -100, 50, 100), (0, 0, 100, 50), (0.5, 0.75)),   # vertical
    ((0, 0, 100, 100), (60, 0, 100, 30), None),            # passes the corner
])
def test_clip_segment(segment, rect, expected):
    got = clip_segment(*segment, rect)
    assert got == expected if expected is None else got == pytest.approx(expected)

def render(kind: str, pieces: list[QRectF], zoom: float = 1.0) -> QImage:
    """A long straight line from (-2000, 37) to (3000, 263) drawn in 300 x 300 pixels, one
    exposed piece at a time (clipped to it, as Qt clips a partial repaint)."""
    image = QImage(300, 300, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    path, _spots, _flip, segment = route(QPointF(-2000, 37), QPointF(3000, 263), 0.0)
    pen = style.screen_pen(kind, False, False, round(2.2 * zoom, 1))
    for piece in pieces:
        painter = QPainter(image)
        painter.setClipRect(piece)
        painter.scale(zoom, zoom)
        draw_line(painter, pen, path, segment, QRectF(piece.topLeft() / zoom, piece.size() / zoom), zoom)
        painter.end()
    return image

def path_image(kind: str, zoom: float = 1.0) -> QImage:
    image = QImage(300, 300, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    path = QPainterPath(QPointF(-2000, 37))
    path.lineTo(QPointF(3000, 263))
    painter = QPainter(image)
    painter.scale(zoom, zoom)
    painter.setPen(style.screen_pen(kind, False, False, round(2.2 * zoom, 1)))
    painter.drawPath(path)
    painter.end()
    return image

def differing(a: QImage, b: QImage) -> int:
    return sum(a.pixel(x, y) != b.pixel(x, y) for x in range(a.width()) for y in range(a.height()))

def inked(image: QImage) -> int:
    white = QColor("white").rgb()
    return sum(image.pixel(x, y) != white for x in range(image.width()) for y in range(image.height()))

@pytest.mark.parametrize("kind", ["encrypted", "optional", "none"])
def test_a_line_drawn_in_pieces_matches_the_whole_line(kind, qapp):
    whole = render(kind, [QRectF(0, 0, 300, 300)])
    pieces = render(kind, [QRectF(0, 0, 137, 300), QRectF(137, 0, 163, 300)])
    assert inked(whole) > 250  # the line is there
    assert differing(whole, pieces) <= 6  # dashes in step across the seam (a pixel or two of rounding)
    # and as Qt draws the whole path unclipped, dashes included
    assert differing(whole, path_image(kind)) <= 0.02 * inked(whole)

def test_the_pattern_holds_when_zoomed(qapp):
    whole = render("optional", [QRectF(0, 0, 300, 300)], zoom=0.5)
    pieces = render("optional", [QRectF(0, 0, 90, 300), QRectF(90, 0, 210, 300)], zoom=0.5)
    assert differing(whole, pieces) <= 6

def test_a_line_that_misses_the_exposed_area_draws_nothing(qapp):
    assert inked(render("none", [QRectF(0, 250, 40, 50)])) == 0


@pytest.mark.parametrize("theme", [LIGHT, DARK])
@pytest.mark.parametrize("width", [1.0, 2.0, 3.0, 9.0])
def test_a_selected_line_s_halo_looks_the_same_on_the_canvas_at_any_zoom(qapp, theme, width):
    """Zoomed out the halo is drawn opaque (a translucent line draws several times slower and a
    Select All of thousands repaints for seconds): on the canvas it must show the same colour
    as the translucent tint, and zoomed in it stays translucent, showing what is under it."""
    pen = style.halo_pen(width, theme)
    assert (pen.color().alpha() == 255) == (width <= style.OPAQUE_HALO)
    image = QImage(40, 40, QImage.Format.Format_ARGB32_Premultiplied)
    reference = QImage(image)
    for target, color in ((image, pen.color()), (reference, style.tinted(theme.selection, theme.halo_alpha))):
        target.fill(QColor(theme.background))
        painter = QPainter(target)
        painter.fillRect(QRectF(0, 10, 40, 20), color)
        painter.end()
    got, want = QColor(image.pixel(20, 20)), QColor(reference.pixel(20, 20))
    assert max(abs(got.red() - want.red()), abs(got.green() - want.green()), abs(got.blue() - want.blue())) <= 2
    assert QColor(image.pixel(20, 2)) == QColor(theme.background)
