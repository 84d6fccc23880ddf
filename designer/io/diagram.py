"""The drawing of a design as the editable exports need it (draw.io, Visio): pure Python, no Qt.

Geometry is the canvas's: zone rects and node centres from the model, with the automatic layout
(:func:`designer.model.layout.auto_layout`) filling in whatever a hand-written design leaves out,
exactly as the editor does when it opens a file. A node's footprint is ``NODE_WIDTH`` by
``NODE_HEIGHT`` around its centre, with a ``ICON``-pixel icon at the top and the name below.

Colours are the light (print) theme's, copied from ``designer.render.theme.LIGHT`` (the io layer
sits below render and may not import it; ``tests/io/test_editable_export.py`` checks that they
agree). Lines are styled by the connection's weakest protection, as on the canvas: encrypted solid
green, optional or possible dashed amber, plaintext dotted red, not stated grey, no data path
dashed red with ⚠.

Names are hostile: :func:`xml_safe` drops what XML 1.0 cannot carry, and the writers leave the
escaping to ElementTree.
"""
from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass

from ..analysis.labels import connection_label
from ..analysis.firewall import group_size
from ..catalog import Catalog
from ..model import Document
from ..model.elements import Rect
from ..model.layout import NODE_HEIGHT, NODE_WIDTH, ZONE_HEADER, auto_layout
from ..model.routing import route_all
from ..support.i18n import QT_TRANSLATE_NOOP, Translate, untranslated
from ..support.paths import icons_dir
from ..support.states import EncryptionKind, ZoneKind

ICON = 56  # the canvas's icon size (canvas/items.py ICON)
TEXT = "#263238"
PLATE, PLATE_BORDER = "#ffffff", "#b0bec5"
ERROR = "#c62828"
# theme.LIGHT: the zone fill and border by kind, the line colour by encryption
ZONE_FILLS = {ZoneKind.INTERNET: "#efe9f6", ZoneKind.PERIMETER: "#fdf1de", ZoneKind.INTERNAL: "#e6f0f8",
              ZoneKind.CLOUD: "#e2f4f1"}
ZONE_BORDERS = {ZoneKind.INTERNET: "#8e7cc3", ZoneKind.PERIMETER: "#e0a030", ZoneKind.INTERNAL: "#5b8fbf",
                ZoneKind.CLOUD: "#2a9d8f"}
OTHER_ZONE = ("#eeeeee", "#90a4ae")
LINE_COLORS = {EncryptionKind.ENCRYPTED: "#007a5e", EncryptionKind.OPTIONAL: "#a86800",
               EncryptionKind.POSSIBLE: "#8f4a9e", EncryptionKind.NONE: "#c0392b", EncryptionKind.UNKNOWN: "#4d5a63"}
# as the canvas and the legend draw them (render/style.py): they differ in pattern, not only colour
LINE_PATTERNS = {EncryptionKind.ENCRYPTED: "solid", EncryptionKind.OPTIONAL: "dashed",
                 EncryptionKind.POSSIBLE: "dashdot", EncryptionKind.NONE: "dotted",
                 EncryptionKind.UNKNOWN: "dashdotdot"}
MORE = QT_TRANSLATE_NOOP("Diagram", "+{count} more (all in the port matrix)")

_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
# what XML 1.0 can't carry: C0 controls but tab, LF and CR; surrogates; U+FFFE and U+FFFF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 forbids replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", str(text))


@dataclass(frozen=True)
class ZoneShape:
    id: str
    name: str
    kind: str
    rect: Rect
    fill: str  # #rrggbb
    border: str


@dataclass(frozen=True)
class NodeShape:
    id: str
    name: str
    role: str
    zone: str
    center: tuple[float, float]

    @property
    def rect(self) -> Rect:
        """The node's footprint on the canvas."""
        return Rect(self.center[0] - NODE_WIDTH / 2, self.center[1] - NODE_HEIGHT / 2, NODE_WIDTH, NODE_HEIGHT)


@dataclass(frozen=True)
class EdgeShape:
    id: str
    source: str  # node ids: the connection's first node, then its second
    target: str
    lines: tuple[str, ...]  # the label, with arrows relative to source -> target
    encryption: str  # the weakest: encrypted | optional | possible | none | unknown
    error: bool  # no data path
    points: tuple[tuple[float, float], ...] = ()  # where it bends, going round other nodes (model.routing)
    summary: tuple[str, ...] = ()  # the label's port summary, where the full one has no room (Visio) ...
    brief: tuple[str, ...] = ()  # ... and a line of it per direction, where the summary has none

    @property
    def color(self) -> str:
        return ERROR if self.error else LINE_COLORS.get(self.encryption, LINE_COLORS[EncryptionKind.UNKNOWN])

    @property
    def pattern(self) -> str:
        """solid, dashed or dotted."""
        return "dashed" if self.error else LINE_PATTERNS.get(self.encryption, "solid")


@dataclass(frozen=True)
class Diagram:
    name: str
    version: str
    zones: tuple[ZoneShape, ...]
    nodes: tuple[NodeShape, ...]
    edges: tuple[EdgeShape, ...]

    def bounds(self) -> Rect:
        rects = [z.rect for z in self.zones] + [n.rect for n in self.nodes]
        if not rects:
            return Rect(0.0, 0.0, 0.0, 0.0)
        left, top = min(r.x for r in rects), min(r.y for r in rects)
        right, bottom = max(r.x + r.width for r in rects), max(r.y + r.height for r in rects)
        return Rect(left, top, right - left, bottom - top)


def build_diagram(doc: Document, catalog: Catalog, translate: Translate = untranslated) -> Diagram:
    """The drawing of ``doc`` (not changed): geometry as on the canvas, labels as the canvas words them."""
    layout = auto_layout(doc, catalog)
    zones = []
    for zone in doc.zones.values():
        rect = layout.zone_rects.get(zone.id, zone.rect) or Rect(0.0, 0.0, 300.0, 240.0)
        fill, border = zone_colors(zone.kind, zone.color)
        zones.append(ZoneShape(zone.id, xml_safe(zone.name), zone.kind, rect, fill, border))
    nodes = []
    for node in doc.nodes.values():
        pos = layout.node_positions.get(node.id, node.pos) or (0.0, 0.0)
        name = f"{node.name} ({group_size(node)})" if node.is_group else node.name
        nodes.append(NodeShape(node.id, xml_safe(name), node.role, node.zone, (float(pos[0]), float(pos[1]))))
    centres = {n.id: n.center for n in nodes}
    routes = route_all(centres, ((c.id, *c.between) for c in doc.connections.values()))
    edges = []
    for conn in doc.connections.values():
        label = connection_label(doc, catalog, conn.id, translate=translate)
        if label.error:
            lines = [f"⚠ {label.error}"]
        else:
            lines = [("→ " if line.forward else "← ") + line.text for line in label.lines]
            if label.more:
                lines.append(translate("Diagram", MORE).format(count=label.more))
        summary, brief = ((lines, lines) if label.error else
                          ([("→ " if line.forward else "← ") + line.text for line in shorter]
                           for shorter in (label.compact, label.brief)))
        edges.append(EdgeShape(conn.id, conn.between[0], conn.between[1], tuple(xml_safe(t) for t in lines),
                               label.encryption, label.error is not None, tuple(routes.get(conn.id, ())[1:-1]),
                               tuple(xml_safe(t) for t in summary), tuple(xml_safe(t) for t in brief)))
    return Diagram(xml_safe(doc.name), xml_safe(doc.exchange_version), tuple(zones), tuple(nodes), tuple(edges))


def zone_colors(kind: str, custom: str | None) -> tuple[str, str]:
    """A zone's fill and border as the light theme paints them (``style.zone_colors``): a colour
    the user chose, with a border 1.6 times darker; else the kind's. A colour that is not
    ``#rgb`` or ``#rrggbb`` is not written into a file: the kind's is used."""
    if custom and _COLOR.fullmatch(custom.strip()):
        fill = _long_hex(custom.strip())
        r, g, b = (int(fill[i:i + 2], 16) / 255 for i in (1, 3, 5))
        h, s, v = colorsys.rgb_to_hsv(r, g, b)
        r, g, b = colorsys.hsv_to_rgb(h, s, v / 1.6)
        return fill, "#{:02x}{:02x}{:02x}".format(*(round(c * 255) for c in (r, g, b)))
    return ZONE_FILLS.get(kind, OTHER_ZONE[0]), ZONE_BORDERS.get(kind, OTHER_ZONE[1])


def _long_hex(color: str) -> str:
    color = color.lower()
    return "#" + "".join(c * 2 for c in color[1:]) if len(color) == 4 else color


def icon_svg(role: str) -> bytes | None:
    """The role's icon (SVG bytes), or None when there is none."""
    path = icons_dir() / f"{role}.svg"
    if not re.fullmatch(r"[A-Za-z0-9_]+", role or "") or not path.is_file():
        return None
    return path.read_bytes()


__all__ = ["ICON", "ZONE_HEADER", "Diagram", "EdgeShape", "NodeShape", "ZoneShape", "build_diagram", "icon_svg",
           "xml_safe", "zone_colors"]
