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

import bisect
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from ..catalog import ANY_PORT, Catalog, Port
from ..model import Document, Node
from ..model.addresses import node_networks
from ..support.states import ZoneKind
from .firewall import Boundary, FirewallRule, boundary_rules, fold_unrestricted
from .flows import Flow
from .rulebase import (
    ALLOW, DENY, TRANSPORTS, Chain, Endpoint, Interval, Rule, Rulebase, covered, interval, merge,
    merge_ranges, overlapping, ranges_text, subtract_ranges,
)

YES, PART, NO, UNKNOWN = "yes", "part", "no", "unknown"
ALLOWED, SHADOWED, DENIED, PARTIAL, POLICY, NOT_ALLOWED, UNVERIFIABLE = (
    "allowed", "shadowed", "denied", "partial", "policy", "not allowed", "unverifiable")
STATUSES = (ALLOWED, SHADOWED, DENIED, PARTIAL, POLICY, NOT_ALLOWED, UNVERIFIABLE)
_NARROW = {4: 1 << 16, 6: 1 << 80}  # wider destinations are checked for every host


@dataclass(frozen=True)
class Host:
    """What the verifier knows of a node's address: ``intervals`` (merged), ``None`` for any
    address (an Internet node without one), ``()`` when unknown."""

    node: str
    name: str  # case-folded
    zone: str  # the zone's name, case-folded
    intervals: tuple[Interval, ...] | None

    @property
    def known(self) -> bool:
        return self.intervals is None or bool(self.intervals)


def host_of(doc: Document, node: Node) -> Host:
    nets = node_networks(node)
    zone = doc.zone(node.zone)
    if nets:
        intervals: tuple[Interval, ...] | None = merge(interval(n) for n in nets)
    else:
        intervals = None if zone.kind == ZoneKind.INTERNET else ()
    return Host(node.id, node.name.casefold(), zone.name.casefold(), intervals)


def cover(ep: Endpoint, host: Host) -> str:
    """How much of ``host`` the endpoint matches: YES, PART, NO or UNKNOWN."""
    if ep.is_any:
        return YES
    if ep.names:
        named = host.name in ep.names and (ep.zone is None or ep.zone == host.zone)
        if ep.networks is None and not ep.excluded and ep.keyword is None:
            return YES if named else NO
        if named and not host.intervals:  # no address in the design (or any): the name decides
            return YES
    if ep.keyword is not None or not host.known:
        return UNKNOWN
    if host.intervals is None:  # any address: a rule narrower than that matches part of it
        return PART
    result = YES
    if ep.networks is not None:
        if all(covered(i, ep.networks) for i in host.intervals):
            result = YES
        elif any(overlapping(i, ep.networks) for i in host.intervals):
            result = PART
        else:
            return NO
    if ep.excluded:
        if all(covered(i, ep.excluded) for i in host.intervals):
            return NO
        if any(overlapping(i, ep.excluded) for i in host.intervals):
            result = PART
    return result


def port_cover(ports: dict[str, tuple[tuple[int, int], ...]] | None, port: Port) -> str:
    if ports is None:
        return YES
    if port.is_any:
        return PART if ports else NO
    ranges = ports.get(port.transport)
    if not ranges:
        return NO
    if any(a <= port.low and port.high <= b for a, b in ranges):
        return YES
    return PART if any(a <= port.high and port.low <= b for a, b in ranges) else NO


@dataclass
class Need:
    """One rule the design needs, and what the rulebase does with it."""

    rule: FirewallRule
    status: str = ALLOWED
    allowed_by: list[Rule] = field(default_factory=list)
    blocked_by: list[Rule] = field(default_factory=list)
    undecided: list[Rule] = field(default_factory=list)
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
class Exposure:
    """An allow rule that opens ports towards an Exchange server that no flow needs."""

    rule: Rule
    host: str  # node id
    extra: str  # the ports no flow needs, as text
    needed: str  # the ports flows do need there, as text


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


class ChainIndex:
    """A chain's rules found by destination: by node name, by address interval (bisect over
    narrow destinations), and the wide ones every host sees."""

    def __init__(self, chain: Chain) -> None:
        self.chain = chain
        self.by_name: dict[str, list[int]] = {}
        self.narrow: dict[int, list[tuple[int, int, int]]] = {4: [], 6: []}  # (lo, hi, index)
        self.wide: list[int] = []
        self.addressed: list[int] = []  # rules whose destination names addresses
        for i, rule in enumerate(chain.rules):
            dest = rule.destination
            for name in dest.names:
                self.by_name.setdefault(name, []).append(i)
            if dest.names and dest.networks is None and not dest.excluded and dest.keyword is None:
                continue
            if dest.networks is not None and not dest.excluded and dest.keyword is None and all(
                    hi - lo < _NARROW[v] for v, lo, hi in dest.networks):
                for v, lo, hi in dest.networks:
                    self.narrow[v].append((lo, hi, i))
                self.addressed.append(i)
            else:
                self.wide.append(i)
                if not dest.is_any:
                    self.addressed.append(i)
        for entries in self.narrow.values():
            entries.sort()
        self._lows = {v: [e[0] for e in entries] for v, entries in self.narrow.items()}
        self._cache: dict[tuple, list[int]] = {}

    def candidates(self, host: Host, port: Port) -> list[int]:
        """The positions of the rules whose destination may match ``host``, in order. For a
        host of any or no known address, the first rule naming addresses that may carry
        ``port`` stands for all of them (each would match it in part, or unknowably)."""
        key = (host.name, host.zone, host.intervals, None if host.intervals else port)
        found = self._cache.get(key)
        if found is not None:
            return found
        hits = set(self.wide)
        hits.update(self.by_name.get(host.name, ()))
        if host.intervals:
            for v, lo, hi in host.intervals:
                entries, lows = self.narrow[v], self._lows[v]
                start = bisect.bisect_left(lows, lo - _NARROW[v])
                end = bisect.bisect_right(lows, hi)
                hits.update(i for a, b, i in entries[start:end] if b >= lo)
        else:
            rules = self.chain.rules
            first = next((i for i in self.addressed if port_cover(rules[i].ports, port) != NO), None)
            if first is not None:
                hits.add(first)
        found = self._cache[key] = sorted(hits)
        return found


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
                return Need(None, SHADOWED, [rule], denies, maybe)  # type: ignore[arg-type]
            if maybe:
                return Need(None, UNVERIFIABLE, [rule], [], maybe)  # type: ignore[arg-type]
            return Need(None, ALLOWED, [rule])  # type: ignore[arg-type]
        else:
            partial.append(rule)
    if full_deny:
        return Need(None, DENIED, [], denies, maybe)  # type: ignore[arg-type]
    if maybe:
        return Need(None, UNVERIFIABLE, partial, denies, maybe)  # type: ignore[arg-type]
    if partial:
        return Need(None, PARTIAL, partial, denies)  # type: ignore[arg-type]
    if denies:
        return Need(None, DENIED, [], denies)  # type: ignore[arg-type]
    return Need(None, POLICY if chain.policy == ALLOW else NOT_ALLOWED)  # type: ignore[arg-type]


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


def _host_boundaries(doc: Document, catalog: Catalog, flows: Sequence[Flow],
                     hosts: frozenset[str]) -> list[Boundary]:
    """For host firewalls: every flow towards the named servers (Exchange servers when the
    rulebase names none), crossing or not, per (source zone, destination zone)."""
    def on_host(node: Node) -> bool:
        if not hosts:
            role = catalog.role(node.role)
            return role is not None and role.group == "exchange"
        return node.name.casefold() in hosts or node.name.casefold().split(".")[0] in hosts

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
        boundaries = _host_boundaries(doc, catalog, flows, rulebase.hosts)
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
    exposures = _exposures(doc, catalog, flows, hosts, indexes)
    order = list(doc.nodes)
    return Verification(rulebase, checks, exposures, sorted(unaddressed, key=order.index))


def _combine(verdicts: list[Need]) -> Need:
    """A packet must pass every chain: the first chain that doesn't allow it decides."""
    if not verdicts:
        return Need(None, NOT_ALLOWED)  # type: ignore[arg-type]
    for verdict in verdicts:
        if verdict.status != ALLOWED:
            return verdict
    return Need(None, ALLOWED, [r for v in verdicts for r in v.allowed_by])  # type: ignore[arg-type]


def _port_ranges(ports: Iterable[Port]) -> tuple[bool, dict[str, tuple[tuple[int, int], ...]]]:
    """Whether any of ``ports`` is unrestricted, and the ranges per transport."""
    unrestricted, ranges = False, {t: [] for t in TRANSPORTS}
    for port in ports:
        if port.is_any:
            unrestricted = True
        else:
            ranges.setdefault(port.transport, []).append((port.low, port.high))
    return unrestricted, {t: merge_ranges(r) for t, r in ranges.items()}


def _exposures(doc: Document, catalog: Catalog, flows: list[Flow], hosts: dict[str, Host],
               indexes: list[ChainIndex]) -> list[Exposure]:
    inbound: dict[str, list[Flow]] = {}
    for flow in flows:
        inbound.setdefault(flow.destination, []).append(flow)
    out = []
    for node in doc.nodes.values():
        role = catalog.role(node.role)
        if role is None or role.group != "exchange":
            continue
        host = hosts[node.id]
        for index in indexes:
            for i in index.candidates(host, ANY_PORT):
                rule = index.chain.rules[i]
                if rule.action != ALLOW or rule.conditional or cover(rule.destination, host) not in (YES, PART):
                    continue
                if _only(rule.source, host):
                    continue  # from the server to itself: no firewall between
                # a flow needs the rule's ports from its own source; Microsoft's unrestricted
                # traffic between servers justifies any port only for a rule from those servers
                needed = [f.port for f in inbound.get(node.id, ())
                          if cover(rule.source, hosts[f.source]) != NO
                          and (not f.port.is_any or _only(rule.source, hosts[f.source]))]
                extra = _extra_ports(rule, needed)
                if extra:
                    _, have = _port_ranges(needed)
                    needed_text = "; ".join(f"{t} {ranges_text(r)}" for t, r in have.items() if r)
                    if any(p.is_any for p in needed):
                        needed_text = "any (unrestricted)"
                    out.append(Exposure(rule, node.id, extra, needed_text or "none"))
    return out


def _only(ep: Endpoint, host: Host) -> bool:
    """Whether the endpoint matches nothing but the host itself."""
    if ep.networks is not None and host.intervals:
        return not ep.names and all(covered(i, host.intervals) for i in ep.networks)
    return ep.networks is None and ep.names == {host.name} and ep.keyword is None and not ep.excluded


def _extra_ports(rule: Rule, needed: list[Port]) -> str:
    unrestricted, have = _port_ranges(needed)
    if unrestricted:
        return ""
    if rule.ports is None:
        return "any protocol, any port"
    parts = []
    for transport, ranges in rule.ports.items():
        left = subtract_ranges(ranges, have.get(transport, ()))
        if left:
            parts.append(f"{transport} {ranges_text(left)}")
    return "; ".join(parts)


__all__ = ["ALLOWED", "BoundaryCheck", "ChainIndex", "DENIED", "Exposure", "Host", "NOT_ALLOWED",
           "Need", "PARTIAL", "POLICY", "SHADOWED", "STATUSES", "UNVERIFIABLE", "Verification",
           "cover", "host_of", "judge", "port_cover", "verify"]
