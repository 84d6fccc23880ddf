"""Which element of one design is which element of another. Pure Python.

Designs kept in git keep their ids (the file writes them), so elements are matched by id first.
What is left over on both sides is matched by name, where the name is unique among the
left-overs of its side (a node deleted and drawn again gets a new id but keeps its name).
Connections left over are matched by their two nodes (as matched), where that pair is unique
among the left-overs. Each element of the new design then has a *key*: its old partner's id,
or its own id when it has none (no old element can have that id, since ids in both designs
were matched first), so the flows and rules of both designs can be keyed alike.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable, Hashable, Mapping, TypeVar

from ..model import Document

T = TypeVar("T")


def match(old: Mapping[str, T], new: Mapping[str, T], alias: Callable[[str, T], Hashable | None]) -> dict[str, str]:
    """New id -> old id: equal ids, then equal ``alias`` among the left-overs where the alias is
    unique on both sides (``None``: no alias)."""
    pairs = {item_id: item_id for item_id in new if item_id in old}
    left_old = {item_id: alias(item_id, item) for item_id, item in old.items() if item_id not in pairs}
    left_new = {item_id: alias(item_id, item) for item_id, item in new.items() if item_id not in pairs}
    if not left_old or not left_new:
        return pairs
    count_old, count_new = Counter(left_old.values()), Counter(left_new.values())
    by_alias = {a: item_id for item_id, a in left_old.items() if a is not None and count_old[a] == 1}
    for item_id, a in left_new.items():
        if a is not None and count_new[a] == 1 and a in by_alias:
            pairs[item_id] = by_alias[a]
    return pairs


@dataclass(frozen=True)
class Identity:
    """New id -> key (the old partner's id, else its own) for zones, nodes and connections."""

    zones: dict[str, str]
    nodes: dict[str, str]
    connections: dict[str, str]

    def zone(self, new_id: str) -> str:
        return self.zones.get(new_id, new_id)

    def node(self, new_id: str) -> str:
        return self.nodes.get(new_id, new_id)

    def connection(self, new_id: str) -> str:
        return self.connections.get(new_id, new_id)


def identify(old: Document, new: Document) -> Identity:
    """Match the elements of ``new`` with those of ``old`` (see the module's text)."""
    zones = match(old.zones, new.zones, lambda _id, zone: zone.name)
    nodes = match(old.nodes, new.nodes, lambda _id, node: node.name)

    def old_pair(_id, conn) -> frozenset:
        return frozenset(conn.between)

    def new_pair(_id, conn) -> frozenset:
        return frozenset(nodes.get(n, n) for n in conn.between)

    # the same id is the same connection; left-overs by their two nodes
    connections = {c: c for c in new.connections if c in old.connections}
    left_old = {c: old_pair(c, x) for c, x in old.connections.items() if c not in connections}
    left_new = {c: new_pair(c, x) for c, x in new.connections.items() if c not in connections}
    count_old, count_new = Counter(left_old.values()), Counter(left_new.values())
    by_pair = {pair: c for c, pair in left_old.items() if count_old[pair] == 1}
    for c, pair in left_new.items():
        if count_new[pair] == 1 and pair in by_pair:
            connections[c] = by_pair[pair]
    return Identity(zones, nodes, connections)
