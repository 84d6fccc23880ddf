"""The parts of a design: zones, nodes and connections. Immutable values; pure Python.

The :class:`~designer.model.document.Document` replaces an element to change it, so an old
value is a free snapshot for undo. ``extra`` keeps the keys this program does not know, so a
file written by a newer tool or by hand loses nothing when saved again.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from ..support.states import ZoneKind

ZONE_KINDS: tuple[ZoneKind, ...] = tuple(ZoneKind)  # internal, perimeter, internet, cloud


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.x + self.width and self.y <= y <= self.y + self.height

    @property
    def area(self) -> float:
        return self.width * self.height


@dataclass(frozen=True)
class Zone:
    id: str
    name: str
    kind: str  # one of ZONE_KINDS
    rect: Rect | None = None
    color: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, compare=True, hash=False)
    subnets: tuple[str, ...] = ()  # IPv4/IPv6 CIDR as written; see model.addresses
    site: str | None = None  # the datacenter (site) the zone belongs to


@dataclass(frozen=True)
class Member:
    """One server of a group node (a DAG, a load-balanced array, a set of DCs)."""

    name: str
    addresses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    role: str
    zone: str
    pos: tuple[float, float] | None = None
    extra: Mapping[str, Any] = field(default_factory=dict, compare=True, hash=False)
    version: str | None = None  # an Exchange server's own version; None: the design's
    addresses: tuple[str, ...] = ()  # IPs or subnets as written; see model.addresses
    fqdn: str | None = None
    members: tuple[Member, ...] = ()  # a group node's servers; () for a single server
    dag: bool = False  # the group is a Database Availability Group

    @property
    def is_group(self) -> bool:
        return bool(self.members)


@dataclass(frozen=True)
class Connection:
    id: str
    between: tuple[str, str]
    services: tuple[str, ...] | None = None  # None: every service the knowledge base gives
    extra: Mapping[str, Any] = field(default_factory=dict, compare=True, hash=False)

    def other(self, node_id: str) -> str:
        a, b = self.between
        return b if node_id == a else a
