"""Scenarios come from the design's own flows: the samples and small built designs, without Qt."""
from __future__ import annotations

import pytest

from designer.analysis import compute_flows
from designer.analysis.scenarios import (
    hop_details,
    hop_summary,
    plain_encryption,
    scenarios,
)
from designer.io import load_document
from tests.conftest import ROOT, SAMPLES, ZONES, build


def sample(catalog, name):
    return load_document(ROOT / "data" / "samples" / name, roles=catalog.roles.keys())


def by_id(found):
    return {s.id: s for s in found}


def test_2016_sample_yields_the_four_mail_scenarios(catalog):
    doc = sample(catalog, "exchange2016-edge.yaml")
    found = scenarios(doc, catalog)
    assert [s.id for s in found] == ["external_outlook", "inbound_mail", "outbound_mail", "edgesync"]
    s = by_id(found)
    assert s["external_outlook"].nodes == ("remote_outlook", "proxy01", "ex01")
    assert s["external_outlook"].connections == ("c_outlook_proxy", "c_proxy_ex01")
    inbound = s["inbound_mail"]
    assert inbound.nodes[:2] == ("inet_mail", "edge01") and inbound.nodes[2] in {"ex01", "ex02"}
    assert s["outbound_mail"].nodes[1:] == ("edge01", "inet_mail")
    assert s["outbound_mail"].nodes[0] in {"ex01", "ex02"}
    assert s["edgesync"].nodes in {("ex01", "edge01"), ("ex02", "edge01")}


def test_each_hop_keeps_its_own_flows(catalog):
    doc = sample(catalog, "exchange2016-edge.yaml")
    inbound = by_id(scenarios(doc, catalog))["inbound_mail"]
    hop = inbound.hops[1]
    assert (hop.source, hop.destination, hop.connection) == ("edge01", "ex01", "c_edge_ex01")
    assert [(str(f.port), f.service) for f in hop.flows] == [("25/TCP", "SMTP")]
    edgesync = by_id(scenarios(doc, catalog))["edgesync"].hops[0]
    assert [(str(f.port), f.service, f.encryption) for f in edgesync.flows] == [("50636/TCP", "EdgeSync", "LDAPS")]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_nothing_is_invented_and_the_result_is_deterministic(catalog, path):
    doc = load_document(path, roles=catalog.roles.keys())
    flows = compute_flows(doc, catalog)
    found = scenarios(doc, catalog, flows)
    assert found and found == scenarios(doc, catalog, list(flows))
    for scenario in found:
        assert scenario.hops and scenario.title and scenario.description
        for a, b in zip(scenario.hops, scenario.hops[1:]):
            assert a.destination == b.source  # a chain
        assert len(set(scenario.nodes)) == len(scenario.nodes)  # no loops
        for hop in scenario.hops:
            assert hop.flows
            for flow in hop.flows:
                assert flow in flows
                assert (flow.source, flow.destination, flow.connection) == (hop.source, hop.destination,
                                                                            hop.connection)


def test_2010_sample_goes_through_hub_and_has_the_phone_call(catalog):
    doc = sample(catalog, "exchange2010-um.yaml")
    s = by_id(scenarios(doc, catalog))
    assert list(s) == ["external_outlook", "inbound_mail", "outbound_mail", "edgesync", "phone_call"]
    assert s["inbound_mail"].nodes == ("inet_mail", "edge01", "hub01", "mbx01")
    assert s["outbound_mail"].nodes == ("mbx01", "hub01", "edge01", "inet_mail")
    assert s["edgesync"].nodes == ("hub01", "edge01")
    assert s["external_outlook"].nodes == ("remote_outlook", "proxy01", "cas01", "mbx01")
    call = s["phone_call"]
    assert call.nodes == ("pbx01", "um01") and call.connections == ("c_pbx_um",)
    ports = {str(f.port) for f in call.hops[0].flows if f.service == "SIP"}
    assert {"5060/TCP", "5061/TCP"} <= ports
    assert {f.service for f in call.hops[0].flows} <= {"SIP", "RTP", "UM control"}


def test_2019_has_no_phone_call_even_with_a_pbx(catalog):
    doc = build("2019", ZONES, [("pbx", "ip_pbx", "lan"), ("mbx", "mailbox", "lan")], [("c1", "pbx", "mbx")])
    assert scenarios(doc, catalog) == []


def test_2016_phone_call_reaches_the_mailbox(catalog):
    doc = build("2016", ZONES, [("pbx", "ip_pbx", "lan"), ("mbx", "mailbox", "lan")], [("c1", "pbx", "mbx")])
    (call,) = scenarios(doc, catalog)
    assert call.id == "phone_call" and call.nodes == ("pbx", "mbx")
    assert {"SIP", "RTP"} <= {f.service for f in call.hops[0].flows}


def test_2013_phone_call_goes_through_the_call_router(catalog):
    doc = build("2013", ZONES, [("pbx", "ip_pbx", "lan"), ("cas", "client_access", "lan"),
                                ("mbx", "mailbox", "lan")],
                [("c1", "pbx", "cas"), ("c2", "cas", "mbx"), ("c3", "pbx", "mbx")])
    call = by_id(scenarios(doc, catalog))["phone_call"]
    assert call.nodes == ("pbx", "cas", "mbx")
    assert {str(f.port) for f in call.hops[0].flows} == {"5060/TCP", "5061/TCP"}


def test_a_design_without_edge_has_no_edgesync(catalog):
    doc = build("2016", ZONES, [("mail", "internet_mail", "inet"), ("mbx", "mailbox", "lan")],
                [("c1", "mail", "mbx")])
    s = by_id(scenarios(doc, catalog))
    assert "edgesync" not in s
    assert s["inbound_mail"].nodes == ("mail", "mbx") and s["outbound_mail"].nodes == ("mbx", "mail")


def test_selected_services_are_honoured(catalog):
    nodes = [("edge", "edge_transport", "dmz"), ("mbx", "mailbox", "lan")]
    assert [s.id for s in scenarios(build("2016", ZONES, nodes, [("c1", "mbx", "edge")]), catalog)] == ["edgesync"]
    assert scenarios(build("2016", ZONES, nodes, [("c1", "mbx", "edge", ["SMTP"])]), catalog) == []


def test_an_internal_outlook_is_not_an_external_user(catalog):
    doc = build("2016", ZONES, [("ol", "outlook", "lan"), ("mbx", "mailbox", "lan")], [("c1", "ol", "mbx")])
    assert scenarios(doc, catalog) == []
    doc = build("2016", ZONES, [("ol", "outlook", "inet"), ("mbx", "mailbox", "lan")], [("c1", "ol", "mbx")])
    (outlook,) = scenarios(doc, catalog)
    assert outlook.id == "external_outlook" and outlook.nodes == ("ol", "mbx")
    services = {f.service for f in outlook.hops[0].flows}
    assert {"MAPI over HTTP", "Autodiscover"} <= services and "Autodiscover (HTTP fallback)" not in services


def test_an_empty_design_has_no_scenario(catalog):
    assert scenarios(build("2016", ZONES), catalog) == []


def test_captions(catalog):
    doc = sample(catalog, "exchange2016-edge.yaml")
    hop = by_id(scenarios(doc, catalog))["inbound_mail"].hops[1]
    assert hop_details(doc, hop) == [
        "EDGE01 → EX01 · 25/TCP SMTP · Authentication: Exchange Server auth · Encryption: mutual TLS"]
    assert hop_summary(doc, hop) == "EDGE01 → EX01: encrypted"
    call = by_id(scenarios(sample(catalog, "exchange2010-um.yaml"), catalog))["phone_call"].hops[0]
    lines = hop_details(sample(catalog, "exchange2010-um.yaml"), call)
    assert lines[0].startswith("PBX01 → UM01 · 5060, 5065, 5067/TCP SIP · Authentication: By IP address")
    assert any(line.startswith("1024-65535/UDP RTP") for line in lines[1:])


def test_plain_encryption_words():
    assert plain_encryption(["encrypted"]) == "encrypted"
    assert plain_encryption(["none"]) == "not encrypted"
    assert plain_encryption(["optional", "encrypted"]) == "can be encrypted"
    assert plain_encryption(["none", "possible"]) == "partly encrypted"
    assert plain_encryption(["unknown"]) == "encryption not stated"
