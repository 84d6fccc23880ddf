"""During a drag on a large design, the moving lines' item is exactly as large as what it paints
(its lines and their labels where they are drawn): Qt repaints that area every frame."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QStyleOptionGraphicsItem

MARGIN = 400


def start_drag(view, scene, node_id):
    """Press on the node's icon and move three times (the drag layer is up): the press point."""
    item = scene.nodes[node_id]
    view.centerOn(item)
    viewport = view.viewport()
    start = view.mapFromScene(item.mapToScene(item.icon_rect().center()))
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 4):
        QTest.mouseMove(viewport, start + QPoint(20 * step, 10 * step))
    return start


def test_the_moving_lines_bounds_hold_what_they_paint_and_not_much_more(generated_view, qtbot):
    editor, scene, view = generated_view(200, 600)
    doc = editor.document
    node_id = max(doc.nodes, key=lambda n: (len(doc.connections_of(n)), n))
    view.set_zoom(1.0)
    qtbot.waitUntil(lambda: not scene.labels.busy, timeout=10000)
    viewport = view.viewport()
    start = start_drag(view, scene, node_id)
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


def test_during_a_drag_each_label_rides_where_the_canvas_puts_it_and_one_that_gave_way_stays_hidden(
        generated_view, qtbot, monkeypatch):
    """A label beside its line (the placement's spots around the line) rides beside it, not on
    the line's first spot; a label that gave way (hidden on the canvas) is not drawn either."""
    import designer.canvas.drag_layer as drag_layer
    from designer.canvas.connection_item import route
    from designer.model.placement import around

    editor, scene, view = generated_view(200, 600)
    doc = editor.document
    view.set_zoom(1.0)
    qtbot.waitUntil(lambda: not scene.labels.busy, timeout=10000)

    def kinds(node_id):
        spots = [scene.labels.spots.get(c, (0,))[0] for c in scene._by_node.get(node_id, ())]
        return sum(s < 0 for s in spots), sum(s >= 7 for s in spots)  # gave way, beside the line
    node_id = max(doc.nodes, key=lambda n: (min(kinds(n)), sum(kinds(n)), n))
    assert all(kinds(node_id)), "the design has no node with a hidden label and one beside its line"
    viewport = view.viewport()
    start = start_drag(view, scene, node_id)
    lines = scene.drag_layer.lines
    drawn = []
    real = drag_layer.label_pixmap
    monkeypatch.setattr(drag_layer, "label_pixmap", lambda lines_, *a: drawn.append(lines_) or real(lines_, *a))
    image = QImage(viewport.size(), QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    painter.setTransform(view.viewportTransform())
    option = QStyleOptionGraphicsItem()
    option.exposedRect = lines.boundingRect()
    lines.paint(painter, option, viewport)
    painter.end()
    shown = [c for c, (conn, _bend, spot) in lines.lines.items() if spot >= 0 and conn.lines_for(False)]
    assert len(drawn) == len(shown) < len(lines.lines)
    for conn_id, (conn, bend, spot) in lines.lines.items():
        if spot < 0:
            continue
        a, b = (scene.nodes[n].center() for n in conn.ends)
        places = around(route(a, b, bend)[1], conn.label_item.size().toTuple())
        assert lines.routes[conn_id][1] == (places[spot] if spot < len(places) else places[0]), conn_id
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start + QPoint(60, 30))
