"""The report's content and its HTML, without Qt: the HTML is read back with html.parser."""
from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser

from designer.analysis import analyse, compute_flows
from designer.io import load_document
from designer.io.report_html import inline_svg, report_html
from designer.io.report_model import MATRIX_HEADERS, build_report
from tests.conftest import ROOT, ZONES, build

SAMPLE_2016 = ROOT / "data" / "samples" / "exchange2016-edge.yaml"
HOSTILE = "<script>alert(1)</script>"


class Reader(HTMLParser):
    """Headings, table cells, links and any script element, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.headings: list[str] = []
        self.cells: list[str] = []
        self.links: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        self.scripts += tag == "script"
        if tag == "a":
            self.links.append(dict(attrs).get("href", ""))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data):
        if any(t in ("h1", "h2", "h3") for t in self.stack):
            self.headings.append(data.strip())
        elif "td" in self.stack:
            self.cells.append(data.strip())


def report_of(doc, catalog, date="2026-01-02"):
    flows = compute_flows(doc, catalog)
    return build_report(doc, catalog, flows, analyse(doc, catalog, flows), date)


def test_the_2016_sample_report_has_every_section(catalog):
    doc = load_document(SAMPLE_2016, roles=catalog.roles.keys())
    report = report_of(doc, catalog)
    reader = Reader()
    reader.feed(report_html(report, None))
    headings = " | ".join(reader.headings)
    for section in ("Diagram", "Zone boundaries and firewall rules", "Port matrix", "Findings", "Sources"):
        assert section in headings
    assert "Internal network → Perimeter network (DMZ) (4 rules)" in headings  # EdgeSync goes to Edge
    assert doc.name in headings
    assert "https://learn.microsoft.com/en-us/exchange/plan-and-deploy/deployment-ref/network-ports" in reader.links
    assert "50636" in reader.cells
    assert len(report.matrix) == len(compute_flows(doc, catalog))
    assert reader.scripts == 0


def test_sources_are_numbered_once_and_cited_by_number(catalog):
    doc = load_document(SAMPLE_2016, roles=catalog.roles.keys())
    report = report_of(doc, catalog)
    labels = [s.label for s in report.sources]
    assert labels == [f"[{i}]" for i in range(1, len(labels) + 1)]
    cited = {row[MATRIX_HEADERS.index("Sources")] for row in report.matrix}
    cited |= {label for b in report.boundaries for row in b.rows for label in row[-1].split()}
    cited |= {row[-1] for row in report.findings} - {""}
    assert cited == set(labels)  # every source listed is cited, and every citation is listed
    assert any(s.publisher != "Microsoft" for s in report.sources)  # the essay is marked as not Microsoft
    # a note printed once, cited from every port of its path
    notes = {row[MATRIX_HEADERS.index("Notes")] for row in report.matrix} - {""}
    assert notes == {label for label, _ in report.notes}


def test_names_from_the_file_are_escaped(catalog):
    doc = build("2016", ZONES, [("mail", "internet_mail", "inet"), ("edge", "edge_transport", "dmz")],
                [("c1", "mail", "edge")])
    doc.replace_node(replace(doc.node("edge"), name=HOSTILE))
    doc.replace_zone(replace(doc.zone("dmz"), name=f"DMZ {HOSTILE}"))
    doc.name = f"Plan {HOSTILE}"
    text = report_html(report_of(doc, catalog), None)
    assert HOSTILE not in text
    reader = Reader()
    reader.feed(text)
    assert reader.scripts == 0
    assert HOSTILE in reader.cells and any(HOSTILE in h for h in reader.headings)


def test_an_svg_diagram_is_inlined_without_its_prologue():
    svg = ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<svg width="200mm" height="100mm" '
           'viewBox="0 0 20 10" xmlns="http://www.w3.org/2000/svg"><text>25/TCP</text></svg>')
    body = inline_svg(svg)
    assert body.startswith("<svg") and "width=" not in body.split(">")[0] and 'viewBox="0 0 20 10"' in body
