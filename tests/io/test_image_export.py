"""Diagram export (PNG, SVG, PDF) and ``render``, checked with readers other than the writer:
ElementTree for SVG, pypdf for PDF; pixels are read back with QImage."""
from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
from PySide6.QtGui import QImage

from designer.canvas.label_item import LabelItem
from designer.io import save_document
from designer.render.image_export import PAGE_SIZES, export_scene, render_bytes
from designer.model import Rect
from designer.support.yamlsafe import InputError
from tests.conftest import ROOT, SAMPLES, ZONES, build

pypdf = pytest.importorskip("pypdf")

SVG = "{http://www.w3.org/2000/svg}"
SAMPLE_2016 = ROOT / "data" / "samples" / "exchange2016-edge.yaml"
DATE = "2026-01-02"
GREEN, WHITE = 0xFF007A5E, 0xFFFFFFFF  # the "encrypted" line; the paper
HOSTILE = '<script>alert(1)</script> & "x"'


def pixels(image: QImage) -> list[int]:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = memoryview(image.constBits()).cast("I")
    width, stride = image.width(), image.bytesPerLine() // 4
    return [p for row in range(image.height()) for p in data[row * stride:row * stride + width]]


def svg_texts(data: bytes) -> tuple[ET.Element, str]:
    root = ET.fromstring(data)
    return root, " ".join(" ".join(e.itertext()) for e in root.iter(f"{SVG}text"))


def pdf_text(data: bytes) -> tuple[pypdf.PdfReader, str]:
    """The text a PDF viewer searches: NFKC, as viewers do, folds the ligatures (ﬁ) Qt's
    fonts shape into their letters."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = unicodedata.normalize("NFKC", " ".join(page.extract_text() for page in reader.pages))
    return reader, " ".join(text.split())


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_each_sample_in_each_format(sample, open_scene, tmp_path):
    scene = open_scene(sample)
    name = scene.document.name
    png, svg, pdf = (export_scene(scene, tmp_path / f"d.{f}", date=DATE) for f in ("png", "svg", "pdf"))

    image = QImage(str(png))
    values = pixels(image)
    assert image.width() > 1000 and image.height() > 500
    assert len(set(values)) > 200  # icons, zones, lines, antialiased text
    assert sum(v != WHITE for v in values) > len(values) // 5
    assert GREEN in set(values)  # at least the legend's sample of an encrypted line

    root, texts = svg_texts(svg.read_bytes())
    assert root.find(f"{SVG}title").text == name
    assert "50636/TCP EdgeSync" in texts  # labels stay text, not glyph outlines
    assert name in texts and DATE in texts and f"Exchange {scene.document.exchange_version}" in texts
    assert "Encrypted by default" in texts and "Plaintext" in texts  # the legend

    reader, text = pdf_text(pdf.read_bytes())
    # laid out compactly, a sample fits one page readably; where one does not: an overview, then the parts
    assert len(reader.pages) == 1 or (len(reader.pages) >= 3 and "Overview" in reader.pages[0].extract_text())
    assert "EdgeSync" in text and name in text
    assert reader.metadata.title == name
    box = reader.pages[0].mediabox
    assert float(box.width) / float(box.height) == pytest.approx(297 / 210, rel=0.01)  # A4 landscape
    if len(reader.pages) > 1:  # an atlas of A4 pages
        assert float(box.width) == pytest.approx(842, abs=2)
    else:  # the smallest page that prints it readably: A4 or A3
        assert min(abs(float(box.width) - w) for w in (842, 1191)) <= 2


def test_png_scale_and_dpi(open_scene):
    scene = open_scene(SAMPLE_2016)
    one = QImage.fromData(render_bytes(scene, "png", scale=1.0, date=DATE))
    two = QImage.fromData(render_bytes(scene, "png", scale=2.0, date=DATE))
    assert abs(two.width() - 2 * one.width()) <= 1 and abs(two.height() - 2 * one.height()) <= 1
    assert one.dotsPerMeterX() == pytest.approx(96 / 0.0254, rel=0.01)  # prints at the canvas's size
    hi = QImage.fromData(render_bytes(scene, "png", dpi=300, date=DATE))
    assert hi.width() == pytest.approx(one.width() * 300 / 96, abs=300 / 96 + 1)  # one.width() is rounded up
    assert hi.dotsPerMeterX() == pytest.approx(300 / 0.0254, rel=0.001)
    with pytest.raises(InputError, match="positive"):
        render_bytes(scene, "png", scale=0)


def test_pdf_page_size_orientation_and_fit(open_scene):
    scene = open_scene(SAMPLE_2016)
    reader, _ = pdf_text(render_bytes(scene, "pdf", page_size="A3", landscape=False))
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((842, 1191), abs=2)
    reader, text = pdf_text(render_bytes(scene, "pdf", page_size="letter", fit=False))
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((792, 612), abs=2)
    assert "EdgeSync" in text
    with pytest.raises(InputError, match="page size"):
        render_bytes(scene, "pdf", page_size="B7")


def test_the_export_leaves_out_the_editing_chrome_and_restores_it(open_scene):
    scene = open_scene(SAMPLE_2016)
    clean = render_bytes(scene, "png", scale=1.0, date=DATE)
    scene.select_ids(["ex01", "dmz", next(iter(scene.connections))])
    before = set(scene.selected_ids())
    scene.nodes["edge01"].hovered = True  # its connect handle shows
    conn = next(iter(scene.connections.values()))
    conn.highlighted = True  # a matrix row of it is selected
    signals = []
    scene.selectionChanged.connect(lambda: signals.append(1))

    assert render_bytes(scene, "png", scale=1.0, date=DATE) == clean  # pixel for pixel
    assert set(scene.selected_ids()) == before
    assert scene.nodes["edge01"].hovered and conn.highlighted
    assert not signals  # the window never saw the selection go and come back
    assert all(item.isVisible() for item in scene.items()
               if not isinstance(item, LabelItem))  # (labels with no free spot on screen give way)


def test_no_grid_unless_asked(open_scene):
    scene = open_scene(SAMPLE_2016)
    plain = pixels(QImage.fromData(render_bytes(scene, "png", scale=1.0, date=DATE)))
    grid = pixels(QImage.fromData(render_bytes(scene, "png", scale=1.0, date=DATE, grid=True)))
    assert sum(v != WHITE for v in grid) > sum(v != WHITE for v in plain) + 500
    assert scene.show_grid  # the canvas's own grid setting is not what decides


def test_selection_only(open_scene):
    scene = open_scene(SAMPLE_2016)
    whole = QImage.fromData(render_bytes(scene, "png", scale=1.0))
    with pytest.raises(InputError, match="nothing is selected"):
        render_bytes(scene, "png", selection_only=True)
    scene.select_ids(["edge01", "ex01"])
    part_png = QImage.fromData(render_bytes(scene, "png", scale=1.0, selection_only=True))
    assert part_png.width() * part_png.height() < whole.width() * whole.height() / 2
    _, texts = svg_texts(render_bytes(scene, "svg", selection_only=True))
    assert "EDGE01" in texts and "EX01" in texts and "50636/TCP EdgeSync" in texts  # their connection
    assert "Reverse proxy" not in texts and "Public DNS" not in texts
    assert texts.count("Internal network") == 1  # in the legend: the zone was not selected
    assert "Selection" in texts
    assert set(scene.selected_ids()) == {"edge01", "ex01"}


def test_a_zone_carries_its_nodes(open_scene):
    scene = open_scene(SAMPLE_2016)
    scene.select_ids(["dmz"])
    _, texts = svg_texts(render_bytes(scene, "svg", selection_only=True))
    assert "EDGE01" in texts and "Reverse proxy" in texts and "EX01" not in texts


def test_names_from_the_file_are_escaped(open_scene, tmp_path):
    doc = build("2016", ZONES, [("edge", "edge_transport", "dmz"), ("ex", "mailbox", "lan")],
                [("c1", "edge", "ex")])
    doc.name = HOSTILE
    doc.replace_node(replace(doc.node("edge"), name="<b>&amp;</b>"))
    design = tmp_path / "hostile.yaml"
    save_document(doc, design)
    scene = open_scene(design)
    data = render_bytes(scene, "svg")
    root, texts = svg_texts(data)  # well-formed XML
    assert root.find(f"{SVG}title").text == HOSTILE
    assert HOSTILE in texts and "<b>&amp;</b>" in texts
    assert not [e for e in root.iter() if "script" in e.tag or e.tag == f"{SVG}b"]
    assert b"<script" not in data
    reader, pdf = pdf_text(render_bytes(scene, "pdf"))
    assert reader.metadata.title == HOSTILE and "alert(1)" in pdf


def test_paper_labels_do_not_say_hover(open_scene, tmp_path):
    doc = build("2016", (("lan", "internal"),), [("ex", "mailbox", "lan"), ("ol", "outlook", "lan")],
                [("c1", "ex", "ol")])  # more flows than a label shows
    doc.replace_zone(replace(doc.zone("lan"), rect=Rect(0, 0, 1400, 500)))
    doc.replace_node(replace(doc.node("ex"), pos=(150, 250)))
    doc.replace_node(replace(doc.node("ol"), pos=(1250, 250)))
    design = tmp_path / "more.yaml"
    save_document(doc, design)
    scene = open_scene(design)
    scene.place_labels()
    label = scene.connections["c1"].label_item
    assert any("hover for all" in line for line in label.lines)
    _, texts = svg_texts(render_bytes(scene, "svg"))
    assert "hover" not in texts and "more (all in the port matrix)" in texts
    assert any("hover for all" in line for line in label.lines)  # the canvas keeps its own


def test_unknown_format(open_scene, tmp_path):
    scene = open_scene(SAMPLE_2016)
    with pytest.raises(InputError, match=r"use \.png, \.svg or \.pdf"):
        export_scene(scene, tmp_path / "d.bmp")
    assert not list(tmp_path.iterdir())


# ---- the render command
def parse(*argv: str) -> argparse.Namespace:
    from designer.cli import render as cli_render

    parser = argparse.ArgumentParser()
    cli_render.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["render", *argv])


def test_render_command_writes_each_format(qapp, catalog, tmp_path):
    from designer.cli import render as cli_render

    magic = {"png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF"}
    for fmt, head in magic.items():
        out = tmp_path / f"design.{fmt}"
        args = parse(str(SAMPLE_2016), "-o", str(out), "--page-size", "a3", "--portrait", "--grid")
        assert cli_render.run(args, catalog, io.StringIO()) == 0
        assert out.read_bytes().startswith(head)
    args = parse(str(SAMPLE_2016), "-o", str(tmp_path / "hi.png"), "--dpi", "150")
    assert cli_render.run(args, catalog, io.StringIO()) == 0
    assert QImage(str(tmp_path / "hi.png")).dotsPerMeterX() == pytest.approx(150 / 0.0254, rel=0.001)
    assert tuple(PAGE_SIZES) == cli_render.PAGE_SIZES


def test_render_command_refuses_what_it_cannot_do(qapp, catalog, tmp_path):
    from designer.cli import render as cli_render

    with pytest.raises(InputError, match=r"use \.png, \.svg, \.pdf, \.drawio or \.vsdx"):
        cli_render.run(parse(str(SAMPLE_2016), "-o", str(tmp_path / "d.jpg")), catalog, io.StringIO())
    with pytest.raises(InputError, match="no such file"):
        cli_render.run(parse(str(tmp_path / "missing.yaml"), "-o", str(tmp_path / "d.png")),
                       catalog, io.StringIO())
    for bad in (["--scale", "0"], ["--dpi", "x"], ["--page-size", "B7"], ["--scale", "2", "--dpi", "300"]):
        with pytest.raises(SystemExit):
            parse(str(SAMPLE_2016), "-o", "d.png", *bad)


def test_render_needs_no_display_and_keeps_cli_free_of_qt(tmp_path):
    out = tmp_path / "d.pdf"
    code = (
        "import sys\n"
        "import designer.cli.render as r\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')]\n"
        "import argparse\n"
        "from designer.catalog import load_catalog\n"
        "p = argparse.ArgumentParser(); r.add_parser(p.add_subparsers())\n"
        f"args = p.parse_args(['render', {str(SAMPLE_2016)!r}, '-o', {str(out)!r}])\n"
        "sys.exit(r.run(args, load_catalog(), sys.stdout))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            cwd=ROOT, env=env, check=False)
    assert result.returncode == 0, result.stderr
    assert "EdgeSync" in pdf_text(out.read_bytes())[1]
