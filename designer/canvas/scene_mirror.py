"""How the canvas scene mirrors the document: one handler per kind of change, and batches.

Each change touches only the items it concerns. Inside an editor batch (a delete of many
elements, or its undo: see ``DocumentEditor.batch``) the work waits for the batch's end, where
it is done once for all of them: removed items leave in Qt's order (or are hidden, see
:mod:`.retired`), added connections are indexed, put back and labelled in one pass, and the
lines between the pairs of nodes the batch touched are routed once. An item put back by an
undo whose ends did not move keeps its route.

A mixin of :class:`~.scene.CanvasScene` (it reads and writes the scene's tables).
"""
from __future__ import annotations

from dataclasses import replace
from functools import partial

from PySide6.QtCore import QCoreApplication

from ..analysis.labels import connection_label
from ..model import Change
from ..render.names import role_name
from .connection_item import ConnectionItem
from .items import NodeItem, ZoneItem
from .retired import BULK


class SceneMirror:
    """The scene's handlers of the document's changes (mixed into ``CanvasScene``)."""

    _HANDLERS = {kind: "_" + kind for kind in (
        "document_changed", "zone_added", "zone_changed", "zone_removed", "node_added",
        "node_changed", "node_removed", "connection_added", "connection_changed", "connection_removed")}

    def _on_change(self, change: Change) -> None:
        self.drop_drag_layer()
        if self.settling is not None and self.settling.sealed:  # (a drop's own edit is followed)
            self.end_settling()
        handler = self._HANDLERS.get(change.kind)
        if handler is not None:
            getattr(self, handler)(change.id)

    # ---- the document
    def _document_changed(self, _item_id: None) -> None:
        if self.document.exchange_version != self._version:  # not for a new name
            self._version = self.document.exchange_version
            for conn_id in self.connections:
                self._relabel(conn_id)
            self.labels.place_everything()

    # ---- zones
    def _zone_added(self, zone_id: str) -> None:
        self._add_zone(zone_id)

    def _zone_changed(self, zone_id: str) -> None:
        self.zones[zone_id].update_from(self.document.zone(zone_id))

    def _zone_removed(self, zone_id: str) -> None:
        self._remove(self.zones.pop(zone_id))

    def _add_zone(self, zone_id: str) -> None:
        item = ZoneItem(self.document.zone(zone_id))
        self.zones[zone_id] = item
        self._put(item)

    # ---- nodes
    def _node_added(self, node_id: str) -> None:
        if self._batch:  # put in with the rest at the batch's end
            self._batch_nodes[node_id] = None
        else:
            self._add_node(node_id)

    def _node_changed(self, node_id: str) -> None:
        if node_id in self._batch_nodes:  # (one waiting for the batch's end is put in as it is then)
            return
        item, node = self.nodes[node_id], self.document.node(node_id)
        before = item.shown
        item.update_from(node)  # a move re-routes
        moved_only = before is not None and replace(before, pos=node.pos) == node
        for conn_id in self._by_node.get(node_id, ()):
            if moved_only:  # a label says nothing of where a node is: it stays as it is
                self.connections[conn_id].labelled_from = self._label_basis(self.document.connection(conn_id))
            else:
                self._relabel(conn_id)

    def _node_removed(self, node_id: str) -> None:
        if self._batch_nodes.pop(node_id, None) is not None:  # added by this batch: nothing shows it yet
            return
        self._remove(self.nodes.pop(node_id), node_id)
        self._by_node.pop(node_id, None)
        self._left.setdefault(node_id, self.router.boxes.get(node_id))  # lines round it may go straight
        self.router.remove(node_id)
        self._moved.add(node_id)
        self.labels.node_removed(node_id)

    def _add_node(self, node_id: str) -> None:
        item = self._reuse(node_id, NodeItem)
        node = self.document.node(node_id)
        if item is None:
            item = NodeItem(node, partial(role_name, self.editor.catalog))
        else:
            item.hovered = False
            if not item.shows(node):
                item.update_from(node)
        self.nodes[node_id] = item
        self._by_node.setdefault(node_id, [])
        self._put(item)
        if node.pos is not None:  # where the item now is
            x, y = node.pos
        else:
            x, y = item.pos().x(), item.pos().y()
        self.labels.node_placed(node_id, x, y)
        self.router.place(node_id, (x, y))
        if self.connections:  # an edit: lines it now blocks go round it
            self._moved.add(node_id)

    # ---- connections
    def _connection_added(self, conn_id: str) -> None:
        if self._batch:  # indexed, put and labelled with the rest at the batch's end
            self._batch_added[conn_id] = None
            return
        between = self.document.connection(conn_id).between
        self._index_connection(conn_id, between)
        self._add_item(conn_id)
        self._route_pair(between)

    def _connection_changed(self, conn_id: str) -> None:
        if conn_id not in self._batch_added:  # (one waiting for the batch's end gets its label then)
            self._relabel(conn_id)

    def _connection_removed(self, conn_id: str) -> None:
        if self._batch_added.pop(conn_id, None) is not None:  # added by this batch: nothing shows it yet
            return
        item = self.connections.pop(conn_id)
        self._remove(item, conn_id)
        self.labels.label_removed(conn_id)
        self.router.forget(conn_id)
        for end in item.ends:
            ids = self._by_node.get(end)
            if ids and conn_id in ids:
                ids.remove(conn_id)
        pair = self._by_pair.get(frozenset(item.ends), [])
        if conn_id in pair:
            pair.remove(conn_id)
        self._lines_changed(item.ends)

    def _index_connection(self, conn_id: str, between: tuple[str, str]) -> None:
        for end in between:
            self._by_node.setdefault(end, []).append(conn_id)
        pair = frozenset(between)
        ids = self._by_pair.setdefault(pair, [])
        ids.append(conn_id)
        if len(ids) > 1 and self.connections:  # an edit: keep the pair in document order
            ends = self.document.connections_of(between[0])  # (in document order, from its index)
            order = {c.id: i for i, c in enumerate(ends)}
            ids.sort(key=lambda c: order.get(c, len(order)))

    def _add_connections(self, conn_ids: list[str]) -> None:
        """Connections a batch added, in one pass: indexed (each pair's parallels in document
        order, sorted once), put in the scene and labelled; routed by the caller."""
        conns = self.document.connections
        by_node, by_pair = self._by_node, self._by_pair
        pairs: dict[frozenset, None] = {}  # (in order)
        parallel: set[frozenset] = set()
        for conn_id in conn_ids:
            first, second = conns[conn_id].between
            by_node.setdefault(first, []).append(conn_id)
            by_node.setdefault(second, []).append(conn_id)
            pair = frozenset((first, second))
            ids = by_pair.get(pair)
            if ids is None:
                by_pair[pair] = [conn_id]
            else:
                ids.append(conn_id)
                parallel.add(pair)
            pairs[pair] = None
        if parallel:
            order = {c: i for i, c in enumerate(conns)}
            for pair in parallel:
                by_pair[pair].sort(key=order.__getitem__)
        if len(conn_ids) > BULK:
            self.update()  # all of it repaints: Qt then marks no item's area (see retired.py)
        # as _add_item, inline (30,000 calls of a helper, and the scene's attributes read in
        # each, cost about 90 ms of a 10,000-node undo), with the labels' places asked for once
        items, reuse, put, basis = self.connections, self._reuse, self._put, self._label_basis
        stale = []
        for conn_id in conn_ids:
            conn = conns[conn_id]
            item = reuse(conn_id, ConnectionItem)
            if item is None:
                item = ConnectionItem(conn_id)
            else:
                item.highlighted = False
            item.ends = conn.between
            items[conn_id] = item
            put(item)
            if item.labelled_from != basis(conn):
                stale.append(conn_id)
        for conn_id in stale:
            self._relabel(conn_id)
        self.labels.labels_changed(conn_ids)
        self._batch_pairs.update(pairs)

    def _add_item(self, conn_id: str) -> None:
        conn = self.document.connection(conn_id)
        item = self._reuse(conn_id, ConnectionItem)
        if item is None:
            item = ConnectionItem(conn_id)
        else:
            item.highlighted = False
        item.ends = conn.between
        self.connections[conn_id] = item
        self._put(item)
        if item.labelled_from == self._label_basis(conn):  # put back by an undo, as it was
            self.labels.label_changed(conn_id)
        else:
            self._relabel(conn_id)

    def _label_basis(self, conn) -> tuple:
        """What a connection's label is built from: the connection, its two nodes (elements are
        never changed, only replaced) and the design's version (see ``connection_label``)."""
        nodes = self.document.nodes
        return (conn, nodes[conn.between[0]], nodes[conn.between[1]], self.document.exchange_version)

    def _relabel(self, conn_id: str) -> None:
        item = self.connections[conn_id]
        self.changing(item)
        self.changing(item.label_item)
        item.set_label(connection_label(self.document, self.editor.catalog, conn_id,
                                        translate=QCoreApplication.translate))
        item.labelled_from = self._label_basis(self.document.connection(conn_id))
        self.labels.label_changed(conn_id)

    def _lines_changed(self, pair) -> None:
        """Lines between the nodes of ``pair`` were added or removed: route them (at the end of
        a batch)."""
        if self._batch:
            self._batch_pairs.add(frozenset(pair))
        else:
            self._route_pair(pair)

    # ---- batches
    def begin_batch(self) -> None:
        """Many changes follow (``editor.batch_started``): their work waits for the end."""
        self.end_settling()
        self._batch += 1

    def end_batch(self) -> None:
        """The batch is over: take out what it removed, put in what it added, and route the
        lines between the pairs of nodes it touched, once (and only now does the number of
        connections decide whether lines are routed at all)."""
        self._batch = max(0, self._batch - 1)
        if self._batch:
            return
        if self._leaving:
            self._end_removals()
        if self._batch_nodes:
            added, self._batch_nodes = list(self._batch_nodes), {}
            if len(added) > BULK:
                self.update()  # all of it repaints: Qt then marks no item's area (see retired.py)
            for node_id in added:
                self._add_node(node_id)
        if self._batch_added:
            added, self._batch_added = list(self._batch_added), {}
            self._add_connections(added)
        if self._batch_pairs:
            pairs, self._batch_pairs = self._batch_pairs, set()
            self._route_pairs(pairs)
        self.retired.repainting = False

    def _end_removals(self) -> None:
        # Qt keeps the scene's items in a list sorted by z, then by when they were added, and
        # finds each item it removes by a scan from the front: removed in that order, each is
        # found at once (in any other order, removing thousands is quadratic)
        leaving, self._leaving = self._leaving, {}
        spare = {id(item) for item in self._spare.values()}  # an undo may want these back:
        kept = [item for key, item in leaving.items() if key in spare]  # hidden, not taken
        gone = [item for key, item in leaving.items() if key not in spare]  # out (retired.py)
        dirty = self._selection_dirty  # (a put-back item is unselected: see _put)
        if len(leaving) > BULK:
            self.update()  # all of it repaints: Qt then marks no item's area (see retired.py)
        blocked = self.blockSignals(True)  # no selectionChanged per selected item: see edited
        try:
            for item in kept:
                if not dirty and item.isSelected():
                    dirty = True
                self.retired.retire(item)
            for item in sorted(gone, key=lambda i: i.added):
                if not dirty and item.isSelected():
                    dirty = True
                self.removeItem(item)
        finally:
            self.blockSignals(blocked)
        self._selection_dirty = dirty

    # ---- items in and out
    def _put(self, item) -> None:
        """Put an item in the scene (one a batch removes stays: see ``end_batch``)."""
        if self._leaving.pop(id(item), None) is not None or self.retired.restore(item):
            return
        if item.isSelected():  # (a put-back item that was taken out selected)
            item.setSelected(False)
        self._added += 1
        item.added = (item.zValue(), self._added)  # Qt's order of the scene's items
        self.addItem(item)

    def _remove(self, item, spare_id: str | None = None) -> None:
        """Remove an item without a selectionChanged per item (see ``edited``), at the end of a
        batch (see ``end_batch``); with ``spare_id``, keep it for an undo of this edit (see
        ``_reuse``)."""
        if self._batch:
            self._leaving[id(item)] = item
        else:
            self._take_out(item)
        if spare_id is not None:
            self._spare[spare_id] = item

    def _take_out(self, item) -> None:
        if item.isSelected():
            self._selection_dirty = True
            blocked = self.blockSignals(True)
            try:
                self.removeItem(item)
            finally:
                self.blockSignals(blocked)
            item.setSelected(False)  # (out of the scene: no signal)
        else:
            self.removeItem(item)

    def _reuse(self, item_id: str, kind: type):
        """The item removed for ``item_id`` by one of the last two edits, or None."""
        item = self._spare.pop(item_id, None)
        if item is None:
            item = self._spare_before.pop(item_id, None)
        return item if type(item) is kind else None
