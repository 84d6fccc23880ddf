"""Incremental analysis equals a full re-analysis, whatever the edits (random edits, property
tested), and an edit recomputes only what it touched."""
from __future__ import annotations

import random
from dataclasses import replace

import pytest

from bench.generate import generate
from designer.analysis import analyse, compute_flows
from designer.analysis import incremental as inc
from designer.analysis.incremental import IncrementalAnalysis
from designer.io import load_document
from designer.model import Connection, Document, Node, Rect, Zone
from designer.support.paths import samples_dir

BASES = ["generated", "exchangeSE-hybrid.yaml", "exchange2010-um.yaml", "migration-2016-to-SE.yaml",
         "exchange2016-edge.yaml"]
VERSIONS = ("2010", "2013", "2016", "2019", "SE")


def base(name: str, catalog) -> Document:
    if name == "generated":
        return generate(60, 160, seed=5, catalog=catalog, hub_degree=20)
    return load_document(samples_dir() / name, roles=catalog.roles.keys())


def assert_same_as_full(engine: IncrementalAnalysis, doc: Document, catalog) -> None:
    flows = compute_flows(doc, catalog)
    assert engine.flows == flows
    assert engine.findings == analyse(doc, catalog, flows)
    for conn_id in doc.connections:
        assert engine.flows_of(conn_id) == [f for f in flows if f.connection == conn_id]


def random_edit(rng: random.Random, doc: Document, catalog, serial: list[int]) -> None:
    """One edit of the kinds the editor makes (and a few it only makes through files)."""
    nodes, zones, conns = list(doc.nodes), list(doc.zones), list(doc.connections)
    roles = list(catalog.roles) + ["no_such_role"]
    kind = rng.choice(["move", "move", "zone", "role", "rename", "node_version", "add_node", "remove_node",
                       "connect", "disconnect", "services", "zone_name", "zone_kind", "zone_rect",
                       "add_zone", "remove_zone", "doc_name", "doc_version"])
    serial[0] += 1
    n = serial[0]
    if kind in ("move", "zone", "role", "rename", "node_version", "remove_node") and not nodes:
        kind = "add_node"
    if kind in ("disconnect", "services") and not conns:
        kind = "connect"
    if kind == "move":
        node = doc.node(rng.choice(nodes))
        doc.replace_node(replace(node, pos=(rng.uniform(-500, 3000), rng.uniform(-500, 3000))))
    elif kind == "zone":
        node = doc.node(rng.choice(nodes))
        doc.replace_node(replace(node, zone=rng.choice(zones)))
    elif kind == "role":
        node = doc.node(rng.choice(nodes))
        doc.replace_node(replace(node, role=rng.choice(roles)))
    elif kind == "rename":
        node = doc.node(rng.choice(nodes))
        doc.replace_node(replace(node, name=f"{node.name} {n}"))
    elif kind == "node_version":
        node = doc.node(rng.choice(nodes))
        doc.replace_node(replace(node, version=rng.choice((None,) + VERSIONS)))
    elif kind == "add_node":
        doc.add_node(Node(f"inc-n{n}", f"Node {n}", rng.choice(roles), rng.choice(zones), (n * 10.0, 0.0)),
                     index=rng.choice([None, 0, len(nodes) // 2]))
    elif kind == "remove_node":
        node_id = rng.choice(nodes)
        for conn in doc.connections_of(node_id):
            doc.remove_connection(conn.id)
        doc.remove_node(node_id)
    elif kind == "connect" and len(nodes) >= 2:
        a, b = rng.sample(nodes, 2)
        doc.add_connection(Connection(f"inc-c{n}", (a, b)), index=rng.choice([None, 0, len(conns) // 3]))
    elif kind == "disconnect":
        doc.remove_connection(rng.choice(conns))
    elif kind == "services":
        conn = doc.connection(rng.choice(conns))
        a, b = (doc.node(x).role for x in conn.between)
        known = list(catalog.services_between(doc.exchange_version, a, b))
        chosen = rng.sample(known, rng.randint(0, len(known))) + rng.choice([[], ["Made-up service"]])
        doc.replace_connection(replace(conn, services=rng.choice([None, tuple(chosen)])))
    elif kind == "zone_name":
        zone = doc.zone(rng.choice(zones))
        doc.replace_zone(replace(zone, name=f"{zone.name} {n}"))
    elif kind == "zone_kind":
        zone = doc.zone(rng.choice(zones))
        doc.replace_zone(replace(zone, kind=rng.choice(["internal", "perimeter", "internet", "cloud"])))
    elif kind == "zone_rect":
        zone = doc.zone(rng.choice(zones))
        doc.replace_zone(replace(zone, rect=Rect(n, n, 400, 300)))
    elif kind == "add_zone":
        doc.add_zone(Zone(f"inc-z{n}", f"Zone {n}", rng.choice(["internal", "perimeter", "internet"])))
    elif kind == "remove_zone":
        empty = [z for z in zones if not doc.nodes_in_zone(z)]
        if empty:
            doc.remove_zone(rng.choice(empty))
    elif kind == "doc_name":
        doc.set_name(f"Design {n}")
    elif kind == "doc_version":
        doc.set_exchange_version(rng.choice(VERSIONS))


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("name", BASES)
def test_incremental_equals_full_analysis_after_random_edits(catalog, name, seed):
    """Random edits (seeded), one to four at a time as a macro command makes several: after
    each batch the incremental results equal a full analysis of the document as it is."""
    rng = random.Random(f"{name}-{seed}")
    batches = [rng.randint(1, 4) for _ in range(25)]
    doc = base(name, catalog)
    engine = IncrementalAnalysis(catalog)
    engine.reset(doc)
    assert_same_as_full(engine, doc, catalog)
    serial = [0]
    for size in batches:
        for _ in range(size):
            random_edit(rng, doc, catalog, serial)
        engine.update()
        assert not engine.pending
        assert_same_as_full(engine, doc, catalog)


def test_every_rule_is_classed_or_global(catalog):
    """The rules named in the tables exist (a renamed rule would silently become global)."""
    from designer.analysis import RULES

    names = {r.__name__ for r in RULES}
    assert inc.NODE_RULES <= names and inc.CONNECTION_RULES <= names and set(inc.FLOW_FILTERS) <= names
    assert not (inc.NODE_RULES & inc.CONNECTION_RULES)


def test_a_move_within_its_zone_recomputes_nothing(catalog, monkeypatch):
    doc = base("generated", catalog)
    engine = IncrementalAnalysis(catalog)
    engine.reset(doc)
    flows, findings = engine.flows, engine.findings
    calls = []
    monkeypatch.setattr(inc._flows, "connection_flows", lambda *a: calls.append(a) or [])
    node = next(iter(doc.nodes.values()))
    doc.replace_node(replace(node, pos=(node.pos[0] + 40, node.pos[1])))
    assert engine.update() is False
    assert engine.flows is flows and engine.findings is findings and calls == []


def test_an_edit_recomputes_only_the_flows_of_the_connections_it_touched(catalog, monkeypatch):
    doc = base("generated", catalog)
    engine = IncrementalAnalysis(catalog)
    engine.reset(doc)
    hub = max(doc.nodes, key=lambda n: len(doc.connections_of(n)))
    other = next(z for z in doc.zones if z != doc.node(hub).zone)
    seen: list[str] = []
    real = inc._flows.connection_flows
    monkeypatch.setattr(inc._flows, "connection_flows", lambda d, c, conn: seen.append(conn.id) or real(d, c, conn))
    doc.replace_node(replace(doc.node(hub), zone=other))
    assert engine.update() is True
    assert sorted(seen) == sorted(c.id for c in doc.connections_of(hub))
    assert_same_as_full(engine, doc, catalog)


def test_a_rule_it_does_not_know_runs_on_the_whole_design_after_any_change(catalog, monkeypatch):
    """A new rule (here: one finding per zone, by name) is global: it runs again after an edit
    of an empty zone too, and its findings stay equal to a full analysis."""
    from designer.analysis import RULES, Finding

    def zone_names(ctx):
        for zone in ctx.doc.zones.values():
            yield Finding("info", "zone_names", zone.name)
    monkeypatch.setattr("designer.analysis.findings.RULES", RULES + [zone_names])
    monkeypatch.setattr(inc, "RULES", RULES + [zone_names])
    doc = base("generated", catalog)
    engine = IncrementalAnalysis(catalog)
    engine.reset(doc)
    doc.add_zone(Zone("empty", "Empty", "internal"))
    engine.update()
    doc.replace_zone(replace(doc.zone("empty"), name="Renamed"))
    assert engine.update() is True
    assert [f.message for f in engine.findings if f.rule == "zone_names"][-1] == "Renamed"
    assert engine.findings == analyse(doc, catalog)
