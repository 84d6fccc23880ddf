"""The firewall rules each zone boundary needs. Pure Python.

A rule is one (source node, destination node, transport, port) that crosses from one zone to
another; it is de-duplicated and carries its justification: the flows that need it. A group node
(a DAG, a load-balanced array, a set of domain controllers) is one host group: its rules name
the group once, never one rule per member pair; :func:`host_name` says who is in it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..catalog import Port
from ..model import Document, Node
from ..support.i18n import QT_TRANSLATE_NOOP, Translate, untranslated
from .flows import Flow


_DAG_OF = QT_TRANSLATE_NOOP("Groups", "DAG of {count}")
_GROUP_OF = QT_TRANSLATE_NOOP("Groups", "group of {count}")


def host_name(node: Node, translate: Translate = untranslated) -> str:
    """The node's name; for a group, its name with its member count and names, as a firewall
    team reads a host group: ``DAG01 (DAG of 4: EX1, EX2, EX3, EX4)``."""
    if not node.is_group:
        return node.name
    names = ", ".join(m.name for m in node.members)
    return f"{node.name} ({group_size(node, translate)}: {names})"


def group_size(node: Node, translate: Translate = untranslated) -> str:
    """``DAG of 4`` or ``group of 3``; "" for a single server (the drawings' caption)."""
    if not node.is_group:
        return ""
    return translate("Groups", _DAG_OF if node.dag else _GROUP_OF).format(count=len(node.members))


@dataclass
class FirewallRule:
    source: str
    destination: str
    port: Port
    flows: list[Flow] = field(default_factory=list)

    @property
    def services(self) -> list[str]:
        return list(dict.fromkeys(f.service for f in self.flows))


@dataclass
class Boundary:
    source_zone: str
    destination_zone: str
    rules: list[FirewallRule] = field(default_factory=list)

    @property
    def flows(self) -> list[Flow]:
        return [f for r in self.rules for f in r.flows]


def fold_unrestricted(rules: list[FirewallRule]) -> list[FirewallRule]:
    """Where Microsoft requires unrestricted traffic between two servers (any port, any
    protocol), their one rule allows everything; the flows on named ports between the same two
    servers join its justification instead of making rules of their own."""
    unrestricted = {(r.source, r.destination): r for r in rules if r.port.is_any}
    if not unrestricted:
        return rules
    kept = []
    for rule in rules:
        into = unrestricted.get((rule.source, rule.destination))
        if into is not None and into is not rule:
            into.flows.extend(rule.flows)
        else:
            kept.append(rule)
    return kept


def boundary_rules(doc: Document, flows: list[Flow]) -> list[Boundary]:
    """Crossing flows grouped by (source zone, destination zone), in zone order."""
    boundaries: dict[tuple[str, str], Boundary] = {}
    rules: dict[tuple[str, str, str, Port], FirewallRule] = {}
    for flow in flows:
        if not flow.crossing:
            continue
        pair = (flow.source_zone, flow.destination_zone)
        boundary = boundaries.setdefault(pair, Boundary(*pair))
        key = (flow.source, flow.destination, flow.source_zone, flow.port)
        rule = rules.get(key)
        if rule is None:
            rule = rules[key] = FirewallRule(flow.source, flow.destination, flow.port)
            boundary.rules.append(rule)
        rule.flows.append(flow)
    for boundary in boundaries.values():
        boundary.rules = fold_unrestricted(boundary.rules)
    zone_order = {z: i for i, z in enumerate(doc.zones)}
    return sorted(boundaries.values(),
                  key=lambda b: (zone_order.get(b.source_zone, 0), zone_order.get(b.destination_zone, 0)))
