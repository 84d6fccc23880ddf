"""From a design and the knowledge base to directed flows. Pure Python.

A connection associates two nodes; the knowledge base decides which flows run over it and in
which direction. One flow is one port of one data path between two nodes.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..catalog import Catalog, DataPath, Encryption, PathMatch, Port
from ..model import Connection, Document

NOT_STATED = "Not stated"


@dataclass(frozen=True)
class Flow:
    connection: str
    path: DataPath
    source: str  # node id
    destination: str  # node id
    source_zone: str
    destination_zone: str
    port: Port

    @property
    def crossing(self) -> bool:
        return self.source_zone != self.destination_zone

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


def authentication_label(path: DataPath) -> str:
    """The default authentication, or "Not stated" where the source is silent."""
    return path.auth.default or NOT_STATED


def encryption_label(enc: Encryption) -> str:
    """``TLS``, ``TLS (optional)``, ``TLS (default not stated)``, ``None`` or ``Not stated``."""
    methods = ", ".join(enc.methods)
    kind = enc.kind
    if kind == "encrypted":
        return methods or "Encrypted"
    if kind == "optional":
        return f"{methods} (optional)" if methods else "Optional"
    if kind == "possible":
        return f"{methods} (default not stated)" if methods else "Supported (default not stated)"
    if kind == "none":
        return "None"
    return NOT_STATED


def connection_matches(doc: Document, catalog: Catalog, connection: Connection) -> list[PathMatch]:
    """The data paths that run over a connection, honouring its selected services."""
    a, b = (doc.node(n) for n in connection.between)
    matches = catalog.paths_between(doc.exchange_version, a.role, b.role)
    if connection.services is not None:
        wanted = set(connection.services)
        matches = [m for m in matches if m.path.service in wanted]
    return matches


def connection_flows(doc: Document, catalog: Catalog, connection: Connection) -> list[Flow]:
    a, b = (doc.node(n) for n in connection.between)
    flows = []
    for match in connection_matches(doc, catalog, connection):
        src, dst = (a, b) if match.forward else (b, a)
        for port in match.path.ports:
            flows.append(Flow(connection.id, match.path, src.id, dst.id, src.zone, dst.zone, port))
    return flows


def compute_flows(doc: Document, catalog: Catalog) -> list[Flow]:
    """Every directed flow of the design, in connection order then catalog order."""
    flows: list[Flow] = []
    for connection in doc.connections.values():
        flows.extend(connection_flows(doc, catalog, connection))
    return flows
