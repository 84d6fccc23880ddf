"""What changes between two designs (analysis.diff): pure Python, no Qt."""
from __future__ import annotations

from dataclasses import replace

import pytest

from designer.analysis.diff import ADDED, CHANGED, REMOVED, diff_designs
from designer.analysis.diff_rules import pair_leftovers
from designer.analysis.identity import identify
from designer.io import load_document
from designer.model import Connection, Member, Node, Zone
from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "samples" / "exchange2016-edge.yaml"


@pytest.fixture()
def pair(catalog):
    """Two copies of the 2016 sample: the design as it is and as it will be."""
    def load():
        return load_document(SAMPLE, roles=catalog.roles.keys())
    return load(), load()


def fields(change) -> dict[str, tuple[str, str]]:
    return {f.field: (f.old, f.new) for f in change.fields}


def test_a_design_against_itself_has_no_change(pair, catalog):
    diff = diff_designs(*pair, catalog)
    assert not diff.changed
    assert diff.rules == [] and diff.flows == [] and diff.elements == [] and diff.design == ()


def test_moving_the_edge_to_a_new_dmz_subnet_changes_its_rules_addresses(pair, catalog):
    old, new = pair
    old.replace_zone(replace(old.zone("dmz"), subnets=("10.1.0.0/24",)))
    old.replace_node(replace(old.node("edge01"), addresses=("10.1.0.10",)))
    new.replace_zone(replace(new.zone("dmz"), subnets=("10.2.0.0/24",)))
    new.replace_node(replace(new.node("edge01"), addresses=("10.2.0.10",)))
    diff = diff_designs(old, new, catalog)
    assert diff.changed and diff.flows == []  # the same flows, at another address
    assert {c.status for c in diff.rules} == {CHANGED}
    edge_rules = [c for c in diff.rules if "EDGE01" in (c.source, c.destination)]
    assert len(edge_rules) == len(diff.rules) == 16
    inbound = next(c for c in diff.rules if c.source == "Internet mail servers" and c.port.value == 25)
    assert fields(inbound) == {"destination addresses": ("10.1.0.10", "10.2.0.10")}
    assert inbound.destination_networks == ("10.2.0.10",)
    assert inbound.rule.services == ["SMTP"]
    assert (inbound.source_zone, inbound.destination_zone) == ("Internet", "Perimeter network (DMZ)")
    outbound = next(c for c in diff.rules if c.source == "EDGE01" and c.destination == "EX01")
    assert fields(outbound) == {"source addresses": ("10.1.0.10", "10.2.0.10")}
    elements = {(e.kind, e.new_id): e for e in diff.elements}
    assert fields(elements["zone", "dmz"]) == {"subnets": ("10.1.0.0/24", "10.2.0.0/24")}
    assert fields(elements["node", "edge01"]) == {"addresses": ("10.1.0.10", "10.2.0.10")}
    assert len(diff.elements) == 2


def test_a_group_members_addresses_are_the_rules_addresses(pair, catalog):
    old, new = pair
    new.replace_node(replace(new.node("ex01"), members=(Member("EX01A", ("10.0.0.1",)), Member("EX01B", ("10.0.0.2",)))))
    diff = diff_designs(old, new, catalog)
    to_edge = next(c for c in diff.rules if c.source == "EX01" and c.destination == "EDGE01" and c.port.value == 25)
    assert fields(to_edge) == {"source addresses": ("", "10.0.0.1, 10.0.0.2")}


def test_a_removed_node_removes_its_rules_flows_and_connections(pair, catalog):
    old, new = pair
    for conn in list(new.connections_of("ex02")):
        new.remove_connection(conn.id)
    new.remove_node("ex02")
    diff = diff_designs(old, new, catalog)
    assert {c.status for c in diff.rules} == {REMOVED}
    assert all("EX02" in (c.source, c.destination) for c in diff.rules)
    assert {(c.source, c.destination, str(c.port)) for c in diff.rules} >= {
        ("EDGE01", "EX02", "25/TCP"), ("EX02", "EDGE01", "50636/TCP")}
    assert {c.status for c in diff.flows} == {REMOVED}
    removed = {(e.kind, e.old_id) for e in diff.elements if e.status == REMOVED}
    assert ("node", "ex02") in removed and ("connection", "c_edge_ex02") in removed
    assert not any(e.status == ADDED for e in diff.elements)
    # the justification stays with a removed rule: the flows that needed it
    edgesync = next(c for c in diff.rules if str(c.port) == "50636/TCP")
    assert edgesync.new is None and edgesync.old is not None
    assert [f.service for f in edgesync.rule.flows] == ["EdgeSync"]


def test_a_node_drawn_again_keeps_its_identity_by_name(pair, catalog):
    """Deleted and drawn again: a new id, the same name; its connections match by their nodes."""
    old, new = pair
    node = new.node("edge01")
    conns = list(new.connections_of("edge01"))
    for conn in conns:
        new.remove_connection(conn.id)
    new.remove_node("edge01")
    new.add_node(replace(node, id="node_7"))
    for i, conn in enumerate(conns):
        new.add_connection(Connection(f"conn_{i}", tuple("node_7" if n == "edge01" else n for n in conn.between)))
    ident = identify(old, new)
    assert ident.node("node_7") == "edge01" and ident.connection("conn_0") == conns[0].id
    assert not diff_designs(old, new, catalog).changed


def test_renaming_a_node_changes_its_rules_names_not_their_identity(pair, catalog):
    old, new = pair
    new.replace_node(replace(new.node("ex01"), name="EXCH-01"))
    diff = diff_designs(old, new, catalog)
    assert {c.status for c in diff.rules} == {CHANGED}
    assert all(set(fields(c)) <= {"source", "destination"} for c in diff.rules)
    assert [fields(e) for e in diff.elements] == [{"name": ("EX01", "EXCH-01")}]
    assert diff.flows == []


def test_a_node_moved_into_another_zone_moves_its_rules_between_boundaries(pair, catalog):
    old, new = pair
    new.add_zone(Zone("dmz2", "DMZ 2", "perimeter"))
    new.replace_node(replace(new.node("edge01"), zone="dmz2"))
    diff = diff_designs(old, new, catalog)
    by_status = {s: {(c.source_zone, c.destination_zone) for c in diff.rules if c.status == s} for s in (ADDED, REMOVED)}
    assert ("Internet", "Perimeter network (DMZ)") in by_status[REMOVED]
    assert ("Internet", "DMZ 2") in by_status[ADDED]
    assert not any(c.status == CHANGED for c in diff.rules)
    moved = [c for c in diff.flows if c.status == CHANGED]
    assert moved and all(set(fields(c)) == {"zones"} for c in moved)
    assert fields(next(e for e in diff.elements if e.kind == "node")) == {
        "zone": ("Perimeter network (DMZ)", "DMZ 2")}


def test_unticking_a_service_removes_its_flows_and_rules(pair, catalog):
    old, new = pair
    new.replace_connection(replace(new.connection("c_edge_ex01"), services=("SMTP",)))
    diff = diff_designs(old, new, catalog)
    assert [(c.status, c.service) for c in diff.flows] == [(REMOVED, "EdgeSync")]
    assert [(c.status, c.source, c.destination, str(c.port)) for c in diff.rules] == [
        (REMOVED, "EX01", "EDGE01", "50636/TCP")]
    assert fields(next(e for e in diff.elements if e.kind == "connection")) == {"services": ("all", "SMTP")}


def test_designs_on_different_versions_compare_and_say_so(pair, catalog):
    old, new = pair
    old.set_exchange_version("2013")
    diff = diff_designs(old, new, catalog)
    assert diff.versions_differ
    assert {f.field: (f.old, f.new) for f in diff.design} == {"Exchange version": ("2013", "2016")}
    # the same service between the same nodes is one flow whose facts changed, not two
    smtp = [c for c in diff.flows if c.service == "SMTP"]
    assert smtp and {c.status for c in smtp} == {CHANGED}
    assert all(c.old and c.new and c.old[0].path.id != c.new[0].path.id for c in smtp)


def test_the_same_rule_on_another_port_is_one_changed_rule():
    removed = {("b", "s", "d", 25): "old"}
    added = {("b", "s", "d", 587): "new", ("b", "s", "x", 25): "other"}
    pairs = pair_leftovers(removed, added, lambda k, v: k[:3])
    assert pairs == [(("b", "s", "d", 25), ("b", "s", "d", 587))]
    assert removed == {} and added == {("b", "s", "x", 25): "other"}


def test_added_nodes_and_connections(pair, catalog):
    old, new = pair
    new.add_node(Node("ex03", "EX03", "mailbox", "internal"))
    new.add_connection(Connection("c_edge_ex03", ("edge01", "ex03")))
    diff = diff_designs(old, new, catalog)
    assert {(e.kind, e.status, e.new_id) for e in diff.elements} == {
        ("node", ADDED, "ex03"), ("connection", ADDED, "c_edge_ex03")}
    assert {(c.status, c.source, c.destination, str(c.port)) for c in diff.rules} == {
        (ADDED, "EDGE01", "EX03", "25/TCP"), (ADDED, "EX03", "EDGE01", "25/TCP"),
        (ADDED, "EX03", "EDGE01", "50636/TCP")}
    assert diff.counts()["rules"] == {"added": 3, "removed": 0, "changed": 0}


def test_layout_is_not_a_change(pair, catalog):
    old, new = pair
    new.replace_node(replace(new.node("ex01"), pos=(999.0, 999.0)))
    new.replace_zone(replace(new.zone("dmz"), color="#ff0000"))
    assert not diff_designs(old, new, catalog).changed
