"""The inspector edits a node's addresses and FQDN and a zone's site and subnets, with real key
events, each edit one undo step; a malformed address is accepted as text and named."""
from __future__ import annotations

import shutil
import subprocess

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from designer.analysis import compute_flows
from designer.io import load_document
from designer.io.firewall_export import render_rules
from designer.ui.panels.address_fields import split_entries
from tests.ui.test_panels import Panels, edge2016  # noqa: F401 (the fixture)

RETURN = Qt.Key.Key_Return


def type_into(qtbot, field: QLineEdit, text: str, finish=RETURN) -> None:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        qtbot.keyClicks(field, text)
    else:
        qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClick(field, finish)


def test_split_entries():
    assert split_entries(" 10.0.0.1,10.0.0.2 ; 2001:db8::1\t10.0.0.0/24 ") == (
        "10.0.0.1", "10.0.0.2", "2001:db8::1", "10.0.0.0/24")
    assert split_entries("10.0.0.1\x1b") == ("10.0.0.1\u241b",)  # a control character shows as a symbol
    assert split_entries("  ") == ()


def test_typing_node_addresses_is_one_undo_step_and_a_malformed_one_is_named(qtbot, edge2016):
    p, doc, stack = edge2016, edge2016.editor.document, edge2016.editor.undo_stack
    p.inspector.show_selection(["ex01"])
    field = p.find(QLineEdit, "inspector_node_addresses")
    note = p.find(QLabel, "inspector_node_addresses_note")
    assert field.text() == "" and note.isHidden()
    before = stack.count()
    type_into(qtbot, field, "10.0.1.5,  10.0.0.300")
    assert doc.node("ex01").addresses == ("10.0.1.5", "10.0.0.300")
    assert stack.count() == before + 1 and stack.undoText() == "Change addresses of EX01"
    assert field.text() == "10.0.1.5, 10.0.0.300"
    assert not note.isHidden() and note.text() == "Not an address or subnet: 10.0.0.300"
    found = [f.message for f in p.editor.findings if f.rule == "malformed_address"]
    assert found == ["EX01: address '10.0.0.300' is not an IPv4 or IPv6 address or network."]
    type_into(qtbot, field, "10.0.1.5, 10.0.0.300")  # the same entries: no new step
    assert stack.count() == before + 1
    stack.undo()
    assert doc.node("ex01").addresses == () and field.text() == ""
    assert not any(f.rule == "malformed_address" for f in p.editor.findings)
    stack.redo()
    assert doc.node("ex01").addresses == ("10.0.1.5", "10.0.0.300") and field.text() == "10.0.1.5, 10.0.0.300"


def test_fqdn_is_set_and_cleared(qtbot, edge2016):
    p, doc, stack = edge2016, edge2016.editor.document, edge2016.editor.undo_stack
    p.inspector.show_selection(["edge01"])
    fqdn = p.find(QLineEdit, "inspector_node_fqdn")
    type_into(qtbot, fqdn, "edge01.contoso.com ", finish=Qt.Key.Key_Tab)  # leaving the field commits
    assert doc.node("edge01").fqdn == "edge01.contoso.com"
    assert stack.undoText() == "Change addresses of EDGE01"
    type_into(qtbot, fqdn, "")
    assert doc.node("edge01").fqdn is None
    stack.undo()
    assert doc.node("edge01").fqdn == "edge01.contoso.com" and fqdn.text() == "edge01.contoso.com"


def test_zone_site_and_subnets(qtbot, edge2016):
    p, doc, stack = edge2016, edge2016.editor.document, edge2016.editor.undo_stack
    p.inspector.show_selection(["internal"])
    site, subnets = p.find(QLineEdit, "inspector_zone_site"), p.find(QLineEdit, "inspector_zone_subnets")
    before = stack.count()
    type_into(qtbot, site, "DC1")
    type_into(qtbot, subnets, "10.0.0.0/16 2001:db8::/48")
    zone = doc.zone("internal")
    assert zone.site == "DC1" and zone.subnets == ("10.0.0.0/16", "2001:db8::/48")
    assert stack.count() == before + 2
    # a node's address outside its zone's subnets is a warning
    p.editor.set_node("ex01", addresses=("10.9.0.1",))
    assert [f.severity for f in p.editor.findings if f.rule == "address_outside_zone"] == ["warning"]
    type_into(qtbot, subnets, "10.0.0.5/24")  # host bits: accepted as written, and named
    assert doc.zone("internal").subnets == ("10.0.0.5/24",)
    assert p.find(QLabel, "inspector_zone_subnets_note").text() == "Not an address or subnet: 10.0.0.5/24"
    assert any(f.rule == "malformed_address" and "host bits" in f.message for f in p.editor.findings)
    stack.undo()
    stack.undo()
    stack.undo()
    assert doc.zone("internal").subnets == () and doc.zone("internal").site == "DC1"


def test_edits_reach_the_nft_draft_and_the_saved_file(qtbot, edge2016, catalog, tmp_path):
    p, doc = edge2016, edge2016.editor.document
    p.inspector.show_selection(["dmz"])
    type_into(qtbot, p.find(QLineEdit, "inspector_zone_subnets"), "192.168.10.0/24")
    for node_id, address in (("edge01", "192.168.10.5"), ("ex01", "10.0.1.1")):
        p.inspector.show_selection([node_id])
        type_into(qtbot, p.find(QLineEdit, "inspector_node_addresses"), address)
    text = render_rules("nft", doc, catalog, compute_flows(doc, catalog))
    assert "elements = { 192.168.10.5 }" in text and "ip saddr @EX01 ip daddr @EDGE01 tcp dport 50636" in text
    assert "elements = { 10.0.1.1 }" in text
    if shutil.which("nft"):
        path = tmp_path / "rules.nft"
        path.write_text(text, encoding="utf-8")
        result = subprocess.run(["nft", "-c", "-f", str(path)], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0 or "Operation not permitted" in result.stderr, result.stderr
    p.editor.save(tmp_path / "design.yaml")
    again = load_document(tmp_path / "design.yaml", roles=catalog.roles.keys())
    assert again.node("edge01").addresses == ("192.168.10.5",) and again.zone("dmz").subnets == ("192.168.10.0/24",)


def test_a_subnet_finding_selects_its_zone(qtbot, edge2016):
    from PySide6.QtWidgets import QTreeWidget

    from tests.ui.test_panels import double_click

    p = edge2016
    p.inspector.show_selection(["dmz"])
    type_into(qtbot, p.find(QLineEdit, "inspector_zone_subnets"), "0.0.0.0/0")
    tree = p.find(QTreeWidget, "findings_list")
    rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    item = next(r for r in rows if r.text(1).startswith("Zone Perimeter network (DMZ): subnet '0.0.0.0/0'"))
    tree.scrollToItem(item)
    with qtbot.waitSignal(p.findings.select_requested) as signal:
        double_click(tree.viewport(), tree.visualItemRect(item).center())
    assert signal.args == [["dmz"]]
