"""The topology document: the single source of truth. Pure Python.

Only the methods of :class:`Document` change a design. Each one checks what it is given,
changes one thing and emits one :class:`Change` on ``document.changed``; the canvas, the
analysis and the docks observe that event and never store domain state of their own.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Iterator, Mapping

from .elements import ZONE_KINDS, Connection, Node, Zone
from .events import Event

FORMAT = "exchange-topology/1"
EXCHANGE_VERSIONS: tuple[str, ...] = ("2010", "2013", "2016", "2019", "SE")


class ModelError(ValueError):
    """An edit that would break the document's invariants."""


@dataclass(frozen=True)
class Change:
    """What changed: ``kind`` is e.g. ``node_added``, ``zone_changed``, ``document_changed``."""

    kind: str
    id: str | None = None


@dataclass(frozen=True)
class Snapshot:
    """A comparable copy of everything a document holds (for tests and undo checks)."""

    name: str
    exchange_version: str
    zones: tuple[Zone, ...]
    nodes: tuple[Node, ...]
    connections: tuple[Connection, ...]
    extra: tuple


class Document:
    def __init__(self, name: str = "Untitled design", exchange_version: str = "SE",
                 extra: Mapping[str, Any] | None = None) -> None:
        if exchange_version not in EXCHANGE_VERSIONS:
            raise ModelError(f"unknown Exchange version {exchange_version!r}")
        self.name = name
        self.exchange_version = exchange_version
        self.extra: dict[str, Any] = dict(extra or {})
        self._zones: dict[str, Zone] = {}
        self._nodes: dict[str, Node] = {}
        self._connections: dict[str, Connection] = {}
        # node id -> its connections' ids, in document order (an index: no scan of every connection)
        self._by_node: dict[str, dict[str, None]] = {}
        self.changed: Event[Change] = Event()
        # Where each element (and each address entry) was in the file it was read from:
        # (element id, "" or a path such as "addresses[0]") -> line. Not part of the design.
        self.source_lines: dict[tuple[str, str], int] = {}

    # ---- reading
    @property
    def zones(self) -> Mapping[str, Zone]:
        return self._zones

    @property
    def nodes(self) -> Mapping[str, Node]:
        return self._nodes

    @property
    def connections(self) -> Mapping[str, Connection]:
        return self._connections

    def zone(self, zone_id: str) -> Zone:
        return self._zones[zone_id]

    def node(self, node_id: str) -> Node:
        return self._nodes[node_id]

    def connection(self, connection_id: str) -> Connection:
        return self._connections[connection_id]

    def nodes_in_zone(self, zone_id: str) -> list[Node]:
        return [n for n in self._nodes.values() if n.zone == zone_id]

    def connections_of(self, node_id: str) -> list[Connection]:
        conns = self._connections
        return [conns[c] for c in self._by_node.get(node_id, ())]

    def all_ids(self) -> set[str]:
        return set(self._zones) | set(self._nodes) | set(self._connections)

    def index_of(self, item_id: str) -> int:
        for table in (self._zones, self._nodes, self._connections):
            if item_id in table:
                return list(table).index(item_id)
        raise KeyError(item_id)

    def snapshot(self) -> Snapshot:
        return Snapshot(self.name, self.exchange_version, tuple(self._zones.values()),
                        tuple(self._nodes.values()), tuple(self._connections.values()),
                        tuple(sorted((k, repr(v)) for k, v in self.extra.items())))

    def __iter__(self) -> Iterator[Zone | Node | Connection]:
        yield from self._zones.values()
        yield from self._nodes.values()
        yield from self._connections.values()

    # ---- document properties
    def set_name(self, name: str) -> None:
        self.name = str(name)
        self.changed.emit(Change("document_changed"))

    def set_exchange_version(self, version: str) -> None:
        if version not in EXCHANGE_VERSIONS:
            raise ModelError(f"unknown Exchange version {version!r}; expected {', '.join(EXCHANGE_VERSIONS)}")
        self.exchange_version = version
        self.changed.emit(Change("document_changed"))

    # ---- zones
    def add_zone(self, zone: Zone, index: int | None = None) -> None:
        self._check_new_id(zone.id)
        self._check_zone(zone)
        zone = _plain_kind(zone)
        _insert(self._zones, zone.id, zone, index)
        self.changed.emit(Change("zone_added", zone.id))

    def replace_zone(self, zone: Zone) -> None:
        self._require(self._zones, zone.id, "zone")
        self._check_zone(zone)
        zone = _plain_kind(zone)
        self._zones[zone.id] = zone
        self.changed.emit(Change("zone_changed", zone.id))

    def remove_zone(self, zone_id: str) -> Zone:
        self._require(self._zones, zone_id, "zone")
        if self.nodes_in_zone(zone_id):
            raise ModelError(f"zone {zone_id!r} still holds nodes")
        zone = self._zones.pop(zone_id)
        self.changed.emit(Change("zone_removed", zone_id))
        return zone

    # ---- nodes
    def add_node(self, node: Node, index: int | None = None) -> None:
        self._check_new_id(node.id)
        self._require(self._zones, node.zone, "zone")
        _insert(self._nodes, node.id, node, index)
        self.changed.emit(Change("node_added", node.id))

    def replace_node(self, node: Node) -> None:
        self._require(self._nodes, node.id, "node")
        self._require(self._zones, node.zone, "zone")
        self._nodes[node.id] = node
        self.changed.emit(Change("node_changed", node.id))

    def remove_node(self, node_id: str) -> Node:
        self._require(self._nodes, node_id, "node")
        if self._by_node.get(node_id):
            raise ModelError(f"node {node_id!r} still has connections")
        node = self._nodes.pop(node_id)
        self._by_node.pop(node_id, None)
        self.changed.emit(Change("node_removed", node_id))
        return node

    # ---- connections
    def add_connection(self, connection: Connection, index: int | None = None) -> None:
        self._check_new_id(connection.id)
        self._check_connection(connection)
        appended = _insert(self._connections, connection.id, connection, index)
        self._index(connection, appended)
        self.changed.emit(Change("connection_added", connection.id))

    def replace_connection(self, connection: Connection) -> None:
        self._require(self._connections, connection.id, "connection")
        self._check_connection(connection)
        old = self._connections[connection.id]
        self._connections[connection.id] = connection
        if old.between != connection.between:
            self._unindex(old)
            self._index(connection, False)
        self.changed.emit(Change("connection_changed", connection.id))

    def remove_connection(self, connection_id: str) -> Connection:
        self._require(self._connections, connection_id, "connection")
        connection = self._connections.pop(connection_id)
        self._unindex(connection)
        self.changed.emit(Change("connection_removed", connection_id))
        return connection

    def _index(self, connection: Connection, appended: bool) -> None:
        for end in connection.between:
            ids = self._by_node.setdefault(end, {})
            ids[connection.id] = None
            if not appended and len(ids) > 1:  # inserted before others: document order again
                order = {c: i for i, c in enumerate(self._connections)}
                self._by_node[end] = dict.fromkeys(sorted(ids, key=order.__getitem__))

    def _unindex(self, connection: Connection) -> None:
        for end in connection.between:
            self._by_node.get(end, {}).pop(connection.id, None)

    # ---- checks
    def _check_new_id(self, item_id: str) -> None:
        if not isinstance(item_id, str) or not item_id:
            raise ModelError("an id must be a non-empty text")
        if item_id in self._zones or item_id in self._nodes or item_id in self._connections:
            raise ModelError(f"duplicate id {item_id!r}")

    @staticmethod
    def _require(table: Mapping[str, Any], item_id: str, what: str) -> None:
        if item_id not in table:
            raise ModelError(f"unknown {what} {item_id!r}")

    @staticmethod
    def _check_zone(zone: Zone) -> None:
        if zone.kind not in ZONE_KINDS:
            raise ModelError(f"zone {zone.id!r}: unknown kind {zone.kind!r}; expected {', '.join(ZONE_KINDS)}")

    def _check_connection(self, connection: Connection) -> None:
        a, b = connection.between
        for node_id in (a, b):
            self._require(self._nodes, node_id, "node")
        if a == b:
            raise ModelError(f"connection {connection.id!r} joins node {a!r} to itself")


def _insert(table: dict, key: str, value: Any, index: int | None) -> bool:
    """Put ``key`` at ``index`` (None: last); whether it went last."""
    if index is None or index >= len(table):
        table[key] = value
        return True
    items = list(table.items())
    items.insert(max(index, 0), (key, value))
    table.clear()
    table.update(items)
    return False


def _plain_kind(zone: Zone) -> Zone:
    """The zone with its kind as a plain string (a ``ZoneKind`` member equals it, and the
    document stores what its file holds)."""
    return zone if type(zone.kind) is str else replace(zone, kind=str(zone.kind))


__all__ = ["Change", "Document", "EXCHANGE_VERSIONS", "FORMAT", "ModelError", "Snapshot"]
