"""Findings on the addresses of a design: zone subnets, node and group-member addresses. Pure
Python (the standard library's ``ipaddress``, through :mod:`designer.model.addresses`).

- ``malformed_address`` (error): an entry that is not an IPv4 or IPv6 address or network (a
  subnet with host bits set included), with its line in the file.
- ``duplicate_address`` (error): one host address (a /32 or /128) given to two nodes or members.
  Equal subnets on two nodes are not flagged: two Internet nodes may both stand for 0.0.0.0/0.
- ``address_outside_zone`` (warning): a node's (or member's) address outside every subnet of
  its zone, when the zone has subnets.
- ``overlapping_subnets`` (warning): a subnet of one zone that overlaps a subnet of another.
- ``broad_perimeter_subnet`` (warning): a perimeter zone's subnet shorter than /8 (IPv4) or /32
  (IPv6, the smallest block a regional registry allocates to a provider): a rule built on it
  would admit far more than the zone's servers.

A design without addresses gets none of these. A finding about a zone's subnet names the zone's
id among its ``nodes``, so that selecting the finding selects the zone.
"""
from __future__ import annotations

import ipaddress
from typing import Iterator

from ..model import Document
from ..model.addresses import Network, parse_network, zone_networks, within
from ..support.i18n import QT_TRANSLATE_NOOP, Message
from ..support.states import Severity, ZoneKind
from .findings import Context, Finding, _finding, _say, rule

# the longest prefix that is still too broad for a perimeter zone, per IP version
BROAD_PREFIX = {4: 8, 6: 32}


class Entry:
    """One address or subnet as written, with where it is: a zone, a node or a group member."""

    __slots__ = ("owner", "member", "index", "text", "line", "kind")

    def __init__(self, owner: str, member: tuple[int, str] | None, index: int, text: str, line: int | None,
                 kind: str) -> None:
        self.owner, self.member, self.index, self.text, self.line, self.kind = owner, member, index, text, line, kind

    def where(self, doc: Document) -> Message:
        """``EDGE01: address '10.0.0.300' (line 12)``, in the words of the entry's kind."""
        value, line = self.text, self.line
        if self.kind == "zone":
            name = doc.zone(self.owner).name
            if line:
                return _say(QT_TRANSLATE_NOOP("Findings", "Zone {zone}: subnet '{value}' (line {line})"),
                            zone=name, value=value, line=line)
            return _say(QT_TRANSLATE_NOOP("Findings", "Zone {zone}: subnet '{value}'"), zone=name, value=value)
        node = doc.node(self.owner).name
        if self.member is not None:
            member = self.member[1]
            if line:
                return _say(QT_TRANSLATE_NOOP("Findings", "{node}, member {member}: address '{value}' (line {line})"),
                            node=node, member=member, value=value, line=line)
            return _say(QT_TRANSLATE_NOOP("Findings", "{node}, member {member}: address '{value}'"),
                        node=node, member=member, value=value)
        if line:
            return _say(QT_TRANSLATE_NOOP("Findings", "{node}: address '{value}' (line {line})"),
                        node=node, value=value, line=line)
        return _say(QT_TRANSLATE_NOOP("Findings", "{node}: address '{value}'"), node=node, value=value)

    def who(self, doc: Document) -> str:
        """The node's name, or ``DAG1/MBX1`` for a member."""
        name = doc.node(self.owner).name
        return f"{name}/{self.member[1]}" if self.member is not None else name


def zone_entries(doc: Document, zone_id: str) -> list[Entry]:
    lines = doc.source_lines
    return [Entry(zone_id, None, i, text, lines.get((zone_id, f"subnets[{i}]")), "zone")
            for i, text in enumerate(doc.zone(zone_id).subnets)]


def node_entries(doc: Document, node_id: str) -> list[Entry]:
    """The node's own addresses, then each member's."""
    lines, node = doc.source_lines, doc.node(node_id)
    out = [Entry(node_id, None, i, text, lines.get((node_id, f"addresses[{i}]")), "node")
           for i, text in enumerate(node.addresses)]
    for m, member in enumerate(node.members):
        out += [Entry(node_id, (m, member.name), i, text,
                      lines.get((node_id, f"members[{m}].addresses[{i}]")), "node")
                for i, text in enumerate(member.addresses)]
    return out


def _all_entries(doc: Document) -> tuple[list[Entry], list[Entry]]:
    zones = [e for z in doc.zones for e in zone_entries(doc, z)]
    nodes = [e for n in doc.nodes.values() if n.addresses or n.members for e in node_entries(doc, n.id)]
    return zones, nodes


def why_malformed(text: str) -> Message:
    """What is wrong with an entry :func:`parse_network` refuses."""
    if not text.strip():
        return _say(QT_TRANSLATE_NOOP("Findings", "is empty."))
    if text != text.strip():
        return _say(QT_TRANSLATE_NOOP("Findings", "has spaces around it."))
    try:
        network = ipaddress.ip_network(text, strict=False)
    except ValueError:
        return _say(QT_TRANSLATE_NOOP("Findings", "is not an IPv4 or IPv6 address or network."))
    return _say(QT_TRANSLATE_NOOP("Findings", "has host bits set: as a network it is {network}; write that, or "
                                  "the address alone."), network=str(network))


@rule
def malformed_address(ctx: Context) -> Iterator[Finding]:
    zones, nodes = _all_entries(ctx.doc)
    for entry in zones + nodes:
        if parse_network(entry.text) is None:
            yield _finding(Severity.ERROR, "malformed_address", [entry.where(ctx.doc), why_malformed(entry.text)],
                           (entry.owner,))


@rule
def duplicate_address(ctx: Context) -> Iterator[Finding]:
    _zones, nodes = _all_entries(ctx.doc)
    owners: dict[Network, dict[tuple, Entry]] = {}  # host address -> (node, member) -> first entry
    for entry in nodes:
        net = parse_network(entry.text)
        if net is None or net.num_addresses != 1:
            continue
        owners.setdefault(net, {}).setdefault((entry.owner, entry.member), entry)
    for net, by_owner in owners.items():
        if len(by_owner) < 2:
            continue
        entries = list(by_owner.values())
        who = ", ".join(e.who(ctx.doc) for e in entries)
        lines = [str(e.line) for e in entries if e.line]
        if lines:
            say = _say(QT_TRANSLATE_NOOP("Findings", "The address {address} is given to {owners} (lines {lines}); "
                                         "one address is one server."),
                       address=str(net.network_address), owners=who, lines=", ".join(lines))
        else:
            say = _say(QT_TRANSLATE_NOOP("Findings", "The address {address} is given to {owners}; one address is "
                                         "one server."), address=str(net.network_address), owners=who)
        yield _finding(Severity.ERROR, "duplicate_address", [say], tuple(dict.fromkeys(e.owner for e in entries)))


@rule
def address_outside_zone(ctx: Context) -> Iterator[Finding]:
    doc = ctx.doc
    subnets = {z.id: zone_networks(z) for z in doc.zones.values() if z.subnets}
    for node in doc.nodes.values():
        nets = subnets.get(node.zone)
        if not nets or not (node.addresses or node.members):
            continue
        zone = doc.zone(node.zone)
        for entry in node_entries(doc, node.id):
            net = parse_network(entry.text)
            if net is None or within(net, nets):
                continue
            say = _say(QT_TRANSLATE_NOOP("Findings", "is outside the subnets of its zone {zone} ({subnets})."),
                       zone=zone.name, subnets=", ".join(str(n) for n in nets))
            yield _finding(Severity.WARNING, "address_outside_zone", [entry.where(doc), say], (node.id,))


@rule
def overlapping_subnets(ctx: Context) -> Iterator[Finding]:
    doc = ctx.doc
    spans = []  # (version, first, last, entry, network)
    for zone in doc.zones.values():
        seen: set[Network] = set()
        for entry in zone_entries(doc, zone.id):
            net = parse_network(entry.text)
            if net is None or net in seen:
                continue
            seen.add(net)
            spans.append((net.version, int(net.network_address), int(net.broadcast_address), entry, net))
    spans.sort(key=lambda s: (s[0], s[1], -s[2]))
    order = {z: i for i, z in enumerate(doc.zones)}
    pairs = []
    active: list[tuple] = []
    for span in spans:
        active = [a for a in active if a[0] == span[0] and a[2] >= span[1]]
        pairs += [(a, span) for a in active if a[3].owner != span[3].owner]
        active.append(span)
    pairs.sort(key=lambda p: (order[p[0][3].owner], p[0][3].index, order[p[1][3].owner], p[1][3].index))
    for a, b in pairs:
        first, second = sorted((a, b), key=lambda s: (order[s[3].owner], s[3].index))
        say = _say(QT_TRANSLATE_NOOP("Findings", "overlaps the subnet {subnet} of zone {zone}; a firewall can't "
                                     "tell the two zones apart there."),
                   subnet=str(second[4]), zone=doc.zone(second[3].owner).name)
        yield _finding(Severity.WARNING, "overlapping_subnets", [first[3].where(doc), say],
                       (first[3].owner, second[3].owner))


@rule
def broad_perimeter_subnet(ctx: Context) -> Iterator[Finding]:
    doc = ctx.doc
    for zone in doc.zones.values():
        if zone.kind != ZoneKind.PERIMETER or not zone.subnets:
            continue
        for entry in zone_entries(doc, zone.id):
            net = parse_network(entry.text)
            if net is None or net.prefixlen >= BROAD_PREFIX[net.version]:
                continue
            say = _say(QT_TRANSLATE_NOOP("Findings", "is too broad for a perimeter zone (a /{prefix}); rules "
                                         "built on it would admit far more than the zone's servers."),
                       prefix=net.prefixlen)
            yield _finding(Severity.WARNING, "broad_perimeter_subnet", [entry.where(doc), say], (zone.id,))
