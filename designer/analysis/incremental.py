"""Incremental analysis: flows and findings kept current from the document's change events.
Pure Python.

A full analysis (the flows of every connection, every finding rule over the whole design)
costs hundreds of milliseconds on a large design, and an edit touches a few elements. This
module keeps the last results per element and, after an edit, recomputes what it touched:

* **flows**, per connection: they depend on the connection, its two nodes and their zones;
* findings of **node rules** (each finding belongs to the node the rule was looking at: it
  reads that node, its zone, its connections, their flows and far ends), per node;
* findings of **connection rules** (one connection, its flows and its two nodes), per
  connection;
* **flow rules** (they group the design's flows) run again over the few flows each can use,
  kept per connection by a filter of its own;
* every other rule (the global ones, and any rule this module does not know) runs again over
  the whole design.

What the analysis never reads (positions, zone rectangles) changes nothing: moving a node
within its zone costs nothing here. A large change (a delete of hundreds of elements) keeps
the results from before it: when a later large change brings back exactly the design they
were computed from (its undo, then its redo), they are put back instead of computed again.

A rule is classed by its name in :mod:`.rule_scopes` (a rule not classed is global, so a new
rule is correct from the start and only slower); what was analysed of each element, to tell
what an edit changed, is :mod:`.analysed`. The results equal :func:`~.findings.analyse` and
:func:`~.flows.compute_flows` of the whole document (``tests/analysis/test_incremental.py``
checks it after random edits).
"""
from __future__ import annotations

from datetime import date
from typing import Callable

from ..catalog import Catalog
from ..model import Change, Connection, Document
from .analysed import AnalysedDesign
from .findings import RULES, SEVERITIES, Finding
from . import flows as _flows
from .flows import Flow
from .partial import DocView, PartialContext, findings_by_element
from .rule_scopes import CONNECTION_RULES, FLOW_FILTERS, NODE_RULES, chosen_flows

_NO_TAGS: frozenset[str] = frozenset()
LARGE = 200  # elements changed at once from which the results before the change are kept


class IncrementalAnalysis:
    """The flows and findings of one document, kept current: :meth:`reset` on a new document
    (it then listens to the document's changes), :meth:`update` after an edit."""

    def __init__(self, catalog: Catalog, on: date | None = None) -> None:
        self.catalog = catalog
        self.on = on
        self.document: Document | None = None
        self.flows: list[Flow] = []
        self._had_dag: dict[str, bool] = {}  # the DAG nodes whose own flows the last assembly holds
        self.findings: list[Finding] = []
        self.by_connection: dict[str, tuple[Flow, ...]] = {}
        self._orders: tuple[tuple[str, ...], ...] = ((), (), ())  # the analysed document's orders
        self._kept: dict | None = None  # the results before the last large change (see _state)
        self._reset_state()

    def _reset_state(self) -> None:
        self._dirty: dict[str, set[str]] = {"zone": set(), "node": set(), "connection": set()}
        self._document_dirty = False
        self._design = AnalysedDesign()  # what was analysed of each element, and its indexes
        self._node_order: dict[str, int] | None = None
        self._connection_order: dict[str, int] | None = None
        self._facts: dict[str, tuple[str, frozenset[str]]] = {}  # node -> (zone kind, tags)
        self._version = self._name = None
        self._owned: dict[int, dict[str, tuple[Finding, ...]]] = {}  # node and connection rules
        self._filtered: dict[int, dict[str, tuple[Flow, ...]]] = {}  # flow rules: conn -> its flows
        self._per_rule: list[list[Finding]] = [[] for _ in RULES]
        # conn -> (what its flows were computed from, its flows); kept for a removed connection,
        # so that the undo of a large delete finds them again
        self._flow_memo: dict[str, tuple[tuple, tuple[Flow, ...]]] = getattr(self, "_flow_memo", {})
        self._by_path = getattr(self, "_by_path", {})
        self._gone: set[str] = set()  # connections the last update removed (their flows are kept)

    # ---- following the document
    def reset(self, doc: Document) -> None:
        """Analyse ``doc`` in full and follow its changes from now on."""
        if self.document is not None:
            self.document.changed.unsub(self.note)
        self._flow_memo = {}
        self._by_path: dict = {}  # filter -> id(data path) -> answer (the catalog's paths live on)
        self._kept = None
        self.document = doc
        doc.changed.sub(self.note)
        self._compute_all()

    def detach(self) -> None:
        if self.document is not None:
            self.document.changed.unsub(self.note)
            self.document = None

    def note(self, change: Change) -> None:
        """Remember what a change touched (``update`` recomputes it)."""
        kind = change.kind
        if kind == "document_changed":
            self._document_dirty = True
            return
        what, how = kind.rsplit("_", 1)
        self._dirty[what].add(change.id)
        if how != "changed":  # the document's order of that table moved
            if what == "node":
                self._node_order = None
            elif what == "connection":
                self._connection_order = None

    @property
    def pending(self) -> bool:
        return self._document_dirty or any(self._dirty.values())

    def flows_of(self, connection_id: str) -> list[Flow]:
        return list(self.by_connection.get(connection_id, ()))

    def node_order(self) -> dict[str, int]:
        if self._node_order is None:
            self._node_order = {n: i for i, n in enumerate(self.document.nodes)}
        return self._node_order

    def connection_order(self) -> dict[str, int]:
        if self._connection_order is None:
            self._connection_order = {c: i for i, c in enumerate(self.document.connections)}
        return self._connection_order

    def facts(self, node_id: str) -> tuple[str, frozenset[str]]:
        """A node's zone kind and its role's tags (kept until the node or its zone changes)."""
        found = self._facts.get(node_id)
        if found is None:
            doc = self.document
            node = doc.nodes[node_id]
            role = self.catalog.roles.get(node.role)
            found = self._facts[node_id] = (doc.zones[node.zone].kind, role.tags if role is not None else _NO_TAGS)
        return found

    def connections_of(self, node_id: str) -> list[Connection]:
        """The node's connections in document order (from the index, not a scan)."""
        conns = self.document.connections
        order = self.connection_order()
        return [conns[c] for c in sorted(self._design.incident.get(node_id, ()), key=order.__getitem__)]

    # ---- recomputing
    def update(self) -> bool:
        """Bring flows and findings up to date with the changes noted; whether they changed."""
        doc = self.document
        if doc is None or not self.pending:
            return False
        try:
            return self._update()
        finally:
            self._orders = (tuple(doc.zones), tuple(doc.nodes), tuple(doc.connections))

    def _update(self) -> bool:
        doc = self.document
        if self._document_dirty and doc.exchange_version != self._version:
            self._compute_all()
            return True
        for conn_id in self._gone:  # what the edit before the last removed is forgotten
            if conn_id not in doc.connections:
                self._flow_memo.pop(conn_id, None)
        self._gone = {c for c in self._dirty["connection"] if c not in doc.connections}
        dirty = self._dirty
        touched = len(dirty["zone"]) + len(dirty["node"]) + len(dirty["connection"])
        if touched > LARGE:  # a large change (a delete, its undo, its redo)
            kept = self._kept
            if kept is not None and self._describes(kept):  # back to the design those results are of
                self._kept = self._state(copy=False)  # (replaced, not changed: kept as they are)
                self._restore(kept)
                return True
            whole = 4 * touched > len(doc.zones) + len(doc.nodes) + len(doc.connections)
            self._kept = self._state(copy=not whole)  # the results before it, for its undo
            if whole:  # most of the design changed: all at once
                self._compute_all()
                return True
        renamed = self._document_dirty and doc.name != self._name
        self._document_dirty = False
        self._name = doc.name
        dirty, self._dirty = self._dirty, {"zone": set(), "node": set(), "connection": set()}
        design = self._design
        changed_nodes, node_scope, conn_scope, zones_changed = design.read(doc, dirty)
        node_scope |= changed_nodes
        for node_id in changed_nodes:
            self._facts.pop(node_id, None)
        for node_id in changed_nodes:  # its connections' flows, and its neighbours' node findings
            for conn_id in design.incident.get(node_id, ()):
                conn_scope.add(conn_id)
                node_scope.update(design.connections[conn_id].between)
        if not (node_scope or conn_scope or zones_changed or renamed):
            return False
        flows_changed = self._recompute_connections(conn_scope)
        self._recompute_nodes(node_scope)
        if flows_changed or any(doc.nodes[n].dag or (self._had_dag.get(n)) for n in changed_nodes if n in doc.nodes) \
                or any(n not in doc.nodes and self._had_dag.get(n) for n in changed_nodes):
            self._assemble_flows()
        self._run_others()
        self._assemble_findings()
        return True

    def _compute_all(self) -> None:
        doc = self.document
        self._reset_state()
        self._version, self._name = doc.exchange_version, doc.name
        self._design.fill(doc)
        self.by_connection = {}
        self._recompute_connections(set(doc.connections), everything=True)
        self._assemble_flows()
        self._recompute_nodes(set(doc.nodes), everything=True)
        self._run_others()
        self._assemble_findings()
        self._orders = (tuple(doc.zones), tuple(doc.nodes), tuple(doc.connections))

    # ---- the results before a large change
    _STATE = ("_design", "_facts", "_owned", "_filtered", "_per_rule", "by_connection", "flows", "findings",
              "_had_dag", "_version", "_name", "_orders", "_node_order", "_connection_order")
    _NESTED = frozenset({"_owned", "_filtered"})  # tables of tables

    def _state(self, copy: bool) -> dict:
        """The results and what they were computed from. With ``copy``, tables that an
        incremental update changes in place are copied; without, the caller replaces them."""
        state = {name: getattr(self, name) for name in self._STATE}
        if copy:
            for name in self._STATE:
                value = state[name]
                if name in self._NESTED:
                    state[name] = {k: dict(v) for k, v in value.items()}
                elif isinstance(value, AnalysedDesign):
                    state[name] = value.copy()
                elif isinstance(value, (dict, list)):
                    state[name] = type(value)(value)
        return state

    def _describes(self, state: dict) -> bool:
        """Whether ``state`` was computed from the document as it is now: the same version and
        name, the same elements in the same order, each as analysed (positions aside)."""
        doc = self.document
        if (doc.exchange_version, doc.name) != (state["_version"], state["_name"]):
            return False
        zones, nodes, conns = state["_orders"]
        if tuple(doc.zones) != zones or tuple(doc.nodes) != nodes or tuple(doc.connections) != conns:
            return False
        return state["_design"].describes(doc)

    def _restore(self, state: dict) -> None:
        for name in self._STATE:
            setattr(self, name, state[name])
        self._dirty = {"zone": set(), "node": set(), "connection": set()}
        self._document_dirty = False

    def _recompute_connections(self, conn_ids: set[str], everything: bool = False) -> bool:
        """Flows, connection rules and flow-rule inputs of these connections; whether any
        connection's flows changed (or one came or went)."""
        doc = self.document
        conns = doc.connections
        live = [c for c in conn_ids if c in conns]
        changed = len(live) != len(conn_ids)
        for conn_id in conn_ids:
            if conn_id not in conns:
                self.by_connection.pop(conn_id, None)
        memo, version = self._flow_memo, doc.exchange_version
        node_keys, zone_keys = self._design.node_keys, self._design.zone_keys
        for conn_id in live:
            conn = conns[conn_id]
            a, b = node_keys[conn.between[0]], node_keys[conn.between[1]]
            key = (version, conn, a, b, zone_keys.get(a.zone), zone_keys.get(b.zone))
            hit = memo.get(conn_id)
            if hit is None or hit[0] != key:
                hit = memo[conn_id] = (key, tuple(_flows.connection_flows(doc, self.catalog, conn)))
            flows = hit[1]
            if flows != self.by_connection.get(conn_id):
                self.by_connection[conn_id] = flows
                changed = True
        live.sort(key=self.connection_order().__getitem__)
        flows = [f for c in live for f in self.by_connection[c]]
        ctx = PartialContext(self, DocView(doc, doc.nodes, conns, self.connections_of), flows)
        chosen_by: dict[Callable, dict[str, tuple[Flow, ...]]] = {}  # filter -> conn -> its flows
        for index, rule in enumerate(RULES):
            name = rule.__name__
            if name in CONNECTION_RULES:
                self._run_owned(index, rule, [], live, flows, conn_ids, everything)
            elif name in FLOW_FILTERS:
                keep = FLOW_FILTERS[name]
                if keep not in chosen_by:  # rules that share a filter share its work
                    chosen_by[keep] = chosen_flows(keep, ctx, live, self.by_connection, self._by_path)
                table = self._filtered.setdefault(index, {})
                for conn_id in conn_ids:
                    table.pop(conn_id, None)
                table.update(chosen_by[keep])
        return changed

    def _recompute_nodes(self, node_ids: set[str], everything: bool = False) -> None:
        doc = self.document
        live = sorted((n for n in node_ids if n in doc.nodes), key=self.node_order().__getitem__)
        if everything:
            flows = self.flows
        else:  # what a node rule reads: the flows of the node's connections
            around = {c for n in live for c in self._design.incident.get(n, ())}
            flows = [f for c in sorted(around, key=self.connection_order().__getitem__)
                     for f in self.by_connection[c]]
        for index, rule in enumerate(RULES):
            if rule.__name__ in NODE_RULES:
                self._run_owned(index, rule, live, [], flows, node_ids, everything)

    def _run_owned(self, index: int, rule, nodes: list[str], conns: list[str], flows: list[Flow],
                   owners: set[str], fresh: bool) -> None:
        """Run a node rule over ``nodes`` (or a connection rule over ``conns`` and their
        ``flows``) and file each finding under the element the rule's loop was at when it
        found it; the findings filed under ``owners`` before are dropped."""
        found = findings_by_element(self, rule, nodes, conns, flows)
        table = {} if fresh else self._owned.setdefault(index, {})
        for owner in owners:
            table.pop(owner, None)
        for owner, hits in found.items():
            table[owner] = tuple(hits)
        self._owned[index] = table

    def _assemble_flows(self) -> None:
        by = self.by_connection
        self.flows = [f for c in self.document.connections for f in by.get(c, ())]
        # each DAG's own flows among its members (compute_flows' order: after the connections'),
        # cheap to build: a few paths per DAG node
        self._had_dag = {}
        for node in self.document.nodes.values():
            if node.dag:
                self._had_dag[node.id] = True
                self.flows.extend(_flows.group_flows(self.document, self.catalog, node))

    def _run_others(self) -> None:
        """The flow rules over their flows, and the global rules over the whole design."""
        doc = self.document
        view = DocView(doc, doc.nodes, doc.connections, self.connections_of)
        order = self.connection_order()
        for index, rule in enumerate(RULES):
            name = rule.__name__
            if name in NODE_RULES or name in CONNECTION_RULES:
                continue
            if name in FLOW_FILTERS:
                table = self._filtered.get(index, {})
                flows = [f for c in sorted(table, key=order.__getitem__) for f in table[c]]
            else:
                flows = self.flows
            self._per_rule[index] = list(rule(PartialContext(self, view, flows)))

    def _assemble_findings(self) -> None:
        node_order, conn_order = self.node_order(), self.connection_order()
        for index, rule in enumerate(RULES):
            name = rule.__name__
            if name in NODE_RULES or name in CONNECTION_RULES:
                order = node_order if name in NODE_RULES else conn_order
                table = self._owned.get(index, {})
                self._per_rule[index] = [f for owner in sorted(table, key=order.__getitem__) for f in table[owner]]
        rank = {s: i for i, s in enumerate(SEVERITIES)}
        self.findings = sorted((f for found in self._per_rule for f in found), key=lambda f: rank[f.severity])


__all__ = ["CONNECTION_RULES", "FLOW_FILTERS", "IncrementalAnalysis", "NODE_RULES"]
