"""The flows and firewall rules that change between two designs, per zone boundary. Pure Python.

Both designs' nodes, zones and connections are keyed alike (:mod:`.identity`).

* A **rule** (:func:`~.firewall.boundary_rules`) is matched by its boundary (source and
  destination zone), its two nodes, its protocol and its port: the firewall of a boundary
  holds it, so a node moved into another zone removes its rules from one boundary and adds
  them to another. Rules left over on both sides of one boundary, between the same two nodes
  and for the same services, are one rule whose port changed. A matched rule has changed when
  its services, authentication, encryption, its nodes' names or the networks its ends stand
  for (``model.addresses.node_networks``: a node's addresses, a group's members') differ.
* A **flow** is one data path between two nodes over one connection (all its ports together),
  matched by connection, data path and direction; what is left over is matched by service
  instead of data path (each Exchange version's paths have their own ids). A matched flow has
  changed when its ports, authentication, encryption or zones differ.

Every change keeps the rules or flows of each side, so its justification (the data paths that
need it) and its sources can be given for the design it comes from.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Hashable, Sequence

from ..catalog import Port
from ..model import Document
from ..model.addresses import node_networks
from .firewall import FirewallRule, boundary_rules
from .flows import Flow
from .identity import Identity

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
STATUSES = (ADDED, REMOVED, CHANGED)


@dataclass(frozen=True)
class FieldChange:
    """One property that differs, as text in each design ("" where it has none)."""

    field: str
    old: str
    new: str


@dataclass(frozen=True)
class RuleChange:
    """A firewall rule of one boundary added, removed or changed. Names are the new design's
    (the old one's for a removed rule); ``boundary`` holds the two zones' keys."""

    status: str
    boundary: tuple[str, str]
    source_zone: str
    destination_zone: str
    source: str
    destination: str
    port: Port
    old: FirewallRule | None
    new: FirewallRule | None
    fields: tuple[FieldChange, ...] = ()
    source_networks: tuple[str, ...] = ()
    destination_networks: tuple[str, ...] = ()

    @property
    def rule(self) -> FirewallRule:
        """The rule as it will be (as it was, for a removed one)."""
        return self.new or self.old  # type: ignore[return-value]


@dataclass(frozen=True)
class FlowChange:
    """A flow added, removed or changed; ``old``/``new`` hold its flows (one per port)."""

    status: str
    boundary: tuple[str, str]
    source_zone: str
    destination_zone: str
    source: str
    destination: str
    service: str
    old: tuple[Flow, ...]
    new: tuple[Flow, ...]
    fields: tuple[FieldChange, ...] = ()

    @property
    def flows(self) -> tuple[Flow, ...]:
        return self.new or self.old

    @property
    def ports(self) -> str:
        return ", ".join(str(f.port) for f in self.flows)


def network_text(net) -> str:
    """An address as written (``10.0.0.5``) for a single host, else the subnet (``10.0.0.0/24``)."""
    return str(net.network_address) if net.prefixlen == net.max_prefixlen else str(net)


def unique(items) -> list:
    return list(dict.fromkeys(items))


def pair_leftovers(removed: dict, added: dict, alias: Callable[[Hashable, object], Hashable]) -> list[tuple]:
    """Pair what one side lost with what the other gained under the same ``alias``, in order;
    the pairs' keys leave ``removed`` and ``added``."""
    waiting: dict[Hashable, list] = defaultdict(list)
    for key, value in removed.items():
        waiting[alias(key, value)].append(key)
    pairs = []
    for key, value in list(added.items()):
        candidates = waiting.get(alias(key, value))
        if candidates:
            old_key = candidates.pop(0)
            pairs.append((old_key, key))
    for old_key, new_key in pairs:
        del added[new_key]
    for old_key, _ in pairs:
        removed.pop(old_key)
    return pairs


class _Side:
    """One design as the comparison reads it: keys, names and networks, computed once each."""

    def __init__(self, doc: Document, node_key: Callable[[str], str], zone_key: Callable[[str], str]) -> None:
        self.doc, self.node_key, self.zone_key = doc, node_key, zone_key
        self._networks: dict[str, tuple[str, ...]] = {}

    def networks(self, node_id: str) -> tuple[str, ...]:
        found = self._networks.get(node_id)
        if found is None:
            found = self._networks[node_id] = tuple(network_text(n) for n in node_networks(self.doc.nodes[node_id]))
        return found

    def boundary(self, source_zone: str, destination_zone: str) -> tuple[str, str]:
        return self.zone_key(source_zone), self.zone_key(destination_zone)

    def zone_name(self, zone_id: str) -> str:
        zone = self.doc.zones.get(zone_id)
        return zone.name if zone else zone_id

    def node_name(self, node_id: str) -> str:
        return self.doc.nodes[node_id].name


def _sides(old: Document, new: Document, ident: Identity) -> tuple[_Side, _Side]:
    same = lambda x: x  # noqa: E731 - the old design's ids are the keys
    return _Side(old, same, same), _Side(new, ident.node, ident.zone)


# ---- rules
def _rule_signature(side: _Side, rule: FirewallRule) -> tuple:
    """What a rule's facts follow from, cheap to compare: most rules don't change."""
    return (tuple(dict.fromkeys(f.path.id for f in rule.flows)), side.node_name(rule.source),
            side.node_name(rule.destination), side.networks(rule.source), side.networks(rule.destination))


def _rule_facts(side: _Side, rule: FirewallRule) -> dict[str, str]:
    return {
        "port": str(rule.port),
        "services": ", ".join(rule.services),
        "authentication": "; ".join(unique(f.authentication for f in rule.flows)),
        "encryption": "; ".join(unique(f.encryption for f in rule.flows)),
        "source": side.node_name(rule.source),
        "destination": side.node_name(rule.destination),
        "source addresses": ", ".join(side.networks(rule.source)),
        "destination addresses": ", ".join(side.networks(rule.destination)),
    }


def _keyed_rules(side: _Side, flows: Sequence[Flow]) -> dict[tuple, tuple[tuple[str, str], FirewallRule]]:
    """(boundary, source key, destination key, port) -> (zone ids, rule)."""
    keyed = {}
    for boundary in boundary_rules(side.doc, list(flows)):
        zones = (boundary.source_zone, boundary.destination_zone)
        bkey = side.boundary(*zones)
        for rule in boundary.rules:
            keyed[(bkey, side.node_key(rule.source), side.node_key(rule.destination), rule.port)] = (zones, rule)
    return keyed


def _rule_change(status: str, side: _Side, key: tuple, zones: tuple[str, str], rule: FirewallRule,
                 old: FirewallRule | None, new: FirewallRule | None, fields=()) -> RuleChange:
    return RuleChange(status, key[0], side.zone_name(zones[0]), side.zone_name(zones[1]),
                      side.node_name(rule.source), side.node_name(rule.destination), rule.port, old, new,
                      tuple(fields), side.networks(rule.source), side.networks(rule.destination))


def diff_rules(old: Document, new: Document, ident: Identity, old_flows: Sequence[Flow],
               new_flows: Sequence[Flow]) -> list[RuleChange]:
    """Rules added, removed or changed, grouped by boundary (in the new design's zone order,
    then the old one's), each boundary's in the new design's order, then what it lost."""
    was, now = _sides(old, new, ident)
    before, after = _keyed_rules(was, old_flows), _keyed_rules(now, new_flows)
    removed = {k: v for k, v in before.items() if k not in after}
    added = {k: v for k, v in after.items() if k not in before}
    # the same boundary, nodes and services on another port: one rule whose port changed
    moved = dict(pair_leftovers(removed, added, lambda k, v: (k[0], k[1], k[2], frozenset(v[1].services))))
    moved_to = {new_key: old_key for old_key, new_key in moved.items()}
    changes: list[RuleChange] = []
    for key, (zones, rule) in after.items():
        if key in added:
            changes.append(_rule_change(ADDED, now, key, zones, rule, None, rule))
            continue
        old_key = moved_to.get(key, key)
        if old_key not in before:
            continue
        old_rule = before[old_key][1]
        if old_key == key and _rule_signature(was, old_rule) == _rule_signature(now, rule):
            continue
        fields = _compare(_rule_facts(was, old_rule), _rule_facts(now, rule))
        if fields:
            changes.append(_rule_change(CHANGED, now, key, zones, rule, old_rule, rule, fields))
    for key, (zones, rule) in removed.items():
        changes.append(_rule_change(REMOVED, was, key, zones, rule, rule, None))
    return _by_boundary(changes, old, new, ident)


def _compare(facts_old: dict[str, str], facts_new: dict[str, str]) -> list[FieldChange]:
    return [FieldChange(k, facts_old.get(k, ""), v) for k, v in facts_new.items() if facts_old.get(k, "") != v]


def _by_boundary(changes: list, old: Document, new: Document, ident: Identity) -> list:
    """Changes grouped by boundary: the new design's zone order, then the old design's."""
    order: dict[str, int] = {}
    for zone_id in new.zones:
        order.setdefault(ident.zone(zone_id), len(order))
    for zone_id in old.zones:
        order.setdefault(zone_id, len(order))
    return sorted(changes, key=lambda c: (order.get(c.boundary[0], len(order)),
                                          order.get(c.boundary[1], len(order))))


# ---- flows
def _keyed_flows(side: _Side, flows: Sequence[Flow], conn_key: Callable[[str], str]) -> dict[tuple, list[Flow]]:
    """(connection key, data path, source key, destination key) -> the flows (one per port)."""
    keyed: dict[tuple, list[Flow]] = {}
    for flow in flows:
        key = (conn_key(flow.connection), flow.path.id, side.node_key(flow.source), side.node_key(flow.destination))
        keyed.setdefault(key, []).append(flow)
    return keyed


def _flow_facts(side: _Side, flows: list[Flow]) -> dict[str, tuple]:
    first = flows[0]
    return {
        "ports": (tuple(f.port for f in flows), ", ".join(str(f.port) for f in flows)),
        "authentication": (first.authentication, first.authentication),
        "encryption": (first.encryption, first.encryption),
        "zones": (side.boundary(first.source_zone, first.destination_zone),
                  f"{side.zone_name(first.source_zone)} → {side.zone_name(first.destination_zone)}"),
    }


def _flow_change(status: str, side: _Side, old: list[Flow] | None, new: list[Flow] | None,
                 fields=()) -> FlowChange:
    first = (new or old)[0]  # type: ignore[index]
    return FlowChange(status, side.boundary(first.source_zone, first.destination_zone),
                      side.zone_name(first.source_zone), side.zone_name(first.destination_zone),
                      side.node_name(first.source), side.node_name(first.destination), first.service,
                      tuple(old or ()), tuple(new or ()), tuple(fields))


def diff_flows(old: Document, new: Document, ident: Identity, old_flows: Sequence[Flow],
               new_flows: Sequence[Flow]) -> list[FlowChange]:
    """Flows added, removed or changed, grouped by boundary (crossing or not)."""
    was, now = _sides(old, new, ident)
    before = _keyed_flows(was, old_flows, lambda c: c)
    after = _keyed_flows(now, new_flows, ident.connection)
    removed = {k: v for k, v in before.items() if k not in after}
    added = {k: v for k, v in after.items() if k not in before}
    # another version's data path for the same service over the same connection, same direction
    paired = pair_leftovers(removed, added, lambda k, v: (k[0], v[0].service, k[2], k[3]))
    renamed = {new_key: old_key for old_key, new_key in paired}
    changes: list[FlowChange] = []
    for key, flows in after.items():
        if key in added:
            changes.append(_flow_change(ADDED, now, None, flows))
            continue
        old_flows_here = before[renamed.get(key, key)]
        a, b = old_flows_here[0], flows[0]
        if (a.path is b.path and len(old_flows_here) == len(flows)
                and was.boundary(a.source_zone, a.destination_zone) == now.boundary(b.source_zone, b.destination_zone)):
            continue  # the same data path (so the same ports and protection) between the same zones
        facts_old, facts_new = _flow_facts(was, old_flows_here), _flow_facts(now, flows)
        fields = [FieldChange(name, facts_old[name][1], value[1]) for name, value in facts_new.items()
                  if facts_old[name][0] != value[0]]
        if fields:
            changes.append(_flow_change(CHANGED, now, old_flows_here, flows, fields))
    for key, flows in removed.items():
        changes.append(_flow_change(REMOVED, was, flows, None))
    return _by_boundary(changes, old, new, ident)
