"""The design as the incremental analysis last read it. Pure Python.

:mod:`.incremental` recomputes what an edit touched; to know what that is, it compares the
elements a change names with what it analysed. :class:`AnalysedDesign` keeps that: each zone and
node as analysed (:func:`~.partial.zone_key`, :func:`~.partial.node_key`: everything but its
place on the canvas, so a move changes nothing here), each connection, and the two indexes the
engine reads instead of scanning the design (a zone's nodes, a node's connections).
:meth:`~AnalysedDesign.read` brings it up to date with the elements a change touched and says
what changed; :meth:`~AnalysedDesign.describes` tells whether a document is, element by element,
the one it was read from (the test for putting back the results from before a large change).
"""
from __future__ import annotations

from ..model import Connection, Document, Node
from .partial import node_key, zone_key


class AnalysedDesign:
    """What the analysis read of each element of one document, and the indexes built from it."""

    def __init__(self) -> None:
        self.zone_keys: dict[str, object] = {}
        self.node_keys: dict[str, object] = {}
        self.node_seen: dict[str, Node] = {}  # the nodes as analysed (their keys drop the position)
        self.connections: dict[str, Connection] = {}
        self.members: dict[str, dict[str, None]] = {}  # zone -> its nodes
        self.incident: dict[str, dict[str, None]] = {}  # node -> its connections

    def fill(self, doc: Document) -> None:
        """Read every element of ``doc`` (into empty tables)."""
        for zone in doc.zones.values():
            self.zone_keys[zone.id] = zone_key(zone)
        for node in doc.nodes.values():
            self.node_keys[node.id] = node_key(node)
            self.node_seen[node.id] = node
            self.members.setdefault(node.zone, {})[node.id] = None
        for conn in doc.connections.values():
            self.connections[conn.id] = conn
            for end in conn.between:
                self.incident.setdefault(end, {})[conn.id] = None

    def read(self, doc: Document, dirty: dict[str, set[str]]) -> tuple[set[str], set[str], set[str], bool]:
        """Compare what the noted elements (``dirty``: "zone", "node" and "connection" -> ids)
        are now with what was analysed, and keep what they are now; returns the nodes whose
        analysed facts changed (their own or their zone's), the nodes and the connections to
        recompute, and whether a zone changed."""
        changed_nodes: set[str] = set()
        node_scope: set[str] = set()
        conn_scope: set[str] = set()
        zones_changed = False
        for zone_id in dirty["zone"]:
            key = zone_key(doc.zones.get(zone_id))
            if key != self.zone_keys.get(zone_id):
                _store(self.zone_keys, zone_id, key)
                changed_nodes.update(self.members.get(zone_id, ()))
                zones_changed = True
        for node_id in dirty["node"]:
            node = doc.nodes.get(node_id)
            key = node_key(node)
            old = self.node_keys.get(node_id)
            if key == old:
                continue
            _store(self.node_keys, node_id, key)
            _store(self.node_seen, node_id, node)
            if old is not None and (node is None or old.zone != node.zone):
                self.members.get(old.zone, {}).pop(node_id, None)
            if node is not None:
                self.members.setdefault(node.zone, {})[node_id] = None
            else:
                self.incident.pop(node_id, None)
            changed_nodes.add(node_id)
            node_scope.add(node_id)
        for conn_id in dirty["connection"]:
            conn = doc.connections.get(conn_id)
            old = self.connections.get(conn_id)
            if conn == old:
                continue
            if old is not None:
                for end in old.between:
                    self.incident.get(end, {}).pop(conn_id, None)
                node_scope.update(old.between)
            if conn is not None:
                for end in conn.between:
                    self.incident.setdefault(end, {})[conn_id] = None
                node_scope.update(conn.between)
            _store(self.connections, conn_id, conn)
            conn_scope.add(conn_id)
        return changed_nodes, node_scope, conn_scope, zones_changed

    def describes(self, doc: Document) -> bool:
        """Whether each element of ``doc`` is as analysed (positions aside); the caller checks
        that the document has the same elements in the same order."""
        zone_keys, node_keys, seen, analysed = self.zone_keys, self.node_keys, self.node_seen, self.connections
        return (all(zone_key(z) == zone_keys.get(z.id) for z in doc.zones.values())
                and all(n is seen.get(n.id) or node_key(n) == node_keys.get(n.id) for n in doc.nodes.values())
                and all(c is analysed.get(c.id) or c == analysed.get(c.id) for c in doc.connections.values()))

    def copy(self) -> AnalysedDesign:
        """A copy that later reads of this one leave as it is (the indexes' tables copied too)."""
        other = AnalysedDesign()
        other.zone_keys, other.node_keys = dict(self.zone_keys), dict(self.node_keys)
        other.node_seen, other.connections = dict(self.node_seen), dict(self.connections)
        other.members = {k: dict(v) for k, v in self.members.items()}
        other.incident = {k: dict(v) for k, v in self.incident.items()}
        return other


def _store(table: dict, key: str, value) -> None:
    if value is None:
        table.pop(key, None)
    else:
        table[key] = value
