"""Addresses, subnets, sites and group members: read, kept as written, written back."""
from designer.io.document_yaml import dumps_document, loads_document
from designer.model.addresses import malformed, node_networks, parse_network, within, zone_networks

TEXT = """\
format: exchange-topology/1
name: t
exchange_version: "2019"
zones:
  - {id: dmz, name: DMZ, kind: perimeter, site: DC1, subnets: [10.1.0.0/24, "2001:db8::/64"]}
nodes:
  - id: edge
    name: EDGE01
    role: edge_transport
    zone: dmz
    fqdn: edge01.contoso.com
    addresses: [10.1.0.5, 10.0.0.300]
  - id: dag
    name: DAG1
    role: mailbox
    zone: dmz
    dag: true
    members:
      - {name: MBX1, addresses: [10.1.0.10]}
      - name: MBX2
"""


def test_fields_are_read_kept_as_written_and_round_trip():
    doc = loads_document(TEXT)
    edge, dag = doc.node("edge"), doc.node("dag")
    assert doc.zone("dmz").site == "DC1" and doc.zone("dmz").subnets == ("10.1.0.0/24", "2001:db8::/64")
    assert edge.fqdn == "edge01.contoso.com" and edge.addresses == ("10.1.0.5", "10.0.0.300")
    assert dag.dag and dag.is_group and [m.name for m in dag.members] == ["MBX1", "MBX2"]
    assert doc.source_lines[("edge", "addresses[1]")] == 12
    assert doc.source_lines[("dag", "members[0].addresses[0]")] == 19
    again = loads_document(dumps_document(doc))
    assert again.snapshot() == doc.snapshot()


def test_address_meaning():
    doc = loads_document(TEXT)
    assert malformed(doc.node("edge").addresses) == ["10.0.0.300"]
    assert [str(n) for n in node_networks(doc.node("dag"))] == ["10.1.0.10/32"]
    assert within(parse_network("10.1.0.5"), zone_networks(doc.zone("dmz")))
    assert not within(parse_network("10.2.0.5"), zone_networks(doc.zone("dmz")))
    for bad in ("::g", "10.0.0.5/24", " 10.0.0.1", "", "10.0.0.0/33"):
        assert parse_network(bad) is None, bad


def test_qt_plain_keeps_markup_inert():
    from designer.support.text import qt_plain
    tip = qt_plain("<img src=x>\n<b>EX01</b>\x1b")
    assert "<img" not in tip and "<b>EX01" not in tip and "&lt;img src=x&gt;<br>&lt;b&gt;" in tip
    assert "\x1b" not in tip and tip.startswith("<qt>")
