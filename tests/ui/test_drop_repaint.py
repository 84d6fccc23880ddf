"""The drop that ends a node drag on a large design (a drag layer) leaves on screen exactly what a
full repaint paints: whatever the drop repaints or leaves, nothing is stale or missing (issue 11).
The drop's frame is painted from the drag layer's pictures (canvas/settling.py): the tests check
it where the drop moves other labels aside and changes a node's zone, that the items paint as
usual once it is painted, and that a change before it makes the view repaint in full.

The screen is read from the window's backing store (``on_screen``), not ``QWidget.grab`` (which
paints afresh and so cannot see a region the drop forgot). A drop that repaints only regions
fails this test if it skips one: leaving out the moving lines' boxes gave 43,025 differing
pixels; without the moved lines raised above the others, 1,952; without the labels the drop
moves aside, or without the nodes' picture above the moved lines, thousands.
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGraphicsItem

from designer.model.layout import GRID

TOLERANCE = 24  # of 255 per channel: antialiasing where two lines cross
FEW = 60  # pixels: where a moving line crosses a line stacked above it, the order of the two differs


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def differing(a: QImage, b: QImage) -> int:
    """Pixels of ``a`` and ``b`` whose channels differ by more than ``TOLERANCE``."""
    a, b = a.convertToFormat(QImage.Format.Format_ARGB32), b.convertToFormat(QImage.Format.Format_ARGB32)
    assert a.size() == b.size()
    count = 0
    for x, y in zip(memoryview(a.constBits()).cast("I"), memoryview(b.constBits()).cast("I")):
        if x != y and max(abs(((x >> s) & 255) - ((y >> s) & 255)) for s in (0, 8, 16, 24)) > TOLERANCE:
            count += 1
    return count


def on_screen(view) -> QImage:
    """The viewport as the screen shows it (the window's backing store: ``QWidget.grab`` would
    paint it afresh)."""
    vp = view.viewport()
    top = vp.mapTo(view.window(), QPoint(0, 0))
    shot = QApplication.primaryScreen().grabWindow(view.window().winId())
    return shot.copy(top.x(), top.y(), vp.width(), vp.height()).toImage()


def drop_then_full(view, start: QPoint, end: QPoint) -> tuple[QImage, QImage]:
    """Drag from ``start`` to ``end`` and drop; the viewport as the drop left it, and as a full
    repaint paints it."""
    vp = view.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    settle()
    for i in range(1, 6):
        QTest.mouseMove(vp, start + (end - start) * i / 5)
        settle()
    assert view.canvas.drag_layer is not None  # the drag had a layer
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    settle()
    assert view.canvas.drag_layer is None
    after = on_screen(view)
    vp.update()
    settle()
    return after, on_screen(view)


def _busiest(editor) -> str:
    """The node with the most connections."""
    degree: dict[str, int] = {}
    for conn in editor.document.connections.values():
        for end in conn.between:
            degree[end] = degree.get(end, 0) + 1
    return max(degree, key=lambda n: (degree[n], n))


def test_a_drop_leaves_what_a_full_repaint_paints(qtbot, generated_view):
    """A hub with many lines (crossing other nodes and labels) dropped at 100 %: the screen
    after the drop is the screen a full repaint paints, but for antialiasing where a moving line
    crosses a line stacked above it (``TOLERANCE``, ``FEW``). Then a node dropped onto other
    labels (they move aside), and a node dropped into another zone (its lines' labels change)."""
    editor, scene, view = generated_view(600, 1800)
    qtbot.waitUntil(lambda: scene.labels.settled, timeout=20000)
    hub = _busiest(editor)
    node = scene.nodes[hub]
    view.centerOn(node)
    settle()
    assert view.zoom() == 1.0
    start = view.mapFromScene(node.mapToScene(node.icon_rect().center()))
    was = node.pos()
    # by whole grid steps: the commit does not snap the node again, so the lines stay where the
    # last frame drew them and the screen is right only if the drop repaints what it must
    after, full = drop_then_full(view, start, start + QPoint(2 * GRID, GRID))
    assert node.pos() == was + QPointF(2 * GRID, GRID)
    assert differing(after, full) <= FEW
    # off the grid: the drop snaps the node, and its lines follow
    start = view.mapFromScene(node.mapToScene(node.icon_rect().center()))
    after, full = drop_then_full(view, start, start + QPoint(37, 23))
    assert differing(after, full) <= FEW

    # onto another node's labels: they move aside
    labelled = [c for c in scene.connections.values() if c.label_item.isVisible()
                and view.viewport().rect().contains(view.mapFromScene(c.label_item.sceneBoundingRect().center()))
                and hub not in c.ends]
    target = view.mapFromScene(labelled[0].label_item.sceneBoundingRect().center())
    start = view.mapFromScene(node.mapToScene(node.icon_rect().center()))
    before = labelled[0].label_item.scenePos()
    after, full = drop_then_full(view, start, target)
    assert labelled[0].label_item.scenePos() != before or not labelled[0].label_item.isVisible()
    assert differing(after, full) <= FEW

    # into another zone: the zone it is in changes, and so may its lines' labels
    zone = editor.document.node(hub).zone
    other = next(z for z in scene.zones.values() if z.zone_id != zone
                 and view.viewport().rect().intersects(view.mapFromScene(z.sceneBoundingRect()).boundingRect()))
    centre = view.mapFromScene(other.sceneBoundingRect().center())
    start = view.mapFromScene(node.mapToScene(node.icon_rect().center()))
    after, full = drop_then_full(view, start, centre)
    assert editor.document.node(hub).zone != zone
    assert differing(after, full) <= FEW


def test_a_large_delete_and_its_undo_leave_what_a_full_repaint_paints(qtbot, generated_view):
    """Deleting hundreds of items hides them (canvas/retired.py) and repaints the whole scene
    (Qt marks no single item's area then); the undo shows them again. Both times the screen is
    what a full repaint paints: no deleted line left behind, no restored label missing."""
    editor, scene, view = generated_view(300, 700)
    qtbot.waitUntil(lambda: scene.labels.settled, timeout=20000)
    view.set_zoom(1.0)
    busiest = max(scene.nodes.values(), key=lambda n: len(scene._by_node.get(n.node_id, ())))
    view.centerOn(busiest)
    settle()
    before = on_screen(view)
    ids = [n for n in editor.document.nodes][: len(editor.document.nodes) * 2 // 3]
    scene.select_ids(ids)
    editor.delete(scene.selected_ids())
    assert len(scene.retired.hidden) > 200  # (past the scene's BULK: a repaint of everything)
    settle()
    after = on_screen(view)
    assert differing(after, before) > 1000  # the view did change
    view.viewport().update()
    settle()
    assert differing(after, on_screen(view)) <= FEW
    editor.undo_stack.undo()
    qtbot.waitUntil(lambda: scene.labels.settled, timeout=20000)
    settle()
    undone = on_screen(view)
    view.viewport().update()
    settle()
    assert differing(undone, on_screen(view)) <= FEW
    assert differing(undone, before) <= FEW


def _drag_the_hub(qtbot, generated_view, step: QPoint, steps: int):
    """A generated design at 100 %, its busiest node dragged by ``steps`` times ``step`` and
    dropped: (editor, scene, view, the node); the drop's frame is still to come."""
    editor, scene, view = generated_view(600, 1800)
    qtbot.waitUntil(lambda: scene.labels.settled, timeout=20000)
    node = scene.nodes[_busiest(editor)]
    view.centerOn(node)
    settle()
    start = view.mapFromScene(node.mapToScene(node.icon_rect().center()))
    vp = view.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, steps + 1):
        QTest.mouseMove(vp, start + step * i)
        settle()
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + step * steps)
    assert scene.settling is not None  # the drop's frame is to come from the drag layer's pictures
    return editor, scene, view, node


def _others_shown(scene, view, node) -> list:
    vp = view.viewport()
    return [n for n in scene.nodes.values() if n is not node
            and vp.rect().contains(view.mapFromScene(n.sceneBoundingRect().center()))]


def test_after_a_drop_the_items_paint_as_usual_again(qtbot, generated_view):
    """The drop's frame comes from the drag layer's pictures (canvas/settling.py); once it is
    painted, every item paints as usual and later partial repaints are right: hovering and
    selecting a node that stayed put, as a full repaint shows them."""
    _editor, scene, view, node = _drag_the_hub(qtbot, generated_view, QPoint(12, 6), 5)
    qtbot.waitUntil(lambda: scene.settling is None, timeout=2000)
    assert not any(item.flags() & QGraphicsItem.GraphicsItemFlag.ItemHasNoContents for item in scene.items())
    other = _others_shown(scene, view, node)[0]
    at = view.mapFromScene(other.mapToScene(other.icon_rect().center()))
    vp = view.viewport()
    QTest.mouseMove(vp, at)  # hovered: its connect handle shows
    settle()
    assert other.hovered
    QTest.mouseClick(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    settle()
    assert other.isSelected() and not node.isSelected()
    shown = on_screen(view)
    vp.update()
    settle()
    assert differing(shown, on_screen(view)) <= FEW


def test_a_change_before_the_drops_frame_paints_everything_again(qtbot, generated_view):
    """Something that changes the pictures' items after the drop and before its frame (here the
    selection, from the Inspector's side) ends the drop's pictures: the view repaints in full."""
    _editor, scene, view, node = _drag_the_hub(qtbot, generated_view, QPoint(-15, 10), 3)
    scene.select_ids([n.node_id for n in _others_shown(scene, view, node)[:3]])  # shown unselected
    assert scene.settling is None
    settle()
    shown = on_screen(view)
    view.viewport().update()
    settle()
    assert differing(shown, on_screen(view)) <= FEW


def test_a_drag_right_after_a_drop_pictures_every_item(qtbot, generated_view):
    """A second drag that starts before the first drop's frame is painted: its pictures are
    taken with every item painting as usual (none left painting nothing), and its drop leaves
    what a full repaint paints."""
    _editor, scene, view, node = _drag_the_hub(qtbot, generated_view, QPoint(10, 10), 2)
    vp = view.viewport()
    start = view.mapFromScene(node.mapToScene(node.icon_rect().center()))
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(vp, start + QPoint(-30, 20))
    assert scene.drag_layer is not None and scene.settling is None
    assert all(item.clip_to is None for item in scene.items() if hasattr(item, "clip_to"))
    settle()
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(-30, 20))
    qtbot.waitUntil(lambda: scene.settling is None, timeout=2000)
    shown = on_screen(view)
    vp.update()
    settle()
    assert differing(shown, on_screen(view)) <= FEW
