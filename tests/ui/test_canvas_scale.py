"""The canvas on large designs: level of detail, labels re-placed only where something moved,
labels placed in the background while zoomed out, the drag layer, lazy tooltips."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneHelpEvent, QStyleOptionGraphicsItem

from bench.generate import generate
from designer.canvas import CanvasScene, CanvasView, scene_mirror
from designer.canvas.connection_item import ConnectionItem
from designer.canvas.items import NodeItem, ZoneItem
from designer.canvas.label_item import LabelItem
from designer.canvas.settling import NOTHING
from designer.render import style
from designer.canvas.label_layer import CHUNK
from designer.canvas.legible import MIN_TEXT_PX, pixel_size
from designer.model.placement import around
from designer.editor import DocumentEditor
from designer.io import save_document
from designer.model import Connection
from designer.model.layout import GRID
from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "samples" / "exchange2016-edge.yaml"
NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


@pytest.fixture()
def big(generated_view):
    """A generated design of 200 nodes and 600 connections in a shown 1200 x 800 view."""
    return generated_view(200, 600)


def painted(item, zoom: float, widget) -> bool:
    image = QImage(600, 400, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.scale(zoom, zoom)
    painter.translate(-item.boundingRect().topLeft())
    item.paint(painter, QStyleOptionGraphicsItem(), widget)
    painter.end()
    return any(image.pixelColor(x, y) != QColor("white") for x in range(0, 600, 3) for y in range(0, 400, 3))


def test_labels_are_not_painted_on_screen_when_zoomed_out_but_exported(big):
    _, scene, view = big
    label = next(c.label_item for c in scene.connections.values() if c.label_item.lines)
    assert scene.label_min_zoom >= style.LABEL_MIN_ZOOM
    below, above = scene.label_min_zoom * 0.9, scene.label_min_zoom * 1.1
    assert painted(label, above, view.viewport())
    assert not painted(label, below, view.viewport())
    assert painted(label, below, None)  # an export (scene.render) paints every label


def test_a_small_design_keeps_its_names_further_out_and_no_label_is_painted_unreadable(sample_view, monkeypatch):
    """No label is painted with text under MIN_TEXT_PX on screen: a small design's labels show
    from 20 %, painted larger below the zoom where their text is readable at its size (and as
    port summaries: the details give way); the names of a small design still show at 20 %
    (painted at MIN_TEXT_PX), a large design's do not."""
    _, scene, view = sample_view(1000, 600)
    assert len(scene.connections) <= style.SMALL_DESIGN
    readable = MIN_TEXT_PX / pixel_size(8)
    assert scene.label_min_zoom == style.SMALL_LABEL_MIN_ZOOM
    view.set_zoom(0.5)
    shown = [c for c in scene.connections.values() if c.label_item.isVisible()]
    assert shown and all(c.compact for c in shown)
    assert all(pixel_size(8) * 0.5 * c.label_item.magnify >= MIN_TEXT_PX - 1e-6 for c in shown)
    view.set_zoom(1.0)
    assert all(c.label_item.magnify == 1.0 for c in scene.connections.values())
    label = next(c.label_item for c in scene.connections.values() if c.label_item.lines)
    node = next(iter(scene.nodes.values()))

    def node_ink(zoom: float) -> int:
        image = QImage(400, 300, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.scale(zoom, zoom)
        painter.translate(-node.boundingRect().topLeft())
        node.paint(painter, QStyleOptionGraphicsItem(), view.viewport())
        painter.end()
        return sum(image.pixelColor(x, y) != QColor("white") for x in range(400) for y in range(300))

    assert painted(label, readable * 1.01, view.viewport())
    assert painted(label, style.SMALL_LABEL_MIN_ZOOM * 1.01, view.viewport())
    assert not painted(label, style.SMALL_LABEL_MIN_ZOOM * 0.99, view.viewport())
    small = node_ink(0.2)
    monkeypatch.setattr(style, "SMALL_DESIGN", 0)  # the same scene, judged as a large design
    large = node_ink(0.2)
    assert small > large  # the name under the icon at 20 %


def test_zoomed_out_labels_are_placed_in_the_background_and_at_once_on_zoom_in(big, qtbot):
    editor, scene, view = big
    assert len(scene.connections) > CHUNK
    view.fit()
    assert view.zoom() < style.LABEL_MIN_ZOOM
    editor.set_exchange_version("2013")  # every label changes: a full placement
    labels = scene.labels
    assert labels.backlog  # not all at once: a chunk per turn of the event loop
    assert 0 < len(labels.backlog) < len(scene.connections)
    assert len(labels.backlog) % CHUNK == len(scene.connections) % CHUNK
    assert labels.unapplied  # and the hidden label items are not even moved (no repaints)
    view.set_zoom(1.0)  # labels show from here on: the rest is placed before the paint
    assert not labels.backlog and not labels.unapplied
    qtbot.waitUntil(lambda: labels.settled)


def test_a_background_placement_moves_no_hidden_label_to_its_end(big, qtbot):
    """The last chunk too is placed without moving the items: moving 600 hidden labels at once
    cost a repaint of the whole view (0.4 s at 1,000 nodes) shortly after opening."""
    editor, scene, view = big
    view.fit()
    editor.set_exchange_version("2013")
    labels = scene.labels
    where = {c: item.label_item.pos() for c, item in scene.connections.items()}
    qtbot.waitUntil(lambda: not labels.busy)
    assert len(labels.unapplied) == len(scene.connections)  # all placed, none moved
    assert all(item.label_item.pos() == where[c] for c, item in scene.connections.items())
    view.set_zoom(1.0)
    assert not labels.unapplied


def test_moving_a_node_re_places_only_nearby_labels(big):
    editor, scene, view = big
    view.set_zoom(1.0)
    scene.place_labels()
    before = {c: item.label_item.pos() for c, item in scene.connections.items()}
    paths = {c: item.path for c, item in scene.connections.items()}
    node = next(n for n in editor.document.nodes.values() if len(scene._by_node[n.id]) >= 3)
    count = scene.labels.placed_count
    editor.move({node.id: (node.pos[0] + 40, node.pos[1] + 20)})
    placed = scene.labels.placed_count - count
    own = set(scene._by_node[node.id])
    assert len(own) <= placed < len(scene.connections) // 4
    moved = {c for c, item in scene.connections.items() if item.label_item.pos() != before[c]}
    assert own & moved
    far = [c for c in moved - own if scene.connections[c].path == paths[c]  # (not routed round it anew)
           and not scene.connections[c].label_item.sceneBoundingRect().intersects(
               scene.nodes[node.id].sceneBoundingRect().adjusted(-400, -400, 400, 400))]
    assert not far


def test_a_design_name_change_does_not_relabel(big):
    editor, scene, _ = big
    scene.place_labels()
    count = scene.labels.placed_count
    editor.set_document_name("Renamed")
    scene.labels.flush()
    assert scene.labels.placed_count == count
    editor.set_exchange_version("2013")
    scene.labels.finish()
    assert scene.labels.placed_count >= count + len(scene.connections)


def test_the_scene_grows_to_hold_a_large_design(big):
    _, scene, _ = big
    assert scene.sceneRect().contains(scene.itemsBoundingRect())


def test_parallel_connections_later_in_the_file_open_and_fan_out(qtbot, catalog, tmp_path):
    editor = DocumentEditor(catalog)
    editor.open(SAMPLE)
    doc = editor.document
    first = next(iter(doc.connections.values()))
    doc.add_connection(Connection("c_parallel", first.between))
    path = tmp_path / "parallel.yaml"
    save_document(doc, path)
    editor.open(path)
    scene = CanvasScene(editor)
    try:
        a, b = scene.connections[first.id], scene.connections["c_parallel"]
        assert a.path.elementCount() == b.path.elementCount() == 4  # both curved: fanned out
        assert a.path.pointAtPercent(0.5) != b.path.pointAtPercent(0.5)
    finally:
        scene.detach()


def test_tooltips_are_built_when_asked_for(qtbot, catalog):
    editor = DocumentEditor(catalog)
    editor.open(SAMPLE)
    scene = CanvasScene(editor)
    view = CanvasView(scene)
    qtbot.addWidget(view)
    try:
        item = scene.connections["c_edge_ex01"]
        assert item.tooltip_pending and not item.toolTip()
        event = QGraphicsSceneHelpEvent(QEvent.Type.GraphicsSceneHelp)
        # a point of its line that no other connection's label covers (labels sit on lines)
        point = next(p for p in (item.path.pointAtPercent(t / 20) for t in range(4, 17))
                     if all(i is item or i.parentItem() is item or not isinstance(i.parentItem(), type(item))
                            for i in scene.items(p)))
        event.setScenePos(point)
        scene.helpEvent(event)
        assert "EDGE01" in item.toolTip() and "SMTP" in item.toolTip()
        assert item.label_item.toolTip() == item.toolTip()
    finally:
        scene.detach()


def test_a_node_drag_paints_only_what_moves_and_commits_once(qtbot, sample_view, monkeypatch):
    monkeypatch.setattr(CanvasScene, "DRAG_LAYER_MIN_ITEMS", 0)
    editor, scene, view = sample_view(1400, 900)
    node = scene.nodes["ex01"]
    own = {scene.connections[c] for c in scene._by_node["ex01"]}
    start = view.mapFromScene(node.mapToScene(node.icon_rect().center()))
    vp = view.viewport()
    index = editor.undo_stack.index()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(vp, start + QPoint(20, 10))
    QTest.mouseMove(vp, start + QPoint(40, 20))
    layer = scene.drag_layer
    assert layer is not None and layer.pictures
    shown = view.mapToScene(vp.rect()).boundingRect()
    still = [i for i in scene.nodes.values() if i is not node and shown.intersects(i.sceneBoundingRect())]
    assert still and all(item.flags() & NO_CONTENTS for item in still)  # Qt does not paint them
    assert not node.flags() & NO_CONTENTS
    assert all(item.flags() & NO_CONTENTS for item in own)  # one MovingLines item draws them
    assert set(layer.lines.lines) == {item.connection_id for item in own}
    for item in own:  # routed to where the node is now
        path = layer.lines.routes[item.connection_id][0]
        ends = [path.pointAtPercent(0), path.pointAtPercent(1)]
        assert min((p - node.center()).manhattanLength() for p in ends) < 0.5
    assert node.pos() != QPointF(*editor.document.node("ex01").pos)  # a preview, not an edit
    assert editor.undo_stack.index() == index
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(40, 20))
    assert scene.drag_layer is None
    # the drop's frame is painted from the layer's pictures (canvas/settling.py): what stayed put
    # paints nothing then (but where the drop changed something), and as usual once it is painted
    settling = scene.settling
    assert settling is not None
    assert all(item.clip_to is NOTHING or item in settling.clipped or item in settling.before for item in still)
    assert node.clip_to is None and all(item.clip_to is None for item in own)
    qtbot.waitUntil(lambda: scene.settling is None, timeout=2000)
    assert not any(item.flags() & NO_CONTENTS for item in scene.items())
    assert all(item.clip_to is None for item in scene.items())
    assert all(isinstance(item, (NodeItem, ZoneItem, ConnectionItem, LabelItem)) for item in scene.items())
    assert editor.undo_stack.index() == index + 1 and editor.undo_stack.undoText() == "Move EX01"
    pos = editor.document.node("ex01").pos
    assert (node.pos().x(), node.pos().y()) == pos


def test_a_drop_off_the_grid_routes_each_line_once_and_builds_no_label(qtbot, sample_view, monkeypatch):
    """The drop puts the node where the commit puts it (on the grid) before its lines are
    routed, so each is routed once, there; a move says nothing new on a label, so none is built
    again (the release of a large drag is what the user waits for)."""
    monkeypatch.setattr(CanvasScene, "DRAG_LAYER_MIN_ITEMS", 0)
    editor, scene, view = sample_view(1400, 900)
    assert scene.snap_to_grid
    node = scene.nodes["ex01"]
    own = set(scene._by_node["ex01"])
    start = view.mapFromScene(node.mapToScene(node.icon_rect().center()))
    vp = view.viewport()
    routed, built = [], []
    route, label = CanvasScene._route, scene_mirror.connection_label
    monkeypatch.setattr(CanvasScene, "_route", lambda self, c: (routed.append(c), route(self, c))[1])
    monkeypatch.setattr(scene_mirror, "connection_label", lambda *a, **k: (built.append(a[2]), label(*a, **k))[1])
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(vp, start + QPoint(20, 10))
    QTest.mouseMove(vp, start + QPoint(37, 23))  # off the grid
    assert scene.drag_layer is not None
    routed.clear()
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(37, 23))
    pos = editor.document.node("ex01").pos
    assert pos[0] % GRID == 0 and pos[1] % GRID == 0 and (node.pos().x(), node.pos().y()) == pos
    assert sorted(c for c in routed if c in own) == sorted(own)  # each of its lines once
    for conn_id in own:  # where the node is now
        path = scene.connections[conn_id].path
        ends = [path.pointAtPercent(0), path.pointAtPercent(1)]
        assert min((p - node.center()).manhattanLength() for p in ends) < 0.5
    assert not built
    editor.set_node("ex01", name="EX01-renamed")  # (a change a label shows is still built)
    assert own <= set(built)


def test_a_scroll_during_a_drag_drops_the_layer(qtbot, sample_view, monkeypatch):
    monkeypatch.setattr(CanvasScene, "DRAG_LAYER_MIN_ITEMS", 0)
    editor, scene, view = sample_view(900, 600)
    node = scene.nodes["ex01"]
    view.centerOn(node)
    start = view.mapFromScene(node.mapToScene(node.icon_rect().center()))
    vp = view.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(vp, start + QPoint(20, 10))
    assert scene.drag_layer is not None
    bar = view.horizontalScrollBar()
    bar.setValue(bar.value() + 50 if bar.value() + 50 <= bar.maximum() else bar.value() - 50)
    view.viewport().grab()  # the next paint sees the picture is stale
    assert scene.drag_layer is None
    assert not any(item.flags() & NO_CONTENTS for item in scene.items())
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(20, 10))


def test_a_file_without_geometry_is_laid_out_on_open(catalog, tmp_path):
    doc = generate(80, 200, seed=2, geometry=False, catalog=catalog)
    path = tmp_path / "plain.yaml"
    save_document(doc, path)
    editor = DocumentEditor(catalog)
    editor.open(path)
    assert all(n.pos is not None for n in editor.document.nodes.values())
    assert all(z.rect is not None for z in editor.document.zones.values())
    assert {n.id: n.zone for n in editor.document.nodes.values()} == {n.id: n.zone for n in doc.nodes.values()}


def test_during_a_drag_labels_ride_their_lines_and_the_drop_places_them(qtbot, sample_view):
    editor, scene, view = sample_view(1400, 900)
    node = scene.nodes["ex01"]
    own = [scene.connections[c] for c in scene._by_node["ex01"]]
    view.centerOn(node)
    qtbot.waitUntil(lambda: scene.labels.settled)
    spots = {c.connection_id: scene.labels.spots[c.connection_id][0] for c in own}
    own = [c for c in own if spots[c.connection_id] >= 0]  # (those that gave way stay hidden)
    start = view.mapFromScene(node.mapToScene(node.icon_rect().center()))
    vp = view.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    placed = scene.labels.placed_count
    for step in range(1, 6):
        QTest.mouseMove(vp, start + QPoint(30 * step, 20 * step))
        QTest.qWait(1)
        riding = [c for c in own if c.connection_id not in scene.labels.dirty]  # (off screen: later)
        assert len(riding) >= 2
        for conn in riding:  # centred on the same fraction of the moved line, no search
            rect = conn.label_item.boundingRect()
            centre = conn.label_item.mapToScene(rect.center())
            places = around(conn.spots, (rect.width(), rect.height()))
            index = spots[conn.connection_id]
            x, y = places[index if index < len(places) else 0]
            assert abs(centre.x() - x) < 1 and abs(centre.y() - y) < 1, conn.connection_id
    assert scene.labels.placed_count == placed
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(150, 100))
    qtbot.waitUntil(lambda: scene.labels.settled)
    assert scene.labels.placed_count >= placed + len(own)  # the drop searched a free place again
