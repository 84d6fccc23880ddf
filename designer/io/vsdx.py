"""The diagram as a Visio drawing (``.vsdx``), written with the standard library: the Open
Packaging Conventions parts (a zip of XML parts and their relationships) built with ElementTree.

One page, the drawing at the canvas's size (96 canvas pixels to the inch): zones are rounded
rectangles in their colour with their name at the top left, behind everything; nodes carry the
role's icon (a PNG, when the caller gives ``icon_png``: Visio and LibreOffice embed bitmaps, and
this layer has no SVG renderer) with the node's name below, or are plain boxes without it; each
connection is a line glued to its two nodes (``Connects``, and Visio's glue formulas), with the canvas's
label text kept horizontal on or beside it, off the nodes, zone titles and other labels
(:mod:`.vsdx_labels`), coloured and patterned by its weakest protection (solid, dashed,
dotted). The text comes from :mod:`designer.io.diagram`, where XML 1.0's forbidden characters are
already gone; ElementTree escapes the rest.
"""
from __future__ import annotations

import math
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from io import BytesIO

from ..catalog import Catalog
from ..model import Document
from ..support.i18n import Translate, untranslated
from .diagram import ICON, PLATE, TEXT, ZONE_HEADER, Diagram, build_diagram
from .vsdx_labels import place_labels, text_size

NS = "http://schemas.microsoft.com/office/visio/2012/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
VISIO_RELS = "http://schemas.microsoft.com/visio/2010/relationships"
IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
PX = 96.0  # canvas pixels per inch
MARGIN = 0.5  # inches round the drawing
PATTERNS = {"solid": 1, "dashed": 2, "dotted": 3, "dashdot": 4, "dashdotdot": 5}  # Visio's LinePattern
FONT_PT = {"zone": 12, "node": 9, "edge": 7}
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the same bytes for the same design

IconPng = Callable[[str], "bytes | None"]


def render_vsdx(doc: Document, catalog: Catalog, icon_png: IconPng | None = None,
                translate: Translate = untranslated) -> bytes:
    """The ``.vsdx`` bytes of ``doc``; ``icon_png(role)`` gives a role's icon as PNG (or None)."""
    return vsdx_bytes(build_diagram(doc, catalog, translate), icon_png)


def vsdx_bytes(diagram: Diagram, icon_png: IconPng | None = None) -> bytes:
    page, images = _page(diagram, icon_png)
    bounds = diagram.bounds()
    width, height = bounds.width / PX + 2 * MARGIN, bounds.height / PX + 2 * MARGIN
    parts = {
        "[Content_Types].xml": _content_types(bool(images)),
        "_rels/.rels": _rels([("rId1", f"{VISIO_RELS}/document", "visio/document.xml"),
                              ("rId2", f"{PKG_RELS}/metadata/core-properties", "docProps/core.xml"),
                              ("rId3", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                                       "extended-properties", "docProps/app.xml")]),
        "docProps/core.xml": _core(diagram.name),
        "docProps/app.xml": _xml(_app()),
        "visio/document.xml": _xml(_document()),
        "visio/_rels/document.xml.rels": _rels([("rId1", f"{VISIO_RELS}/pages", "pages/pages.xml")]),
        "visio/pages/pages.xml": _xml(_pages(diagram.name, width, height)),
        "visio/pages/_rels/pages.xml.rels": _rels([("rId1", f"{VISIO_RELS}/page", "page1.xml")]),
        "visio/pages/page1.xml": _xml(page),
    }
    if images:
        parts["visio/pages/_rels/page1.xml.rels"] = _rels(
            [(rel, IMAGE_REL, f"../media/{name}") for rel, (name, _) in images.items()])
        for name, data in images.values():
            parts[f"visio/media/{name}"] = data
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, _ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, data)
    return buffer.getvalue()


# ---- the page
def _page(diagram: Diagram, icon_png: IconPng | None) -> tuple[ET.Element, dict[str, tuple[str, bytes]]]:
    bounds = diagram.bounds()
    page_height = bounds.height / PX + 2 * MARGIN

    def x(px: float) -> float:
        return (px - bounds.x) / PX + MARGIN

    def y(py: float) -> float:
        return page_height - ((py - bounds.y) / PX + MARGIN)

    root = ET.Element(f"{{{NS}}}PageContents")
    shapes = ET.SubElement(root, f"{{{NS}}}Shapes")
    images: dict[str, tuple[str, bytes]] = {}  # rel id: (file name, PNG)
    role_rel: dict[str, str | None] = {}
    next_id = 1
    for zone in diagram.zones:
        r = zone.rect
        shape = _shape(shapes, next_id, x(r.x + r.width / 2), y(r.y + r.height / 2), r.width / PX, r.height / PX)
        _cells(shape, FillForegnd=zone.fill, FillPattern=1, LineColor=zone.border, LineWeight=1.5 / 72,
               LinePattern=1, Rounding=10 / PX, VerticalAlign=0, TopMargin=(ZONE_HEADER / 4) / PX,
               LeftMargin=12 / PX)
        _text(shape, zone.name, FONT_PT["zone"], bold=True, align=0)
        next_id += 1

    node_ids: dict[str, int] = {}
    for node in diagram.nodes:
        cx, cy = node.center
        icon_top = cy - node.rect.height / 2 + 4
        if node.role not in role_rel:
            data = icon_png(node.role) if icon_png else None
            if data:
                rel = f"rId{len(images) + 1}"
                images[rel] = (f"image{len(images) + 1}.png", data)
                role_rel[node.role] = rel
            else:
                role_rel[node.role] = None
        rel = role_rel[node.role]
        size = ICON / PX
        shape = _shape(shapes, next_id, x(cx), y(icon_top + ICON / 2), size, size,
                       kind="Foreign" if rel else "Shape")
        text_height = (node.rect.height - ICON - 4) / PX
        _cells(shape, TxtPinX=size / 2, TxtPinY=-text_height / 2, TxtWidth=node.rect.width / PX,
               TxtHeight=text_height, TxtLocPinX=node.rect.width / PX / 2, TxtLocPinY=text_height / 2,
               VerticalAlign=0)
        if rel:
            _cells(shape, ImgOffsetX=0, ImgOffsetY=0, ImgWidth=size, ImgHeight=size, LinePattern=0, FillPattern=0)
            foreign = ET.SubElement(shape, f"{{{NS}}}ForeignData", ForeignType="Bitmap", CompressionType="PNG")
            ET.SubElement(foreign, f"{{{NS}}}Rel", {f"{{{R_NS}}}id": rel})
        else:
            _cells(shape, FillForegnd="#ffffff", FillPattern=1, LineColor=TEXT, LinePattern=1, Rounding=6 / PX)
        _text(shape, node.name, FONT_PT["node"])
        node_ids[node.id] = next_id
        next_id += 1

    centers = {n.id: (n.center[0], n.center[1] - n.rect.height / 2 + 4 + ICON / 2) for n in diagram.nodes}
    middles = {n.id: n.center for n in diagram.nodes}
    drawn = {}  # each line as drawn, end to end, in canvas pixels
    for edge in diagram.edges:
        if edge.source in node_ids and edge.target in node_ids:
            if edge.points:  # routed round other nodes: from the nodes' centres, as on the canvas
                drawn[edge.id] = [middles[edge.source], *edge.points, middles[edge.target]]
            else:
                drawn[edge.id] = [centers[edge.source], centers[edge.target]]
    labels = place_labels(diagram, drawn)  # off the nodes, the zone titles and each other
    connects = []
    for edge in diagram.edges:
        if edge.id not in drawn:
            continue
        (x1, y1), *bends, (x2, y2) = ((x(px), y(py)) for px, py in drawn[edge.id])
        label = labels.get(edge.id)
        text = "\n".join(label.lines if label else edge.lines)
        at = (x(label.centre[0]), y(label.centre[1])) if label else None
        connects.append(_line(shapes, next_id, (x1, y1), (x2, y2), node_ids[edge.source], node_ids[edge.target],
                              edge.color, PATTERNS[edge.pattern], text, bends, at))
        next_id += 1
    if connects:
        element = ET.SubElement(root, f"{{{NS}}}Connects")
        for begin, end in connects:
            ET.SubElement(element, f"{{{NS}}}Connect", begin)
            ET.SubElement(element, f"{{{NS}}}Connect", end)
    return root, images


def _shape(parent: ET.Element, shape_id: int, pin_x: float, pin_y: float, width: float, height: float,
           kind: str = "Shape", geometry: bool = True) -> ET.Element:
    shape = ET.SubElement(parent, f"{{{NS}}}Shape", ID=str(shape_id), Type=kind, LineStyle="0", FillStyle="0",
                          TextStyle="0")
    _cells(shape, PinX=pin_x, PinY=pin_y, Width=width, Height=height)
    _cell(shape, "LocPinX", width / 2, "Width*0.5")
    _cell(shape, "LocPinY", height / 2, "Height*0.5")
    if geometry and kind == "Shape":
        section = ET.SubElement(shape, f"{{{NS}}}Section", N="Geometry", IX="0")
        _cells(section, NoFill=0, NoLine=0, NoShow=0)
        corners = ((0, 0), (1, 0), (1, 1), (0, 1), (0, 0))
        for index, (fx, fy) in enumerate(corners, 1):
            row = ET.SubElement(section, f"{{{NS}}}Row", T="MoveTo" if index == 1 else "LineTo", IX=str(index))
            _cell(row, "X", width * fx, f"Width*{fx}")
            _cell(row, "Y", height * fy, f"Height*{fy}")
    return shape


def _line(parent: ET.Element, shape_id: int, begin: tuple[float, float], end: tuple[float, float],
          source: int, target: int, color: str, pattern: int, text: str,
          bends: list[tuple[float, float]] | None = None, label_at: tuple[float, float] | None = None
          ) -> tuple[dict, dict]:
    """A connector glued to its two nodes; through ``bends`` (page coordinates) when it is
    routed round other nodes (its geometry then has a row per bend, in the line's own frame);
    its text centred on ``label_at`` (page coordinates; else on its longest run)."""
    (x1, y1), (x2, y2) = begin, end
    length = math.hypot(x2 - x1, y2 - y1)
    angle = math.atan2(y2 - y1, x2 - x1)
    shape = ET.SubElement(parent, f"{{{NS}}}Shape", ID=str(shape_id), Type="Shape", LineStyle="0", FillStyle="0",
                          TextStyle="0")
    _cell(shape, "PinX", (x1 + x2) / 2, "GUARD((BeginX+EndX)/2)")
    _cell(shape, "PinY", (y1 + y2) / 2, "GUARD((BeginY+EndY)/2)")
    _cell(shape, "Width", length, "GUARD(SQRT((EndX-BeginX)^2+(EndY-BeginY)^2))")
    _cell(shape, "Height", 0.0)
    _cell(shape, "LocPinX", length / 2, "GUARD(Width*0.5)")
    _cell(shape, "LocPinY", 0.0, "GUARD(Height*0.5)")
    _cell(shape, "Angle", angle, "GUARD(ATAN2(EndY-BeginY,EndX-BeginX))")
    _cell(shape, "BeginX", x1, "_WALKGLUE(BegTrigger,EndTrigger,WalkPreference)")
    _cell(shape, "BeginY", y1, "_WALKGLUE(BegTrigger,EndTrigger,WalkPreference)")
    _cell(shape, "EndX", x2, "_WALKGLUE(EndTrigger,BegTrigger,WalkPreference)")
    _cell(shape, "EndY", y2, "_WALKGLUE(EndTrigger,BegTrigger,WalkPreference)")
    _cell(shape, "BegTrigger", 2, f"_XFTRIGGER(Sheet.{source}!EventXFMod)")
    _cell(shape, "EndTrigger", 2, f"_XFTRIGGER(Sheet.{target}!EventXFMod)")
    cos, sin = math.cos(angle), math.sin(angle)  # points in the line's own frame

    def local(px: float, py: float) -> tuple[float, float]:
        return (px - x1) * cos + (py - y1) * sin, -(px - x1) * sin + (py - y1) * cos

    inner = [local(bx, by) for bx, by in bends or ()]
    if label_at is not None:
        pin = local(*label_at)
    else:  # the text on the middle of the longest run
        corners = [(0.0, 0.0), *inner, (length, 0.0)]
        a, b = max(zip(corners, corners[1:]), key=lambda ab: math.hypot(ab[1][0] - ab[0][0], ab[1][1] - ab[0][1]))
        pin = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    text_width, text_height = (v / PX for v in text_size(text.split("\n")))
    _cells(shape, ObjType=2, LineColor=color, LinePattern=pattern, LineWeight=2 / 72, LineCap=1,
           TxtPinX=pin[0], TxtPinY=pin[1], TxtWidth=text_width, TxtHeight=text_height,
           TxtLocPinX=text_width / 2, TxtLocPinY=text_height / 2, TextBkgnd=PLATE)
    _cell(shape, "TxtAngle", -angle, "-Angle")
    section = ET.SubElement(shape, f"{{{NS}}}Section", N="Geometry", IX="0")
    _cells(section, NoFill=1, NoLine=0, NoShow=0)
    row = ET.SubElement(section, f"{{{NS}}}Row", T="MoveTo", IX="1")
    _cell(row, "X", 0.0, "Width*0")
    _cell(row, "Y", 0.0, "Height*0.5")
    for index, (lx, ly) in enumerate(inner, 2):
        row = ET.SubElement(section, f"{{{NS}}}Row", T="LineTo", IX=str(index))
        _cell(row, "X", lx)
        _cell(row, "Y", ly)
    row = ET.SubElement(section, f"{{{NS}}}Row", T="LineTo", IX=str(len(inner) + 2))
    _cell(row, "X", length, "Width*1")
    _cell(row, "Y", 0.0, "Height*0.5")
    _text(shape, text, FONT_PT["edge"])
    return ({"FromSheet": str(shape_id), "FromCell": "BeginX", "FromPart": "9", "ToSheet": str(source),
             "ToCell": "PinX", "ToPart": "3"},
            {"FromSheet": str(shape_id), "FromCell": "EndX", "FromPart": "12", "ToSheet": str(target),
             "ToCell": "PinX", "ToPart": "3"})


def _text(shape: ET.Element, text: str, points: float, bold: bool = False, align: int = 1) -> None:
    character = ET.SubElement(shape, f"{{{NS}}}Section", N="Character")
    row = ET.SubElement(character, f"{{{NS}}}Row", IX="0")
    _cells(row, Color=TEXT, Size=points / 72, Style=1 if bold else 0)
    paragraph = ET.SubElement(shape, f"{{{NS}}}Section", N="Paragraph")
    _cells(ET.SubElement(paragraph, f"{{{NS}}}Row", IX="0"), HorzAlign=align)
    ET.SubElement(shape, f"{{{NS}}}Text").text = text


def _cell(parent: ET.Element, name: str, value, formula: str | None = None) -> None:
    attributes = {"N": name, "V": _value(value)}
    if formula:
        attributes["F"] = formula
    ET.SubElement(parent, f"{{{NS}}}Cell", attributes)


def _cells(parent: ET.Element, **values) -> None:
    for name, value in values.items():
        _cell(parent, name, value)


def _value(value) -> str:
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".") or "0"
    return str(value)


# ---- the other parts
def _document() -> ET.Element:
    root = ET.Element(f"{{{NS}}}VisioDocument")
    settings = ET.SubElement(root, f"{{{NS}}}DocumentSettings", TopPage="0", DefaultTextStyle="0",
                             DefaultLineStyle="0", DefaultFillStyle="0", DefaultGuideStyle="0")
    ET.SubElement(settings, f"{{{NS}}}GlueSettings").text = "9"
    ET.SubElement(settings, f"{{{NS}}}SnapSettings").text = "65847"
    ET.SubElement(root, f"{{{NS}}}Colors")
    faces = ET.SubElement(root, f"{{{NS}}}FaceNames")
    ET.SubElement(faces, f"{{{NS}}}FaceName", NameU="Calibri", UnicodeRanges="-536859905 -1073732485 9 0",
                  CharSets="536871423 0", Panose="2 15 5 2 2 2 4 3 2 4", Flags="325")
    sheets = ET.SubElement(root, f"{{{NS}}}StyleSheets")
    style = ET.SubElement(sheets, f"{{{NS}}}StyleSheet", ID="0", NameU="No Style", IsCustomNameU="1",
                          Name="No Style", IsCustomName="1")
    _cells(style, EnableLineProps=1, EnableFillProps=1, EnableTextProps=1, HideForApply=0, LineWeight=0.01,
           LineColor=TEXT, LinePattern=1, Rounding=0, BeginArrow=0, EndArrow=0, LineCap=0, FillForegnd="#ffffff",
           FillBkgnd="#ffffff", FillPattern=1, ShdwPattern=0, LeftMargin=0.05, RightMargin=0.05, TopMargin=0.05,
           BottomMargin=0.05, VerticalAlign=1, TextBkgnd=0, TextDirection=0)
    character = ET.SubElement(style, f"{{{NS}}}Section", N="Character")
    _cells(ET.SubElement(character, f"{{{NS}}}Row", IX="0"), Font="Calibri", Color=TEXT, Style=0, Case=0,
           Pos=0, Size=9 / 72)
    paragraph = ET.SubElement(style, f"{{{NS}}}Section", N="Paragraph")
    _cells(ET.SubElement(paragraph, f"{{{NS}}}Row", IX="0"), IndFirst=0, IndLeft=0, IndRight=0, SpLine=-1.2,
           SpBefore=0, SpAfter=0, HorzAlign=1)
    return root


def _pages(name: str, width: float, height: float) -> ET.Element:
    root = ET.Element(f"{{{NS}}}Pages")
    page = ET.SubElement(root, f"{{{NS}}}Page", ID="0", NameU="Page-1", Name=(name or "Diagram")[:31])
    sheet = ET.SubElement(page, f"{{{NS}}}PageSheet", LineStyle="0", FillStyle="0", TextStyle="0")
    _cells(sheet, PageWidth=width, PageHeight=height, ShdwOffsetX=0.125, ShdwOffsetY=-0.125, PageScale=1.0,
           DrawingScale=1.0, DrawingSizeType=3, DrawingScaleType=0, InhibitSnap=0, UIVisibility=0,
           ShdwType=0, ShdwObliqueAngle=0, ShdwScaleFactor=1, DrawingResizeType=1, PageShapeSplit=1)
    ET.SubElement(page, f"{{{NS}}}Rel", {f"{{{R_NS}}}id": "rId1"})
    return root


def _app() -> ET.Element:
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    root = ET.Element(f"{{{ns}}}Properties")
    ET.SubElement(root, f"{{{ns}}}Application").text = "Exchange Topology Designer"
    ET.SubElement(root, f"{{{ns}}}DocSecurity").text = "0"
    return root


def _core(title: str) -> bytes:
    cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
    dc = "http://purl.org/dc/elements/1.1/"
    root = ET.Element(f"{{{cp}}}coreProperties")
    ET.SubElement(root, f"{{{dc}}}title").text = title
    ET.SubElement(root, f"{{{dc}}}creator").text = "Exchange Topology Designer"
    return _xml(root)


def _content_types(png: bool) -> bytes:
    ns = "http://schemas.openxmlformats.org/package/2006/content-types"
    root = ET.Element(f"{{{ns}}}Types")
    defaults = {"rels": "application/vnd.openxmlformats-package.relationships+xml", "xml": "application/xml"}
    if png:
        defaults["png"] = "image/png"
    for extension, content_type in defaults.items():
        ET.SubElement(root, f"{{{ns}}}Default", Extension=extension, ContentType=content_type)
    overrides = {"/visio/document.xml": "application/vnd.ms-visio.drawing.main+xml",
                 "/visio/pages/pages.xml": "application/vnd.ms-visio.pages+xml",
                 "/visio/pages/page1.xml": "application/vnd.ms-visio.page+xml",
                 "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
                 "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml"}
    for part, content_type in overrides.items():
        ET.SubElement(root, f"{{{ns}}}Override", PartName=part, ContentType=content_type)
    return _xml(root)


def _rels(relations: list[tuple[str, str, str]]) -> bytes:
    root = ET.Element(f"{{{PKG_RELS}}}Relationships")
    for rel_id, rel_type, target in relations:
        ET.SubElement(root, f"{{{PKG_RELS}}}Relationship", Id=rel_id, Type=rel_type, Target=target)
    return _xml(root)


def _xml(root: ET.Element) -> bytes:
    """The part's bytes, its root's namespace the default one and the others prefixed, as
    Office writes them (ElementTree alone would prefix them all: ``ns0:``)."""
    default = root.tag[1:].split("}", 1)[0]
    used: dict[str, str] = {}

    def name(qualified: str) -> str:
        if not qualified.startswith("{"):
            return qualified
        namespace, local = qualified[1:].split("}", 1)
        if namespace == default:
            return local
        used[namespace] = _PREFIXES[namespace]
        return f"{_PREFIXES[namespace]}:{local}"

    for element in root.iter():
        element.tag = name(element.tag)
        for key in [k for k in element.attrib if k.startswith("{")]:
            element.attrib[name(key)] = element.attrib.pop(key)
    root.set("xmlns", default)
    for namespace, prefix in used.items():
        root.set(f"xmlns:{prefix}", namespace)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


_PREFIXES = {R_NS: "r", "http://purl.org/dc/elements/1.1/": "dc"}
