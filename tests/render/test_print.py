"""Deliverables on paper: every sample's PDF diagram and report print the connection labels at
6 pt or more and the node names at 7 pt or more on every page that shows the diagram (read back
with pdftotext -bbox); report tables keep each row whole, or continue it with its identifying
cells, and the text layer holds each text once."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import unicodedata

import pytest
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF

from designer.io.report_html import TableBlock, sections
from designer.io.report_model import build_report
from designer.render.image_export import render_bytes
from designer.render.report_pages import CONTINUED, paginate
from designer.render.report_pdf import write_report
from tests.conftest import ROOT, SAMPLES

PDFTOTEXT = shutil.which("pdftotext")
needs_poppler = pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
PORT = re.compile(r"^\d+/(TCP|UDP)$")


def words_by_page(data: bytes, tmp_path) -> list[list[tuple[str, float]]]:
    """Each page's words with their box heights in points, as pdftotext -bbox reads them."""
    path = tmp_path / "read.pdf"
    path.write_bytes(data)
    out = subprocess.run([PDFTOTEXT, "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [[(m.group(5), float(m.group(4)) - float(m.group(2))) for m in WORD.finditer(page)]
            for page in out.split("<page ")[1:]]


def diagram_pages(pages: list[list[tuple[str, float]]]) -> list[list[tuple[str, float]]]:
    """The pages that show the diagram with its labels: a single page (its legend says how lines
    read), or the parts of an atlas ("diagram, part N of M") and the key to its numbered labels."""
    shown = []
    for words in pages:
        text = " ".join(w for w, _ in words)
        if ("diagram, part" in text or "numbered labels of the diagram" in text
                or ("CONNECTIONS: WEAKEST ENCRYPTION" in text and "Overview:" not in text)):
            shown.append(words)
    return shown


def assert_readable(pages, names: set[str]) -> None:
    shown = diagram_pages(pages)
    assert shown, "no page shows the diagram"
    ports = [h for words in shown for w, h in words if PORT.match(w)]
    assert ports, "no connection label on the diagram pages"
    assert min(ports) >= 7.0, f"a connection label's box is {min(ports):.1f} pt tall (6 pt text is 7 pt)"
    name_boxes = [h for words in shown for w, h in words if w in names]
    assert name_boxes and min(name_boxes) >= 8.0  # 7 pt text and more


@needs_poppler
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_prints_readable_labels(sample, open_scene, catalog, tmp_path):
    scene = open_scene(sample)
    names = {n.name.split()[0] for n in scene.document.nodes.values() if n.name.isupper() or n.name[-1:].isdigit()}
    assert_readable(words_by_page(render_bytes(scene, "pdf"), tmp_path), names)
    report = write_report(scene, catalog, tmp_path / "r.pdf", today="2020-01-01")
    assert_readable(words_by_page(report.read_bytes(), tmp_path), names)


def test_a_forced_page_size_says_what_would_fit(open_scene, qapp, catalog, tmp_path, capsys):
    from designer.cli.main import main

    scene = open_scene(ROOT / "data" / "samples" / "exchange2010-um.yaml")
    notes: list[str] = []
    render_bytes(scene, "pdf", page_size="a4", notes=notes)
    assert len(notes) == 1 and "under the readable 6 pt" in notes[0]
    assert "--page-size A2" in notes[0] and "--atlas" in notes[0]
    notes.clear()
    render_bytes(scene, "pdf", notes=notes)  # the export's own choice is readable: nothing to say
    render_bytes(scene, "pdf", page_size="A4", atlas=True, notes=notes)
    assert notes == []
    out = tmp_path / "d.pdf"
    assert main(["render", str(ROOT / "data" / "samples" / "exchange2010-um.yaml"), "-o", str(out),
                 "--page-size", "a4"], io.StringIO()) == 0
    assert "warning: on A4 the connection labels print at" in capsys.readouterr().err


def _writer():
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(96)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                     QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))
    return writer, buffer


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_no_row_on_a_page_has_blank_identifying_cells(sample, open_scene, catalog):
    scene = open_scene(sample)
    editor = scene.editor
    report = build_report(editor.document, catalog, editor.flows, editor.findings, "2020-01-01")
    writer, _buffer = _writer()
    pages = paginate(sections(report), writer.width(), writer.height() - 26, writer, QFont())
    rows = [p for page in pages for p in page if p.cells is not None]
    assert len(rows) >= len(report.matrix)
    for placed in rows:
        assert all(str(cell).strip() for cell in placed.cells[:placed.keys]), placed.cells
    for page in pages:  # nothing runs past the page
        assert all(p.y + p.document.size().height() <= writer.height() - 26 + 1 for p in page)


def test_a_row_taller_than_a_page_continues_with_its_identity(qapp):
    long_text = " ".join(f"word{i}" for i in range(4000))
    block = TableBlock(("Source", "Port", "Notes"), [["EDGE01", "25", long_text], ["MBX01", "443", "short"]], keys=2)
    writer, _buffer = _writer()
    pages = paginate([block], writer.width(), 500, writer, QFont())
    rows = [p.cells for page in pages for p in page if p.cells is not None]
    assert len(pages) >= 3 and len(rows) >= 4
    first, *continued, last = rows
    assert first[:2] == ["EDGE01", "25"] and last == ["MBX01", "443", "short"]
    assert all(r[0] == "EDGE01" + CONTINUED and r[1] == "25" for r in continued)
    assert " ".join(r[2] for r in (first, *continued)).split() == long_text.split()  # each word once, in order


@needs_poppler
def test_the_text_layer_holds_each_note_once(open_scene, catalog, tmp_path):
    scene = open_scene(ROOT / "data" / "samples" / "exchange2016-edge.yaml")
    path = write_report(scene, catalog, tmp_path / "r.pdf", today="2020-01-01")
    text = subprocess.run([PDFTOTEXT, str(path), "-"], capture_output=True, text=True, check=True).stdout
    squeeze = re.compile(r"[\s-]+")  # pdftotext joins a word hyphenated at a line's end

    text = squeeze.sub("", unicodedata.normalize("NFKC", text))
    editor = scene.editor
    report = build_report(editor.document, catalog, editor.flows, editor.findings, "2020-01-01")
    assert report.notes
    for label, note in report.notes:
        whole = squeeze.sub("", note)
        assert text.count(whole) == 1, (label, note)
