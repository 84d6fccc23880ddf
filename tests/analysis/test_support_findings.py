"""Findings from Microsoft's statements on versions and hybrid: lifecycle (on a pinned date),
coexistence, hybrid hosts, roles that can't sit in a perimeter network, and the hybrid rules."""
from datetime import date

from designer.analysis import analyse
from designer.model import Connection, Document, Node, Zone

DAY = date(2026, 12, 4)
ZONES = (("cloud", "cloud"), ("inet", "internet"), ("dmz", "perimeter"), ("lan", "internal"))


def design(version, nodes, connections=(), zones=ZONES):
    doc = Document("Test", version)
    for zone_id, kind in zones:
        doc.add_zone(Zone(zone_id, zone_id.upper(), kind))
    for node in nodes:
        node_id, role, zone, *own = node
        doc.add_node(Node(node_id, node_id.upper(), role, zone, version=own[0] if own else None))
    for conn_id, a, b in connections:
        doc.add_connection(Connection(conn_id, (a, b)))
    return doc


def by_rule(findings, rule):
    return [f for f in findings if f.rule == rule]


def test_out_of_support_depends_on_the_date_and_names_the_way_forward(catalog):
    doc = design("2019", [("mbx", "mailbox", "lan")])
    assert not by_rule(analyse(doc, catalog, on=date(2025, 10, 14)), "out_of_support")  # its last day
    [finding] = by_rule(analyse(doc, catalog, on=date(2025, 10, 15)), "out_of_support")
    assert "out of support since 2025-10-14" in finding.message and finding.severity == "warning"
    assert "In-place upgrade to Exchange Server SE from Exchange Server 2019 CU14 or CU15" in finding.message
    assert finding.source == "ms_lifecycle_exchange_2019" and finding.nodes == ("mbx",)
    assert not by_rule(analyse(design("SE", [("mbx", "mailbox", "lan")]), catalog, on=DAY), "out_of_support")


def test_the_date_can_be_pinned_for_a_whole_run(catalog, monkeypatch):
    doc = design("2016", [("mbx", "mailbox", "lan")])
    monkeypatch.setenv("ETD_TODAY", "2025-01-01")
    assert not by_rule(analyse(doc, catalog), "out_of_support")
    monkeypatch.setenv("ETD_TODAY", "2026-12-04")
    assert by_rule(analyse(doc, catalog), "out_of_support")


def test_a_migration_from_2016_to_se_is_a_supported_coexistence(catalog):
    doc = design("SE", [("new", "mailbox", "lan"), ("old", "mailbox", "lan", "2016")], [("c1", "new", "old")])
    findings = analyse(doc, catalog, on=DAY)
    assert not [f for f in findings if f.rule.startswith("coexistence")]
    [old] = by_rule(findings, "out_of_support")
    assert old.nodes == ("old",) and "2016" in old.message


def test_2013_beside_se_is_an_unsupported_coexistence(catalog):
    doc = design("SE", [("new", "mailbox", "lan"), ("old", "mailbox", "lan", "2013")])
    [finding] = by_rule(analyse(doc, catalog, on=DAY), "coexistence_se")
    assert finding.severity == "error" and set(finding.nodes) == {"new", "old"}
    assert "prevents coexistence with Exchange Server 2013" in finding.message
    assert finding.source == "ms_upgrade_to_exchange_se"


def test_a_mailbox_in_the_perimeter_is_an_error_citing_microsoft(catalog):
    doc = design("SE", [("mbx", "mailbox", "dmz"), ("edge", "edge_transport", "dmz")])
    [finding] = by_rule(analyse(doc, catalog, on=DAY), "no_mailbox_or_cas_in_perimeter")
    assert finding.severity == "error" and finding.nodes == ("mbx",)
    assert "You can't deploy Mailbox or Client Access servers in a perimeter network" in finding.message
    assert finding.source == "ms_hybrid_prerequisites"


def test_exchange_online_without_directory_synchronisation(catalog):
    doc = design("SE", [("exo", "exchange_online", "cloud"), ("mbx", "mailbox", "lan")], [("c1", "exo", "mbx")])
    [finding] = by_rule(analyse(doc, catalog, on=DAY), "hybrid_needs_directory_sync")
    assert finding.nodes == ("exo",) and finding.severity == "error"
    synced = design("SE", [("exo", "exchange_online", "cloud"), ("mbx", "mailbox", "lan"),
                           ("aad", "entra_id", "cloud"), ("sync", "entra_connect", "lan")],
                    [("c1", "exo", "mbx"), ("c2", "sync", "aad")])
    assert not by_rule(analyse(synced, catalog, on=DAY), "hybrid_needs_directory_sync")


def test_hybrid_mail_through_an_edge_without_edgesync(catalog):
    nodes = [("exo", "exchange_online", "cloud"), ("edge", "edge_transport", "dmz"), ("mbx", "mailbox", "lan")]
    doc = design("SE", nodes, [("c1", "exo", "edge")])
    [finding] = by_rule(analyse(doc, catalog, on=DAY), "hybrid_edge_needs_edgesync")
    assert finding.nodes == ("edge",) and "EdgeSync" in finding.message
    subscribed = design("SE", nodes, [("c1", "exo", "edge"), ("c2", "edge", "mbx")])
    assert not by_rule(analyse(subscribed, catalog, on=DAY), "hybrid_edge_needs_edgesync")


def test_a_reverse_proxy_in_front_of_hybrid_endpoints_must_not_preauthenticate(catalog):
    doc = design("SE", [("exo", "exchange_online", "cloud"), ("rp", "reverse_proxy", "dmz"),
                        ("mbx", "mailbox", "lan")], [("c1", "exo", "mbx"), ("c2", "rp", "mbx")])
    [finding] = by_rule(analyse(doc, catalog, on=DAY), "hybrid_no_preauthentication")
    assert set(finding.nodes) == {"rp", "mbx"} and "Pre-Auth Supported? No" in finding.message
