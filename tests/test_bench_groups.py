"""The bench's designs with groups: every Mailbox server a DAG of N, every DC a group of N."""
from __future__ import annotations

from bench.generate import generate
from designer.analysis import compute_flows
from designer.model.addresses import parse_network


def test_generated_groups_of_16(catalog):
    doc = generate(120, 300, seed=3, groups=16, catalog=catalog)
    groups = [n for n in doc.nodes.values() if n.is_group]
    assert groups and all(len(n.members) == 16 for n in groups)
    assert {n.role for n in groups} == {"mailbox", "domain_controller"}
    assert all(n.dag == (n.role == "mailbox") for n in groups)
    addresses = [a for n in groups for m in n.members for a in m.addresses]
    assert len(addresses) == len(set(addresses)) == 16 * len(groups)
    assert all(parse_network(a) is not None for a in addresses)
    flows = compute_flows(doc, catalog)
    assert {f.source for f in flows if f.within_group} == {n.id for n in groups if n.dag}
    plain = generate(120, 300, seed=3, catalog=catalog)  # the same design otherwise
    assert [(c.id, c.between) for c in plain.connections.values()] == \
        [(c.id, c.between) for c in doc.connections.values()]
