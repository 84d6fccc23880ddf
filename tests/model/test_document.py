import pytest

from designer.model import Change, Connection, Document, ModelError, Node, Rect, Zone, new_id


def make_doc() -> Document:
    doc = Document("Test", "2016")
    doc.add_zone(Zone("dmz", "DMZ", "perimeter", Rect(0, 0, 300, 200)))
    doc.add_zone(Zone("lan", "Internal", "internal"))
    doc.add_node(Node("edge", "EDGE01", "edge_transport", "dmz", (10, 20)))
    doc.add_node(Node("mbx", "EX01", "mailbox", "lan"))
    doc.add_connection(Connection("c1", ("edge", "mbx")))
    return doc


def test_events_report_each_change():
    doc = Document()
    seen: list[Change] = []
    doc.changed.sub(seen.append)
    doc.add_zone(Zone("z", "Z", "internal"))
    doc.add_node(Node("n", "N", "mailbox", "z"))
    doc.set_exchange_version("2010")
    doc.changed.unsub(seen.append)
    doc.set_name("ignored")
    assert seen == [Change("zone_added", "z"), Change("node_added", "n"), Change("document_changed")]


def test_invariants_are_enforced():
    doc = make_doc()
    with pytest.raises(ModelError, match="duplicate id"):
        doc.add_node(Node("c1", "x", "mailbox", "lan"))
    with pytest.raises(ModelError, match="unknown zone"):
        doc.add_node(Node("n2", "x", "mailbox", "nowhere"))
    with pytest.raises(ModelError, match="itself"):
        doc.add_connection(Connection("c2", ("mbx", "mbx")))
    with pytest.raises(ModelError, match="still has connections"):
        doc.remove_node("mbx")
    with pytest.raises(ModelError, match="still holds nodes"):
        doc.remove_zone("lan")
    with pytest.raises(ModelError, match="unknown kind"):
        doc.add_zone(Zone("z9", "Z", "orbit"))
    with pytest.raises(ModelError, match="unknown Exchange version"):
        doc.set_exchange_version("2007")


def test_remove_and_reinsert_restores_order_and_snapshot():
    doc = make_doc()
    before = doc.snapshot()
    index = doc.index_of("edge")
    conn = doc.remove_connection("c1")
    node = doc.remove_node("edge")
    assert doc.snapshot() != before
    doc.add_node(node, index)
    doc.add_connection(conn)
    assert doc.snapshot() == before


def test_replace_moves_membership():
    doc = make_doc()
    doc.replace_node(Node("edge", "EDGE01", "edge_transport", "lan", (5, 5)))
    assert [n.id for n in doc.nodes_in_zone("lan")] == ["edge", "mbx"]
    assert doc.connections_of("edge")[0].other("edge") == "mbx"


def test_new_ids_are_readable_and_unique():
    taken = {"mailbox1", "mailbox2"}
    assert new_id("Mailbox", taken) == "mailbox3"
    assert new_id("Edge Transport", set()) == "edge_transport1"
