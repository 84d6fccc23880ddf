"""From a design and the knowledge base to directed flows. Pure Python.

A connection associates two nodes; the knowledge base decides which flows run over it and in
which direction. One flow is one port of one data path between two nodes.

A group node (``members``) is one host group: its connections' flows stand for all of its
members, so a flow names the group, not a member pair. A DAG (``dag: true``) also runs its own
data paths among its members: every ``replication`` path of the knowledge base between its role
and itself. Such a flow goes from the group to itself; its ``connection`` is the group's id.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass

from ..catalog import VERSIONS, Catalog, DataPath, Encryption, PathMatch, Port
from ..support.states import EncryptionKind
from ..support.i18n import QT_TRANSLATE_NOOP, Translate, untranslated
from ..model import Connection, Document, Node

NOT_STATED = QT_TRANSLATE_NOOP("Flows", "Not stated")


@dataclass(frozen=True)
class Flow:
    connection: str
    path: DataPath
    source: str  # node id
    destination: str  # node id
    source_zone: str
    destination_zone: str
    port: Port
    version: str = ""  # the Exchange version whose data path this is

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The sources this flow cites: its ports', authentication's and encryption's pages, and
        for SE the page that carries a 2019 path into SE."""
        return self.path.source_ids(self.version or None)

    @property
    def crossing(self) -> bool:
        return self.source_zone != self.destination_zone

    @property
    def within_group(self) -> bool:
        """A DAG's own flow among its members (from the group to itself)."""
        return self.source == self.destination

    @property
    def transport(self) -> str:
        return self.port.transport

    @property
    def service(self) -> str:
        return self.path.service

    @property
    def authentication(self) -> str:
        return authentication_label(self.path)

    @property
    def encryption(self) -> str:
        return encryption_label(self.path.encryption)

    @property
    def encryption_kind(self) -> str:
        return self.path.encryption.kind

    @property
    def notes(self) -> str:
        return self.path.notes or ""


def authentication_label(path: DataPath, translate: Translate = untranslated) -> str:
    """The default authentication, or "Not stated" where the source is silent."""
    return path.auth.default or translate("Flows", NOT_STATED)


def encryption_label(enc: Encryption, translate: Translate = untranslated) -> str:
    """``TLS``, ``mutual TLS``, ``TLS (optional)``, ``TLS (default not stated)``, ``None`` or
    ``Not stated`` (in the language of ``translate``; the knowledge base's wording where it has
    one, else its methods)."""
    methods = enc.label or ", ".join(enc.methods)
    kind = enc.kind
    if kind == EncryptionKind.ENCRYPTED:
        return methods or translate("Flows", "Encrypted")
    if kind == EncryptionKind.OPTIONAL:
        return (translate("Flows", "{methods} (optional)").format(methods=methods) if methods
                else translate("Flows", "Optional"))
    if kind == EncryptionKind.POSSIBLE:
        return (translate("Flows", "{methods} (default not stated)").format(methods=methods) if methods
                else translate("Flows", "Supported (default not stated)"))
    if kind == EncryptionKind.NONE:
        return translate("Flows", "None")
    return translate("Flows", NOT_STATED)


_PATHS: dict[int, tuple[weakref.ref, dict]] = {}


def paths_between(catalog: Catalog, version: str, role_a: str, role_b: str) -> tuple[PathMatch, ...]:
    """``catalog.paths_between``, remembered per catalog (a design asks the same few pairs
    thousands of times)."""
    entry = _PATHS.get(id(catalog))
    if entry is None or entry[0]() is not catalog:
        entry = _PATHS[id(catalog)] = (weakref.ref(catalog), {})
    cache = entry[1]
    key = (version, role_a, role_b)
    found = cache.get(key)
    if found is None:
        found = cache[key] = tuple(catalog.paths_between(version, role_a, role_b))
    return found


def connection_version(doc: Document, connection: Connection) -> str:
    """The Exchange version whose data paths run over a connection: the older of its two nodes'
    versions, where a node without its own ``version`` has the design's (a 2016 server kept
    beside SE during a migration talks to everything as 2016 does)."""
    a, b = (doc.node(n) for n in connection.between)
    va, vb = a.version or doc.exchange_version, b.version or doc.exchange_version
    if va == vb:
        return va
    order = {v: i for i, v in enumerate(VERSIONS)}
    return min(va, vb, key=lambda v: order.get(v, len(order)))


def connection_matches(doc: Document, catalog: Catalog, connection: Connection) -> list[PathMatch]:
    """The data paths that run over a connection, honouring its selected services."""
    a, b = (doc.node(n) for n in connection.between)
    matches = list(paths_between(catalog, connection_version(doc, connection), a.role, b.role))
    if connection.services is not None:
        wanted = set(connection.services)
        matches = [m for m in matches if m.path.service in wanted]
    return matches


def connection_flows(doc: Document, catalog: Catalog, connection: Connection) -> list[Flow]:
    a, b = (doc.node(n) for n in connection.between)
    version = connection_version(doc, connection)
    flows = []
    for match in connection_matches(doc, catalog, connection):
        src, dst = (a, b) if match.forward else (b, a)
        for port in match.path.ports:
            flows.append(Flow(connection.id, match.path, src.id, dst.id, src.zone, dst.zone, port, version))
    return flows


def node_version(doc: Document, node: Node) -> str:
    return node.version or doc.exchange_version


def group_flows(doc: Document, catalog: Catalog, node: Node) -> list[Flow]:
    """A DAG's own flows among its members: each ``replication`` path from its role to its role,
    for the group's version. None for a single server, a group that is not a DAG, or a DAG of
    fewer than two members."""
    if not node.dag or len(node.members) < 2:
        return []
    version = node_version(doc, node)
    flows = []
    for match in paths_between(catalog, version, node.role, node.role):
        path = match.path
        if not match.forward or path.category != "replication":
            continue
        for port in path.ports:
            flows.append(Flow(node.id, path, node.id, node.id, node.zone, node.zone, port, version))
    return flows


def compute_flows(doc: Document, catalog: Catalog) -> list[Flow]:
    """Every directed flow of the design, in connection order then catalog order, then each
    DAG's own flows in node order."""
    flows: list[Flow] = []
    for connection in doc.connections.values():
        flows.extend(connection_flows(doc, catalog, connection))
    for node in doc.nodes.values():
        if node.dag:
            flows.extend(group_flows(doc, catalog, node))
    return flows


class FlowCache:
    """:func:`compute_flows`, recomputing only the connections whose inputs changed.

    A connection's flows depend on the connection itself, the roles and zones of its two nodes
    and the Exchange version (a DAG's own flows, on its role, zone, version and member count:
    they are kept under the group's id); those form its key, compared on every call, so no change can be
    missed (there is no invalidation to forget). ``by_connection`` indexes the last result.
    """

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._memo: dict[str, tuple[tuple, tuple[Flow, ...]]] = {}
        self._removed: dict[str, tuple[tuple, tuple[Flow, ...]]] = {}  # by the last change
        self.by_connection: dict[str, tuple[Flow, ...]] = {}

    def compute(self, doc: Document) -> list[Flow]:
        memo: dict[str, tuple[tuple, tuple[Flow, ...]]] = {}
        flows: list[Flow] = []
        nodes, version = doc.nodes, doc.exchange_version
        for connection in doc.connections.values():
            a, b = nodes[connection.between[0]], nodes[connection.between[1]]
            key = (version, connection, a.role, a.zone, a.version, b.role, b.zone, b.version)
            hit = self._memo.get(connection.id) or self._removed.get(connection.id)
            if hit is None or hit[0] != key:
                hit = (key, tuple(connection_flows(doc, self.catalog, connection)))
            memo[connection.id] = hit
            flows.extend(hit[1])
        for node in nodes.values():
            if not node.dag:
                continue
            key = (version, node.role, node.zone, node.version, len(node.members) >= 2)
            hit = self._memo.get(node.id) or self._removed.get(node.id)
            if hit is None or hit[0] != key:
                hit = (key, tuple(group_flows(doc, self.catalog, node)))
            memo[node.id] = hit
            flows.extend(hit[1])
        # What the last edit removed is kept until the next one: its Undo finds it here.
        self._removed = {conn_id: hit for conn_id, hit in self._memo.items() if conn_id not in memo}
        self._memo = memo
        self.by_connection = {conn_id: hit[1] for conn_id, hit in memo.items()}
        return flows
