"""The document's index of connections by node answers as a scan of every connection would,
in document order, through inserts at an index, re-pointed connections and removals."""
from __future__ import annotations

import random
from dataclasses import replace

import pytest

from designer.model import Connection, Document, ModelError, Node, Zone


def scan(doc: Document, node_id: str) -> list[Connection]:
    return [c for c in doc.connections.values() if node_id in c.between]


@pytest.mark.parametrize("seed", range(5))
def test_connections_of_equals_a_scan_through_random_edits(seed):
    rng = random.Random(seed)
    doc = Document()
    doc.add_zone(Zone("z", "Z", "internal"))
    for i in range(12):
        doc.add_node(Node(f"n{i}", f"N{i}", "mailbox", "z"))
    nodes = list(doc.nodes)
    for step in range(300):
        conns = list(doc.connections)
        action = rng.choice(["add", "add", "insert", "remove", "repoint"])
        if action in ("add", "insert") or not conns:
            a, b = rng.sample(nodes, 2)
            index = rng.randrange(len(conns) + 1) if action == "insert" else None
            doc.add_connection(Connection(f"c{step}", (a, b)), index)
        elif action == "remove":
            doc.remove_connection(rng.choice(conns))
        else:
            conn = doc.connection(rng.choice(conns))
            doc.replace_connection(replace(conn, between=tuple(rng.sample(nodes, 2))))
        for node_id in nodes:
            assert doc.connections_of(node_id) == scan(doc, node_id)


def test_a_node_with_connections_cannot_be_removed_and_then_can():
    doc = Document()
    doc.add_zone(Zone("z", "Z", "internal"))
    doc.add_node(Node("a", "A", "mailbox", "z"))
    doc.add_node(Node("b", "B", "mailbox", "z"))
    doc.add_connection(Connection("c", ("a", "b")))
    with pytest.raises(ModelError):
        doc.remove_node("a")
    doc.remove_connection("c")
    doc.remove_node("a")
    assert doc.connections_of("b") == [] and doc.connections_of("a") == []
