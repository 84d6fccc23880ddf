"""Check a live rulebase against the flows a design needs. Pure Python.

Per zone boundary (:func:`~designer.analysis.firewall.boundary_rules`), each rule the design
needs (source node, destination node, port) is judged against every chain of the rulebase,
first match wins:

* ``allowed``: an allow rule covers all of it (addresses, protocol, ports);
* ``shadowed``: an allow rule covers it, but an earlier deny matches first (all or part of it);
* ``denied``: a deny rule matches and no later allow would have covered it;
* ``partial``: allow rules cover only part of it (some addresses or ports);
* ``policy``: no rule matches it and it passes only through an accept policy: setting the
  policy to drop, as a hardened firewall does, breaks it;
* ``not allowed``: no rule matches and the policy drops it;
* ``unverifiable``: a rule may match, but an endpoint has no address in the design (and the
  rulebase names addresses, not node names), or the rule has a condition the verifier can't
  judge (an interface, a Windows address keyword).

Endpoints are matched by address (:func:`~designer.model.addresses.node_networks`); a node in
an Internet zone without an address stands for any address; a rule that names nodes (a CSV
from ``exchange-designer rules``) matches them by name and zone. Besides, every allow rule
that reaches an Exchange server is checked for ports that no flow of the design needs there
(excess exposure).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from ..catalog import Catalog, Port
from ..model import Document, Node
from .exposure import Exposure, exposures
from .firewall import Boundary, FirewallRule, boundary_rules, fold_unrestricted
from .flows import Flow
from .matching import NO, PART, UNKNOWN, YES, ChainIndex, Host, cover, host_of, port_cover
from .rulebase import ALLOW, DENY, Rule, Rulebase

ALLOWED, SHADOWED, DENIED, PARTIAL, POLICY, NOT_ALLOWED, UNVERIFIABLE = (
    "allowed", "shadowed", "denied", "partial", "policy", "not allowed", "unverifiable")
STATUSES = (ALLOWED, SHADOWED, DENIED, PARTIAL, POLICY, NOT_ALLOWED, UNVERIFIABLE)


@dataclass
class Need:
    """One rule the design needs, and what the rulebase does with it."""

    status: str
    allowed_by: list[Rule] = field(default_factory=list)
    blocked_by: list[Rule] = field(default_factory=list)  # the denies that match (first)
    undecided: list[Rule] = field(default_factory=list)  # rules that may match, can't be judged
    rule: FirewallRule | None = None  # what the design needs
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.status == ALLOWED


@dataclass
class BoundaryCheck:
    source_zone: str
    destination_zone: str
    needs: list[Need] = field(default_factory=list)


@dataclass
class Verification:
    rulebase: Rulebase
    boundaries: list[BoundaryCheck]
    exposures: list[Exposure]
    unaddressed: list[str]  # node ids without an address that rules had to match by name or not at all

    @property
    def needs(self) -> list[Need]:
        return [n for b in self.boundaries for n in b.needs]

    @property
    def gaps(self) -> list[Need]:
        return [n for n in self.needs if not n.ok]

    @property
    def ok(self) -> bool:
        return not self.gaps

    def count(self, status: str) -> int:
        return sum(1 for n in self.needs if n.status == status)


def judge(index: ChainIndex, src: Host, dst: Host, port: Port) -> Need:
    """The verdict of one chain on one needed rule (without ``rule`` set)."""
    chain = index.chain
    denies: list[Rule] = []
    full_deny: list[Rule] = []
    maybe: list[Rule] = []
    partial: list[Rule] = []
    for i in index.candidates(dst, port):
        rule = chain.rules[i]
        p = port_cover(rule.ports, port)
        if p == NO:
            continue
        s = cover(rule.source, src)
        if s == NO:
            continue
        d = cover(rule.destination, dst)
        if d == NO or (d == PART and dst.intervals is None and rule.action == DENY):
            continue  # a deny towards some addresses says nothing of "any Internet host"
        unknown = UNKNOWN in (s, d) or rule.conditional is not None
        full = s == d == p == YES
        if rule.action == DENY:
            if unknown:
                maybe.append(rule)
            else:
                denies.append(rule)
                if full:
                    full_deny.append(rule)
            continue
        if unknown:
            maybe.append(rule)
        elif full:
            if denies:
                return Need(SHADOWED, [rule], denies, maybe)
            if maybe:
                return Need(UNVERIFIABLE, [rule], [], maybe)
            return Need(ALLOWED, [rule])
        else:
            partial.append(rule)
    if full_deny:
        return Need(DENIED, [], denies, maybe)
    if maybe:
        return Need(UNVERIFIABLE, partial, denies, maybe)
    if not dst.known:  # rules that name addresses may reach it: the design doesn't say
        first = index.first_addressed(port, src)
        if first is not None:
            return Need(UNVERIFIABLE, partial, denies, [chain.rules[first]])
    if partial:
        return Need(PARTIAL, partial, denies)
    if denies:
        return Need(DENIED, [], denies)
    return Need(POLICY if chain.policy == ALLOW else NOT_ALLOWED)


def _detail(need: Need, src: Host, dst: Host, names: dict[str, str]) -> str:
    missing = [names[h.node] for h in (src, dst) if not h.known]
    if need.status == UNVERIFIABLE and missing:
        return (f"no address in the design for {' and '.join(missing)}: the rules that may apply "
                "name addresses")
    return {
        ALLOWED: "",
        SHADOWED: "an earlier deny matches first",
        DENIED: "a deny rule matches and no allow rule follows",
        PARTIAL: "allowed only for part of its addresses or ports",
        POLICY: "no rule allows it; it passes only because the policy accepts everything",
        NOT_ALLOWED: "no rule allows it",
        UNVERIFIABLE: "a rule that may apply has a condition the verifier cannot judge",
    }[need.status]


def _host_boundaries(doc: Document, catalog: Catalog, flows: Sequence[Flow], computers: frozenset[str],
                     hosts: dict[str, Host]) -> list[Boundary]:
    """For host firewalls: every flow towards the named computers (Exchange servers when the
    rulebase names none), crossing or not, per (source zone, destination zone)."""
    def on_host(node: Node) -> bool:
        if not computers:
            role = catalog.role(node.role)
            return role is not None and role.group == "exchange"
        return not hosts[node.id].names.isdisjoint(computers)

    boundaries: dict[tuple[str, str], Boundary] = {}
    rules: dict[tuple, FirewallRule] = {}
    for flow in flows:
        if not on_host(doc.node(flow.destination)):
            continue
        pair = (flow.source_zone, flow.destination_zone)
        boundary = boundaries.setdefault(pair, Boundary(*pair))
        key = (flow.source, flow.destination, flow.port)
        if key not in rules:
            rules[key] = FirewallRule(flow.source, flow.destination, flow.port)
            boundary.rules.append(rules[key])
        rules[key].flows.append(flow)
    for boundary in boundaries.values():
        boundary.rules = fold_unrestricted(boundary.rules)
    order = {z: i for i, z in enumerate(doc.zones)}
    return sorted(boundaries.values(), key=lambda b: (order.get(b.source_zone, 0), order.get(b.destination_zone, 0)))


def verify(doc: Document, catalog: Catalog, flows: Sequence[Flow], rulebase: Rulebase) -> Verification:
    """Judge every rule the design needs against ``rulebase``, and find excess exposure."""
    flows = list(flows)
    hosts = {n.id: host_of(doc, n) for n in doc.nodes.values()}
    names = {n.id: n.name for n in doc.nodes.values()}
    indexes = [ChainIndex(c) for c in rulebase.chains]
    if rulebase.scope == "host":
        boundaries = _host_boundaries(doc, catalog, flows, rulebase.hosts, hosts)
    else:
        boundaries = boundary_rules(doc, flows)
    checks, unaddressed = [], set()
    for boundary in boundaries:
        check = BoundaryCheck(boundary.source_zone, boundary.destination_zone)
        for rule in boundary.rules:
            src, dst = hosts[rule.source], hosts[rule.destination]
            unaddressed.update(h.node for h in (src, dst) if not h.known)
            need = _combine([judge(ix, src, dst, rule.port) for ix in indexes])
            need.rule = rule
            need.detail = _detail(need, src, dst, names)
            check.needs.append(need)
        checks.append(check)
    found = exposures(doc, catalog, flows, hosts, indexes)
    order = list(doc.nodes)
    return Verification(rulebase, checks, found, sorted(unaddressed, key=order.index))


def _combine(verdicts: list[Need]) -> Need:
    """A packet must pass every chain: the first chain that doesn't allow it decides."""
    if not verdicts:
        return Need(NOT_ALLOWED)
    for verdict in verdicts:
        if verdict.status != ALLOWED:
            return verdict
    return Need(ALLOWED, [r for v in verdicts for r in v.allowed_by])


__all__ = ["ALLOWED", "BoundaryCheck", "DENIED", "Exposure", "NOT_ALLOWED", "Need", "PARTIAL", "POLICY",
           "SHADOWED", "STATUSES", "UNVERIFIABLE", "Verification", "judge", "verify"]
