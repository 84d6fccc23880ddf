"""Excess exposure: allow rules that open more towards an Exchange server than the design needs. Pure Python.

For every Exchange server and every allow rule that reaches it (as destination), the ports the
rule opens are compared with the ports the design's flows need there from the sources the rule
admits. What is left is excess. Microsoft's unrestricted traffic between servers justifies any
port only for a rule from those very servers, not for a rule from anywhere. A rule from the
server to itself is skipped (no firewall lies between). One :class:`Exposure` per rule and
excess, naming every server it reaches so.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from ..catalog import Catalog, Port
from ..model import Document
from .flows import Flow
from .matching import NO, PART, YES, ChainIndex, Host, HostIndex, cover, only
from .rulebase import ALLOW, TRANSPORTS, Endpoint, Rule, merge_ranges, ranges_text, subtract_ranges

Ranges = tuple[tuple[int, int], ...]


@dataclass
class Exposure:
    """An allow rule that opens ports towards Exchange servers that no flow needs."""

    rule: Rule
    extra: str  # the ports no flow needs, as text
    needed: str  # the ports flows do need there (from the rule's sources), as text
    hosts: list[str] = field(default_factory=list)  # node ids
    needs: dict[str, None] = field(default_factory=dict, repr=False)  # each server's needed text


class _Needs:
    """The ports each Exchange server needs, per source endpoint of a rule (cached)."""

    def __init__(self, flows: Sequence[Flow], hosts: dict[str, Host]) -> None:
        self.hosts = hosts
        self.inbound: dict[str, dict[str, set[Port]]] = {}
        for flow in flows:
            self.inbound.setdefault(flow.destination, {}).setdefault(flow.source, set()).add(flow.port)
        self._cache: dict[tuple[Endpoint, str], tuple[bool, dict[str, Ranges], str]] = {}

    def of(self, source: Endpoint, node: str) -> tuple[bool, dict[str, Ranges], str]:
        """Whether unrestricted traffic is needed, the needed ranges per transport and their text."""
        key = (source, node)
        found = self._cache.get(key)
        if found is not None:
            return found
        unrestricted, ranges = False, {t: [] for t in TRANSPORTS}
        for src_id, ports in self.inbound.get(node, {}).items():
            src = self.hosts[src_id]
            if cover(source, src) == NO:
                continue
            for port in ports:
                if not port.is_any:
                    ranges.setdefault(port.transport, []).append((port.low, port.high))
                elif not unrestricted and only(source, src):
                    unrestricted = True
        have = {t: merge_ranges(r) for t, r in ranges.items()}
        text = "any (unrestricted)" if unrestricted else (
            "; ".join(f"{t} {ranges_text(r)}" for t, r in have.items() if r) or "none")
        found = self._cache[key] = (unrestricted, have, text)
        return found


def extra_ports(ports: dict[str, Ranges] | None, unrestricted: bool, have: dict[str, Ranges]) -> str:
    """The ports of a rule that the needed ports don't account for, as text ('' when none)."""
    if unrestricted:
        return ""
    if ports is None:
        return "any protocol, any port"
    parts = []
    for transport, ranges in ports.items():
        left = subtract_ranges(ranges, have.get(transport, ()))
        if left:
            parts.append(f"{transport} {ranges_text(left)}")
    return "; ".join(parts)


def exposures(doc: Document, catalog: Catalog, flows: Sequence[Flow], hosts: dict[str, Host],
              indexes: Sequence[ChainIndex]) -> list[Exposure]:
    exchange = [n.id for n in doc.nodes.values()
                if (role := catalog.role(n.role)) is not None and role.group == "exchange"]
    found = _Found(_Needs(flows, hosts))
    senders = HostIndex(hosts)
    sends_to: dict[str, set[str]] = {}  # source node -> the Exchange servers it has flows to
    wanted = set(exchange)
    for flow in flows:
        if flow.destination in wanted:
            sends_to.setdefault(flow.source, set()).add(flow.destination)
    for c, index in enumerate(indexes):
        rules = index.chain.rules
        for node in exchange:  # rules towards the server's own addresses or name
            host = hosts[node]
            for i in sorted(index.for_host(host)):
                if _reaches(rules[i], host):
                    found.add(c, i, rules[i], node, per_host=True)
        for i in index.wide:  # rules towards any address or wide networks: every server they reach
            rule = rules[i]
            if rule.action != ALLOW or rule.conditional:
                continue
            reached = exchange if rule.destination.is_any else [n for n in exchange if _reaches(rule, hosts[n])]
            near = senders.matching(rule.source)
            touched = set(exchange) if near is None else {d for s in near for d in sends_to.get(s, ())} | near
            for node in reached:
                found.add(c, i, rule, node, per_host=node in touched)
    return found.result()


def _reaches(rule: Rule, host: Host) -> bool:
    return (rule.action == ALLOW and not rule.conditional and cover(rule.destination, host) in (YES, PART))


class _Found:
    """Exposures by (chain, rule, excess), each with its servers."""

    def __init__(self, needs: _Needs) -> None:
        self.needs = needs
        self.found: dict[tuple[int, int, str], Exposure] = {}
        self.extras: dict[tuple, str] = {}

    def add(self, chain: int, index: int, rule: Rule, node: str, per_host: bool) -> None:
        """``per_host``: the rule's sources may send to the server (else nothing is needed)."""
        if per_host:
            if only(rule.source, self.needs.hosts[node]):
                return  # from the server to itself: no firewall between
            unrestricted, have, needed = self.needs.of(rule.source, node)
        else:
            unrestricted, have, needed = False, {}, "none"
        ports_key = None if rule.ports is None else tuple(rule.ports.items())
        key = (ports_key, unrestricted, needed)
        extra = self.extras.get(key)
        if extra is None:
            extra = self.extras[key] = extra_ports(rule.ports, unrestricted, have)
        if extra:
            exposure = self.found.get((chain, index, extra))
            if exposure is None:
                exposure = self.found[(chain, index, extra)] = Exposure(rule, extra, "")
            exposure.hosts.append(node)
            exposure.needs.setdefault(needed, None)

    def result(self) -> list[Exposure]:
        for exposure in self.found.values():
            texts = list(exposure.needs)
            exposure.needed = " | ".join(texts[:3]) + (f" | +{len(texts) - 3} more" if len(texts) > 3 else "")
        return sorted(self.found.values(), key=lambda e: (e.rule.position, e.rule.where))


__all__ = ["Exposure", "exposures", "extra_ports"]
