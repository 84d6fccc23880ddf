"""Sites (datacenters): a zone may belong to one (``site:`` on the zone). Pure Python.

A flow crosses sites when both of its zones name a site and the two differ; a zone without a
site (the Internet, a cloud) is in no site, so a flow to it crosses none.
"""
from __future__ import annotations

from ..model import Document


def site_of(doc: Document, zone_id: str) -> str | None:
    zone = doc.zones.get(zone_id)
    return zone.site if zone is not None and zone.site else None


def crossing_sites(doc: Document, source_zone: str, destination_zone: str) -> tuple[str, str] | None:
    """(source site, destination site) when the two zones are in different sites, else None."""
    a, b = site_of(doc, source_zone), site_of(doc, destination_zone)
    return (a, b) if a and b and a != b else None


def sites_label(doc: Document, source_zone: str, destination_zone: str, arrow: str = "→") -> str:
    """``"DC1 → DC2"`` for a crossing between sites, else ``""``."""
    pair = crossing_sites(doc, source_zone, destination_zone)
    return f"{pair[0]} {arrow} {pair[1]}" if pair else ""
