"""The exports with addresses and sites: the rules tables' address and site columns, the port
matrix's sites, the PowerShell draft's $Address, the nftables draft's named sets (checked with
``nft -c`` where it works), the legacy ``address:`` key, and Microsoft's rule on internal
traffic across sites."""
import csv
import io
import json
import re
import shutil
import subprocess
from dataclasses import replace

import pytest
import yaml

from designer.analysis import analyse, compute_flows
from designer.io import load_document
from designer.io.document_yaml import dumps_document, loads_document
from designer.io.firewall_export import render_rules
from designer.io.rule_text import ANY_ADDRESS, MALFORMED_ADDRESS, MISSING_ADDRESS
from designer.io.tables import render_matrix
from designer.model import Member
from tests.conftest import ROOT

SAMPLE_2016 = ROOT / "data" / "samples" / "exchange2016-edge.yaml"

SITES = """\
format: exchange-topology/1
name: Two sites
exchange_version: "2016"
zones:
  - {id: inet, name: Internet, kind: internet}
  - {id: dmz1, name: DMZ1, kind: perimeter, site: DC1, subnets: [192.168.1.0/24, "2001:db8:1::/64"]}
  - {id: lan1, name: LAN1, kind: internal, site: DC1, subnets: [10.1.0.0/16]}
  - {id: lan2, name: LAN2, kind: internal, site: DC2, subnets: [10.2.0.0/16]}
nodes:
  - {id: net, name: Internet mail, role: internet_mail, zone: inet}
  - {id: edge, name: EDGE1, role: edge_transport, zone: dmz1, addresses: [192.168.1.5, "2001:db8:1::5"]}
  - {id: mbx1, name: MBX1, role: mailbox, zone: lan1, addresses: [10.1.0.10]}
  - id: mbx2
    name: MBX2
    role: mailbox
    zone: lan2
    members:
      - {name: MBX2A, addresses: [10.2.0.10]}
      - {name: MBX2B, addresses: [10.2.0.11, 10.2.0.0/30]}
  - {id: dc2, name: DC2, role: domain_controller, zone: lan2}
connections:
  - {id: c1, between: [net, edge]}
  - {id: c2, between: [edge, mbx1]}
  - {id: c3, between: [mbx1, mbx2]}
  - {id: c4, between: [mbx1, dc2]}
"""


def render(fmt, doc, catalog):
    return render_rules(fmt, doc, catalog, compute_flows(doc, catalog))


def nft_check(text: str, tmp_path) -> subprocess.CompletedProcess:
    path = tmp_path / "rules.nft"
    path.write_text(text, encoding="utf-8")
    return subprocess.run(["nft", "-c", "-f", str(path)], capture_output=True, text=True, timeout=60)


def nft_usable() -> bool:
    if not shutil.which("nft"):
        return False
    probe = "table inet probe {\n\tset s { type ipv4_addr; flags interval; }\n}\n"
    result = subprocess.run(["nft", "-c", "-f", "-"], input=probe, capture_output=True, text=True, timeout=60)
    return result.returncode == 0  # nft -c may need privileges (CAP_NET_ADMIN)


needs_nft = pytest.mark.skipif(not nft_usable(), reason="nft is not installed or 'nft -c' needs privileges")


@pytest.fixture()
def sites():
    return loads_document(SITES)


# ---- the rules tables

def test_rules_csv_gives_addresses_and_says_where_one_is_missing(sites, catalog):
    rows = list(csv.DictReader(io.StringIO(render("csv", sites, catalog))))
    by_pair = {(r["Source"], r["Destination"], r["Port"]): r for r in rows}
    inbound = by_pair[("Internet mail", "EDGE1", "25")]
    assert inbound["Source addresses"] == ANY_ADDRESS
    assert inbound["Destination addresses"] == "192.168.1.5; 2001:db8:1::5"
    group = by_pair[("MBX1", "MBX2 (group of 2: MBX2A, MBX2B)", "any")]  # Microsoft's unrestricted traffic, to every member
    assert group["Source addresses"] == "10.1.0.10"
    assert group["Destination addresses"] == "10.2.0.10; 10.2.0.11; 10.2.0.0/30"
    assert by_pair[("MBX1", "DC2", "any")]["Destination addresses"] == MISSING_ADDRESS
    assert not any(re.search(r"192\.0\.2\.|198\.51\.100\.|203\.0\.113\.", v) for r in rows for v in r.values())


def test_a_malformed_address_is_not_exported(sites, catalog):
    sites.replace_node(replace(sites.node("mbx1"), addresses=("10.1.0.300",)))
    rows = list(csv.DictReader(io.StringIO(render("csv", sites, catalog))))
    assert {r["Source addresses"] for r in rows if r["Source"] == "MBX1"} == {MALFORMED_ADDRESS}
    assert "10.1.0.300" not in render("nft", sites, catalog).split("# Check with")[1].replace("'", "")


def test_flows_between_sites_are_marked_in_rules_and_matrix(sites, catalog):
    rows = list(csv.DictReader(io.StringIO(render("csv", sites, catalog))))
    marks = {(r["Source"], r["Destination"]): r["Crossing sites"] for r in rows}
    assert marks[("MBX1", "MBX2 (group of 2: MBX2A, MBX2B)")] == "DC1 → DC2" and marks[("MBX2 (group of 2: MBX2A, MBX2B)", "MBX1")] == "DC2 → DC1"
    assert marks[("EDGE1", "MBX1")] == ""  # same site
    assert marks[("Internet mail", "EDGE1")] == ""  # the Internet is in no site
    assert "## LAN1 → LAN2 (crossing sites DC1 → DC2)" in render("md", sites, catalog)
    assert "<h2>LAN1 → LAN2 (crossing sites DC1 → DC2)</h2>" in render("html", sites, catalog)
    flows = compute_flows(sites, catalog)
    records = json.loads(render_matrix("json", sites, catalog, flows))
    between = [r for r in records if {r["source"], r["destination"]} == {"mbx1", "mbx2"}]
    assert between and all(r["crossing_sites"] and {r["source_site"], r["destination_site"]} == {"DC1", "DC2"}
                           for r in between)
    inside = [r for r in records if {r["source"], r["destination"]} == {"edge", "mbx1"}]
    assert inside and not any(r["crossing_sites"] for r in inside) and inside[0]["source_site"] == "DC1"
    matrix = list(csv.DictReader(io.StringIO(render_matrix("csv", sites, catalog, flows))))
    assert {r["Crossing sites"] for r in matrix if r["Source"] == "MBX2 (group of 2: MBX2A, MBX2B)"} >= {"DC2 → DC1"}


def test_microsofts_internal_traffic_rule_applies_across_sites(sites, catalog):
    found = [f for f in analyse(sites, catalog) if f.rule == "unrestricted_internal_traffic"]
    assert any(f.severity == "error" and {"mbx1", "mbx2"} <= set(f.nodes) and "c3" in f.connections
               and "LAN1 and LAN2" in f.message for f in found)
    # and the rules between the sites allow everything between those servers, as Microsoft requires
    rows = list(csv.DictReader(io.StringIO(render("csv", sites, catalog))))
    cross = [r for r in rows if r["Crossing sites"] == "DC1 → DC2" and r["Destination"] == "MBX2 (group of 2: MBX2A, MBX2B)"]
    assert [(r["Protocol"], r["Port"]) for r in cross] == [("any", "any")]


# ---- the PowerShell draft

def test_ps1_remote_address_uses_the_addresses(sites, catalog):
    script = render("ps1", sites, catalog)
    assert "'mbx2' = @('10.2.0.10', '10.2.0.11', '10.2.0.0/30')  # MBX2, LAN2" in script
    assert "'mbx1' = '10.1.0.10'  # MBX1, LAN1" in script
    assert "'dc2' = 'TODO'  # DC2, LAN2" in script  # missing, and the script stops on it
    assert "'net' = 'Any'  # Internet mail, Internet" in script  # an Internet node without address
    assert "-RemoteAddress $Address['mbx1']" in script
    assert "@($Address[$_]) -contains 'TODO'" in script


# ---- the nftables draft

def test_nft_named_sets_per_node_group_and_zone(sites, catalog):
    text = render("nft", sites, catalog)
    assert ('\tset EDGE1 { type ipv4_addr; flags interval; elements = { 192.168.1.5 }; '
            'comment "node edge: EDGE1"; }') in text
    assert '\tset EDGE1_V6 { type ipv6_addr; flags interval; elements = { 2001:db8:1::5 }; ' in text
    # a group's set holds its members' addresses, merged where they overlap (nft refuses overlaps)
    assert ("\tset MBX2 { type ipv4_addr; flags interval; elements = { 10.2.0.0/30, 10.2.0.10/31 }; "
            'comment "node mbx2: MBX2"; }') in text
    assert '\tset DC2 { type ipv4_addr; flags interval; comment "node dc2: DC2 (TODO: no address in the design)"; }' \
        in text
    assert "# TODO: the IPv4 addresses of DC2 (LAN2) are not in the design" in text
    assert "ip saddr @MBX1 ip daddr @MBX2 accept comment" in text
    assert "ip daddr @EDGE1 tcp dport 25 accept" in text and "ip6 daddr @EDGE1_V6 tcp dport 25 accept" in text
    # zones with subnets of the same IP versions: the jump takes only their traffic
    assert "\t\tip saddr @zone_lan1 ip daddr @zone_lan2 jump lan1_to_lan2  # LAN1 -> LAN2" in text
    assert "\tset zone_lan1 { type ipv4_addr; flags interval; elements = { 10.1.0.0/16 }; " in text
    assert "jump dmz1_to_lan1  # TODO" in text  # DMZ1 has IPv6 too, LAN1 not: every packet, with a TODO
    assert "jump internet_to_dmz1  # TODO" in text


@needs_nft
@pytest.mark.parametrize("variant", ["as written", "any address, hostile names"])
def test_nft_with_addresses_passes_nft_check(variant, sites, catalog, tmp_path):
    if variant != "as written":
        sites.replace_node(replace(sites.node("net"), addresses=("0.0.0.0/0", "::/0")))
        sites.replace_node(replace(sites.node("mbx1"), name='MBX "1"\n}\nflush ruleset #',
                                   members=(Member("x\"y", ("10.1.0.11", "10.1.0.10/31")),)))
    text = render("nft", sites, catalog)
    assert "flush ruleset" not in "".join(re.sub(r'"[^"]*"', '""', line).split("#")[0] for line in text.splitlines())
    result = nft_check(text, tmp_path)
    assert result.returncode == 0, result.stderr


@needs_nft
def test_nft_check_catches_what_it_should(tmp_path):
    """The check above can fail: nft refuses overlapping elements in an interval set."""
    bad = "table inet t {\n\tset s { type ipv4_addr; flags interval; elements = { 10.0.0.0/24, 10.0.0.5 }; }\n}\n"
    assert nft_check(bad, tmp_path).returncode != 0


# ---- the legacy 'address:' key

LEGACY = """\
format: exchange-topology/1
name: old
exchange_version: "2016"
zones:
  - {id: lan, name: LAN, kind: internal}
nodes:
  - {id: a, name: A, role: mailbox, zone: lan, address: 10.0.0.5}
  - {id: b, name: B, role: mailbox, zone: lan, address: 10.0.0.6/24}
  - {id: c, name: C, role: mailbox, zone: lan, address: mail.contoso.com}
  - {id: d, name: D, role: mailbox, zone: lan, address: 10.0.0.7, addresses: [10.0.0.8]}
"""


def test_legacy_address_key_moves_into_addresses(catalog):
    doc = loads_document(LEGACY)
    assert doc.node("a").addresses == ("10.0.0.5",) and "address" not in doc.node("a").extra
    assert doc.node("b").addresses == ("10.0.0.6/24",)  # kept as written: the finding says what is wrong
    assert doc.node("c").addresses == () and doc.node("c").extra == {"address": "mail.contoso.com"}
    assert doc.node("d").addresses == ("10.0.0.8", "10.0.0.7")
    assert doc.source_lines[("a", "addresses[0]")] == 7 and doc.source_lines[("d", "addresses[1]")] == 10
    malformed = [f.message for f in analyse(doc, catalog) if f.rule == "malformed_address"]
    assert malformed == ["B: address '10.0.0.6/24' (line 8) has host bits set: as a network it is 10.0.0.0/24; "
                         "write that, or the address alone."]
    saved = yaml.safe_load(dumps_document(doc))
    assert [n.get("addresses") for n in saved["nodes"]] == [["10.0.0.5"], ["10.0.0.6/24"], None,
                                                              ["10.0.0.8", "10.0.0.7"]]
    assert [n.get("address") for n in saved["nodes"]] == [None, None, "mail.contoso.com", None]


# ---- end to end: the 2016 sample, given addresses

def test_2016_sample_with_addresses_exports_a_checked_nft_draft(catalog, tmp_path):
    data = yaml.safe_load(SAMPLE_2016.read_text(encoding="utf-8"))
    subnets = {"dmz": ["192.168.10.0/24"], "internal": ["10.0.0.0/16"]}
    for zone in data["zones"]:
        if zone["id"] in subnets:
            zone["subnets"] = subnets[zone["id"]]
    addresses = {"edge01": "192.168.10.5", "proxy01": "192.168.10.6", "ex01": "10.0.1.1", "ex02": "10.0.1.2",
                 "dc01": "10.0.2.1", "dns01": "10.0.2.2"}
    for node in data["nodes"]:
        if node["id"] in addresses:
            node["addresses"] = [addresses[node["id"]]]
        elif node["zone"] == "internal":
            node["addresses"] = ["10.0.3.0/24"] if node["id"] == "office_outlook" else ["10.0.4.0/24"]
    path = tmp_path / "design.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    doc = load_document(path, roles=catalog.roles.keys())
    address_rules = {"malformed_address", "duplicate_address", "address_outside_zone", "overlapping_subnets",
                     "broad_perimeter_subnet"}
    assert not {f.rule for f in analyse(doc, catalog)} & address_rules
    text = render("nft", doc, catalog)
    assert "elements = { 192.168.10.5 }" in text and "ip saddr @EX01 ip daddr @EDGE01 tcp dport 50636 accept" in text
    assert "ip saddr @zone_internal_network ip daddr @zone_perimeter_network_dmz jump" in text
    needs_todo = [n for n in doc.nodes.values() if not n.addresses and doc.zone(n.zone).kind != "internet"]
    assert not needs_todo and "TODO: the IPv4 addresses" not in text
    if nft_usable():
        result = nft_check(text, tmp_path)
        assert result.returncode == 0, result.stderr
