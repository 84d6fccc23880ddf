"""The drag layer's picture goes stale when the view scrolls during a drag: the layer is dropped
and the view repaints in full."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QRegion
from PySide6.QtTest import QTest



class Painted(QObject):
    """The region of a widget's paint events."""

    def __init__(self) -> None:
        super().__init__()
        self.region = QRegion()

    def eventFilter(self, obj, event) -> bool:  # Qt's name
        if event.type() == QEvent.Type.Paint:
            self.region = self.region.united(event.region())
        return False


@pytest.fixture()
def big(generated_view):
    return generated_view(200, 600)


def settle(qtbot, scene) -> None:
    qtbot.waitUntil(lambda: not scene.labels.busy, timeout=10000)
    qtbot.wait(50)


def drag(view, item, offset: QPoint, qtbot) -> QPoint:
    """Press on the node and move in five steps, the event loop running between them (each
    step is painted, as in the app)."""
    viewport = view.viewport()
    start = view.mapFromScene(item.mapToScene(item.icon_rect().center()))
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    qtbot.wait(20)
    for step in range(1, 6):
        QTest.mouseMove(viewport, start + offset * step / 5)
        qtbot.wait(20)
    return start + offset


def test_a_scroll_during_a_drag_repaints_in_full(big, qtbot):
    _, scene, view = big
    doc = scene.editor.document
    item = scene.nodes[max(doc.nodes, key=lambda n: (len(doc.connections_of(n)), n))]
    view.set_zoom(1.0)
    view.centerOn(item)
    settle(qtbot, scene)
    end = drag(view, item, QPoint(30, 20), qtbot)
    assert scene.drag_layer is not None
    painted = Painted()
    view.viewport().installEventFilter(painted)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 40)
    qtbot.wait(50)
    view.viewport().removeEventFilter(painted)
    assert scene.drag_layer is None and painted.region.boundingRect() == view.viewport().rect()
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
