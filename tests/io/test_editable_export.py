"""draw.io and Visio exports, read back by independent readers: ElementTree for the XML, zipfile
for the Visio package, and LibreOffice (where installed) converting the .vsdx to PDF for pdftotext."""
from __future__ import annotations

import math
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from designer.analysis.firewall import group_size
from designer.analysis.flows import connection_matches
from designer.io.diagram import ERROR, LINE_COLORS, OTHER_ZONE, ZONE_BORDERS, ZONE_FILLS, xml_safe
from designer.io.drawio import render_drawio
from designer.io.vsdx import render_vsdx
from designer.model import Connection, Document, Node, Zone
from designer.model.elements import Rect
from designer.model.layout import NODE_HEIGHT, NODE_WIDTH
from tests.conftest import ROOT, SAMPLES

VISIO = "{http://schemas.microsoft.com/office/visio/2012/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
HOSTILE = "<b>&amp;\"x'\x01\x0b\x1f\ud800\ufffe]]>"


@pytest.fixture()
def canvas_doc(catalog):
    """``canvas_doc(path)``: the design as the canvas has it (the editor lays out what has no geometry)."""
    from designer.editor import DocumentEditor

    def load(path) -> Document:
        editor = DocumentEditor(catalog)
        editor.open(path)
        return editor.document
    return load


def drawio_cells(text: str) -> dict[str, ET.Element]:
    root = ET.fromstring(text)
    assert root.tag == "mxfile"
    model = root.find("diagram/mxGraphModel")
    assert model is not None, "uncompressed: the mxGraphModel is in the file as XML"
    return {cell.get("id"): cell for cell in model.iter("mxCell")}


def caption(node) -> str:
    """A node's name as the drawings show it: a group's with its member count."""
    return f"{node.name} ({group_size(node)})" if node.is_group else node.name


def ports_of(doc, catalog, conn) -> set[str]:
    return {str(port.value) for match in connection_matches(doc, catalog, conn) for port in match.path.ports
            if not port.is_any}


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_drawio_nodes_are_children_of_their_zone_at_the_canvas_position(sample, catalog, canvas_doc, qapp):
    doc = canvas_doc(sample)
    cells = drawio_cells(render_drawio(doc, catalog))
    zones = {c.get("value"): c for c in cells.values() if "container=1" in (c.get("style") or "")}
    assert set(zones) == {z.name for z in doc.zones.values()}
    nodes = [c for c in cells.values() if c.get("vertex") == "1" and c.get("parent") not in ("0", "1")]
    assert sorted(c.get("value") for c in nodes) == sorted(caption(n) for n in doc.nodes.values())
    for node in doc.nodes.values():
        zone = doc.zone(node.zone)
        candidates = [c for c in nodes if c.get("value") == caption(node)
                      and cells[c.get("parent")].get("value") == zone.name]
        zone_geometry = cells[candidates[0].get("parent")].find("mxGeometry")
        assert float(zone_geometry.get("x")) == zone.rect.x and float(zone_geometry.get("width")) == zone.rect.width
        # relative to the zone: moving the zone in draw.io moves the node (two groups may share
        # a name: one of the cells so named is at the node's position)
        cell = next(c for c in candidates
                    if float(c.find("mxGeometry").get("x")) + zone.rect.x + NODE_WIDTH / 2 == pytest.approx(node.pos[0])
                    and float(c.find("mxGeometry").get("y")) + zone.rect.y + NODE_HEIGHT / 2 == pytest.approx(node.pos[1]))
        assert "image=data:image/svg+xml," in cell.get("style")


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_drawio_edges_join_their_nodes_with_the_ports_in_the_label(sample, catalog, canvas_doc, qapp):
    doc = canvas_doc(sample)
    cells = drawio_cells(render_drawio(doc, catalog))
    edges = [c for c in cells.values() if c.get("edge") == "1"]
    assert len(edges) == len(doc.connections)
    names = {c.get("id"): c.get("value") for c in cells.values() if c.get("vertex") == "1"}
    for conn in doc.connections.values():
        a, b = (caption(doc.node(n)) for n in conn.between)
        edge = next(e for e in edges if (names[e.get("source")], names[e.get("target")]) == (a, b))
        ports = ports_of(doc, catalog, conn)
        if ports:  # every connection with ports names at least one of them, with its transport
            assert any(re.search(rf"\b{re.escape(p)}\b", edge.get("value")) for p in ports), edge.get("value")
            assert re.search(r"/(TCP|UDP)", edge.get("value"))
        assert edge.get("value").startswith(("→ ", "← ", "⚠ "))


def test_drawio_line_styles_follow_the_weakest_encryption(catalog, canvas_doc, qapp):
    from designer.analysis.labels import connection_label

    # the canvas's pens: every meaning differs in pattern as well as colour
    expected = {"encrypted": (LINE_COLORS["encrypted"], None), "optional": (LINE_COLORS["optional"], "8 4"),
                "possible": (LINE_COLORS["possible"], "8 4 1 4"), "none": (LINE_COLORS["none"], "1 4"),
                "unknown": (LINE_COLORS["unknown"], "8 4 1 4 1 4")}
    seen = set()
    for sample in SAMPLES:
        doc = canvas_doc(sample)
        cells = drawio_cells(render_drawio(doc, catalog))
        for index, conn in enumerate(doc.connections.values(), 1):
            style = dict(kv.split("=", 1) for kv in cells[f"edge{index}"].get("style").strip(";").split(";"))
            label = connection_label(doc, catalog, conn.id)
            color, dashes = (ERROR, "8 4") if label.error else expected[label.encryption]
            assert (style["strokeColor"], style.get("dashPattern")) == (color, dashes)
            assert (style.get("dashed") == "1") == (dashes is not None)
            seen.add("error" if label.error else label.encryption)
    assert {"encrypted", "none", "unknown"} <= seen and seen & {"optional", "possible"}  # every style shown


def hostile_doc() -> Document:
    doc = Document(f"Design {HOSTILE}", "2016")
    doc.add_zone(Zone("z1", f"Zone {HOSTILE}", "internal", Rect(0, 0, 400, 300), color="red;fillColor=#000"))
    doc.add_zone(Zone("z2", "Custom", "perimeter", Rect(500, 0, 300, 300), color="#d0e4f5"))
    doc.add_node(Node("n1", f"Node {HOSTILE}", "mailbox", "z1", (200, 150)))
    doc.add_node(Node("n2", "Edge", "edge_transport", "z2", (650, 150)))
    doc.add_connection(Connection("c1", ("n1", "n2")))
    return doc


def test_hostile_names_stay_text_and_forbidden_characters_are_not_written(catalog):
    text = render_drawio(hostile_doc(), catalog)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", text)
    cells = drawio_cells(text)
    assert cells["node1"].get("value") == xml_safe(f"Node {HOSTILE}")
    assert "<b>" in cells["node1"].get("value") and "html=0" in cells["node1"].get("style")
    assert "fillColor=#000" not in cells["zone1"].get("style")  # not a colour: the kind's
    assert f"fillColor={ZONE_FILLS['internal']};" in cells["zone1"].get("style")
    assert "fillColor=#d0e4f5;" in cells["zone2"].get("style")
    package = zipfile.ZipFile(BytesIO(render_vsdx(hostile_doc(), catalog)))
    page = ET.fromstring(package.read("visio/pages/page1.xml"))
    texts = [t.text for t in page.iter(f"{VISIO}Text")]
    assert xml_safe(f"Node {HOSTILE}") in texts and xml_safe(f"Zone {HOSTILE}") in texts


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_vsdx_package_parts_parse_and_hold_the_names(sample, catalog, canvas_doc, qapp):
    from designer.render.editable_export import icon_png

    doc = canvas_doc(sample)
    package = zipfile.ZipFile(BytesIO(render_vsdx(doc, catalog, icon_png)))
    assert package.testzip() is None
    types = ET.fromstring(package.read("[Content_Types].xml"))
    overrides = {o.get("PartName"): o.get("ContentType") for o in types if o.tag.endswith("Override")}
    assert overrides["/visio/document.xml"] == "application/vnd.ms-visio.drawing.main+xml"
    assert overrides["/visio/pages/page1.xml"] == "application/vnd.ms-visio.page+xml"
    for part in overrides:
        assert part.lstrip("/") in package.namelist()
    for name in package.namelist():
        if name.endswith((".xml", ".rels")):
            ET.fromstring(package.read(name))  # every part parses
    rels = ET.fromstring(package.read("_rels/.rels"))
    assert any(r.get("Target") == "visio/document.xml" for r in rels)
    assert ET.fromstring(package.read("visio/document.xml")).tag == f"{VISIO}VisioDocument"
    page = ET.fromstring(package.read("visio/pages/page1.xml"))
    texts = [t.text or "" for t in page.iter(f"{VISIO}Text")]
    for name in [z.name for z in doc.zones.values()] + [caption(n) for n in doc.nodes.values()]:
        assert name in texts
    connects = page.findall(f"{VISIO}Connects/{VISIO}Connect")
    assert len(connects) == 2 * len(doc.connections)  # both ends glued to their nodes
    # the icons: one PNG per role, each node shape a Foreign shape pointing at its role's
    page_rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(package.read("visio/pages/_rels/page1.xml.rels"))}
    foreign = [s for s in page.iter(f"{VISIO}Shape") if s.get("Type") == "Foreign"]
    assert len(foreign) == len(doc.nodes)
    for shape in foreign:
        rel = shape.find(f"{VISIO}ForeignData/{VISIO}Rel").get(f"{REL}id")
        assert package.read("visio/" + page_rels[rel].removeprefix("../")).startswith(b"\x89PNG")
    assert len(page_rels) == len({n.role for n in doc.nodes.values()})


def test_the_colours_are_the_canvas_print_colours():
    from designer.render.theme import LIGHT

    for kind in ZONE_FILLS:
        assert (ZONE_FILLS[kind], ZONE_BORDERS[kind]) == (LIGHT.zone_fill(kind), LIGHT.zone_border(kind))
    assert OTHER_ZONE == (LIGHT.zone_fill("other"), LIGHT.zone_border("other"))
    for kind, color in LINE_COLORS.items():
        assert color == LIGHT.line_color(kind)


def test_render_writes_drawio_and_vsdx_from_the_command_line(tmp_path):
    sample = ROOT / "data" / "samples" / "exchange2016-edge.yaml"
    for suffix in (".drawio", ".vsdx"):
        out = tmp_path / f"design{suffix}"
        result = subprocess.run([sys.executable, "-m", "designer", "render", str(sample), "-o", str(out)],
                                capture_output=True, text=True, timeout=120, cwd=ROOT)
        assert result.returncode == 0, result.stderr
    assert "EDGE01" in {c.get("value") for c in drawio_cells((tmp_path / "design.drawio").read_text("utf-8")).values()}
    assert zipfile.ZipFile(tmp_path / "design.vsdx").read("visio/pages/page1.xml").count(b"EDGE01") == 1


@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftotext"),
                    reason="LibreOffice (libreoffice-draw) and pdftotext (poppler-utils) are not installed")
def test_libreoffice_opens_the_vsdx_and_shows_the_names_and_ports(tmp_path, catalog, canvas_doc, qapp):
    from designer.render.editable_export import icon_png

    docs = {}
    for sample in SAMPLES:
        docs[sample.stem] = doc = canvas_doc(sample)
        (tmp_path / f"{sample.stem}.vsdx").write_bytes(render_vsdx(doc, catalog, icon_png))
    profile = tmp_path / "profile"  # never the user's LibreOffice profile
    result = subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                             "--convert-to", "pdf", "--outdir", str(tmp_path),
                             *(str(tmp_path / f"{stem}.vsdx") for stem in docs)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for stem, doc in docs.items():
        pdf = tmp_path / f"{stem}.pdf"
        assert pdf.exists(), result.stdout + result.stderr
        # -raw: in the order LibreOffice wrote each shape's text (a label drawn across a name
        # would otherwise interleave with it in pdftotext's reading order)
        text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        squeezed = re.sub(r"\s+", "", text)  # a long name wraps; pdftotext may run text boxes together
        for node in doc.nodes.values():
            assert re.sub(r"\s+", "", node.name) in squeezed, node.name
        found = {port for conn in doc.connections.values() for port in ports_of(doc, catalog, conn)
                 if re.search(rf"\b{port}/(TCP|UDP)", text)}
        assert {"25", "443"} & found or {"389"} & found, text[:500]


def test_drawio_and_vsdx_lines_take_the_canvas_routes(catalog, canvas_doc, qapp):
    """A line the canvas routes round a node has the same bends as waypoints in draw.io and
    as geometry rows in Visio."""
    from designer.io.diagram import build_diagram
    from designer.model.routing import route_all

    doc = canvas_doc(ROOT / "data" / "samples" / "exchange2010-um.yaml")
    routes = route_all({n.id: n.pos for n in doc.nodes.values()},
                       ((c.id, *c.between) for c in doc.connections.values()))
    bent = {conn_id: path[1:-1] for conn_id, path in routes.items() if len(path) > 2}
    assert bent  # the sample has lines that go round a node
    diagram = build_diagram(doc, catalog)
    edges = {e.id: e for e in diagram.edges}
    assert {conn_id: list(edges[conn_id].points) for conn_id in bent} == bent
    cells = drawio_cells(render_drawio(doc, catalog))
    index = {e.id: i for i, e in enumerate(diagram.edges, 1)}
    for conn_id, points in bent.items():
        array = cells[f"edge{index[conn_id]}"].find("mxGeometry/Array")
        assert array is not None and array.get("as") == "points"
        assert [(float(p.get("x")), float(p.get("y"))) for p in array.findall("mxPoint")] == points
    page = ET.fromstring(zipfile.ZipFile(BytesIO(render_vsdx(doc, catalog))).read("visio/pages/page1.xml"))
    rows = [len(s.findall(f"{VISIO}Section/{VISIO}Row[@T='LineTo']")) for s in page.iter(f"{VISIO}Shape")
            if s.find(f"{VISIO}Cell[@N='BeginX']") is not None]
    assert sorted(rows) == sorted(len(routes[e.id]) - 1 for e in diagram.edges)


def _cell(shape, name: str) -> float:
    return float(shape.find(f"{VISIO}Cell[@N='{name}']").get("V"))


def _overlap(a, b) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def vsdx_boxes(page) -> tuple[dict[str, tuple], list[tuple[str, tuple]]]:
    """From the page's cells: each node's box (its icon and its name's text block) and each
    connector's label box (its text block, kept horizontal), in page inches
    (left, bottom, right, top)."""
    nodes, labels = {}, []
    for shape in page.iter(f"{VISIO}Shape"):
        text = shape.findtext(f"{VISIO}Text") or ""
        if shape.get("Type") == "Foreign":
            x, y, w, h = (_cell(shape, n) for n in ("PinX", "PinY", "Width", "Height"))
            left, bottom = x - _cell(shape, "LocPinX"), y - _cell(shape, "LocPinY")
            tx = left + _cell(shape, "TxtPinX") - _cell(shape, "TxtLocPinX")
            ty = bottom + _cell(shape, "TxtPinY") - _cell(shape, "TxtLocPinY")
            tw, th = _cell(shape, "TxtWidth"), _cell(shape, "TxtHeight")
            nodes[text] = (min(left, tx), min(bottom, ty), max(left + w, tx + tw), max(bottom + h, ty + th))
        elif shape.find(f"{VISIO}Cell[@N='BeginX']") is not None and text:
            angle = _cell(shape, "Angle")
            px, py = _cell(shape, "TxtPinX"), _cell(shape, "TxtPinY")  # in the line's own frame, from its begin
            cx = _cell(shape, "BeginX") + px * math.cos(angle) - py * math.sin(angle)
            cy = _cell(shape, "BeginY") + px * math.sin(angle) + py * math.cos(angle)
            w, h = _cell(shape, "TxtWidth"), _cell(shape, "TxtHeight")
            labels.append((text, (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)))
    return nodes, labels


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_no_vsdx_label_lies_across_a_node(sample, catalog, canvas_doc, qapp):
    """Each connector's label sits on or beside its line, off every node's icon and name (the
    full label, or its port summary where that has no room), and on the page."""
    from designer.render.editable_export import icon_png

    doc = canvas_doc(sample)
    page = ET.fromstring(zipfile.ZipFile(BytesIO(render_vsdx(doc, catalog, icon_png))).read("visio/pages/page1.xml"))
    nodes, labels = vsdx_boxes(page)
    assert set(nodes) == {caption(n) for n in doc.nodes.values()} and len(labels) == len(doc.connections)
    across = [(text.split("\n")[0], name) for text, box in labels for name, node in nodes.items()
              if _overlap(box, node) > 1e-4]
    assert not across
    page_width = float(ET.fromstring(zipfile.ZipFile(BytesIO(render_vsdx(doc, catalog))).read(
        "visio/pages/pages.xml")).find(f".//{VISIO}Cell[@N='PageWidth']").get("V"))
    assert all(0 <= box[0] and box[2] <= page_width and 0 <= box[1] for _text, box in labels)
    from designer.io.diagram import build_diagram

    in_full = {"\n".join(edge.lines) for edge in build_diagram(doc, catalog).edges}
    assert sum(text in in_full for text, _box in labels) >= len(labels) / 2  # most say it all
