"""During a drag on a large design, the moving lines' item is exactly as large as what it paints
(its lines and their labels where they are drawn): Qt repaints that area every frame."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QStyleOptionGraphicsItem

MARGIN = 400


def test_the_moving_lines_bounds_hold_what_they_paint_and_not_much_more(generated_view, qtbot):
    editor, scene, view = generated_view(200, 600)
    doc = editor.document
    node_id = max(doc.nodes, key=lambda n: (len(doc.connections_of(n)), n))
    item = scene.nodes[node_id]
    view.set_zoom(1.0)
    view.centerOn(item)
    qtbot.waitUntil(lambda: not scene.labels.busy, timeout=10000)
    viewport = view.viewport()
    start = view.mapFromScene(item.mapToScene(item.icon_rect().center()))
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 4):
        QTest.mouseMove(viewport, start + QPoint(20 * step, 10 * step))
    lines = scene.drag_layer.lines
    bounds = lines.boundingRect()
    area = bounds.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
    image = QImage(int(area.width()), int(area.height()), QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.translate(-area.left(), -area.top())
    option = QStyleOptionGraphicsItem()
    option.exposedRect = area
    lines.paint(painter, option, viewport)
    painter.end()
    inked = [(x, y) for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
             if image.pixelColor(x, y).alpha()]
    assert inked  # the lines and labels were drawn
    inside = bounds.adjusted(-area.left(), -area.top(), -area.left(), -area.top()).adjusted(-1, -1, 1, 1)
    assert all(inside.contains(x, y) for x, y in inked)
    # tight: every label and line is in it, and it is their union (not each line widened by its label)
    union = QRectF()
    for conn_id, (route, (x, y), _flip, _segment) in lines.routes.items():
        w, h = lines.lines[conn_id][0].label_item.boundingRect().size().toTuple()
        union |= route.controlPointRect() | QRectF(x - w / 2, y - h / 2, w, h)
    assert bounds.contains(union) and bounds.adjusted(8, 8, -8, -8).contains(union) is False
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start + QPoint(60, 30))
