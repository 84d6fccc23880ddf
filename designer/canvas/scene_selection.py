"""The canvas scene's queries and selection: what is under a point, which ids are selected,
and selection changes of thousands of items heard once. View state: not saved, not undoable.

A mixin of :class:`~.scene.CanvasScene` (it reads the scene's ``nodes``, ``zones`` and
``connections`` tables and Qt's selection)."""
from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QPointF

from .connection_item import ConnectionItem
from .items import NodeItem, ZoneItem

_ID_ATTRS = {NodeItem: "node_id", ZoneItem: "zone_id", ConnectionItem: "connection_id"}


class SceneSelection:
    """Queries and selection over the scene's items (mixed into ``CanvasScene``)."""

    def node_at(self, pos: QPointF) -> str | None:
        item = self.node_item_at(pos)
        return item.node_id if item is not None else None

    def node_item_at(self, pos: QPointF) -> NodeItem | None:
        for item in self.items(pos):
            if isinstance(item, NodeItem):
                return item
        return None

    def node_or_zone_at(self, pos: QPointF) -> NodeItem | ZoneItem | None:
        """The topmost node or zone under ``pos``."""
        for item in self.items(pos):
            if isinstance(item, (NodeItem, ZoneItem)):
                return item
        return None

    def selected_ids(self) -> list[str]:
        ids = []
        attrs = _ID_ATTRS
        for item in self.selectedItems():  # (one look-up per item: Select All gives thousands)
            attr = attrs.get(type(item))
            if attr is None:
                attr = next((a for a in ("node_id", "zone_id", "connection_id") if hasattr(item, a)), "")
            if attr:
                ids.append(getattr(item, attr))
        return ids

    def select_ids(self, ids) -> None:
        """Select exactly ``ids``: one selectionChanged, however many items."""
        ids = set(ids)
        with self._one_selection_change():
            self.clearSelection()
            for table in (self.nodes, self.zones, self.connections):
                for item_id, item in table.items():
                    if item_id in ids:
                        item.setSelected(True)

    def select_all(self) -> None:
        """Select every zone, node and connection: one selectionChanged, however many items."""
        changed = False
        blocked = self.blockSignals(True)
        try:
            for table in (self.zones, self.nodes, self.connections):
                for item in table.values():
                    if not item.isSelected():
                        item.setSelected(True)
                        changed = True
        finally:
            self.blockSignals(blocked)
        if not blocked and (changed or self._selection_dirty):
            self.selectionChanged.emit()

    @contextmanager
    def _one_selection_change(self):
        """Qt emits selectionChanged per item; the panels' handlers rebuild everything, so
        a change of thousands of items is heard once, at the end (if anything changed)."""
        before = self.selectedItems()
        blocked = self.blockSignals(True)
        try:
            yield
        finally:
            self.blockSignals(blocked)
            if not blocked and (self._selection_dirty or self.selectedItems() != before):
                self.selectionChanged.emit()

    def highlight_connection(self, conn_id: str | None) -> None:
        for item_id, item in self.connections.items():
            if item.highlighted != (item_id == conn_id):
                self.changing(item)
                item.highlighted = item_id == conn_id
                item.update()
