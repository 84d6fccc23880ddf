"""The canvas's tools: one object per way of working with the mouse and keys.

The scene hands every mouse and key event to its active tool (``scene.tool``), through one
interface: ``press``, ``move``, ``release`` and ``key`` answer whether they took the event (the
scene passes what they leave to Qt), ``cancel`` ends the tool's gesture and removes what it drew.
A tool works on the scene it is given, never on the scene module.

``SelectTool`` is the default: Qt's selection, moves and resizes previewed on items and
committed through the editor on release as one command (``Drag``), arrow-key nudges, and a drag
from a node's + handle, which connects. ``ConnectTool`` connects node to node wherever the drag
starts on a node; Esc leaves it for the select tool.
"""
from __future__ import annotations


from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QKeyEvent, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsLineItem, QGraphicsScene, QGraphicsSceneMouseEvent

from ..model import Rect
from ..model.layout import GRID, snap
from ..render import style

LEFT = Qt.MouseButton.LeftButton
STEPS = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}


class Tool:
    """One way of working on the canvas. Each event method returns whether it took the event."""

    name = ""

    def __init__(self, scene) -> None:
        self.scene = scene

    def press(self, event: QGraphicsSceneMouseEvent) -> bool:
        return False

    def move(self, event: QGraphicsSceneMouseEvent) -> bool:
        return False

    def release(self, event: QGraphicsSceneMouseEvent) -> bool:
        return False

    def key(self, event: QKeyEvent) -> bool:
        return False

    def cancel(self) -> None:
        """End the gesture under way, if any, and remove what it drew."""


class ConnectLine:
    """The dashed line from a node to the pointer, while a connection is drawn."""

    def __init__(self, scene, node_id: str, start: QPointF) -> None:
        self.scene, self.node_id = scene, node_id
        self.line = QGraphicsLineItem(start.x(), start.y(), start.x(), start.y())
        self.line.setPen(QPen(QColor(scene.theme.selection), 2, Qt.PenStyle.DashLine))
        self.line.setZValue(style.Z_TEMP)
        scene.addItem(self.line)

    def move(self, pos: QPointF) -> None:
        line = self.line.line()
        self.line.setLine(line.x1(), line.y1(), pos.x(), pos.y())

    def remove(self) -> None:
        if self.line.scene() is not None:
            self.scene.removeItem(self.line)

    def finish(self, pos: QPointF) -> str | None:
        self.remove()
        target = self.scene.node_at(pos)
        if target and target != self.node_id:
            return self.scene.editor.connect(self.node_id, target)
        return None


class ConnectTool(Tool):
    """Drag from any node to another to connect them. ``once``: back to the select tool after one
    connection (a drag from a node's + handle)."""

    name = "connect"

    def __init__(self, scene, once: bool = False) -> None:
        super().__init__(scene)
        self.once = once
        self.line: ConnectLine | None = None

    def press(self, event: QGraphicsSceneMouseEvent) -> bool:
        if event.button() != LEFT:
            return False
        node = self.scene.node_item_at(event.scenePos())
        if node is not None:
            self.line = ConnectLine(self.scene, node.node_id, node.center())
        return True

    def move(self, event: QGraphicsSceneMouseEvent) -> bool:
        if self.line is not None:
            self.line.move(event.scenePos())
        return True

    def release(self, event: QGraphicsSceneMouseEvent) -> bool:
        line, self.line = self.line, None
        conn_id = line.finish(event.scenePos()) if line is not None else None
        if conn_id:
            self.scene.select_ids([conn_id])
        if self.once:
            self.scene.set_tool(None)
        return True

    def key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Escape:
            self.scene.set_tool(None)  # Esc leaves the tool (cancel removes a line being drawn)
            return True
        return False

    def cancel(self) -> None:
        if self.line is not None:
            self.line.remove()
            self.line = None


class Drag:
    """Moves and resizes, previewed on items and committed as one command on release."""

    def __init__(self, scene, resize_zone: str | None = None) -> None:
        self.scene = scene
        self.resize_zone = resize_zone
        doc = scene.editor.document
        selected = scene.selected_ids()
        zones = [z for z in selected if z in doc.zones]
        nodes = {n for n in selected if n in doc.nodes}
        nodes |= {n.id for n in doc.nodes.values() if n.zone in zones}  # a zone carries its nodes
        self.start_nodes = {n: scene.nodes[n].pos() for n in nodes if n in scene.nodes}
        self.start_zones = {z: scene.zones[z].pos() for z in zones if z in scene.zones}
        self.carried = {n: doc.node(n).zone for n in nodes if n not in selected}  # node -> its zone
        self.shown = dict(self.start_nodes)  # where each moving node was last seen
        self.layered = False  # whether the scene considered a drag layer for this drag
        self.resize_origin: tuple[QPointF, tuple[float, float]] | None = None

    def follow(self) -> None:
        """Qt moved the selected items (a mouse move): the nodes of a moved zone follow it, and
        the scene hears of each node that moved. (Items have no ``itemChange`` for this: a
        Python override of it is called for every change of every item, thousands at a time
        when a large selection is deleted or put back.)"""
        scene = self.scene
        moved = []
        for node_id, zone_id in self.carried.items():  # a zone carries its own nodes
            offset = scene.zones[zone_id].pos() - self.start_zones[zone_id]
            scene.nodes[node_id].setPos(self.start_nodes[node_id] + offset)
        for node_id in self.start_nodes:
            pos = scene.nodes[node_id].pos()
            if pos != self.shown[node_id]:
                self.shown[node_id] = pos
                moved.append(node_id)
        for node_id in moved:
            scene.node_moved(node_id)

    def snap_nodes(self) -> None:
        """Put the dragged nodes where the commit puts them (on the grid, when it snaps), before
        the drag layer goes: their lines are routed once, there, and not again by the move."""
        scene = self.scene
        if not scene.snap_to_grid or self.start_zones or self.resize_zone:
            return
        for node_id, start in self.start_nodes.items():
            item = scene.nodes[node_id]
            pos = item.pos()
            if pos != start:
                item.setPos(snap(pos.x()), snap(pos.y()))
        self.follow()

    def commit(self) -> None:
        scene, editor = self.scene, self.scene.editor
        if self.resize_zone:
            item = scene.zones[self.resize_zone]
            w, h = item.size
            rect = Rect(item.pos().x(), item.pos().y(), snap(w), snap(h))
            if rect != editor.document.zone(self.resize_zone).rect:
                editor.set_zone(self.resize_zone, rect=rect)
            return
        grid = scene.snap_to_grid
        positions = {}
        for node_id, start in self.start_nodes.items():
            pos = scene.nodes[node_id].pos()
            if pos != start:
                positions[node_id] = (snap(pos.x()), snap(pos.y())) if grid else (pos.x(), pos.y())
        rects = {}
        for zone_id, start in self.start_zones.items():
            item = scene.zones[zone_id]
            if item.pos() != start:
                x, y = (snap(item.pos().x()), snap(item.pos().y())) if grid else (item.pos().x(), item.pos().y())
                rects[zone_id] = Rect(x, y, *item.size)
        if positions or rects:
            editor.move(positions, rects)


class SelectTool(Tool):
    """Select, move and resize (Qt's selection and item moves, committed as one edit on release);
    arrow keys nudge by a grid step (Shift: five); a drag from a node's + handle connects."""

    name = "select"

    def __init__(self, scene) -> None:
        super().__init__(scene)
        self.drag: Drag | None = None

    def press(self, event: QGraphicsSceneMouseEvent) -> bool:
        scene = self.scene
        if event.button() == LEFT:
            pos = event.scenePos()
            top = scene.node_or_zone_at(pos)
            if top is not None and hasattr(top, "handle_rect") and \
                    top.handle_rect().contains(top.mapFromScene(pos)):
                tool = ConnectTool(scene, once=True)
                scene.set_tool(tool)
                return tool.press(event)
            if top is not None and hasattr(top, "resize_rect") and top.isSelected() and \
                    top.resize_rect().contains(top.mapFromScene(pos)):
                self.drag = Drag(scene, resize_zone=top.zone_id)
                self.drag.resize_origin = (pos, top.size)
                return True
        QGraphicsScene.mousePressEvent(scene, event)  # Qt's selection and item moves
        if event.button() == LEFT and scene.selectedItems():
            self.drag = Drag(scene)
        return True

    def move(self, event: QGraphicsSceneMouseEvent) -> bool:
        scene, drag = self.scene, self.drag
        if drag is not None and drag.resize_zone:
            origin, (w, h) = drag.resize_origin
            delta = event.scenePos() - origin
            scene.zones[drag.resize_zone].set_size(w + delta.x(), h + delta.y())
            return True
        QGraphicsScene.mouseMoveEvent(scene, event)
        if drag is not None and event.buttons() & LEFT:
            drag.follow()
            scene.drag_frame(drag)
        return True

    def release(self, event: QGraphicsSceneMouseEvent) -> bool:
        drag, self.drag = self.drag, None
        grabber = self.scene.mouseGrabberItem()
        if drag is not None and drag.layered and not event.buttons() and \
                getattr(grabber, "node_id", None) in drag.start_nodes:
            # The end of a move: what Qt's release does but for its hover pass, which asks the
            # index for every item under the mouse (on a large design, hundreds of long lines
            # whose bounds hold that point). The next mouse move hovers as usual.
            QGraphicsItem.mouseReleaseEvent(grabber, event)  # a click's selection; Qt's moving items
            grabber.ungrabMouse()
            event.accept()
        else:
            QGraphicsScene.mouseReleaseEvent(self.scene, event)
        if drag is not None:
            self.scene.drop(drag)
        return True

    def key(self, event: QKeyEvent) -> bool:
        scene = self.scene
        if event.key() == Qt.Key.Key_Escape:
            scene.clearSelection()
            return True
        if event.key() in STEPS and scene.selectedItems():
            dx, dy = STEPS[event.key()]
            step = GRID * (5 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
            scene.nudge(dx * step, dy * step)
            return True
        return False

    def cancel(self) -> None:
        self.drag = None
