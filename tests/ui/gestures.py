"""What a user's hand does on the canvas, for the window tests: drop a role from the palette
into a zone (the drag events a real drop delivers), and draw a connection from a node's handle."""
from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from designer.canvas import ROLE_MIME
from tests.ui.test_canvas import drag, to_view


def drop_role(window, role: str, zone_id: str, fx: float = 0.5, fy: float = 0.5) -> str:
    """Drop ``role`` at a point of the zone (fractions of its width and height); the new node's id."""
    editor, scene, view = window.editor, window.scene, window.view
    rect = editor.document.zone(zone_id).rect
    pos = to_view(view, QPointF(rect.x + rect.width * fx, rect.y + rect.height * fy))
    data = QMimeData()
    data.setData(ROLE_MIME, role.encode())
    args = (Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), QDragEnterEvent(pos, *args))
    QApplication.sendEvent(view.viewport(), QDragMoveEvent(pos, *args))
    QApplication.sendEvent(view.viewport(), QDropEvent(QPointF(pos), *args))
    [node_id] = scene.selected_ids()
    return node_id


def connect_from_handle(window, a: str, b: str) -> str:
    """Drag from node ``a``'s + handle to node ``b``; the new connection's id."""
    editor, scene, view = window.editor, window.scene, window.view
    item = scene.nodes[a]
    before = set(editor.document.connections)
    drag(view, to_view(view, item.mapToScene(item.handle_rect().center())),
         view.mapFromScene(scene.nodes[b].center()))
    [new] = set(editor.document.connections) - before
    return new


def shown_text(rich: str) -> str:
    """What a tooltip or message box shows of ``rich``: Qt renders text that looks like HTML as
    HTML, so read it as Qt would (``<b>`` in a name stays visible text only if it was escaped)."""
    from PySide6.QtGui import QTextDocument
    document = QTextDocument()
    document.setHtml(rich)
    return document.toPlainText()
