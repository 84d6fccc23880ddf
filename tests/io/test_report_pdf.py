"""The report as PDF and HTML from a live scene and from ``exchange-designer report``, read
back with pypdf (the PDF's text) and html.parser."""
from __future__ import annotations

import argparse
from dataclasses import replace
import io
import os
import re
import subprocess
import sys

import pytest

from designer.cli import report as cli_report
from designer.render.report_pdf import write_report
from designer.support.yamlsafe import InputError
from tests.conftest import ROOT, SAMPLES
from tests.io.test_image_export import pdf_text
from tests.io.test_report import Reader

SAMPLE_2016 = ROOT / "data" / "samples" / "exchange2016-edge.yaml"
SAMPLE_2010 = ROOT / "data" / "samples" / "exchange2010-um.yaml"


def test_the_pdf_has_cover_diagram_tables_findings_and_sources(open_scene, catalog, tmp_path):
    scene = open_scene(SAMPLE_2016)
    scene.place_labels()
    shown = {c: item.label_item.isVisible() for c, item in scene.connections.items()}  # (some give way)
    path = write_report(scene, catalog, tmp_path / "report.pdf", today="2026-01-02")
    reader, text = pdf_text(path.read_bytes())
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert len(pages) >= 5
    assert "Contoso, Exchange 2016 with Edge" in pages[0] and "Exchange 2016 · 2026-01-02" in pages[0]
    # the diagram: an overview with the legend and title block, then its parts at a readable size
    assert "Overview" in pages[1] and "EXCHANGE VERSION Exchange 2016 DATE 2026-01-02" in pages[1]
    parts = int(re.search(r"part 1 of (\d+)", pages[2]).group(1))
    assert 2 <= parts <= 4 and all(f"part {n} of {parts}" in pages[1 + n] for n in range(1, parts + 1))
    assert "EDGE01" in " ".join(pages[2:2 + parts])
    for expected in ("Zone boundaries and firewall rules", "Internal network → Perimeter network (DMZ)",
                     "50636", "Port matrix", "Findings", "Open proxy detection", "Sources",
                     "learn.microsoft.com/en-us/exchange/plan-and-deploy/deployment-ref/network-ports"):
        assert expected in text, expected
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]
    assert scene.selected_ids() == [] and all(item.isVisible() for item in scene.nodes.values())
    assert all(node.shown_name for node in scene.nodes.values())  # the overview hid them, then put back
    assert {c: item.label_item.isVisible() for c, item in scene.connections.items()} == shown


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_reports_in_both_formats(open_scene, catalog, tmp_path, sample):
    scene = open_scene(sample)
    pdf = write_report(scene, catalog, tmp_path / "r.pdf")
    html = write_report(scene, catalog, tmp_path / "r.html")
    _, text = pdf_text(pdf.read_bytes())
    assert scene.document.name.split(",")[0] in text
    reader = Reader()
    reader.feed(html.read_text(encoding="utf-8"))
    assert "Port matrix" in reader.headings and reader.scripts == 0
    assert "<svg" in html.read_text(encoding="utf-8")  # the diagram, inline and searchable


def test_unknown_format_and_unwritable_place(open_scene, catalog, tmp_path):
    scene = open_scene(SAMPLE_2010)
    with pytest.raises(InputError, match=r"use \.pdf or \.html"):
        write_report(scene, catalog, tmp_path / "r.docx")
    with pytest.raises(InputError, match="cannot write"):
        write_report(scene, catalog, tmp_path / "no" / "such" / "r.pdf")


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    cli_report.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["report", *argv])


def test_report_command(qapp, catalog, tmp_path):
    out = tmp_path / "r.pdf"
    assert cli_report.run(parse(str(SAMPLE_2010), "-o", str(out)), catalog, io.StringIO()) == 0
    _, text = pdf_text(out.read_bytes())
    assert "Exchange 2010" in text and "Unified Messaging" in text
    with pytest.raises(InputError, match=r"use \.pdf or \.html"):
        cli_report.run(parse(str(SAMPLE_2010), "-o", str(tmp_path / "r.txt")), catalog, io.StringIO())
    with pytest.raises(InputError, match="no such file"):
        cli_report.run(parse(str(tmp_path / "missing.yaml"), "-o", str(out)), catalog, io.StringIO())


def test_report_runs_headless_through_the_real_command(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = tmp_path / "report.html"
    result = subprocess.run([sys.executable, "-m", "designer", "report", str(SAMPLE_2016), "-o", str(out)],
                            capture_output=True, text=True, timeout=120, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr
    assert "EdgeSync" in out.read_text(encoding="utf-8")


def test_hostile_names_stay_text_in_the_html_report_and_its_diagram(open_scene, catalog, tmp_path):
    from designer.io import save_document
    from tests.conftest import ZONES, build

    hostile = '</text><script>alert(1)</script>'
    doc = build("2016", ZONES, [("mail", "internet_mail", "inet"), ("edge", "edge_transport", "dmz")],
                [("c1", "mail", "edge")])
    doc.replace_node(replace(doc.node("edge"), name=hostile))
    doc.name = f"Plan {hostile}"
    save_document(doc, tmp_path / "hostile.yaml")
    html = write_report(open_scene(tmp_path / "hostile.yaml"), catalog, tmp_path / "r.html").read_text("utf-8")
    reader = Reader()
    reader.feed(html)
    assert reader.scripts == 0 and "<script>" not in html
    svg = html[html.index("<svg"):html.index("</svg>") + 6]
    import xml.etree.ElementTree as ET
    texts = " ".join(" ".join(e.itertext()) for e in ET.fromstring(svg).iter() if e.tag.endswith("text"))
    assert hostile[:20] in texts  # the name is drawn, as text
