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
were computed from (its undo, then its redo), they are put back instead of computed again. A rule is classed by its name in ``NODE_RULES``,
``CONNECTION_RULES`` and ``FLOW_FILTERS``; a rule not classed is global, so a new rule is
correct from the start and only slower. The results equal :func:`~.findings.analyse` and
:func:`~.flows.compute_flows` of the whole document
(``tests/analysis/test_incremental.py`` checks it after random edits).
"""
from __future__ import annotations

from datetime import date
from typing import Callable

from ..catalog import Catalog
from ..model import Change, Connection, Document, Node
from ..support.states import ZoneKind
from .findings import RULES, SEVERITIES, Context, Finding
from . import flows as _flows
from .flows import Flow
from .partial import DocView, PartialContext, Subset, TrackedFlows, node_key, zone_key

# Rules whose every finding comes from one node (the loop over the design's nodes) ...
NODE_RULES = frozenset({"unknown_role", "role_not_in_version", "expected_zone", "role_in_perimeter",
                        "mailbox_exposed"})
# ... or from one connection (the loop over its connections, or over its flows).
CONNECTION_RULES = frozenset({"no_data_path", "unknown_services", "um_removed", "plaintext_from_internet"})
CLOUD_ROLES = frozenset({"exchange_online", "entra_id"})
_NO_TAGS: frozenset[str] = frozenset()
LARGE = 200  # elements changed at once from which the results before the change are kept


def _crosses_internet(ctx: Context, flow: Flow) -> bool:
    return flow.source_zone != flow.destination_zone and ZoneKind.INTERNET in (
        ctx.zone_kind(flow.source), ctx.zone_kind(flow.destination))


def _advisory(ctx: Context, flow: Flow) -> bool:
    return bool(flow.path.advisory or flow.path.disabled_by_default)


def _with_choices(ctx: Context, flow: Flow) -> bool:
    return flow.service in ctx.services_with_choices


def _unconfirmed(ctx: Context, flow: Flow) -> bool:
    return flow.path.status == "unconfirmed"


def _hybrid(ctx: Context, flow: Flow) -> bool:
    nodes = ctx.doc.nodes
    return (flow.path.category == "hybrid" or flow.service == "EdgeSync"
            or nodes[flow.source].role in CLOUD_ROLES or nodes[flow.destination].role in CLOUD_ROLES)


# Rules over the design's flows, each with what a flow must be for the rule to read it (the
# rule sees only those flows, in flow order; it may still read every node).
FLOW_FILTERS: dict[str, Callable[[Context, Flow], bool]] = {
    "internet_exposure": _crosses_internet,
    "path_advisories": _advisory,
    "service_choices": _with_choices,
    "unconfirmed_paths": _unconfirmed,
    "hybrid_https_endpoint": _hybrid,
    "hybrid_edge_without_edgesync": _hybrid,
    "hybrid_preauthentication": _hybrid,
    "online_without_directory_sync": _hybrid,
}


_BY_PATH = frozenset({_advisory, _with_choices, _unconfirmed})  # filters that read only flow.path


def _path_answer(known: dict, keep, ctx: Context, flow: Flow) -> bool:
    answer = known.get(id(flow.path))
    if answer is None:
        answer = known[id(flow.path)] = keep(ctx, flow)
    return answer


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
        self._zone_keys: dict[str, object] = {}
        self._node_keys: dict[str, object] = {}
        self._node_seen: dict[str, Node] = {}  # the nodes as analysed (their keys drop the position)
        self._connections: dict[str, Connection] = {}
        self._members: dict[str, dict[str, None]] = {}  # zone -> its nodes
        self._incident: dict[str, dict[str, None]] = {}  # node -> its connections
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
        return [conns[c] for c in sorted(self._incident.get(node_id, ()), key=order.__getitem__)]

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
        changed_nodes, node_scope, conn_scope, zones_changed = self._read_changes()
        node_scope |= changed_nodes
        for node_id in changed_nodes:
            self._facts.pop(node_id, None)
        for node_id in changed_nodes:  # its connections' flows, and its neighbours' node findings
            for conn_id in self._incident.get(node_id, ()):
                conn_scope.add(conn_id)
                node_scope.update(self._connections[conn_id].between)
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

    def _read_changes(self) -> tuple[set[str], set[str], set[str], bool]:
        """Compare what the noted elements are now with what was analysed; returns the nodes
        whose analysed facts changed (their own or their zone's), the nodes and the connections
        to recompute, and whether a zone changed."""
        doc = self.document
        dirty, self._dirty = self._dirty, {"zone": set(), "node": set(), "connection": set()}
        changed_nodes: set[str] = set()
        node_scope: set[str] = set()
        conn_scope: set[str] = set()
        zones_changed = False
        for zone_id in dirty["zone"]:
            key = zone_key(doc.zones.get(zone_id))
            if key != self._zone_keys.get(zone_id):
                self._store(self._zone_keys, zone_id, key)
                changed_nodes.update(self._members.get(zone_id, ()))
                zones_changed = True
        for node_id in dirty["node"]:
            node = doc.nodes.get(node_id)
            key = node_key(node)
            old = self._node_keys.get(node_id)
            if key == old:
                continue
            self._store(self._node_keys, node_id, key)
            self._store(self._node_seen, node_id, node)
            if old is not None and (node is None or old.zone != node.zone):
                self._members.get(old.zone, {}).pop(node_id, None)
            if node is not None:
                self._members.setdefault(node.zone, {})[node_id] = None
            else:
                self._incident.pop(node_id, None)
            changed_nodes.add(node_id)
            node_scope.add(node_id)
        for conn_id in dirty["connection"]:
            conn = doc.connections.get(conn_id)
            old = self._connections.get(conn_id)
            if conn == old:
                continue
            if old is not None:
                for end in old.between:
                    self._incident.get(end, {}).pop(conn_id, None)
                node_scope.update(old.between)
            if conn is not None:
                for end in conn.between:
                    self._incident.setdefault(end, {})[conn_id] = None
                node_scope.update(conn.between)
            self._store(self._connections, conn_id, conn)
            conn_scope.add(conn_id)
        return changed_nodes, node_scope, conn_scope, zones_changed

    @staticmethod
    def _store(table: dict, key: str, value) -> None:
        if value is None:
            table.pop(key, None)
        else:
            table[key] = value

    def _compute_all(self) -> None:
        doc = self.document
        self._reset_state()
        self._version, self._name = doc.exchange_version, doc.name
        for zone in doc.zones.values():
            self._zone_keys[zone.id] = zone_key(zone)
        for node in doc.nodes.values():
            self._node_keys[node.id] = node_key(node)
            self._node_seen[node.id] = node
            self._members.setdefault(node.zone, {})[node.id] = None
        for conn in doc.connections.values():
            self._connections[conn.id] = conn
            for end in conn.between:
                self._incident.setdefault(end, {})[conn.id] = None
        self.by_connection = {}
        self._recompute_connections(set(doc.connections), everything=True)
        self._assemble_flows()
        self._recompute_nodes(set(doc.nodes), everything=True)
        self._run_others()
        self._assemble_findings()
        self._orders = (tuple(doc.zones), tuple(doc.nodes), tuple(doc.connections))

    # ---- the results before a large change
    _STATE = ("_zone_keys", "_node_keys", "_node_seen", "_connections", "_members", "_incident", "_facts",
              "_owned", "_filtered", "_per_rule", "by_connection", "flows", "findings", "_had_dag",
              "_version", "_name", "_orders", "_node_order", "_connection_order")
    _NESTED = frozenset({"_members", "_incident", "_owned", "_filtered"})  # tables of tables

    def _state(self, copy: bool) -> dict:
        """The results and what they were computed from. With ``copy``, tables that an
        incremental update changes in place are copied; without, the caller replaces them."""
        state = {name: getattr(self, name) for name in self._STATE}
        if copy:
            for name in self._STATE:
                value = state[name]
                if name in self._NESTED:
                    state[name] = {k: dict(v) for k, v in value.items()}
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
        zone_keys, node_keys, seen, analysed = (state["_zone_keys"], state["_node_keys"], state["_node_seen"],
                                                state["_connections"])
        return (all(zone_key(z) == zone_keys.get(z.id) for z in doc.zones.values())
                and all(n is seen.get(n.id) or node_key(n) == node_keys.get(n.id) for n in doc.nodes.values())
                and all(c is analysed.get(c.id) or c == analysed.get(c.id) for c in doc.connections.values()))

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
        for conn_id in live:
            conn = conns[conn_id]
            a, b = self._node_keys[conn.between[0]], self._node_keys[conn.between[1]]
            key = (version, conn, a, b, self._zone_keys.get(a.zone), self._zone_keys.get(b.zone))
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
                    by = self.by_connection
                    if keep in _BY_PATH:  # the answer depends on the flow's data path only
                        known = self._by_path.setdefault(keep, {})
                        chosen_by[keep] = {c: chosen for c in live if (chosen := tuple(
                            f for f in by[c] if _path_answer(known, keep, ctx, f)))}
                    else:
                        chosen_by[keep] = {c: chosen for c in live
                                           if (chosen := tuple(f for f in by[c] if keep(ctx, f)))}
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
            around = {c for n in live for c in self._incident.get(n, ())}
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
        current: list[str | None] = [None]

        def tracker(element_id: str) -> None:
            current[0] = element_id
        doc = self.document
        if nodes:  # a node rule
            view = DocView(doc, Subset(doc.nodes, nodes, tracker), doc.connections, self.connections_of)
            ctx = PartialContext(self, view, list(flows))
        else:
            view = DocView(doc, doc.nodes, Subset(doc.connections, conns, tracker), self.connections_of)
            ctx = PartialContext(self, view, TrackedFlows(flows, tracker))
        found: dict[str | None, list[Finding]] = {}
        if nodes or conns:
            for finding in rule(ctx):
                found.setdefault(current[0], []).append(finding)
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
