"""Analysis stays right when it is made fast: cached flows, indexed findings, the generator."""
from __future__ import annotations

from dataclasses import replace
from itertools import combinations

import pytest

from bench.generate import generate
from designer.analysis import FlowCache, analyse, compute_flows
from designer.analysis.findings import Context, Finding
from designer.analysis.labels import connection_label
from designer.io import load_document
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def design(catalog):
    return generate(160, 480, seed=7, catalog=catalog)


def test_generator_is_deterministic_and_realistic(catalog, design):
    again = generate(160, 480, seed=7, catalog=catalog)
    assert design.snapshot() == again.snapshot()
    assert generate(160, 480, seed=8, catalog=catalog).snapshot() != design.snapshot()
    assert (len(design.nodes), len(design.connections)) == (160, 480)
    kinds = {z.kind for z in design.zones.values()}
    assert kinds == {"internet", "perimeter", "internal"}
    version = design.exchange_version
    assert all(catalog.role(n.role).available_in(version) for n in design.nodes.values())
    with_path = [c for c in design.connections.values()
                 if catalog.paths_between(version, *(design.node(n).role for n in c.between))]
    assert 0.85 * len(design.connections) <= len(with_path) < len(design.connections)
    degree: dict[str, int] = {}
    for conn in design.connections.values():
        for end in conn.between:
            degree[end] = degree.get(end, 0) + 1
    assert 50 in degree.values()  # the node the drag benchmark moves
    assert all(n.pos is not None for n in design.nodes.values())
    assert all(z.rect is not None for z in design.zones.values())


def test_generated_design_without_geometry_round_trips(catalog, tmp_path):
    from designer.io import save_document

    doc = generate(60, 150, seed=3, geometry=False, catalog=catalog)
    assert all(n.pos is None for n in doc.nodes.values())
    save_document(doc, tmp_path / "d.yaml")
    assert load_document(tmp_path / "d.yaml").snapshot() == doc.snapshot()


def test_flow_cache_equals_compute_flows_through_edits(catalog, design):
    cache = FlowCache(catalog)
    assert cache.compute(design) == compute_flows(design, catalog)
    conn = next(c for c in design.connections.values() if c.services is None
                and len(catalog.services_between(design.exchange_version,
                                                 *(design.node(n).role for n in c.between))) > 1)
    a = design.node(conn.between[0])
    other_zone = next(z for z in design.zones if z != a.zone)
    services = catalog.services_between(design.exchange_version, a.role, design.node(conn.between[1]).role)
    for edit in (lambda: design.replace_node(replace(a, zone=other_zone)),
                 lambda: design.replace_connection(replace(conn, services=(services[0],))),
                 lambda: design.set_exchange_version("2013"),
                 lambda: design.remove_connection(conn.id)):
        edit()
        assert cache.compute(design) == compute_flows(design, catalog)
        assert cache.by_connection.get(conn.id, ()) == tuple(
            f for f in compute_flows(design, catalog) if f.connection == conn.id)


def test_labels_are_shared_but_right(catalog, design):
    for conn in list(design.connections.values())[:60]:
        label = connection_label(design, catalog, conn.id)
        assert label is connection_label(design, catalog, conn.id)
        if label.error:
            a, b = (design.node(n) for n in conn.between)
            assert catalog.role_name(a.role) in label.error and catalog.role_name(b.role) in label.error


# ---- the findings rules as they were before they were indexed: the reference
def _reference_boundary(ctx: Context):
    for support in ctx.catalog.rules_of_kind("no_boundary_between"):
        by_zone: dict[str, list[str]] = {}
        for node in ctx.doc.nodes.values():
            by_zone.setdefault(node.zone, []).append(node.id)
        for zone_a, zone_b in combinations(list(by_zone), 2):
            involved: set[str] = set()
            for tag_a, tag_b in support.between:
                for x in by_zone[zone_a]:
                    for y in by_zone[zone_b]:
                        tx, ty = ctx.tags(x), ctx.tags(y)
                        if (tag_a in tx and tag_b in ty) or (tag_b in tx and tag_a in ty):
                            involved.update((x, y))
            if not involved:
                continue
            nodes = tuple(n for n in ctx.doc.nodes if n in involved)
            conns = tuple(c.id for c in ctx.doc.connections.values() if set(c.between) <= involved)
            za, zb = ctx.doc.zone(zone_a).name, ctx.doc.zone(zone_b).name
            yield Finding(support.severity, support.id,
                          f"Zones {za} and {zb} put a boundary between "
                          f"{', '.join(ctx.name(n) for n in nodes)}. {support.text}",
                          nodes, conns, support.source)


def _reference_exposed(ctx: Context):
    g = ctx.graph
    for node in ctx.doc.nodes.values():
        if node.role != "mailbox":
            continue
        flows = [d["flow"] for src, _, d in g.in_edges(node.id, data=True)
                 if ctx.zone_kind(src) == "internet"]
        if flows:
            yield flows


@pytest.mark.parametrize("which", ["generated", *[p.name for p in SAMPLES]])
def test_indexed_findings_equal_the_reference(catalog, design, which):
    from designer.analysis import findings as rules

    doc = design if which == "generated" else load_document(next(p for p in SAMPLES if p.name == which))
    ctx = Context(doc, catalog)
    assert list(rules.unsupported_boundary(ctx)) == list(_reference_boundary(ctx))
    exposed = list(rules.mailbox_exposed(ctx))
    reference = list(_reference_exposed(ctx))
    assert len(exposed) == len(reference)
    for finding, flows in zip(exposed, reference):
        assert finding.nodes == rules._ids(flows)[0] and finding.connections == rules._ids(flows)[1]
        assert ", ".join(dict.fromkeys(f"{f.port} {f.service}" for f in flows)) in finding.message
    assert analyse(doc, catalog) == analyse(doc, catalog, FlowCache(catalog).compute(doc))
