"""The pure comparison of a rulebase with the flows a design needs (designer.analysis.verify)."""
from __future__ import annotations

import pytest

from designer.analysis import compute_flows
from designer.analysis.rulebase import ALLOW, DENY, Chain, Endpoint, Rule, Rulebase, merge, parse_interval
from designer.analysis.verify import (
    ALLOWED, DENIED, NOT_ALLOWED, PARTIAL, POLICY, SHADOWED, UNVERIFIABLE, verify,
)
from designer.model import Connection, Document, Node, Zone


def design(ex_addresses=("10.0.0.5",)) -> Document:
    doc = Document("Verify", "2016")
    doc.add_zone(Zone("inet", "Internet", "internet"))
    doc.add_zone(Zone("dmz", "DMZ", "perimeter", subnets=("192.168.10.0/24",)))
    doc.add_zone(Zone("lan", "LAN", "internal", subnets=("10.0.0.0/24",)))
    doc.add_node(Node("mail", "Internet mail", "internet_mail", "inet"))
    doc.add_node(Node("edge", "EDGE01", "edge_transport", "dmz", addresses=("192.168.10.5",)))
    doc.add_node(Node("ex", "EX01", "mailbox", "lan", addresses=tuple(ex_addresses)))
    doc.add_node(Node("ex2", "EX02", "mailbox", "lan"))  # no address
    doc.add_connection(Connection("c1", ("mail", "edge")))
    doc.add_connection(Connection("c2", ("edge", "ex")))
    doc.add_connection(Connection("c3", ("edge", "ex2")))
    return doc


def ep(*addresses: str, names=()) -> Endpoint:
    if not addresses and not names:
        return Endpoint()
    nets = merge(parse_interval(a) for a in addresses) if addresses else None
    return Endpoint(nets, names=frozenset(n.casefold() for n in names))


def tcp(*ports) -> dict:
    return {"TCP": tuple((p, p) if isinstance(p, int) else p for p in ports)}


def rulebase(*rules: Rule, policy: str = DENY, chains: int = 1) -> Rulebase:
    numbered = [Rule(i, r.action, r.source, r.destination, r.ports, f"rule {i + 1}") for i, r in enumerate(rules)]
    return Rulebase("test", "csv", [Chain("main", numbered, policy)] + [Chain("second", [], DENY)] * (chains - 1))


def run(catalog, rb: Rulebase, doc: Document | None = None):
    doc = doc or design()
    return verify(doc, catalog, compute_flows(doc, catalog), rb)


def need(result, source: str, destination: str, port: int = 25):
    found = [n for n in result.needs if (n.rule.source, n.rule.destination) == (source, destination)
             and n.rule.port.low == port and n.rule.port.transport == "TCP"]
    assert len(found) == 1, [(n.rule.source, n.rule.destination, str(n.rule.port)) for n in result.needs]
    return found[0]


def test_only_crossing_flows_are_required_per_boundary(catalog):
    result = run(catalog, rulebase(Rule(0, ALLOW)))
    pairs = {(b.source_zone, b.destination_zone) for b in result.boundaries}
    assert pairs == {("inet", "dmz"), ("dmz", "inet"), ("dmz", "lan"), ("lan", "dmz")}
    assert result.ok and all(n.status == ALLOWED for n in result.needs)


def test_an_allow_all_rule_exposes_every_port_of_the_exchange_servers(catalog):
    result = run(catalog, rulebase(Rule(0, ALLOW)))
    exposed = {(tuple(e.hosts), e.extra) for e in result.exposures}
    assert exposed == {(("edge", "ex", "ex2"), "any protocol, any port")}
    assert all(e.rule.where == "rule 1" for e in result.exposures)
    assert "TCP 25" in result.exposures[0].needed


def test_rules_that_open_only_what_flows_need_expose_nothing(catalog):
    rb = rulebase(Rule(0, ALLOW, ep(), ep("192.168.10.5"), tcp(25)),
                  Rule(0, ALLOW, ep("192.168.10.5"), ep("10.0.0.5"), tcp(25)),
                  Rule(0, ALLOW, ep("192.168.10.5"), ep("10.0.0.5"), tcp(25, 3389)))
    result = run(catalog, rb)
    assert need(result, "edge", "ex").status == ALLOWED
    assert [(e.hosts, e.extra, e.rule.where) for e in result.exposures] == [(["ex"], "TCP 3389", "rule 3")]


def test_no_rule_and_an_accept_policy_is_a_gap_that_says_so(catalog):
    result = run(catalog, rulebase(policy=ALLOW))
    assert not result.ok and {n.status for n in result.needs} == {POLICY}
    assert "policy accepts everything" in result.needs[0].detail


def test_no_rule_and_a_drop_policy_is_not_allowed(catalog):
    result = run(catalog, rulebase(Rule(0, ALLOW, ep(), ep("192.168.10.5"), tcp(25))))
    assert need(result, "mail", "edge").status == ALLOWED
    assert need(result, "edge", "ex").status == NOT_ALLOWED
    allowed = {(n.rule.source, n.rule.destination) for n in result.needs if n.ok}
    assert allowed == {("mail", "edge"), ("ex", "edge"), ("ex2", "edge")}  # any source, to EDGE01 25/TCP


def test_an_earlier_deny_shadows_the_allow_the_design_needs(catalog):
    rb = rulebase(Rule(0, DENY, ep("192.168.10.0/24"), ep("10.0.0.0/24"), {"TCP": ((1, 65535),)}),
                  Rule(0, ALLOW, ep("192.168.10.5"), ep("10.0.0.5"), tcp(25)))
    n = need(run(catalog, rb), "edge", "ex")
    assert n.status == SHADOWED
    assert [r.where for r in n.blocked_by] == ["rule 1"] and [r.where for r in n.allowed_by] == ["rule 2"]


def test_a_deny_of_part_of_the_addresses_still_shadows(catalog):
    rb = rulebase(Rule(0, DENY, ep(), ep("10.0.0.6"), tcp(25)),
                  Rule(0, ALLOW, ep(), ep("10.0.0.0/24"), tcp(25)))
    n = need(run(catalog, rb, design(("10.0.0.5", "10.0.0.6"))), "edge", "ex")
    assert n.status == SHADOWED


def test_a_deny_without_a_later_allow_is_denied(catalog):
    rb = rulebase(Rule(0, DENY, ep(), ep("10.0.0.5"), tcp(25)), policy=ALLOW)
    assert need(run(catalog, rb), "edge", "ex").status == DENIED


def test_an_allow_of_part_of_the_addresses_is_partial(catalog):
    rb = rulebase(Rule(0, ALLOW, ep(), ep("10.0.0.5"), tcp(25)))
    n = need(run(catalog, rb, design(("10.0.0.5", "10.0.0.6"))), "edge", "ex")
    assert n.status == PARTIAL and "part" in n.detail


def test_an_internet_node_without_an_address_stands_for_any_address(catalog):
    narrow = rulebase(Rule(0, ALLOW, ep("203.0.113.0/24"), ep("192.168.10.5"), tcp(25)))
    assert need(run(catalog, narrow), "mail", "edge").status == PARTIAL
    wide = rulebase(Rule(0, ALLOW, ep(), ep("192.168.10.5"), tcp(25)))
    assert need(run(catalog, wide), "mail", "edge").status == ALLOWED


def test_a_node_without_an_address_is_unverifiable_against_addresses_and_said_plainly(catalog):
    rb = rulebase(Rule(0, ALLOW, ep("192.168.10.5"), ep("10.0.0.0/24"), tcp(25)))
    result = run(catalog, rb)
    n = need(result, "edge", "ex2")
    assert n.status == UNVERIFIABLE and n.detail.startswith("no address in the design for EX02")
    assert need(result, "edge", "ex").status == ALLOWED
    assert result.unaddressed == ["ex2"] and not result.ok


def test_a_node_without_an_address_is_matched_by_name(catalog):
    rb = rulebase(Rule(0, ALLOW, ep("192.168.10.5"), ep(names=["ex02"]), tcp(25)))
    assert need(run(catalog, rb), "edge", "ex2").status == ALLOWED


def test_a_name_does_not_override_an_address_the_design_knows(catalog):
    rb = rulebase(Rule(0, ALLOW, ep(), ep("10.0.0.99", names=["EX01"]), tcp(25)))
    assert need(run(catalog, rb), "edge", "ex").status == NOT_ALLOWED


@pytest.mark.parametrize("ports,status", [(tcp(25), ALLOWED), (tcp((20, 30)), ALLOWED),
                                          (tcp(26), NOT_ALLOWED), ({"UDP": ((25, 25),)}, NOT_ALLOWED),
                                          (None, ALLOWED)])
def test_ports_and_protocols(catalog, ports, status):
    rb = rulebase(Rule(0, ALLOW, ep(), ep("10.0.0.5"), ports))
    assert need(run(catalog, rb), "edge", "ex").status == status


def test_every_chain_must_allow(catalog):
    result = run(catalog, rulebase(Rule(0, ALLOW), chains=2))
    assert {n.status for n in result.needs} == {NOT_ALLOWED}


def test_unrestricted_server_traffic_justifies_any_port_only_from_those_servers(catalog):
    doc = design()
    doc.add_node(Node("ex3", "EX03", "mailbox", "lan", addresses=("10.0.0.7",)))
    doc.add_connection(Connection("c4", ("ex", "ex3")))
    wide = rulebase(Rule(0, ALLOW, ep(), ep("10.0.0.5"), tcp(3389)))
    assert [(e.hosts, e.extra) for e in run(catalog, wide, doc).exposures] == [(["ex"], "TCP 3389")]
    narrow = rulebase(Rule(0, ALLOW, ep("10.0.0.7"), ep("10.0.0.5"), tcp(3389)))
    assert run(catalog, narrow, doc).exposures == []


def test_an_internet_node_is_no_private_address(catalog):
    rb = rulebase(Rule(0, ALLOW, ep("10.0.0.0/8", "192.168.0.0/16"), ep("192.168.10.5"), tcp(25)))
    assert need(run(catalog, rb), "mail", "edge").status == NOT_ALLOWED


def test_a_node_without_an_address_behind_rules_for_other_sources(catalog):
    other = Rule(0, ALLOW, ep("192.168.10.99"), ep("10.0.0.0/24"), tcp(25))
    mine = Rule(0, ALLOW, ep("192.168.10.5"), ep("10.0.0.0/24"), tcp(25))
    assert need(run(catalog, rulebase(other)), "edge", "ex2").status == NOT_ALLOWED  # no rule from EDGE01
    assert need(run(catalog, rulebase(other, mine)), "edge", "ex2").status == UNVERIFIABLE
