"""The canvas scene: it observes the document and mirrors it with items (id -> item maps).

Edits never happen here: gestures are previewed on items and committed through the editor on
release, as one command. ``ConnectTool`` and ``DragTool`` own their temporary state.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsScene, QGraphicsSceneMouseEvent

from ..analysis.labels import connection_label, tooltip_html
from ..editor import DocumentEditor
from ..layout import GRID, snap
from ..model import Change, Document, Rect
from . import style
from .items import ConnectionItem, NodeItem, ZoneItem

FAN = 30.0  # pixels between parallel connections
LABEL_SPOTS = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)  # where along its line a label may sit


def _area(rect: QRectF) -> float:
    return rect.width() * rect.height()


class ConnectTool:
    """Drag from a node's handle (or any node in connect mode) to another node."""

    def __init__(self, scene: "CanvasScene", node_id: str, start: QPointF) -> None:
        self.scene, self.node_id = scene, node_id
        self.line = QGraphicsLineItem(start.x(), start.y(), start.x(), start.y())
        self.line.setPen(QPen(style.SELECTION_COLOR, 2, Qt.PenStyle.DashLine))
        self.line.setZValue(style.Z_TEMP)
        scene.addItem(self.line)

    def move(self, pos: QPointF) -> None:
        line = self.line.line()
        self.line.setLine(line.x1(), line.y1(), pos.x(), pos.y())

    def finish(self, pos: QPointF) -> str | None:
        self.scene.removeItem(self.line)
        target = self.scene.node_at(pos)
        if target and target != self.node_id:
            return self.scene.editor.connect(self.node_id, target)
        return None


class DragTool:
    """Moves and resizes, previewed on items and committed as one command on release."""

    def __init__(self, scene: "CanvasScene", resize_zone: str | None = None) -> None:
        self.scene = scene
        self.resize_zone = resize_zone
        doc = scene.editor.document
        selected = scene.selected_ids()
        zones = [z for z in selected if z in doc.zones]
        nodes = {n for n in selected if n in doc.nodes}
        nodes |= {n.id for n in doc.nodes.values() if n.zone in zones}  # a zone carries its nodes
        self.start_nodes = {n: scene.nodes[n].pos() for n in nodes if n in scene.nodes}
        self.start_zones = {z: scene.zones[z].pos() for z in zones if z in scene.zones}
        self.carried = {n for n in nodes if n not in selected}

    def zone_moved(self, zone_id: str) -> None:
        if zone_id not in self.start_zones:
            return
        delta = self.scene.zones[zone_id].pos() - self.start_zones[zone_id]
        for node_id in self.carried:
            self.scene.nodes[node_id].setPos(self.start_nodes[node_id] + delta)

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


class CanvasScene(QGraphicsScene):
    connection_activated = Signal(str)

    def __init__(self, editor: DocumentEditor, parent=None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.document: Document | None = None
        self.nodes: dict[str, NodeItem] = {}
        self.zones: dict[str, ZoneItem] = {}
        self.connections: dict[str, ConnectionItem] = {}
        self.connect_mode = False
        self.snap_to_grid = True
        self.show_grid = True
        self._connect: ConnectTool | None = None
        self._labels_pending = False
        self._drag: DragTool | None = None
        self.setSceneRect(QRectF(-2000, -2000, 8000, 6000))
        editor.document_replaced.connect(self.set_document)
        self.set_document(editor.document)

    # ---- mirroring the document
    def set_document(self, doc: Document) -> None:
        if self.document is not None:
            self.document.changed.unsub(self._on_change)
        self.clear()
        self.nodes, self.zones, self.connections = {}, {}, {}
        self.document = doc
        for zone in doc.zones.values():
            self._add_zone(zone.id)
        for node in doc.nodes.values():
            self._add_node(node.id)
        for conn in doc.connections.values():
            self._add_connection(conn.id)
        doc.changed.sub(self._on_change)

    def detach(self) -> None:
        """Stop observing the editor and its document (before the scene goes away)."""
        self.editor.document_replaced.disconnect(self.set_document)
        if self.document is not None:
            self.document.changed.unsub(self._on_change)
            self.document = None

    def _on_change(self, change: Change) -> None:
        kind, item_id = change.kind, change.id
        if kind == "document_changed":
            for conn_id in self.connections:
                self._relabel(conn_id)
        elif kind == "zone_added":
            self._add_zone(item_id)
        elif kind == "zone_changed":
            self.zones[item_id].update_from(self.document.zone(item_id))
        elif kind == "zone_removed":
            self.removeItem(self.zones.pop(item_id))
        elif kind == "node_added":
            self._add_node(item_id)
        elif kind == "node_changed":
            self.nodes[item_id].update_from(self.document.node(item_id))
            self.node_moved(item_id)
            for conn in self.document.connections_of(item_id):
                self._relabel(conn.id)
        elif kind == "node_removed":
            self.removeItem(self.nodes.pop(item_id))
        elif kind == "connection_added":
            self._add_connection(item_id)
        elif kind == "connection_changed":
            self._relabel(item_id)
        elif kind == "connection_removed":
            item = self.connections.pop(item_id)
            self.removeItem(item)
            self._route_pair({n for n in item.ends if n in self.document.nodes})

    def _add_zone(self, zone_id: str) -> None:
        item = ZoneItem(self.document.zone(zone_id))
        self.zones[zone_id] = item
        self.addItem(item)

    def _add_node(self, node_id: str) -> None:
        item = NodeItem(self.document.node(node_id))
        self.nodes[node_id] = item
        self.addItem(item)

    def _add_connection(self, conn_id: str) -> None:
        item = ConnectionItem(conn_id)
        item.ends = self.document.connection(conn_id).between
        self.connections[conn_id] = item
        self.addItem(item)
        self._relabel(conn_id)
        self._route_pair(set(self.document.connection(conn_id).between))

    def _relabel(self, conn_id: str) -> None:
        doc, catalog = self.document, self.editor.catalog
        self.connections[conn_id].set_label(connection_label(doc, catalog, conn_id),
                                            tooltip_html(doc, catalog, conn_id))
        self._route(conn_id)

    def _parallels(self, conn_id: str) -> list[str]:
        pair = set(self.document.connection(conn_id).between)
        return [c.id for c in self.document.connections.values() if set(c.between) == pair]

    def _route_pair(self, pair: set[str]) -> None:
        for conn in self.document.connections.values():
            if set(conn.between) == pair:
                self._route(conn.id)

    def _route(self, conn_id: str) -> None:
        conn = self.document.connection(conn_id)
        a, b = (self.nodes[n] for n in conn.between)
        parallels = self._parallels(conn_id)
        index = parallels.index(conn_id)
        bend = (index - (len(parallels) - 1) / 2) * FAN
        start, end = a.center(), b.center()
        if conn.between[0] > conn.between[1]:  # the same side for both directions of a pair
            bend = -bend
        self.connections[conn_id].update_geometry(start, end, bend)
        self._schedule_labels()

    # ---- label placement: keep labels off the nodes and off each other
    def _schedule_labels(self) -> None:
        if not self._labels_pending:
            self._labels_pending = True
            QTimer.singleShot(0, self.place_labels)

    def place_labels(self) -> None:
        """Slide each label along its line to the first spot that hides no node or label;
        where there is none, show only the ports if that fits better."""
        self._labels_pending = False
        if self.document is None:
            return
        taken = [item.sceneBoundingRect() for item in self.nodes.values()]
        for item in self.connections.values():
            item.set_compact(False)
            best, cost = self._best_spot(item, taken)
            if cost:
                item.set_compact(True)
                compact, compact_cost = self._best_spot(item, taken)
                if compact_cost < cost:
                    best = compact
                else:
                    item.set_compact(False)
            if best is not None:
                item.label_item.setPos(best.topLeft())
                taken.append(best)

    @staticmethod
    def _best_spot(item: ConnectionItem, taken: list[QRectF]) -> tuple[QRectF | None, float]:
        size = item.label_item.boundingRect()
        if size.isEmpty():
            return None, 0.0
        best, best_cost = None, None
        for t in LABEL_SPOTS:
            point = item.path.pointAtPercent(t)
            rect = QRectF(point.x() - size.width() / 2, point.y() - size.height() / 2,
                          size.width(), size.height())
            cost = sum(_area(rect.intersected(other)) for other in taken if rect.intersects(other))
            if best_cost is None or cost < best_cost:
                best, best_cost = rect, cost
            if cost == 0:
                break
        return best, best_cost

    # ---- previews from items
    def node_moved(self, node_id: str) -> None:
        if self.document is None or node_id not in self.document.nodes:
            return
        for conn in self.document.connections_of(node_id):
            if conn.id in self.connections:
                self._route(conn.id)

    def zone_moved(self, zone_id: str) -> None:
        if self._drag:
            self._drag.zone_moved(zone_id)

    # ---- queries and selection (view state: not saved, not undoable)
    def node_at(self, pos: QPointF) -> str | None:
        for item in self.items(pos):
            if isinstance(item, NodeItem):
                return item.node_id
        return None

    def selected_ids(self) -> list[str]:
        ids = []
        for item in self.selectedItems():
            for attr in ("node_id", "zone_id", "connection_id"):
                if hasattr(item, attr):
                    ids.append(getattr(item, attr))
        return ids

    def select_ids(self, ids) -> None:
        ids = set(ids)
        self.clearSelection()
        for table in (self.nodes, self.zones, self.connections):
            for item_id, item in table.items():
                if item_id in ids:
                    item.setSelected(True)

    def highlight_connection(self, conn_id: str | None) -> None:
        for item_id, item in self.connections.items():
            if item.highlighted != (item_id == conn_id):
                item.highlighted = item_id == conn_id
                item.update()

    # ---- gestures
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # Qt's name
        if event.button() == Qt.MouseButton.LeftButton:
            pos = event.scenePos()
            under = [i for i in self.items(pos) if isinstance(i, (NodeItem, ZoneItem))]
            top = under[0] if under else None
            node = top if isinstance(top, NodeItem) else None
            if node and (self.connect_mode or node.handle_rect().contains(node.mapFromScene(pos))):
                self._connect = ConnectTool(self, node.node_id, node.center())
                event.accept()
                return
            if isinstance(top, ZoneItem) and top.isSelected() and \
                    top.resize_rect().contains(top.mapFromScene(pos)):
                self._drag = DragTool(self, resize_zone=top.zone_id)
                self._resize_origin = (pos, top.size)
                event.accept()
                return
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self.selectedItems():
            self._drag = DragTool(self)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # Qt's name
        if self._connect:
            self._connect.move(event.scenePos())
            return
        if self._drag and self._drag.resize_zone:
            origin, (w, h) = self._resize_origin
            delta = event.scenePos() - origin
            self.zones[self._drag.resize_zone].set_size(w + delta.x(), h + delta.y())
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # Qt's name
        if self._connect:
            tool, self._connect = self._connect, None
            conn_id = tool.finish(event.scenePos())
            if conn_id:
                self.select_ids([conn_id])
            return
        super().mouseReleaseEvent(event)
        if self._drag:
            drag, self._drag = self._drag, None
            drag.commit()

    def keyPressEvent(self, event) -> None:  # Qt's name
        """Arrow keys nudge the selection by one grid step (Shift: five); Esc cancels."""
        steps = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1),
                 Qt.Key.Key_Down: (0, 1)}
        if event.key() == Qt.Key.Key_Escape:
            if self._connect:
                self.removeItem(self._connect.line)
                self._connect = None
            self.clearSelection()
            return
        if event.key() in steps and self.selectedItems():
            dx, dy = steps[event.key()]
            step = GRID * (5 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
            self.nudge(dx * step, dy * step)
            return
        super().keyPressEvent(event)

    def nudge(self, dx: float, dy: float) -> None:
        """Move the selection; consecutive nudges of the same items are one undo step."""
        doc = self.document
        ids = self.selected_ids()
        zones = [z for z in ids if z in doc.zones]
        nodes = {n for n in ids if n in doc.nodes} | {n.id for n in doc.nodes.values() if n.zone in zones}
        positions = {n: (doc.node(n).pos[0] + dx, doc.node(n).pos[1] + dy) for n in nodes if doc.node(n).pos}
        rects = {z: Rect(r.x + dx, r.y + dy, r.width, r.height) for z in zones if (r := doc.zone(z).rect)}
        self.editor.move(positions, rects, merge_key="nudge:" + ",".join(sorted(ids)))

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # Qt's name
        super().mouseDoubleClickEvent(event)
        for item in self.items(event.scenePos()):
            if isinstance(item, ConnectionItem):
                self.connection_activated.emit(item.connection_id)
                return

