"""Matching a node of the design against a rule's endpoints and ports. Pure Python.

A node is a :class:`Host`: its addresses as merged intervals, any address (a node in an
Internet zone without one), or unknown (no address in the design). :func:`cover` says how much
of a host an endpoint matches; :class:`ChainIndex` finds the rules of a chain that may reach a
host on a port without scanning the whole chain.
"""
from __future__ import annotations

import bisect
import ipaddress
from dataclasses import dataclass

from ..catalog import Port
from ..model import Document, Node
from ..model.addresses import node_networks
from ..support.states import ZoneKind
from .rulebase import Chain, Endpoint, Interval, covered, interval, merge, overlapping

YES, PART, NO, UNKNOWN = "yes", "part", "no", "unknown"
_NARROW = {4: 1 << 16, 6: 1 << 80}  # wider destinations are checked for every host


@dataclass(frozen=True)
class Host:
    """What the verifier knows of a node's address: ``intervals`` (merged), ``None`` for any
    address (an Internet node without one), ``()`` when unknown."""

    node: str
    name: str  # case-folded
    zone: str  # the zone's name, case-folded
    intervals: tuple[Interval, ...] | None
    names: frozenset[str] = frozenset()  # the name, the FQDN and their first labels, case-folded

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
    spellings = {node.name.casefold()}
    if node.fqdn:
        spellings.add(node.fqdn.casefold())
    spellings |= {n.split(".")[0] for n in spellings if "." in n and n.split(".")[0]}
    return Host(node.id, node.name.casefold(), zone.name.casefold(), intervals, frozenset(spellings))


def cover(ep: Endpoint, host: Host) -> str:
    """How much of ``host`` the endpoint matches: YES, PART, NO or UNKNOWN."""
    if ep.is_any:
        return YES
    if ep.names:
        named = not ep.names.isdisjoint(host.names) and (ep.zone is None or ep.zone == host.zone)
        if ep.networks is None and not ep.excluded and ep.keyword is None:
            return YES if named else NO
        if named and not host.intervals:  # no address in the design (or any): the name decides
            return YES
    if ep.keyword is not None or not host.known:
        return UNKNOWN
    if host.intervals is None:  # any public address: a rule narrower than that matches part of it
        return PART if ep.networks is None or public(ep.networks) else NO
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


#: Addresses no Internet host has: private, shared, loopback and link-local (RFC 1918, 6598,
#: 4193 and the loopback and link-local blocks).
PRIVATE = merge(interval(ipaddress.ip_network(n)) for n in (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
    "fc00::/7", "fe80::/10", "::1/128"))


def public(networks: tuple[Interval, ...]) -> bool:
    """Whether some of ``networks`` lies outside :data:`PRIVATE` (an Internet host may be there)."""
    return not all(covered(i, PRIVATE) for i in networks)


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


def only(ep: Endpoint, host: Host) -> bool:
    """Whether the endpoint matches nothing but the host itself."""
    if ep.networks is not None and host.intervals:
        return not ep.names and all(covered(i, host.intervals) for i in ep.networks)
    return (ep.networks is None and bool(ep.names) and ep.names <= host.names and ep.keyword is None
            and not ep.excluded)


class ChainIndex:
    """A chain's rules found by destination and port: by node name and by address interval
    (bisect over narrow destinations) for a host; the wide destinations (any address, large
    networks, exclusions) by port."""

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
        self._hosts: dict[tuple, set[int]] = {}
        self._ports: dict[Port, set[int]] = {}
        self._cache: dict[tuple, list[int]] = {}
        self._first: dict[tuple, int | None] = {}

    def for_host(self, host: Host) -> set[int]:
        """The rules whose destination names the host or a narrow network that overlaps it."""
        key = (host.name, host.intervals)
        found = self._hosts.get(key)
        if found is None:
            found = {i for name in host.names for i in self.by_name.get(name, ())}
            for v, lo, hi in host.intervals or ():
                entries, lows = self.narrow[v], self._lows[v]
                start = bisect.bisect_left(lows, lo - _NARROW[v])
                end = bisect.bisect_right(lows, hi)
                found.update(i for a, b, i in entries[start:end] if b >= lo)
            self._hosts[key] = found
        return found

    def _for_port(self, port: Port) -> set[int]:
        found = self._ports.get(port)
        if found is None:
            rules = self.chain.rules
            found = self._ports[port] = {i for i in self.wide if port_cover(rules[i].ports, port) != NO}
        return found

    def first_addressed(self, port: Port, source: Host | None = None) -> int | None:
        """The first rule whose destination names addresses, whose ports may hold ``port`` and
        whose source may match ``source`` (any source when None)."""
        key = (port, None) if source is None else (port, source.name, source.intervals)
        if key not in self._first:
            rules = self.chain.rules
            self._first[key] = next((i for i in self.addressed if port_cover(rules[i].ports, port) != NO
                                     and (source is None or cover(rules[i].source, source) != NO)), None)
        return self._first[key]

    def candidates(self, host: Host, port: Port) -> list[int]:
        """The positions of the rules that may match ``host`` as destination on ``port``, in
        order. For a host of any or no known address, the first rule naming addresses that may
        carry ``port`` stands for all of them (each would match it in part, or unknowably)."""
        key = (host.name, host.intervals, port)
        found = self._cache.get(key)
        if found is not None:
            return found
        hits = self.for_host(host) | self._for_port(port)
        if not host.intervals:
            first = self.first_addressed(port)
            if first is not None:
                hits.add(first)
        found = self._cache[key] = sorted(hits)
        return found


class HostIndex:
    """The design's hosts found by an endpoint: by name, by address interval (bisect), and the
    hosts of any or unknown address, which every endpoint naming addresses may match."""

    def __init__(self, hosts: dict[str, Host]) -> None:
        self.all = list(hosts)
        self.by_name: dict[str, list[str]] = {}
        self.vague: set[str] = set()  # no address known
        self.anywhere: set[str] = set()  # any public address (Internet nodes without one)
        entries: dict[int, list[tuple[int, int, str]]] = {4: [], 6: []}
        for node, host in hosts.items():
            for name in host.names:
                self.by_name.setdefault(name, []).append(node)
            if host.intervals is None:
                self.anywhere.add(node)
            elif not host.intervals:
                self.vague.add(node)
            for v, lo, hi in host.intervals or ():
                entries[v].append((lo, hi, node))
        self.widest = {v: max((hi - lo for lo, hi, _ in e), default=0) for v, e in entries.items()}
        self.entries = {v: sorted(e) for v, e in entries.items()}
        self.lows = {v: [e[0] for e in es] for v, es in self.entries.items()}

    def matching(self, ep: Endpoint) -> set[str] | None:
        """The hosts the endpoint may match (a superset); ``None`` for all of them."""
        if ep.is_any or ep.excluded or ep.keyword is not None:
            return None
        found = set()
        for name in ep.names:
            found.update(self.by_name.get(name, ()))
        if ep.networks is None:
            return found
        found |= self.vague
        if public(ep.networks):
            found |= self.anywhere
        for v, lo, hi in ep.networks:
            entries, lows = self.entries[v], self.lows[v]
            start = bisect.bisect_left(lows, lo - self.widest[v])
            end = bisect.bisect_right(lows, hi)
            found.update(n for a, b, n in entries[start:end] if b >= lo)
        return found
