"""The HTML port matrix and firewall rules are tables for people: sources are links, and a long
note that several rows share is printed once, with each row linking to it."""
from __future__ import annotations

import datetime
from html.parser import HTMLParser

from designer.analysis import boundary_rules
from designer.io import firewall_export, load_document, tables
from designer.analysis import compute_flows
from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "samples" / "exchange2019-edge.yaml"


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: list[str] = []
        self.cells: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            self.links.append(attrs.get("href", ""))
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "td":
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.cells.append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _flows(catalog):
    doc = load_document(SAMPLE)
    return doc, compute_flows(doc, catalog)


def test_the_matrix_prints_each_shared_note_once_and_links_its_sources(catalog):
    doc, flows = _flows(catalog)
    rows = tables.matrix_rows(doc, catalog, flows)
    page = Page()
    page.feed(tables.render_matrix("html", doc, catalog, flows))
    NOTES = tables.NOTES_COLUMN
    long_shared = {r[NOTES] for r in rows if len(r[NOTES]) >= tables.SHARED_NOTE
                   and sum(o[NOTES] == r[NOTES] for o in rows) > 1}
    assert long_shared  # the open-proxy rows, among others, share a long note
    for note in long_shared:
        assert page.cells.count(note) == 1  # once, in the notes table
    assert all(f"#{i}" in page.links for i in page.ids if i.startswith("note-"))
    urls = {u for r in rows for u in r[tables.REFERENCE_COLUMN].split("\n") if u.startswith("https://")}
    assert urls and urls <= set(page.links)


def test_the_firewall_rules_link_their_sources(catalog):
    doc, flows = _flows(catalog)
    text = firewall_export.to_html(doc, catalog, boundary_rules(doc, flows), datetime.date(2020, 1, 1))
    page = Page()
    page.feed(text)
    assert any(link.startswith("https://learn.microsoft.com/") for link in page.links)


def test_links_are_escaped_and_only_http():
    cell = tables.linked('see https://example.com/a?b=1&c="x" and javascript:alert(1) <b>')
    assert '<a href="https://example.com/a?b=1&amp;c=">' in cell
    assert "javascript:alert(1)" in cell and 'href="javascript' not in cell and "<b>" not in cell
    notes = tables.shared_notes(["x" * 90, "x" * 90, "short", "short", "y" * 90])
    assert notes == {"x" * 90: "N1"}
