"""Addresses of zones, nodes and group members, read with the standard library's ``ipaddress``.

The model keeps every address as the user wrote it, so that a design with a malformed address
still opens and the mistake becomes a finding (with its line) instead of a lost file. These
pure functions say what the text means.
"""
from __future__ import annotations

import ipaddress
from typing import Iterable, Iterator

from .elements import Node, Zone

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_network(text: str) -> Network | None:
    """``text`` as a network: an address is its own /32 (or /128); ``None`` when malformed.

    A subnet with host bits set (``10.0.0.5/24``) is malformed: a firewall would read it as
    ``10.0.0.0/24`` and the design would not say what its author meant."""
    if not isinstance(text, str):
        return None
    value = text.strip()
    if not value or value != text:
        return None
    try:
        return ipaddress.ip_network(value, strict=True)
    except ValueError:
        return None


def malformed(texts: Iterable[str]) -> list[str]:
    return [t for t in texts if parse_network(t) is None]


def networks(texts: Iterable[str]) -> list[Network]:
    """The well-formed addresses among ``texts``, in order, without repeats."""
    seen: dict[Network, None] = {}
    for text in texts:
        net = parse_network(text)
        if net is not None:
            seen.setdefault(net)
    return list(seen)


def node_address_texts(node: Node) -> Iterator[str]:
    """Every address the node stands for: its own, then each member's."""
    yield from node.addresses
    for member in node.members:
        yield from member.addresses


def node_networks(node: Node) -> list[Network]:
    """The networks a firewall rule for this node (or group) must name; [] when none is known."""
    return networks(node_address_texts(node))


def zone_networks(zone: Zone) -> list[Network]:
    return networks(zone.subnets)


def within(net: Network, subnets: Iterable[Network]) -> bool:
    return any(net.version == s.version and net.subnet_of(s) for s in subnets)  # type: ignore[arg-type]


__all__ = ["Network", "malformed", "networks", "node_address_texts", "node_networks",
           "parse_network", "within", "zone_networks"]
