"""Exports print a label in full only where it hides nothing; otherwise its number on the line and
the label in full in the key under the drawing (or on the atlas's key pages)."""
from __future__ import annotations

import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET

import pytest

from designer.render.image_export import export_state, render_bytes
from tests.conftest import ROOT, SAMPLES


def boxes(scene):
    """What a reader sees of each node (its icon and its name) and of each label shown."""
    nodes = {node_id: item.mapRectToScene(item.icon_rect().united(item.text_rect()))
             for node_id, item in scene.nodes.items() if item.isVisible()}
    labels = {conn_id: item.label_item.sceneBoundingRect() for conn_id, item in scene.connections.items()
              if item.isVisible() and item.label_item.isVisible() and item.label_item.lines}
    return nodes, labels


def area(a, b) -> float:
    common = a.intersected(b)
    return common.width() * common.height()


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_an_exported_label_hides_no_node_and_no_label_and_the_key_holds_the_rest(sample, open_scene):
    scene = open_scene(sample)
    scene.place_labels()
    before = {c: list(item.label_item.lines) for c, item in scene.connections.items()}
    full = {c: [line.replace("(hover for all)", "(all in the port matrix)") for line in item._label_lines(False)]
            for c, item in scene.connections.items()}  # what the label says in full
    with export_state(scene, False, None) as key:
        nodes, labels = boxes(scene)
        for conn_id, rect in labels.items():
            hidden = [n for n, box in nodes.items() if area(rect, box) > 1]
            assert not hidden, (conn_id, scene.connections[conn_id].label_item.lines, hidden)
        pairs = [(a, b) for a in labels for b in labels if a < b and area(labels[a], labels[b]) > 1]
        assert not pairs
        numbered = {e.conn_id: e for e in key}
        assert [e.number for e in key] == list(range(1, len(key) + 1))
        for conn_id, item in scene.connections.items():
            shown = item.label_item.lines
            if conn_id in numbered:  # its number on the line, its text in full in the key
                assert shown == [str(numbered[conn_id].number)]
                assert list(numbered[conn_id].lines) == full[conn_id]
                names = {scene.document.nodes[n].name for n in scene.document.connection(conn_id).between}
                assert all(name in numbered[conn_id].between for name in names)
            else:
                assert shown == full[conn_id]
    assert {c: list(item.label_item.lines) for c, item in scene.connections.items()} == before  # put back


def test_the_hybrid_sample_numbers_labels_and_its_svg_prints_the_key(open_scene):
    scene = open_scene(ROOT / "data" / "samples" / "exchange2016-edge.yaml")
    with export_state(scene, False, None) as key:
        assert key, "the 2016 sample's compact layout has labels with no free place"
        entry = key[0]
    svg = render_bytes(scene, "svg")
    text = " ".join(" ".join(ET.fromstring(svg).itertext()).split())  # a long line wraps in the key
    assert "Labels printed as numbers on the drawing" in text
    assert f"{entry.number} {entry.between}" in text
    assert all(" ".join(line.split()) in text for line in entry.lines)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_an_atlas_prints_the_key_on_pages_of_its_own(open_scene, tmp_path):
    scene = open_scene(ROOT / "data" / "samples" / "exchangeSE-hybrid.yaml")
    pdf = tmp_path / "atlas.pdf"
    pdf.write_bytes(render_bytes(scene, "pdf", atlas=True))
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    overview = pages[0]
    assert "its numbered labels: page" in " ".join(overview.split())
    key_pages = [p for p in pages if "numbered labels of the diagram" in p]
    assert key_pages and "Labels printed as numbers" in key_pages[0]
    parts = [p for p in pages if "diagram, part" in p]
    assert parts and not any("Labels printed as numbers" in p for p in parts)  # not cut with the drawing
    with export_state(scene, False, None) as key:
        pass
    printed = unicodedata.normalize("NFKC", " ".join(" ".join(p.split()) for p in key_pages))  # "ﬃ"
    for entry in key:
        assert f"{entry.number} {entry.between}" in printed
