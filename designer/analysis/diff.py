"""What changes between two designs: a change request. Pure Python.

``diff_designs(old, new, catalog)`` compares two designs' zones, nodes and connections (for the
canvas), and their flows and firewall rules per zone boundary (for the firewall team), each
change with what changed in words. Elements are matched as :mod:`.identity` says (ids first,
then names). Layout (positions, zone rectangles, colours) is not a change. Designs on different
Exchange versions compare too: each side's flows follow its own version, and the result says so
(``versions_differ``). How flows and rules are matched is in :mod:`.diff_rules`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping, Sequence

from ..catalog import Catalog
from ..model import Connection, Document, Node, Zone
from .diff_rules import ADDED, CHANGED, REMOVED, FieldChange, FlowChange, RuleChange, diff_flows, diff_rules
from .flows import Flow, compute_flows
from .identity import Identity, identify

ZONE, NODE, CONNECTION = "zone", "node", "connection"


@dataclass(frozen=True)
class ElementChange:
    """A zone, node or connection added, removed or changed. ``old_id`` and ``new_id`` are its
    ids in each design (``None`` on the side it is missing from); ``name`` is its name in the
    new design, else in the old one (a connection's is "A — B")."""

    kind: str
    status: str
    old_id: str | None
    new_id: str | None
    name: str
    fields: tuple[FieldChange, ...] = ()

    @property
    def key(self) -> str:
        return self.old_id or self.new_id or ""


@dataclass
class DesignDiff:
    old: Document
    new: Document
    identity: Identity
    design: tuple[FieldChange, ...] = ()  # the design's name and Exchange version
    elements: list[ElementChange] = field(default_factory=list)
    flows: list[FlowChange] = field(default_factory=list)
    rules: list[RuleChange] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.design or self.elements or self.flows or self.rules)

    @property
    def versions_differ(self) -> bool:
        return self.old.exchange_version != self.new.exchange_version

    def counts(self) -> dict[str, dict[str, int]]:
        """``{"rules": {"added": n, "removed": n, "changed": n}, "flows": ..., "zone": ..., ...}``"""
        out: dict[str, dict[str, int]] = {}
        for name, items in (("rules", self.rules), ("flows", self.flows)):
            out[name] = _count(c.status for c in items)
        for kind in (ZONE, NODE, CONNECTION):
            out[kind] = _count(c.status for c in self.elements if c.kind == kind)
        return out


def _count(statuses: Iterable[str]) -> dict[str, int]:
    counts = {ADDED: 0, REMOVED: 0, CHANGED: 0}
    for status in statuses:
        counts[status] += 1
    return counts


Fact = str | tuple[object, str]


def texts(values: Iterable[str]) -> str:
    return ", ".join(values)


def _compare(facts_old: Mapping[str, Fact], facts_new: Mapping[str, Fact]) -> tuple[FieldChange, ...]:
    """The fields whose values differ. A fact is its text, or (what is compared, its text)."""
    changes = []
    for name, new_fact in facts_new.items():
        old_fact = facts_old.get(name, "")
        old_cmp, old_text = old_fact if isinstance(old_fact, tuple) else (old_fact, old_fact)
        new_cmp, new_text = new_fact if isinstance(new_fact, tuple) else (new_fact, new_fact)
        if old_cmp != new_cmp:
            changes.append(FieldChange(name, old_text, new_text))
    return tuple(changes)


def _zone_facts(zone: Zone) -> dict[str, str]:
    return {"name": zone.name, "kind": str(zone.kind), "site": zone.site or "", "subnets": texts(zone.subnets)}


def _member_text(node: Node) -> str:
    return "; ".join(f"{m.name} ({texts(m.addresses)})" if m.addresses else m.name for m in node.members)


def _node_facts(doc: Document, node: Node, zone_key: str) -> dict[str, Fact]:
    zone = doc.zones.get(node.zone)
    return {"name": node.name, "role": node.role, "zone": (zone_key, zone.name if zone else node.zone),
            "version": node.version or "", "fqdn": node.fqdn or "", "addresses": texts(node.addresses),
            "members": _member_text(node), "DAG": "yes" if node.dag else "no"}


def _connection_name(doc: Document, conn: Connection) -> str:
    a, b = (doc.nodes[n].name for n in conn.between)
    return f"{a} — {b}"


def _connection_facts(doc: Document, conn: Connection, ends: frozenset) -> dict[str, Fact]:
    services = "all" if conn.services is None else texts(conn.services)
    return {"between": (ends, _connection_name(doc, conn)), "services": services}


def _elements(kind: str, old: Mapping, new: Mapping, key: Callable[[str], str],
              facts_old: Callable, facts_new: Callable, name_old: Callable, name_new: Callable) -> list[ElementChange]:
    """Changes of one kind of element: the new design's in its order, then what was removed."""
    changes, kept = [], set()
    for new_id, item in new.items():
        old_id = key(new_id)
        if old_id in old:
            kept.add(old_id)
            if old_id == new_id and old[old_id] == item:
                continue  # the very same element (a cheap test that most pass)
            fields = _compare(facts_old(old[old_id]), facts_new(item))
            if fields:
                changes.append(ElementChange(kind, CHANGED, old_id, new_id, name_new(item), fields))
        else:
            changes.append(ElementChange(kind, ADDED, None, new_id, name_new(item)))
    changes += [ElementChange(kind, REMOVED, old_id, None, name_old(item))
                for old_id, item in old.items() if old_id not in kept]
    return changes


def element_changes(old: Document, new: Document, ident: Identity) -> list[ElementChange]:
    """Zones, then nodes, then connections: added, removed or changed (not moved on the canvas)."""
    changes = _elements(ZONE, old.zones, new.zones, ident.zone, _zone_facts, _zone_facts,
                        lambda z: z.name, lambda z: z.name)
    changes += _elements(NODE, old.nodes, new.nodes, ident.node,
                         lambda n: _node_facts(old, n, n.zone),
                         lambda n: _node_facts(new, n, ident.zone(n.zone)),
                         lambda n: n.name, lambda n: n.name)
    changes += _elements(CONNECTION, old.connections, new.connections, ident.connection,
                         lambda c: _connection_facts(old, c, frozenset(c.between)),
                         lambda c: _connection_facts(new, c, frozenset(ident.node(n) for n in c.between)),
                         lambda c: _connection_name(old, c), lambda c: _connection_name(new, c))
    return changes


def diff_designs(old: Document, new: Document, catalog: Catalog, old_flows: Sequence[Flow] | None = None,
                 new_flows: Sequence[Flow] | None = None) -> DesignDiff:
    """Everything that changes from ``old`` to ``new`` (flows computed unless given)."""
    ident = identify(old, new)
    old_flows = compute_flows(old, catalog) if old_flows is None else list(old_flows)
    new_flows = compute_flows(new, catalog) if new_flows is None else list(new_flows)
    design = _compare({"name": old.name, "Exchange version": old.exchange_version},
                      {"name": new.name, "Exchange version": new.exchange_version})
    return DesignDiff(old, new, ident, design, element_changes(old, new, ident),
                      diff_flows(old, new, ident, old_flows, new_flows),
                      diff_rules(old, new, ident, old_flows, new_flows))


__all__ = ["ADDED", "CHANGED", "CONNECTION", "DesignDiff", "ElementChange", "FieldChange", "FlowChange", "NODE",
           "REMOVED", "RuleChange", "ZONE", "diff_designs", "element_changes"]
