"""Microsoft's rule on internal traffic in the firewall rules (issue 14): two sites with a
firewall between their Mailbox servers and domain controllers. The design raises Microsoft's
finding, and the rules for that boundary allow all traffic between those servers, in every
format, instead of a handful of Active Directory ports."""
import csv
import io

from designer.analysis import analyse, compute_flows
from designer.io.firewall_export import render_rules
from tests.conftest import build


def two_sites(version="2019"):
    return build(version, [("site_a", "internal"), ("site_b", "internal")],
                 [("mbx1", "mailbox", "site_a"), ("mbx2", "mailbox", "site_b"), ("dc2", "domain_controller", "site_b")],
                 [("c1", "mbx1", "mbx2"), ("c2", "mbx1", "dc2")])


def test_the_finding_stays_and_the_rules_allow_everything_between_the_servers(catalog):
    doc = two_sites()
    findings = analyse(doc, catalog)
    assert any(f.rule == "unrestricted_internal_traffic" and f.severity == "error" for f in findings)
    flows = compute_flows(doc, catalog)
    rows = list(csv.DictReader(io.StringIO(render_rules("csv", doc, catalog, flows))))
    crossing = {(r["Source"], r["Destination"], r["Protocol"], r["Port"]) for r in rows}
    # any protocol, any port, both ways, between each pair Microsoft says must be unrestricted
    assert {("MBX1", "MBX2", "any", "any"), ("MBX2", "MBX1", "any", "any"),
            ("MBX1", "DC2", "any", "any"), ("DC2", "MBX1", "any", "any")} <= crossing
    # the named ports between the same servers are folded into that one rule, not rules of their own
    assert all(port == "any" for (_, _, _, port) in crossing), crossing


def test_the_scripts_allow_any_protocol_between_the_servers(catalog):
    doc = two_sites()
    flows = compute_flows(doc, catalog)
    nft = render_rules("nft", doc, catalog, flows)
    allow = [line.strip() for line in nft.splitlines() if line.strip().startswith(("ip ", "ip6 "))
             and "accept" in line]
    assert allow and all("dport" not in line for line in allow), allow
    ps1 = render_rules("ps1", doc, catalog, flows)
    rules = [line for line in ps1.splitlines() if "New-NetFirewallRule" in line]
    assert rules and all("-Protocol Any" in line and "-LocalPort" not in line for line in rules), rules


def test_the_matrix_and_the_label_say_any_port_plainly(catalog):
    from designer.analysis.labels import connection_label

    doc = two_sites()
    label = connection_label(doc, catalog, "c1")
    assert any("any port/protocol" in line.text for line in label.all_lines)
