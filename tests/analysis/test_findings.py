from datetime import date

import pytest

from designer.analysis import RULES, Finding, analyse, rule
from tests.conftest import ZONES, build


def _by_rule(findings, name):
    return [f for f in findings if f.rule == name]


def test_no_data_path_is_an_error_with_the_reason(catalog):
    doc = build("2016", ZONES, [("ol", "outlook", "inet"), ("edge", "edge_transport", "dmz")],
                [("c1", "ol", "edge")])
    [finding] = _by_rule(analyse(doc, catalog), "no_data_path")
    assert finding.severity == "error" and finding.connections == ("c1",)
    assert "no data path between Outlook and Edge Transport server" in finding.message
    assert "no involvement" in finding.message  # Microsoft's rule: Edge takes no part in client traffic


def test_internal_exchange_boundary_is_an_error(catalog):
    zones = (("lan", "internal"), ("branch", "internal"))
    doc = build("2016", zones, [("ex1", "mailbox", "lan"), ("ex2", "mailbox", "branch"),
                                ("dc", "domain_controller", "lan")], [("c1", "ex2", "dc")])
    findings = _by_rule(analyse(doc, catalog), "unrestricted_internal_traffic")
    assert len(findings) == 1
    assert findings[0].severity == "error"
    assert set(findings[0].nodes) == {"ex1", "ex2", "dc"}
    assert findings[0].connections == ("c1",)
    assert "not support" in findings[0].message


def test_edge_is_the_exception_to_the_boundary_rule(catalog):
    doc = build("2016", ZONES, [("edge", "edge_transport", "dmz"), ("ex", "mailbox", "lan"),
                                ("dc", "domain_controller", "lan")],
                [("c1", "edge", "ex"), ("c2", "ex", "dc")])
    findings = analyse(doc, catalog)
    assert not _by_rule(findings, "unrestricted_internal_traffic")
    assert not [f for f in findings if f.severity == "error"]


def test_exchange_and_domain_controller_in_different_zones(catalog):
    zones = (("lan", "internal"), ("dcs", "internal"))
    doc = build("2016", zones, [("ex", "mailbox", "lan"), ("dc", "domain_controller", "dcs")],
                [("c1", "ex", "dc")])
    [finding] = _by_rule(analyse(doc, catalog), "unrestricted_internal_traffic")
    assert set(finding.nodes) == {"ex", "dc"}


def test_um_in_2019_is_an_error(catalog):
    doc = build("2019", ZONES, [("um", "unified_messaging", "lan"), ("pbx", "ip_pbx", "lan"),
                                ("ex", "mailbox", "lan")], [("c1", "pbx", "ex")])
    findings = analyse(doc, catalog)
    [role] = _by_rule(findings, "role_not_in_version")
    assert role.nodes == ("um",) and "removed in Exchange 2019" in role.message
    [voice] = _by_rule(findings, "um_removed")
    assert voice.connections == ("c1",) and voice.severity == "error"


def test_separate_roles_do_not_exist_in_2016(catalog):
    doc = build("2016", ZONES, [("hub", "hub_transport", "lan")])
    [finding] = _by_rule(analyse(doc, catalog), "role_not_in_version")
    assert "Mailbox server" in finding.message


def test_edge_outside_the_perimeter_is_a_warning(catalog):
    doc = build("2016", ZONES, [("edge", "edge_transport", "lan")])
    [finding] = _by_rule(analyse(doc, catalog), "expected_zone")
    assert finding.severity == "warning" and finding.nodes == ("edge",)
    assert "perimeter" in finding.message


def test_internet_mail_straight_to_a_mailbox_is_a_recommendation_not_an_error(catalog):
    """Microsoft documents inbound 25/TCP to a Mailbox server as the topology without Edge: the
    finding is information, says it is a recommendation, and cites Microsoft's page."""
    doc = build("2016", ZONES, [("net", "internet_mail", "inet"), ("ex", "mailbox", "lan")],
                [("c1", "net", "ex", ["SMTP"])])
    findings = analyse(doc, catalog)
    assert not _by_rule(findings, "mailbox_exposed")
    [finding] = _by_rule(findings, "mailbox_smtp_from_internet")
    assert finding.severity == "info" and "ex" in finding.nodes and "25/TCP" in finding.message
    assert "Recommendation: an Edge Transport server" in finding.message
    assert "not a Microsoft support rule" in finding.message and finding.source == "ms_ex2016_network_ports"


def test_https_straight_to_a_mailbox_is_a_warning_with_advice_for_https(catalog):
    doc = build("2016", ZONES, [("browser", "owa_browser", "inet"), ("ex", "mailbox", "lan")],
                [("c1", "browser", "ex")])
    [finding] = _by_rule(analyse(doc, catalog), "mailbox_exposed")
    assert finding.severity == "warning" and "443/TCP" in finding.message
    assert "reverse proxy or a load balancer" in finding.message and "Edge" not in finding.message
    assert finding.source == "source_doc_firewalls"


def test_plaintext_from_the_internet_is_a_warning(catalog):
    doc = build("2016", ZONES, [("browser", "owa_browser", "inet"), ("ex", "mailbox", "lan")],
                [("c1", "browser", "ex")])
    findings = _by_rule(analyse(doc, catalog), "plaintext_from_internet")
    assert findings and all(f.severity == "warning" for f in findings)
    assert any("80/TCP" in f.message for f in findings)


def test_exposure_beyond_smtp_https_dns_is_a_warning(catalog):
    doc = build("2016", ZONES, [("imap", "imap_client", "inet"), ("ex", "mailbox", "lan")],
                [("c1", "imap", "ex")])
    findings = _by_rule(analyse(doc, catalog), "internet_exposure")
    assert findings and all(f.severity == "warning" for f in findings)
    text = " ".join(f.message for f in findings)
    assert "143/TCP" in text and "993/TCP" in text and "from the Internet" in text
    # SMTP 25 alone is within the guidance
    doc = build("2016", ZONES, [("net", "internet_mail", "inet"), ("edge", "edge_transport", "dmz")],
                [("c1", "net", "edge", ["SMTP"])])
    assert not _by_rule(analyse(doc, catalog), "internet_exposure")


def test_imap_pop_and_send_connector_infos(catalog):
    doc = build("2016", ZONES, [("imap", "imap_client", "lan"), ("ex", "mailbox", "lan"),
                                ("net", "internet_mail", "inet"), ("edge", "edge_transport", "dmz")],
                [("c1", "imap", "ex"), ("c2", "edge", "net")])
    infos = [f for f in analyse(doc, catalog) if f.severity == "info"]
    text = " ".join(f.message for f in infos)
    assert "IMAP4" in text and "disabled by default" in text
    assert "Send connector" in text


def test_findings_are_sorted_by_severity(catalog):
    doc = build("2019", ZONES, [("um", "unified_messaging", "lan"), ("edge", "edge_transport", "lan"),
                                ("imap", "imap_client", "lan"), ("ex", "mailbox", "lan")],
                [("c1", "imap", "ex")])
    order = [f.severity for f in analyse(doc, catalog)]
    assert order == sorted(order, key=["error", "warning", "info"].index)


def test_a_new_rule_is_one_small_function(catalog):
    @rule
    def no_names_with_spaces(ctx):
        for node in ctx.doc.nodes.values():
            if " " in node.name:
                yield Finding("info", "name_spaces", f"{node.name} has a space", (node.id,))

    try:
        doc = build("2016", ZONES, [("ex", "mailbox", "lan")])
        doc.replace_node(doc.node("ex").__class__("ex", "EX 01", "mailbox", "lan"))
        assert _by_rule(analyse(doc, catalog), "name_spaces")
    finally:
        RULES.remove(no_names_with_spaces)


@pytest.mark.parametrize("version", ["2010", "2013", "2016", "2019", "SE"])
def test_every_rule_runs_on_an_empty_design(catalog, version):
    assert analyse(build(version), catalog, on=date(2020, 1, 1)) == []
    # after its end of support, an empty design on an old version says only that
    assert {f.rule for f in analyse(build(version), catalog, on=date(2026, 12, 4))} <= {"out_of_support"}
