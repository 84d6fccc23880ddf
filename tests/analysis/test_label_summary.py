"""A connection's port summary (its compact label) keeps each service's ports apart."""
from __future__ import annotations

from designer.analysis.labels import connection_label
from designer.io import load_document
from tests.conftest import ROOT


def test_the_edge_summary_keeps_smtp_apart_from_open_proxy_detection(catalog):
    doc = load_document(ROOT / "data" / "samples" / "exchange2016-edge.yaml", roles=catalog.roles.keys())
    label = connection_label(doc, catalog, "c_inet_edge")
    texts = [line.text for line in label.compact]
    assert [line.text for line in label.compact if not line.forward] == ["25/TCP", "1081, 1080, 23, 6588, 3128, 80/TCP"]
    assert "25/TCP" in texts  # SMTP alone
    assert not any("25" in t.split("/")[0].split(", ") and "1081" in t for t in texts)
    assert any("1081" in t for t in texts)
    for forward in (True, False):  # services on the same ports share one line
        same_way = [line.text for line in label.compact if line.forward == forward]
        assert len(same_way) == len(set(same_way))
