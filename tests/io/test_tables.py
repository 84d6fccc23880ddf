import csv
import io
import json
from html.parser import HTMLParser

import openpyxl
import pytest

from designer.analysis import compute_flows
from designer.io.tables import HEADERS, JSON_KEYS, neutralise, render_matrix
from designer.model import Node
from tests.conftest import ZONES, build


@pytest.fixture()
def hostile(catalog):
    """A design whose names try formula injection and HTML markup."""
    doc = build("2016", ZONES, [("edge", "edge_transport", "dmz"), ("ex", "mailbox", "lan")],
                [("c1", "edge", "ex")])
    doc.replace_node(Node("edge", "=HYPERLINK(\"http://evil\")", "edge_transport", "dmz"))
    doc.replace_node(Node("ex", "<script>alert(1)</script>", "mailbox", "lan"))
    return doc, compute_flows(doc, catalog)


def test_json_has_exactly_the_documented_keys(hostile, catalog):
    doc, flows = hostile
    records = json.loads(render_matrix("json", doc, catalog, flows))
    assert len(records) == 3
    assert all(tuple(r) == JSON_KEYS for r in records)
    edgesync = next(r for r in records if r["service"] == "EdgeSync")
    assert edgesync["port"] == 50636 and edgesync["transport"] == "TCP"
    assert edgesync["source"] == "ex" and edgesync["destination_zone"] == "dmz"
    assert edgesync["crossing"] is True


def test_port_ranges_are_low_high_strings(catalog):
    doc = build("2010", ZONES, [("pbx", "ip_pbx", "lan"), ("um", "unified_messaging", "lan")],
                [("c1", "pbx", "um")])
    records = json.loads(render_matrix("json", doc, catalog, compute_flows(doc, catalog)))
    assert "1024-65535" in [r["port"] for r in records]
    assert all(isinstance(r["port"], int) or "-" in r["port"] for r in records)


@pytest.mark.parametrize("value,expected", [
    ("=1+2", "'=1+2"), ("+cmd", "'+cmd"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("EX01", "EX01"), (25, 25),
])
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_csv_neutralises_formulas(hostile, catalog):
    doc, flows = hostile
    rows = list(csv.reader(io.StringIO(render_matrix("csv", doc, catalog, flows))))
    assert tuple(rows[0]) == HEADERS
    sources = {r[0] for r in rows[1:]}
    assert "'=HYPERLINK(\"http://evil\")" in sources
    assert not any(cell.startswith(("=", "+", "-", "@", "\t")) for r in rows[1:] for cell in r)


def test_html_is_escaped_and_well_formed(hostile, catalog):
    doc, flows = hostile
    page = render_matrix("html", doc, catalog, flows)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page

    class Cells(HTMLParser):
        cells: list = []

        def handle_data(self, data):
            self.cells.append(data)

    parser = Cells()
    parser.feed(page)
    assert "<script>alert(1)</script>" in parser.cells  # text, not markup


def test_markdown_escapes_pipes(catalog):
    doc = build("2016", ZONES, [("edge", "edge_transport", "dmz"), ("ex", "mailbox", "lan")],
                [("c1", "edge", "ex")])
    doc.replace_node(Node("ex", "EX|01", "mailbox", "lan"))
    text = render_matrix("md", doc, catalog, compute_flows(doc, catalog))
    assert "EX\\|01" in text
    lines = [line for line in text.splitlines() if line.startswith("|")]
    assert len(lines) == 2 + 3
    assert all(line.replace("\\|", "").count("|") == len(HEADERS) + 1 for line in lines)


def test_xlsx_reads_back_with_header_filter_and_frozen_panes(hostile, catalog, tmp_path):
    doc, flows = hostile
    path = tmp_path / "m.xlsx"
    path.write_bytes(render_matrix("xlsx", doc, catalog, flows))
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == HEADERS
    assert len(rows) == 1 + len(flows)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{chr(ord('A') + len(HEADERS) - 1)}{len(flows) + 1}"
    assert sheet.cell(row=1, column=1).font.bold
    ports = {r[5] for r in rows[1:]}
    assert ports == {25, 50636}  # numbers, not text
    assert {r[0] for r in rows[1:]} >= {"'=HYPERLINK(\"http://evil\")"}
    assert not any(isinstance(c, str) and c.startswith("=") for r in rows[1:] for c in r)
