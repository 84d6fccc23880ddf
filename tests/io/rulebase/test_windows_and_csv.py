"""Windows Firewall JSON (the README's one-liner) and CSV rulebases, read and verified."""
from __future__ import annotations

from pathlib import Path

import pytest

from designer.analysis import compute_flows
from designer.analysis.rulebase import ALLOW, DENY, endpoint_text
from designer.analysis.verify import ALLOWED, NOT_ALLOWED, SHADOWED, UNVERIFIABLE, verify
from designer.io import load_document
from designer.io.rulebase import read_rulebase
from designer.io.rulebase.csv_rules import columns
from designer.support.yamlsafe import InputError

FIXTURES = Path(__file__).parent / "fixtures"
DESIGN = """\
format: exchange-topology/1
name: Host firewall
exchange_version: '2016'
zones:
- {id: dmz, name: DMZ, kind: perimeter, subnets: [192.168.10.0/24]}
- {id: lan, name: LAN, kind: internal, subnets: [10.0.0.0/24]}
nodes:
- {id: edge, name: EDGE01, role: edge_transport, zone: dmz, addresses: [192.168.10.5]}
- {id: ex, name: EX01, role: mailbox, zone: lan, addresses: [10.0.0.5]}
- {id: pc, name: PC, role: outlook, zone: lan, addresses: [10.0.0.50]}
connections:
- {id: c1, between: [edge, ex]}
- {id: c2, between: [pc, ex], services: [Outlook Anywhere]}
"""


@pytest.fixture()
def doc(tmp_path, catalog):
    path = tmp_path / "design.yaml"
    path.write_text(DESIGN, encoding="utf-8")
    return load_document(path, roles=catalog.roles.keys())


def test_windows_rules_enabled_inbound_only_blocks_first(tmp_path):
    rb = read_rulebase(FIXTURES / "windows.json")
    assert rb.format == "windows-json" and rb.scope == "host" and rb.hosts == {"ex01"}
    rules = rb.chains[0].rules
    assert [r.text for r in rules] == ["No RDP from the DMZ", "SMTP in (EDGE01)", "HTTPS from the LAN",
                                       "Remote Desktop", "RPC dynamic"]
    assert [r.action for r in rules] == [DENY, ALLOW, ALLOW, ALLOW, ALLOW] and rb.chains[0].policy == DENY
    assert endpoint_text(rules[2].source) == "10.0.0.0/24"  # 10.0.0.0/255.255.255.0
    assert rules[2].ports == {"TCP": ((443, 445),)}  # PowerShell 5.1's {"value": [...]} array
    assert rules[4].conditional == "the local port 'RPC'; the remote address 'LocalSubnet'"


def test_windows_rules_verify_the_flows_towards_their_computer(doc, catalog):
    rb = read_rulebase(FIXTURES / "windows.json", "windows-json")
    result = verify(doc, catalog, compute_flows(doc, catalog), rb)
    statuses = {(n.rule.source, str(n.rule.port)): n.status for n in result.needs}
    assert statuses[("edge", "25/TCP")] == ALLOWED
    assert statuses[("pc", "443/TCP")] == ALLOWED  # within the LAN: a host firewall sees it
    assert all(n.rule.destination == "ex" for n in result.needs)
    exposed = {(e.rule.text, e.extra) for e in result.exposures}
    assert ("Remote Desktop", "TCP 3389") in exposed and ("HTTPS from the LAN", "TCP 444-445") in exposed


def test_the_rules_csv_of_a_design_verifies_clean_and_a_removed_row_is_named(doc, catalog, tmp_path):
    from designer.io.firewall_export import render_rules

    flows = compute_flows(doc, catalog)
    text = render_rules("csv", doc, catalog, flows)
    path = tmp_path / "rules.csv"
    path.write_text(text, encoding="utf-8")
    result = verify(doc, catalog, flows, read_rulebase(path))
    assert result.ok and result.needs and not result.exposures
    lines = text.splitlines()
    gone = next(i for i, line in enumerate(lines) if ",50636," in line)
    path.write_text("\n".join(lines[:gone] + lines[gone + 1:]) + "\n", encoding="utf-8")
    result = verify(doc, catalog, flows, read_rulebase(path))
    assert [(n.rule.source, n.rule.destination, str(n.rule.port), n.status) for n in result.gaps] == [
        ("ex", "edge", "50636/TCP", NOT_ALLOWED)]


def test_csv_columns_are_found_by_name():
    cols = columns(["Boundary", "Source", "Source zone", "Source addresses", "Destination", "Dest IP",
                    "Destination zone", "Protocol", "Port", "Action"])
    assert cols == {"source": 1, "source_zone": 2, "source_address": 3, "destination": 4,
                    "destination_address": 5, "destination_zone": 6, "protocol": 7, "port": 8, "action": 9}
    assert columns(["src_ip", "dst_ip", "proto", "dport", "verdict"]) == {
        "source_address": 0, "destination_address": 1, "protocol": 2, "port": 3, "action": 4}


def test_csv_actions_addresses_and_names(doc, catalog, tmp_path):
    path = tmp_path / "fw.csv"
    path.write_text("source,destination,protocol,port,action\n"
                    "192.168.10.0/24,10.0.0.5,tcp,any,deny\n"
                    "EDGE01,10.0.0.5,TCP,25;587,allow\n"
                    "any,'=EX01,TCP,443,allow\n", encoding="utf-8")
    rb = read_rulebase(path)
    assert [r.action for r in rb.chains[0].rules] == [DENY, ALLOW, ALLOW]
    assert rb.chains[0].rules[2].destination.names == {"=ex01"}  # the exports' ' prefix undone
    result = verify(doc, catalog, compute_flows(doc, catalog), rb)
    edge = next(n for n in result.needs if n.rule.source == "edge" and n.rule.port.low == 25)
    assert edge.status == SHADOWED and edge.blocked_by[0].where == f"{path}:2"


def test_csv_address_columns_win_and_unparsed_addresses_fall_back_to_names(doc, catalog, tmp_path):
    path = tmp_path / "fw.csv"
    path.write_text("Source,Source addresses,Destination,Destination addresses,Protocol,Port\n"
                    "EDGE01,192.168.10.5,EX01,10.0.0.99,TCP,25\n"
                    "EX01,not known,EDGE01,,TCP,50636\n", encoding="utf-8")
    rules = read_rulebase(path).chains[0].rules
    assert endpoint_text(rules[0].destination) == "10.0.0.99; named ex01"
    assert endpoint_text(rules[1].source) == "named ex01"
    result = verify(doc, catalog, compute_flows(doc, catalog), read_rulebase(path))
    statuses = {(n.rule.source, n.rule.port.low): n.status for n in result.needs}
    assert statuses[("edge", 25)] == NOT_ALLOWED  # EX01 is 10.0.0.5 in the design
    assert statuses[("ex", 50636)] == ALLOWED


@pytest.mark.parametrize("name,content,message", [
    ("a.csv", "", "empty"),
    ("a.csv", "name,colour\nx,y\n", "not a rulebase CSV: expected columns"),
    ("a.csv", "source,destination,protocol,port\nA,B,TCP,http\n", r"a.csv:2: the port 'http' is not a port"),
    ("a.csv", "source,destination,protocol,port\nA,B,TCP,70000\n", r"a.csv:2: the port '70000'"),
    ("a.csv", "source,destination,protocol,port,action\nA,B,TCP,25,maybe\n", "a.csv:2: the action 'maybe'"),
    ("a.json", "[{\"x\": 1}]", "not Windows Firewall rules"),
    ("a.json", "[{\"Action\": \"Perhaps\", \"DisplayName\": \"r\"}]", "the action 'Perhaps' is neither"),
    ("a.json", "{\"nftables\": [1, 2", r"a.json:1: not valid JSON"),
    ("a.json", "[\n\n{,}]", r"a.json:3: not valid JSON"),
    ("a.json", "[" * 100000 + "]" * 100000, "nested too deeply"),
    ("a.bin", b"\x89PNG\r\n\x1a\n\xff\xfe\x00", "not UTF-8 text"),
    ("a.csv", "source,destination,protocol,port\nA\x00,B,TCP,25\n", r"a.csv:2: holds a NUL"),
])
def test_bad_rulebases_get_one_clear_message_with_file_and_line(tmp_path, name, content, message):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        read_rulebase(path)
    assert str(caught.value).startswith(str(path))


def test_huge_and_missing_rulebases(tmp_path, monkeypatch):
    import designer.io.rulebase as reader

    monkeypatch.setattr(reader, "MAX_BYTES", 1024)
    path = tmp_path / "big.csv"
    path.write_text("source,destination,protocol,port\n" + "A,B,TCP,25\n" * 200, encoding="utf-8")
    with pytest.raises(InputError, match="the limit is 1024 bytes"):
        read_rulebase(path)
    with pytest.raises(InputError, match="no such file"):
        read_rulebase(tmp_path / "missing.json")
    with pytest.raises(InputError, match="is a directory"):
        read_rulebase(tmp_path)


def test_utf16_from_windows_powershell_is_read(tmp_path):
    path = tmp_path / "rules.json"
    path.write_bytes((FIXTURES / "windows.json").read_text(encoding="utf-8-sig").encode("utf-16"))
    assert read_rulebase(path).format == "windows-json"


def test_a_computer_matches_the_first_label_of_a_node_name_or_fqdn(tmp_path, catalog):
    path = tmp_path / "design.yaml"
    path.write_text(DESIGN.replace("name: EX01, role: mailbox", "name: ex01.contoso.com, role: mailbox"),
                    encoding="utf-8")
    doc = load_document(path, roles=catalog.roles.keys())
    result = verify(doc, catalog, compute_flows(doc, catalog), read_rulebase(FIXTURES / "windows.json"))
    assert result.needs and all(n.rule.destination == "ex" for n in result.needs)
    assert {str(n.rule.port): n.status for n in result.needs if n.rule.source == "edge"}["25/TCP"] == ALLOWED
