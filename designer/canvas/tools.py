"""Interaction tools of the canvas: each owns its temporary state and ends in one edit.

``ConnectTool`` draws a connection from node to node; ``DragTool`` previews moves and resizes
on items and commits them through the editor on release, as one command.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsLineItem

from ..model.layout import snap
from ..model import Rect
from ..render import style

if TYPE_CHECKING:
    from .scene import CanvasScene


class ConnectTool:
    """Drag from a node's handle (or any node in connect mode) to another node."""

    def __init__(self, scene: "CanvasScene", node_id: str, start: QPointF) -> None:
        self.scene, self.node_id = scene, node_id
        self.line = QGraphicsLineItem(start.x(), start.y(), start.x(), start.y())
        self.line.setPen(QPen(QColor(scene.theme.selection), 2, Qt.PenStyle.DashLine))
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
        self.layered = False  # whether the scene considered a drag layer for this drag

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
