from designer.analysis import boundary_rules, compute_flows, encryption_label
from designer.catalog import Encryption, Port
from tests.conftest import ZONES, build


def _summary(flows):
    return {(f.source, f.destination, str(f.port), f.service) for f in flows}


def test_edge_mailbox_connection_yields_three_flows_in_both_directions(catalog):
    doc = build("2016", ZONES, [("edge", "edge_transport", "dmz"), ("ex", "mailbox", "lan")],
                [("c1", "ex", "edge")])
    flows = compute_flows(doc, catalog)
    assert _summary(flows) == {
        ("edge", "ex", "25/TCP", "SMTP"),
        ("ex", "edge", "25/TCP", "SMTP"),
        ("ex", "edge", "50636/TCP", "EdgeSync"),
    }
    assert all(f.crossing and f.connection == "c1" for f in flows)
    edgesync = next(f for f in flows if f.service == "EdgeSync")
    assert (edgesync.source_zone, edgesync.destination_zone) == ("lan", "dmz")


def test_selected_services_limit_the_flows(catalog):
    doc = build("2016", ZONES, [("imap", "imap_client", "inet"), ("ex", "mailbox", "lan")],
                [("c1", "imap", "ex")])
    ports = {str(f.port) for f in compute_flows(doc, catalog)}
    assert ports == {"143/TCP", "993/TCP"}
    doc = build("2016", ZONES, [("pop", "pop_client", "inet"), ("ex", "mailbox", "lan")],
                [("c1", "pop", "ex", ["POP3"])])
    assert {str(f.port) for f in compute_flows(doc, catalog)} == {"110/TCP", "995/TCP"}
    doc = build("2016", ZONES, [("pop", "pop_client", "inet"), ("ex", "mailbox", "lan")],
                [("c1", "pop", "ex", ["IMAP4"])])
    assert compute_flows(doc, catalog) == []


def test_switching_version_reannotates(catalog):
    doc = build("2010", ZONES, [("edge", "edge_transport", "dmz"), ("hub", "hub_transport", "lan")],
                [("c1", "hub", "edge")])
    flows = compute_flows(doc, catalog)
    assert ("hub", "edge", "50636/TCP", "EdgeSync") in _summary(flows)
    edgesync = next(f for f in flows if f.service == "EdgeSync")
    assert edgesync.authentication == "Basic" and "LDAPS" in edgesync.encryption
    doc.set_exchange_version("2016")
    assert compute_flows(doc, catalog) == []  # no Hub Transport role in 2016


def test_same_zone_flows_do_not_cross(catalog):
    doc = build("2016", ZONES, [("ex", "mailbox", "lan"), ("dc", "domain_controller", "lan")],
                [("c1", "ex", "dc")])
    flows = compute_flows(doc, catalog)
    assert flows and not any(f.crossing for f in flows)
    assert boundary_rules(doc, flows) == []


def test_boundary_rules_group_and_deduplicate(catalog):
    doc = build("2016", ZONES, [("net", "internet_mail", "inet"), ("edge", "edge_transport", "dmz"),
                                ("ex", "mailbox", "lan")],
                [("c1", "net", "edge", ["SMTP"]), ("c2", "edge", "ex"), ("c3", "edge", "ex")])
    boundaries = boundary_rules(doc, compute_flows(doc, catalog))
    pairs = [(b.source_zone, b.destination_zone) for b in boundaries]
    assert pairs == [("inet", "dmz"), ("dmz", "inet"), ("dmz", "lan"), ("lan", "dmz")]
    dmz_lan = boundaries[2]
    assert [(r.source, r.destination, str(r.port)) for r in dmz_lan.rules] == [("edge", "ex", "25/TCP")]
    assert len(dmz_lan.rules[0].flows) == 2  # both parallel connections justify the one rule
    assert dmz_lan.rules[0].services == ["SMTP"]


def test_labels_and_ports():
    assert encryption_label(Encryption(True, ("TLS",), True)) == "TLS"
    assert encryption_label(Encryption(True, ("TLS",), False)) == "TLS (optional)"
    assert encryption_label(Encryption(True, ("TLS",), None)) == "TLS (default not stated)"
    assert encryption_label(Encryption(False, (), False)) == "None"
    assert encryption_label(Encryption(None, (), None)) == "Not stated"
    assert Port.parse("1024-65535/udp").value == "1024-65535"
    assert Port.parse("443/TCP").value == 443
