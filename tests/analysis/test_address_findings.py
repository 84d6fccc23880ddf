"""Findings on addresses and subnets: malformed (with its line), duplicates, outside the zone,
overlapping zones, over-broad perimeter subnets; none for a design without addresses."""
import subprocess
import sys
from dataclasses import replace

import pytest

from designer.analysis import analyse
from designer.io import load_document
from designer.io.document_yaml import loads_document
from designer.model import Member
from tests.conftest import ROOT, SAMPLES, ZONES, build

ADDRESS_RULES = {"malformed_address", "duplicate_address", "address_outside_zone", "overlapping_subnets",
                 "broad_perimeter_subnet"}

TEXT = """\
format: exchange-topology/1
name: t
exchange_version: "2016"
zones:
  - {id: inet, name: Internet, kind: internet}
  - id: dmz
    name: DMZ
    kind: perimeter
    subnets: [10.1.0.0/24, 0.0.0.0/0, "2001::/16", "2001:db8:1::/64"]
  - {id: lan, name: LAN, kind: internal, subnets: [10.0.0.0/16, 10.1.0.128/25, "::g", 10.0.0.5/24]}
nodes:
  - {id: net, name: Internet mail, role: internet_mail, zone: inet, addresses: [0.0.0.0/0]}
  - {id: net2, name: Clients, role: internet_mail, zone: inet, addresses: [0.0.0.0/0]}
  - id: edge
    name: EDGE01
    role: edge_transport
    zone: dmz
    addresses: [10.1.0.5, 10.0.0.300]
  - id: ex
    name: EX01
    role: mailbox
    zone: lan
    addresses: [10.0.1.5, 10.9.0.1]
  - id: dag
    name: DAG1
    role: mailbox
    zone: lan
    members:
      - {name: MBX1, addresses: [10.0.1.5]}
      - {name: MBX2, addresses: [10.0.1.6]}
connections:
  - {id: c1, between: [net, edge]}
  - {id: c2, between: [edge, ex]}
"""


def findings_of(doc, catalog, rule):
    return [f for f in analyse(doc, catalog) if f.rule == rule]


@pytest.fixture()
def doc():
    return loads_document(TEXT)


def test_malformed_entries_are_errors_naming_element_value_and_line(doc, catalog):
    found = findings_of(doc, catalog, "malformed_address")
    assert all(f.severity == "error" for f in found)
    by_value = {m: f for f in found for m in ("10.0.0.300", "::g", "10.0.0.5/24") if f"'{m}'" in f.message}
    assert set(by_value) == {"10.0.0.300", "::g", "10.0.0.5/24"} and len(found) == 3
    assert by_value["10.0.0.300"].message == ("EDGE01: address '10.0.0.300' (line 18) is not an IPv4 or IPv6 "
                                              "address or network.")
    assert by_value["10.0.0.300"].nodes == ("edge",)
    assert by_value["::g"].message.startswith("Zone LAN: subnet '::g' (line 10) is not")
    assert "host bits set: as a network it is 10.0.0.0/24" in by_value["10.0.0.5/24"].message
    assert by_value["::g"].nodes == ("lan",)  # the zone, so that selecting the finding selects it


def test_duplicate_host_address_across_nodes_and_members_is_an_error(doc, catalog):
    found = findings_of(doc, catalog, "duplicate_address")
    assert [f.message for f in found] == ["The address 10.0.1.5 is given to EX01, DAG1/MBX1 (lines 23, 29); "
                                          "one address is one server."]
    assert found[0].severity == "error" and found[0].nodes == ("ex", "dag")
    # equal subnets (both Internet nodes stand for any address) are not a duplicate
    assert not any("0.0.0.0" in f.message for f in found)


def test_two_members_of_one_group_with_one_address(doc, catalog):
    dag = doc.node("dag")
    doc.source_lines.clear()  # as after an edit (see the inspector)
    doc.replace_node(replace(dag, members=(Member("MBX1", ("10.0.2.1",)), Member("MBX2", ("10.0.2.1",)))))
    found = findings_of(doc, catalog, "duplicate_address")
    assert [f.message for f in found] == ["The address 10.0.2.1 is given to DAG1/MBX1, DAG1/MBX2; "
                                          "one address is one server."]


def test_address_outside_its_zone_is_a_warning(doc, catalog):
    found = findings_of(doc, catalog, "address_outside_zone")
    assert [f.message for f in found] == [
        "EX01: address '10.9.0.1' (line 23) is outside the subnets of its zone LAN (10.0.0.0/16, 10.1.0.128/25)."]
    assert found[0].severity == "warning" and found[0].nodes == ("ex",)
    # the Internet zone has no subnets: its nodes are not judged; EDGE01's 10.1.0.5 is inside the DMZ


def test_overlapping_subnets_across_zones(doc, catalog):
    found = findings_of(doc, catalog, "overlapping_subnets")
    messages = [f.message for f in found]
    assert all(f.severity == "warning" for f in found)
    assert ("Zone DMZ: subnet '10.1.0.0/24' (line 9) overlaps the subnet 10.1.0.128/25 of zone LAN; a firewall "
            "can't tell the two zones apart there.") in messages
    assert any(m.startswith("Zone DMZ: subnet '0.0.0.0/0'") and "10.0.0.0/16 of zone LAN" in m for m in messages)
    assert len(found) == 3  # 10.1.0.0/24~10.1.0.128/25, 0/0~10.0.0.0/16, 0/0~10.1.0.128/25; not within DMZ
    assert all(set(f.nodes) == {"dmz", "lan"} for f in found)


def test_broad_perimeter_subnets(doc, catalog):
    found = findings_of(doc, catalog, "broad_perimeter_subnet")
    assert [f.message for f in found] == [
        "Zone DMZ: subnet '0.0.0.0/0' (line 9) is too broad for a perimeter zone (a /0); rules built on it "
        "would admit far more than the zone's servers.",
        "Zone DMZ: subnet '2001::/16' (line 9) is too broad for a perimeter zone (a /16); rules built on "
        "it would admit far more than the zone's servers."]
    # an internal zone's /16 is not judged, nor a perimeter /32 of IPv6 or /8 of IPv4
    doc.replace_zone(replace(doc.zone("dmz"), subnets=("10.0.0.0/8", "2001:db8::/32")))
    assert not findings_of(doc, catalog, "broad_perimeter_subnet")


def test_edited_entries_have_no_line(doc, catalog):
    doc.replace_node(replace(doc.node("ex"), addresses=("300.1.1.1", "10.0.1.7")))
    doc.source_lines.clear()
    found = findings_of(doc, catalog, "malformed_address")
    assert "EX01: address '300.1.1.1' is not an IPv4 or IPv6 address or network." in [f.message for f in found]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_designs_without_addresses_get_none(sample, catalog):
    doc = load_document(sample, roles=catalog.roles.keys())
    assert not {f.rule for f in analyse(doc, catalog)} & ADDRESS_RULES


def test_a_clean_design_with_addresses_gets_none(catalog):
    doc = build("2016", ZONES, [("net", "internet_mail", "inet"), ("edge", "edge_transport", "dmz"),
                                ("ex", "mailbox", "lan")], [("c1", "net", "edge"), ("c2", "edge", "ex")])
    doc.replace_zone(replace(doc.zone("dmz"), subnets=("192.168.10.0/24", "2001:db8:10::/64")))
    doc.replace_zone(replace(doc.zone("lan"), subnets=("10.0.0.0/16",)))
    doc.replace_node(replace(doc.node("edge"), addresses=("192.168.10.5", "2001:db8:10::5")))
    doc.replace_node(replace(doc.node("ex"), addresses=("10.0.1.5",)))
    assert not {f.rule for f in analyse(doc, catalog)} & ADDRESS_RULES


def test_check_prints_one_line_per_finding_and_fails_on_malformed(tmp_path):
    path = tmp_path / "design.yaml"
    path.write_text(TEXT.replace("10.0.0.300", "\"10.0.0.300\\u202e\\u2028x\""), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "designer", "check", str(path)], capture_output=True,
                            text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 2, result.stdout  # the loader refuses a control character in an address
    path.write_text(TEXT, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "designer", "check", str(path)], capture_output=True,
                            text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert "error   EDGE01: address '10.0.0.300' (line 18) is not an IPv4 or IPv6 address or network." in lines
    assert any(line.startswith("warning Zone DMZ: subnet '0.0.0.0/0' (line 9) is too broad") for line in lines)
