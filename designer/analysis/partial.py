"""The design as a finding rule sees part of it, for the incremental analysis (pure Python).

:mod:`.incremental` runs a rule again over the few nodes or connections an edit touched: the
rule gets a :class:`PartialContext` whose document (:class:`DocView`) iterates only those
(:class:`Subset`), and whose flows (:class:`TrackedFlows`) tell the engine which elements each
finding read; :func:`findings_by_element` runs a node or connection rule so and files its
findings by element. ``node_key`` and ``zone_key`` are what the analysis reads of a node or a
zone (everything but its place on the canvas).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import cached_property
from datetime import date
from typing import Callable, Iterable, Iterator, Protocol

from ..catalog import Catalog
from ..model import Connection, Document, Node, Zone
from .findings import Context, Finding, today
from .flows import Flow



class Engine(Protocol):
    """What a :class:`PartialContext` asks of the engine that runs the rule (the incremental
    analysis): the orders and per-node facts it keeps instead of tables built per rule."""

    catalog: Catalog
    document: Document
    on: date | None

    def facts(self, node_id: str) -> tuple[str, frozenset[str]]: ...

    def node_order(self) -> dict[str, int]: ...

    def connection_order(self) -> dict[str, int]: ...

    def connections_of(self, node_id: str) -> list[Connection]: ...


def node_key(node: Node | None):
    """What the analysis reads of a node: everything but its position."""
    return node if node is None or node.pos is None else replace(node, pos=None)


def zone_key(zone: Zone | None):
    return zone if zone is None or zone.rect is None else replace(zone, rect=None)


class Subset(Mapping):
    """A table of the document whose iteration is limited to some ids (in the order given);
    lookups reach the whole table. ``tracker`` hears each element as the iteration reaches it."""

    def __init__(self, table: Mapping, ids, tracker: Callable[[str], None] | None = None) -> None:
        self._table, self._ids, self._tracker = table, ids, tracker

    def __getitem__(self, key):
        return self._table[key]

    def __contains__(self, key) -> bool:
        return key in self._table

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[str]:
        for key in self._ids:
            if self._tracker is not None:
                self._tracker(key)
            yield key

    def values(self):  # what the rules loop over
        table, tracker = self._table, self._tracker
        for key in self._ids:
            if tracker is not None:
                tracker(key)
            yield table[key]


class TrackedFlows(list):
    """The flows a rule reads; ``tracker`` hears each flow's connection as a loop reaches it."""

    def __init__(self, flows, tracker: Callable[[str], None]) -> None:
        super().__init__(flows)
        self._tracker = tracker

    def __iter__(self):
        tracker = self._tracker
        for flow in list.__iter__(self):
            tracker(flow.connection)
            yield flow


class DocView:
    """The document as a rule sees it: ``nodes`` and ``connections`` iterate a part of the
    design; everything else is the document's."""

    def __init__(self, doc: Document, nodes: Mapping, connections: Mapping,
                 connections_of: Callable[[str], list[Connection]]) -> None:
        self._doc = doc
        self.nodes, self.connections, self.zones = nodes, connections, doc.zones
        self.connections_of = connections_of

    def node(self, node_id: str) -> Node:
        return self._doc.nodes[node_id]

    def zone(self, zone_id: str) -> Zone:
        return self._doc.zones[zone_id]

    def connection(self, connection_id: str) -> Connection:
        return self._doc.connections[connection_id]

    def __getattr__(self, name: str):
        return getattr(self._doc, name)


class PartialContext(Context):
    """:class:`Context` over a part of the design, with document orders kept by the engine and
    zone kinds and tags looked up per node (instead of tables built for every node)."""

    def __init__(self, engine: Engine, doc: DocView, flows: list[Flow]) -> None:
        self.doc, self.catalog, self.flows = doc, engine.catalog, flows
        self.version = engine.document.exchange_version
        self.today = engine.on or today()
        self._engine = engine

    def zone_kind(self, node_id: str) -> str:
        return self._engine.facts(node_id)[0]

    def tags(self, node_id: str) -> frozenset[str]:
        return self._engine.facts(node_id)[1]

    @cached_property
    def services_with_choices(self) -> frozenset[str]:
        return frozenset(s for r in self.catalog.rules_of_kind("service_choices") for s in r.services)

    @property
    def node_order(self) -> dict[str, int]:
        return self._engine.node_order()

    @property
    def connection_order(self) -> dict[str, int]:
        return self._engine.connection_order()


def findings_by_element(engine: Engine, rule: Callable[[Context], Iterable[Finding]], nodes: list[str],
                        conns: list[str], flows: list[Flow]) -> dict[str | None, list[Finding]]:
    """Run a node rule over ``nodes`` (or, without nodes, a connection rule over ``conns`` and
    their ``flows``); its findings by the element the rule's loop was at when it found each."""
    current: list[str | None] = [None]

    def tracker(element_id: str) -> None:
        current[0] = element_id
    doc = engine.document
    if nodes:  # a node rule
        view = DocView(doc, Subset(doc.nodes, nodes, tracker), doc.connections, engine.connections_of)
        ctx = PartialContext(engine, view, list(flows))
    else:
        view = DocView(doc, doc.nodes, Subset(doc.connections, conns, tracker), engine.connections_of)
        ctx = PartialContext(engine, view, TrackedFlows(flows, tracker))
    found: dict[str | None, list[Finding]] = {}
    if nodes or conns:
        for finding in rule(ctx):
            found.setdefault(current[0], []).append(finding)
    return found
