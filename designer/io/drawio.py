"""The diagram as a draw.io file (``.drawio``: uncompressed mxGraph XML), to edit in draw.io.

Zones become containers in their colour, nodes become shapes inside their zone's container
(coordinates relative to it, so moving a zone moves its nodes) with the role's icon embedded as
an SVG data URI and the node's name below it, and connections become edges between the node
shapes with the canvas's label text, styled by their weakest protection (solid, dashed, dotted).
Labels are plain text (``html=0``): a name can't become markup. Cell ids are the exporter's own
(``zone1``, ``node1``, ``edge1``), so nothing from the file reaches an attribute but as escaped text.
"""
from __future__ import annotations

import base64
import xml.etree.ElementTree as ET

from ..catalog import Catalog
from ..model import Document
from ..support.i18n import Translate, untranslated
from .diagram import ICON, PLATE, PLATE_BORDER, TEXT, ZONE_HEADER, Diagram, build_diagram, icon_svg

APP = "Exchange Topology Designer"
DASHES = {"solid": "", "dashed": "dashed=1;dashPattern=8 4;", "dotted": "dashed=1;dashPattern=1 4;",
          "dashdot": "dashed=1;dashPattern=8 4 1 4;", "dashdotdot": "dashed=1;dashPattern=8 4 1 4 1 4;"}


def render_drawio(doc: Document, catalog: Catalog, translate: Translate = untranslated) -> str:
    """The ``.drawio`` text of ``doc``."""
    return drawio_text(build_diagram(doc, catalog, translate))


def drawio_text(diagram: Diagram) -> str:
    mxfile = ET.Element("mxfile", host=APP, type="device")
    page = ET.SubElement(mxfile, "diagram", id="design", name=diagram.name or "Design")
    model = ET.SubElement(page, "mxGraphModel", grid="1", gridSize="20", guides="1", tooltips="1", connect="1",
                          arrows="1", fold="1", page="0", pageScale="1", math="0", shadow="0")
    root = ET.SubElement(model, "root")
    ET.SubElement(root, "mxCell", id="0")
    ET.SubElement(root, "mxCell", id="1", parent="0")

    zone_cells: dict[str, str] = {}
    zone_origin: dict[str, tuple[float, float]] = {}
    for index, zone in enumerate(diagram.zones, 1):
        cell_id = zone_cells[zone.id] = f"zone{index}"
        zone_origin[zone.id] = (zone.rect.x, zone.rect.y)
        style = (f"rounded=1;arcSize=4;absoluteArcSize=1;container=1;collapsible=0;recursiveResize=0;html=0;"
                 f"whiteSpace=wrap;fillColor={zone.fill};strokeColor={zone.border};fontColor={TEXT};fontSize=14;"
                 f"fontStyle=1;align=left;verticalAlign=top;spacingLeft=12;spacingTop={ZONE_HEADER // 4};")
        cell = ET.SubElement(root, "mxCell", id=cell_id, value=zone.name, style=style, vertex="1", parent="1")
        _geometry(cell, zone.rect.x, zone.rect.y, zone.rect.width, zone.rect.height)

    node_cells: dict[str, str] = {}
    images: dict[str, str] = {}
    for index, node in enumerate(diagram.nodes, 1):
        cell_id = node_cells[node.id] = f"node{index}"
        if node.role not in images:
            svg = icon_svg(node.role)
            images[node.role] = base64.b64encode(svg).decode("ascii") if svg else ""
        image = images[node.role]
        style = ("shape=label;html=0;whiteSpace=wrap;fillColor=none;strokeColor=none;"
                 f"fontColor={TEXT};fontSize=11;align=center;verticalAlign=bottom;spacingBottom=2;")
        if image:
            style += (f"image=data:image/svg+xml,{image};imageWidth={ICON};imageHeight={ICON};"
                      "imageAlign=center;imageVerticalAlign=top;")
        parent = zone_cells.get(node.zone, "1")
        ox, oy = zone_origin.get(node.zone, (0.0, 0.0))
        rect = node.rect
        cell = ET.SubElement(root, "mxCell", id=cell_id, value=node.name, style=style, vertex="1", parent=parent)
        _geometry(cell, rect.x - ox, rect.y - oy, rect.width, rect.height)

    for index, edge in enumerate(diagram.edges, 1):
        if edge.source not in node_cells or edge.target not in node_cells:
            continue
        style = (f"edgeStyle=none;html=0;rounded=0;endArrow=none;startArrow=none;strokeWidth=2;"
                 f"strokeColor={edge.color};{DASHES[edge.pattern]}fontSize=10;fontColor={TEXT};"
                 f"labelBackgroundColor={PLATE};labelBorderColor={PLATE_BORDER};")
        cell = ET.SubElement(root, "mxCell", id=f"edge{index}", value="\n".join(edge.lines), style=style,
                             edge="1", parent="1", source=node_cells[edge.source], target=node_cells[edge.target])
        geometry = ET.SubElement(cell, "mxGeometry", relative="1", **{"as": "geometry"})
        if edge.points:  # the canvas's route round other nodes, as waypoints
            array = ET.SubElement(geometry, "Array", **{"as": "points"})
            for x, y in edge.points:
                ET.SubElement(array, "mxPoint", x=_num(x), y=_num(y))
    ET.indent(mxfile)
    return ET.tostring(mxfile, encoding="unicode", xml_declaration=False) + "\n"


def _geometry(cell: ET.Element, x: float, y: float, width: float, height: float) -> None:
    ET.SubElement(cell, "mxGeometry", x=_num(x), y=_num(y), width=_num(width), height=_num(height),
                  **{"as": "geometry"})


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") or "0"
