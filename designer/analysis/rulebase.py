"""A firewall rulebase as the verifier reads it, whatever its format. Pure Python.

The readers in :mod:`designer.io.rulebase` turn an nftables ruleset, Windows Firewall rules or
a CSV into :class:`Rulebase`: ordered chains of :class:`Rule`, each matching a source, a
destination, a protocol and destination ports, with an action (allow or deny). A chain is
evaluated first match wins, and its policy applies when no rule matches; a packet must pass
every chain of the rulebase. Addresses are kept as integer intervals, so that the verifier
compares them without ``ipaddress`` objects in its inner loop.
"""
from __future__ import annotations

import functools
import ipaddress
from dataclasses import dataclass, field
from typing import Iterable

ALLOW, DENY = "allow", "deny"
TRANSPORTS = ("TCP", "UDP")
FULL_RANGE = ((1, 65535),)

#: An address interval: (IP version, first address as int, last address as int).
Interval = tuple[int, int, int]


def interval(net: ipaddress.IPv4Network | ipaddress.IPv6Network) -> Interval:
    return (net.version, int(net.network_address), int(net.broadcast_address))


@functools.lru_cache(maxsize=65536)
def parse_interval(text: str) -> Interval | None:
    """``10.0.0.1``, ``10.0.0.0/24``, ``10.0.0.0/255.255.255.0`` or ``10.0.0.1-10.0.0.9`` as
    one interval; ``None`` when it is none of these. Host bits in a prefix are ignored, as a
    firewall ignores them."""
    value = str(text).strip()
    if not value:
        return None
    try:
        if "-" in value and "/" not in value:
            first, last = (ipaddress.ip_address(p.strip()) for p in value.split("-", 1))
            if first.version != last.version or int(first) > int(last):
                return None
            return (first.version, int(first), int(last))
        return interval(ipaddress.ip_network(value, strict=False))
    except ValueError:
        return None


def merge(intervals: Iterable[Interval]) -> tuple[Interval, ...]:
    """Sorted, with touching and overlapping intervals joined."""
    out: list[list[int]] = []
    for version, lo, hi in sorted(intervals):
        if out and out[-1][0] == version and lo <= out[-1][2] + 1:
            out[-1][2] = max(out[-1][2], hi)
        else:
            out.append([version, lo, hi])
    return tuple((v, lo, hi) for v, lo, hi in out)


def covered(inner: Interval, outer: tuple[Interval, ...]) -> bool:
    """Whether ``inner`` lies inside one of the merged intervals ``outer``."""
    version, lo, hi = inner
    return any(v == version and a <= lo and hi <= b for v, a, b in outer)


def overlapping(inner: Interval, outer: tuple[Interval, ...]) -> bool:
    version, lo, hi = inner
    return any(v == version and a <= hi and lo <= b for v, a, b in outer)


def intersect(a: tuple[Interval, ...], b: tuple[Interval, ...]) -> tuple[Interval, ...]:
    """The addresses in both lists of intervals."""
    return merge((v, max(lo, c), min(hi, d)) for v, lo, hi in a for w, c, d in b
                 if v == w and max(lo, c) <= min(hi, d))


@dataclass(frozen=True)
class Endpoint:
    """Where a rule's source or destination may be. Nothing given: any address.

    ``networks``: the addresses it matches (``None``: any); ``excluded``: addresses it does not
    match (``!=`` in nftables); ``names``: node names (case-folded) a CSV names instead of
    addresses, with ``zone`` the zone name that goes with them; ``keyword``: an address the
    verifier cannot resolve (Windows' ``LocalSubnet``, an unknown set), which makes every
    comparison unknown."""

    networks: tuple[Interval, ...] | None = None
    excluded: tuple[Interval, ...] = ()
    names: frozenset[str] = frozenset()
    zone: str | None = None
    keyword: str | None = None

    @property
    def is_any(self) -> bool:
        return self.networks is None and not self.excluded and not self.names and self.keyword is None

    def restrict(self, other: "Endpoint") -> "Endpoint":
        """Both conditions at once (a jump's match and the rule's): the networks in both."""
        if other.is_any:
            return self
        if self.is_any:
            return other
        networks = self.networks
        if other.networks is not None:
            if networks is None:
                networks = other.networks
            else:
                networks = intersect(networks, other.networks)
        return Endpoint(networks, merge(self.excluded + other.excluded), self.names | other.names,
                        self.zone or other.zone, self.keyword or other.keyword)


ANY_ENDPOINT = Endpoint()


def interval_text(item: Interval) -> str:
    """``10.0.0.0/24``, ``10.0.0.5`` or ``10.0.0.1-10.0.0.9``."""
    version, lo, hi = item
    kind = ipaddress.IPv4Address if version == 4 else ipaddress.IPv6Address
    first, last = kind(lo), kind(hi)
    if lo == hi:
        return str(first)
    nets = list(ipaddress.summarize_address_range(first, last))
    return str(nets[0]) if len(nets) == 1 else f"{first}-{last}"


def endpoint_text(ep: Endpoint, limit: int = 8) -> str:
    """What an endpoint matches, for people: ``any``, addresses, ``not …``, node names."""
    if ep.is_any:
        return "any"
    parts = []
    if ep.networks == ():
        parts.append("no address (an empty set, or conditions that exclude each other)")
    elif ep.networks is not None:
        items = [interval_text(i) for i in ep.networks]
        parts.append(", ".join(items[:limit]) + (f" (+{len(items) - limit} more)" if len(items) > limit else ""))
    if ep.excluded:
        parts.append("not " + ", ".join(interval_text(i) for i in ep.excluded[:limit]))
    if ep.names:
        parts.append("named " + ", ".join(sorted(ep.names)))
    if ep.keyword:
        parts.append(ep.keyword)
    return "; ".join(parts)


@dataclass(frozen=True)
class Rule:
    """One rule. ``ports`` maps a transport (``TCP``, ``UDP``) to its destination port ranges;
    ``None`` is any protocol and any port. ``where`` says where it is (file and line, or
    chain and handle); ``conditional`` why the verifier cannot tell when it applies."""

    position: int
    action: str  # ALLOW or DENY
    source: Endpoint = ANY_ENDPOINT
    destination: Endpoint = ANY_ENDPOINT
    ports: dict[str, tuple[tuple[int, int], ...]] | None = None
    where: str = ""
    text: str = ""
    conditional: str | None = None

    def ports_text(self) -> str:
        if self.ports is None:
            return "any"
        return "; ".join(f"{t} {ranges_text(r)}" for t, r in self.ports.items()) or "none"


def ranges_text(ranges: Iterable[tuple[int, int]]) -> str:
    parts = [str(lo) if lo == hi else f"{lo}-{hi}" for lo, hi in ranges]
    return "any" if parts == ["1-65535"] else ", ".join(parts)


def merge_ranges(ranges: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[list[int]] = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return tuple((lo, hi) for lo, hi in out)


def subtract_ranges(ranges: Iterable[tuple[int, int]],
                    minus: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """The ports of ``ranges`` that are not in ``minus``."""
    out = []
    cut = merge_ranges(minus)
    for lo, hi in merge_ranges(ranges):
        start = lo
        for a, b in cut:
            if b < start or a > hi:
                continue
            if a > start:
                out.append((start, a - 1))
            start = max(start, b + 1)
            if start > hi:
                break
        if start <= hi:
            out.append((start, hi))
    return tuple(out)


@dataclass
class Chain:
    """An ordered list of rules, first match wins; ``policy`` when none matches."""

    name: str
    rules: list[Rule] = field(default_factory=list)
    policy: str = DENY


@dataclass
class Rulebase:
    """What a reader made of a file. ``scope`` is ``network`` (a firewall between zones: the
    flows that cross a boundary must pass) or ``host`` (Windows Firewall on the servers named
    in ``hosts``: every flow towards them must pass). ``notes`` say what the reader skipped
    or assumed."""

    file: str
    format: str
    chains: list[Chain] = field(default_factory=list)
    scope: str = "network"
    hosts: frozenset[str] = frozenset()
    notes: list[str] = field(default_factory=list)

    @property
    def rule_count(self) -> int:
        return sum(len(c.rules) for c in self.chains)


__all__ = ["ALLOW", "ANY_ENDPOINT", "Chain", "DENY", "Endpoint", "FULL_RANGE", "Interval", "Rule",
           "Rulebase", "TRANSPORTS", "covered", "endpoint_text", "interval_text", "intersect", "interval", "merge", "merge_ranges", "overlapping",
           "parse_interval", "ranges_text", "subtract_ranges"]
