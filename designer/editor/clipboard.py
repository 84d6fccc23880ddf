"""Copy and paste of a part of a design, as the editor does it: which elements a copy holds, and
the new elements a paste adds (new ids, shifted, each node in a zone). Pure model work: the
editor turns the result into one undoable command."""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from ..model import Connection, Document, Node, Rect, Zone, new_id, slug
from ..model.layout import zone_at


class NoZoneError(Exception):
    """A pasted node has no zone to go into (the design has none)."""


def fragment(doc: Document, ids: Iterable[str]) -> Document:
    """The chosen zones and nodes (a zone with its nodes) and the connections among them, with
    every zone a node refers to, so the fragment loads on its own; ``extra["copied_zones"]``
    names the zones that were chosen (the others only hold nodes)."""
    ids = set(ids)
    part = Document(doc.name, doc.exchange_version)
    zones = [z for z in doc.zones.values() if z.id in ids]
    zone_ids = {z.id for z in zones}
    nodes = [n for n in doc.nodes.values() if n.id in ids or n.zone in zone_ids]
    for zone in doc.zones.values():
        if zone in zones or any(n.zone == zone.id for n in nodes):
            part.add_zone(zone)
    for node in nodes:
        part.add_node(node)
    chosen = {n.id for n in nodes}
    for conn in doc.connections.values():
        if set(conn.between) <= chosen:
            part.add_connection(conn)
    part.extra["copied_zones"] = [z.id for z in zones]
    return part


def pasted(doc: Document, part: Document, offset: tuple[float, float]) -> tuple[list[Zone | Node | Connection], list[str]]:
    """The elements pasting ``part`` into ``doc`` adds, in the order to add them (zones, nodes,
    connections), with new ids and moved by ``offset``: a node goes into its copied zone, else
    the zone under it, else its own zone or the design's first. Also the new ids, in order.
    Raises :class:`NoZoneError` when a node has no zone to go into."""
    taken = set(doc.all_ids())
    mapping: dict[str, str] = {}
    dx, dy = offset
    added: list[Zone | Node | Connection] = []
    new_zones: dict[str, Zone] = {}
    for zone in part.zones.values():
        if zone.id not in part.extra.get("copied_zones", ()):
            continue
        mapping[zone.id] = new_id(slug(zone.name, "zone"), taken)
        taken.add(mapping[zone.id])
        rect = Rect(zone.rect.x + dx, zone.rect.y + dy, zone.rect.width, zone.rect.height) if zone.rect else None
        new_zones[mapping[zone.id]] = replace(zone, id=mapping[zone.id], rect=rect)
        added.append(new_zones[mapping[zone.id]])
    probe = Document()
    for zone in list(doc.zones.values()) + list(new_zones.values()):
        probe.add_zone(zone)
    for node in part.nodes.values():
        mapping[node.id] = new_id(slug(node.role, "node"), taken)
        taken.add(mapping[node.id])
        pos = (node.pos[0] + dx, node.pos[1] + dy) if node.pos else (dx, dy)
        zone = mapping.get(node.zone) or zone_at(probe, *pos) or (
            node.zone if node.zone in doc.zones else next(iter(doc.zones), None))
        if zone is None:
            raise NoZoneError(node.id)
        added.append(replace(node, id=mapping[node.id], zone=zone, pos=pos))
    for conn in part.connections.values():
        mapping[conn.id] = new_id("c", taken)
        taken.add(mapping[conn.id])
        between = (mapping[conn.between[0]], mapping[conn.between[1]])
        added.append(replace(conn, id=mapping[conn.id], between=between))
    return added, list(mapping.values())
