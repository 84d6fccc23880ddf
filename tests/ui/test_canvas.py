"""The canvas driven with real mouse and key events, asserting on the model and the labels."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from designer.canvas import ROLE_MIME, CanvasView


@pytest.fixture()
def canvas(sample_view):
    return sample_view(1400, 900)


def to_view(view: CanvasView, point: QPointF) -> QPoint:
    view.ensureVisible(point.x() - 5, point.y() - 5, 10, 10, 60, 60)
    return view.mapFromScene(point)


def drag(view: CanvasView, start: QPoint, end: QPoint, steps: int = 6) -> None:
    vp = view.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, steps + 1):
        QTest.mouseMove(vp, start + (end - start) * i / steps)
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def zone_point(editor, zone_id: str, fx: float = 0.5, fy: float = 0.8) -> QPointF:
    rect = editor.document.zone(zone_id).rect
    return QPointF(rect.x + rect.width * fx, rect.y + rect.height * fy)


def test_the_scene_mirrors_the_document(canvas):
    editor, scene, _ = canvas
    doc = editor.document
    assert set(scene.nodes) == set(doc.nodes) and set(scene.zones) == set(doc.zones)
    assert set(scene.connections) == set(doc.connections)
    for node in doc.nodes.values():
        assert node.pos is not None  # the file had no geometry: laid out by zone
        assert (scene.nodes[node.id].pos().x(), scene.nodes[node.id].pos().y()) == node.pos


def test_connection_labels_show_the_flows(canvas):
    _, scene, _ = canvas
    lines = scene.connections["c_edge_ex01"]._label_lines(compact=False)  # (shown where there is room)
    assert any("25/TCP SMTP" in line for line in lines)
    assert any("50636/TCP EdgeSync" in line and "LDAPS" in line for line in lines)
    arrows = {line[0] for line in lines}
    assert arrows == {"→", "←"}  # SMTP both ways, EdgeSync one way


def test_drop_from_palette_into_a_zone(canvas, qtbot):
    editor, scene, view = canvas
    target = zone_point(editor, "dmz", 0.5, 0.9)
    data = QMimeData()
    data.setData(ROLE_MIME, b"edge_transport")
    pos = to_view(view, target)
    before = set(editor.document.nodes)
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    # the events a real drag delivers: enter, move, drop
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, data, buttons, mods)
    assert QApplication.sendEvent(view.viewport(), enter) and enter.isAccepted()
    QApplication.sendEvent(view.viewport(), QDragMoveEvent(pos, Qt.DropAction.CopyAction, data, buttons, mods))
    drop = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, data, buttons, mods)
    QApplication.sendEvent(view.viewport(), drop)
    assert drop.isAccepted()
    [new] = set(editor.document.nodes) - before
    node = editor.document.node(new)
    assert node.role == "edge_transport" and node.zone == "dmz"
    assert editor.undo_stack.undoText() == f"Add {node.name}"
    assert new in scene.nodes and scene.selected_ids() == [new]


def test_draw_a_connection_from_the_handle(canvas):
    editor, scene, view = canvas
    edge = scene.nodes["edge01"]
    handle = edge.mapToScene(edge.handle_rect().center())
    target = scene.nodes["dc01"].center()
    before = set(editor.document.connections)
    drag(view, to_view(view, handle), view.mapFromScene(target))
    [new] = set(editor.document.connections) - before
    assert set(editor.document.connection(new).between) == {"edge01", "dc01"}
    assert editor.undo_stack.undoText() == "Connect EDGE01 → DC01"
    # Edge Transport has no data path to a domain controller: drawn as an error, with the reason
    assert scene.connections[new].label.error.startswith("No data path")
    # labels are placed right after the edit: where the full reason would hide others, the
    # label shows only "⚠ no data path" (the reason stays in the label's tooltip)
    assert "no data path" in scene.connections[new].label_item.lines[0].lower()
    assert any(f.rule == "no_data_path" and new in f.connections for f in editor.findings)


def test_connect_tool_mode(canvas):
    editor, scene, view = canvas
    scene.connect_mode = True
    before = set(editor.document.connections)
    drag(view, to_view(view, scene.nodes["office_outlook"].center()),
         view.mapFromScene(scene.nodes["ex02"].center()))
    [new] = set(editor.document.connections) - before
    item = scene.connections[new]
    assert any("443/TCP Autodiscover" in line.text for line in item.label.lines)
    # placed right after the edit: in full, or only the ports where the full label would hide others
    full = [item._arrow(line) + line.text for line in item.label.lines]
    assert item.label_item.lines[:len(full)] == full or (item.compact and any("443" in line for line in item.label_item.lines))
    assert any("MAPI over HTTP" in line.text for line in item.label.all_lines)


def test_move_a_node_across_a_zone_boundary_is_one_undo_step(canvas):
    editor, scene, view = canvas
    start = scene.nodes["proxy01"].center() + QPointF(0, -10)
    target = zone_point(editor, "internal", 0.5, 0.95)
    index = editor.undo_stack.index()
    drag(view, to_view(view, start), view.mapFromScene(target), steps=10)
    node = editor.document.node("proxy01")
    assert node.zone == "internal"
    assert editor.undo_stack.index() == index + 1
    assert editor.undo_stack.undoText() == "Move Reverse proxy"
    # everything that depends on membership follows: the proxy's flows no longer cross
    assert not any(f.crossing for f in editor.flows_of("c_proxy_ex01"))
    editor.undo_stack.undo()
    assert editor.document.node("proxy01").zone == "dmz"
    assert all(f.crossing for f in editor.flows_of("c_proxy_ex01"))
    item = scene.nodes["proxy01"]
    assert (item.pos().x(), item.pos().y()) == editor.document.node("proxy01").pos
    editor.undo_stack.redo()
    assert editor.document.node("proxy01").zone == "internal"


def test_rubber_band_then_delete_key_then_undo(canvas):
    editor, scene, view = canvas
    before = editor.document.snapshot()
    ex01, ex02 = scene.nodes["ex01"].center(), scene.nodes["ex02"].center()
    top_left = QPointF(min(ex01.x(), ex02.x()) - 70, min(ex01.y(), ex02.y()) - 60)
    bottom_right = QPointF(max(ex01.x(), ex02.x()) + 70, max(ex01.y(), ex02.y()) + 60)
    view.ensureVisible(top_left.x(), top_left.y(), bottom_right.x() - top_left.x(), bottom_right.y() - top_left.y())
    drag(view, view.mapFromScene(top_left), view.mapFromScene(bottom_right))
    assert {"ex01", "ex02"} <= set(scene.selected_ids())
    assert "edge01" not in scene.selected_ids()
    editor.delete(scene.selected_ids())
    assert "ex01" not in editor.document.nodes and "c_edge_ex01" not in editor.document.connections
    assert "ex01" not in scene.nodes and "c_edge_ex01" not in scene.connections
    editor.undo_stack.undo()
    assert editor.document.snapshot() == before
    assert set(scene.connections) == set(editor.document.connections)


def test_dragging_a_zone_carries_its_nodes(canvas):
    editor, scene, view = canvas
    zone = editor.document.zone("dmz")
    title = QPointF(zone.rect.x + 60, zone.rect.y + 15)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, to_view(view, title))
    assert scene.selected_ids() == ["dmz"]
    start = view.mapFromScene(title)
    drag(view, start, start + QPoint(0, 100))
    moved = editor.document.zone("dmz").rect
    assert moved.y == pytest.approx(zone.rect.y + 100, abs=20)
    assert editor.document.node("edge01").zone == "dmz"
    assert editor.document.node("edge01").pos[1] > zone.rect.y + 100
    assert editor.undo_stack.undoText().startswith("Move")


def test_the_release_of_a_move_ends_it_as_qt_would_so_the_next_gestures_work(canvas, qtlog):
    """The release of a move skips Qt's hover pass (tools.py), but not the rest of Qt's release:
    the grab ends, the event is taken, the next drag moves its own node from where it is, and
    a click still selects only the node clicked."""
    editor, scene, view = canvas
    vp = view.viewport()
    for node_id, offset in (("ex01", QPoint(0, 80)), ("dc01", QPoint(60, 0))):
        others = {n: editor.document.node(n).pos for n in editor.document.nodes if n != node_id}
        before = editor.document.node(node_id).pos
        item = scene.nodes[node_id]
        start = to_view(view, item.mapToScene(item.icon_rect().center()))
        QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
        for i in range(1, 5):
            QTest.mouseMove(vp, start + offset * i / 4)
        QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + offset)
        assert not [r for r in qtlog.records if "not accepted" in r.message]  # (QTest's warning)
        assert scene.mouseGrabberItem() is None
        after = editor.document.node(node_id).pos
        assert (after[0] - before[0], after[1] - before[1]) == pytest.approx((offset.x(), offset.y()), abs=20)
        assert {n: editor.document.node(n).pos for n in others} == others  # the last drag's node stayed put
    scene.select_ids(["ex01", "dc01"])
    QTest.mouseClick(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     to_view(view, scene.nodes["ex01"].mapToScene(scene.nodes["ex01"].icon_rect().center())))
    assert scene.selected_ids() == ["ex01"]


def test_while_a_zone_is_dragged_its_nodes_and_their_lines_follow_the_mouse(canvas):
    editor, scene, view = canvas
    zone = editor.document.zone("dmz")
    title = QPointF(zone.rect.x + 60, zone.rect.y + 15)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, to_view(view, title))
    vp, start = view.viewport(), view.mapFromScene(title)
    edge, before = scene.nodes["edge01"], QPointF(*editor.document.node("edge01").pos)
    lines = [c for c in scene.connections.values() if "edge01" in c.ends]
    assert lines
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, 5):
        QTest.mouseMove(vp, start + QPoint(10 * i, 20 * i))
        moved = scene.zones["dmz"].pos() - QPointF(zone.rect.x, zone.rect.y)
        assert moved.y() > 0
        assert edge.pos() == before + moved  # the node rides with its zone, frame by frame
        for line in lines:  # and its lines leave from where it is now, not from where it was
            ends = (line.path.pointAtPercent(0), line.path.pointAtPercent(1))
            assert min((p - edge.center()).manhattanLength() for p in ends) < \
                min((p - before).manhattanLength() for p in ends)
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(40, 80))
    assert editor.document.node("edge01").pos[1] > before.y()


def test_dragging_a_node_routes_its_lines_in_every_frame(canvas):
    editor, scene, view = canvas
    node = scene.nodes["dc01"]
    lines = [c for c in scene.connections.values() if "dc01" in c.ends]
    assert lines
    vp = view.viewport()
    start = to_view(view, node.mapToScene(node.icon_rect().center()))
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, 4):
        QTest.mouseMove(vp, start + QPoint(0, 30 * i))
        centre = node.center()
        for line in lines:
            ends = (line.path.pointAtPercent(0), line.path.pointAtPercent(1))
            assert min((p - centre).manhattanLength() for p in ends) < 60  # a line ends at the node's edge
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(0, 90))
    assert editor.document.node("dc01").pos[1] > 0


def test_arrow_keys_nudge_and_merge_into_one_undo_step(canvas, qtbot):
    editor, scene, view = canvas
    start = editor.document.node("dc01").pos
    scene.select_ids(["dc01"])
    view.setFocus()
    index = editor.undo_stack.index()
    for _ in range(3):
        qtbot.keyClick(view.viewport(), Qt.Key.Key_Right)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert editor.document.node("dc01").pos == (start[0] + 60, start[1] + 100)
    assert editor.undo_stack.index() == index + 1 and editor.undo_stack.undoText() == "Move DC01"
    editor.undo_stack.undo()
    assert editor.document.node("dc01").pos == start
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert scene.selected_ids() == []


def test_labels_keep_off_nodes(canvas, qtbot):
    _, scene, _ = canvas
    scene.place_labels()
    nodes = [item.footprint() for item in scene.nodes.values()]  # (its bounds: room for a name zoomed out)
    shown = {c: item for c, item in scene.connections.items() if item.label_item.isVisible()}
    clashes = [c for c, item in shown.items()
               if any(item.label_item.sceneBoundingRect().intersects(n) for n in nodes)]
    assert not clashes  # a label with no free spot gives way (its flows stay in the tooltip)
    assert len(scene.connections) - len(shown) <= len(scene.connections) // 4


def test_a_long_zone_name_is_elided_before_the_kind(canvas):
    from designer.render import style

    editor, scene, _view = canvas
    editor.set_zone("dmz", name="Perimeter network (DMZ) of the Contoso head office, second floor")
    zone = scene.zones["dmz"]
    shown = zone.shown_title()
    assert shown.endswith("…") and shown[:-1] in zone.title
    width = zone.local_rect().width()
    used = style.metrics(11, bold=True).horizontalAdvance(shown) + style.metrics(8).horizontalAdvance(zone.kind_text)
    assert used + 28 <= width  # both fit in the header, side by side
    editor.set_zone("dmz", name="DMZ")
    assert zone.shown_title() == "DMZ"


def test_a_node_tooltip_names_its_role(canvas, catalog):
    editor, scene, _view = canvas
    from designer.support.text import qt_plain
    assert scene.nodes["edge01"].toolTip() == qt_plain(f"EDGE01\n{catalog.role_name('edge_transport')}")
    assert "edge_transport" not in scene.nodes["edge01"].toolTip()


def test_canvas_items_leave_item_changes_to_qt():
    """A Python ``itemChange`` is called for every change of every item (adding, removing,
    selecting, flags): thousands of calls into Python when a large selection is deleted or put
    back. The canvas hears of moves from its drag and from the model instead."""
    from designer.canvas.connection_item import ConnectionItem
    from designer.canvas.items import NodeItem, ZoneItem
    from designer.canvas.label_item import LabelItem
    for cls in (NodeItem, ZoneItem, ConnectionItem, LabelItem):
        assert "itemChange" not in vars(cls), cls.__name__


def test_a_labels_sizes_follow_its_text_and_its_direction(canvas):
    """Placement asks a label's sizes (full, summary, brief) often, and they are kept: they
    must follow a new label, and a line drawn the other way (its arrows swap)."""
    from dataclasses import replace

    from designer.canvas.label_item import LabelItem
    editor, scene, view = canvas
    item = scene.connections["c_edge_ex01"]

    def sizes():
        return [item.label_size(c, b) for c, b in ((False, False), (True, False), (True, True))]

    def expected():
        return [LabelItem.size_of(item._label_lines(c, b)) for c, b in ((False, False), (True, False), (True, True))]
    assert sizes() == expected()
    longer = replace(item.label, lines=tuple(replace(line, text=line.text + " and much more text")
                                             for line in item.label.lines))
    before = sizes()[0]
    item.set_label(longer)
    assert sizes() == expected() and sizes()[0][0] > before[0]
    flip = item.flip
    start, end = item.path.pointAtPercent(0), item.path.pointAtPercent(1)
    item.update_geometry(end, start, 0.0)  # drawn the other way
    assert item.flip != flip
    assert sizes() == expected()
