"""Where the Visio export puts each connection's label: on or beside its line, off every node,
every zone's title and every label placed before it, and on the page, as the canvas places
its labels (:mod:`designer.model.placement`). Pure Python: no Qt.

A label says in full what the canvas prints (``EdgeShape.lines``) where that has a free spot,
else its port summary (``EdgeShape.summary``; the port matrix has every flow), else a line of
that per direction (``EdgeShape.brief``). Where neither
has one, it takes a spot off the nodes and zone titles that may cover another label, and only
where there is none of those either, the spot that hides least. Sizes are in canvas pixels,
from the label's font (``FONT_PT``) with a generous advance per character, since the writer
does not measure text.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model.layout import TITLE_CHAR, ZONE_HEADER
from ..model.placement import Box, Obstacles, settle, spots_along
from .diagram import Diagram

CHAR_PX = 5.5  # canvas pixels per character of 7 pt text (about 4.7 in Arial; some room to spare)
LINE_PX = 12.0  # canvas pixels per line of 7 pt text
PADDING_PX = 4.8  # round the text, each way
TITLE_LEFT = 12.0  # a zone's title starts this far in (the writer's LeftMargin)


@dataclass(frozen=True)
class PlacedLabel:
    lines: tuple[str, ...]  # what the label says: in full, or its port summary
    centre: tuple[float, float]  # in canvas pixels
    size: tuple[float, float]  # width, height in canvas pixels


def text_size(lines: Sequence[str]) -> tuple[float, float]:
    """About the size, in canvas pixels, of a label of these lines."""
    if not lines:
        return 0.0, 0.0
    return max(len(line) for line in lines) * CHAR_PX + 2 * PADDING_PX, len(lines) * LINE_PX + PADDING_PX


def node_box(center: tuple[float, float], width: float, height: float) -> Box:
    """A node's footprint: its icon and its name below it."""
    x, y = center
    return (x - width / 2, y - height / 2, x + width / 2, y + height / 2)


def title_box(diagram_zone) -> Box:
    """The part of a zone's title band its name takes."""
    r = diagram_zone.rect
    width = min(r.width, TITLE_LEFT + len(diagram_zone.name) * TITLE_CHAR)
    return (r.x, r.y, r.x + width, r.y + ZONE_HEADER)


def place_labels(diagram: Diagram, lines: dict[str, Sequence[tuple[float, float]]]) -> dict[str, PlacedLabel]:
    """A place for the label of each edge with a line drawn through ``lines[edge.id]``
    (canvas pixels, end to end, as the writer draws it), in the edges' order."""
    everything, solid = Obstacles(), Obstacles()  # solid: nodes and zone titles only
    for node in diagram.nodes:
        r = node.rect
        box = node_box(node.center, r.width, r.height)
        everything.add(("node", node.id), box)
        solid.add(("node", node.id), box)
    for zone in diagram.zones:
        everything.add(("zone", zone.id), title_box(zone))
        solid.add(("zone", zone.id), title_box(zone))
    placed: dict[str, PlacedLabel] = {}
    b = diagram.bounds()
    frame = (b.x, b.y, b.x + b.width, b.y + b.height)  # the page: a label past it would be cut off
    for edge in diagram.edges:
        points = lines.get(edge.id)
        if not points or not edge.lines:
            continue
        options = [tuple(edge.lines)]
        for shorter in (edge.summary, edge.brief):
            if shorter and tuple(shorter) not in options:
                options.append(tuple(shorter))
        sizes = [text_size(option) for option in options]
        spots = spots_along(points)
        box, level, _index, _hidden = settle(spots, sizes, everything, frame=frame)
        if box is None:  # over another label, rather than over a node or a title
            box, level, _index, _hidden = settle(spots, sizes, solid, frame=frame)
        if box is None:
            box, level, _index, _hidden = settle(spots, sizes, everything, give_way=False, frame=frame)
        if box is None:
            box, level, _index, _hidden = settle(spots, sizes, everything, give_way=False)
        if box is None:
            continue
        everything.add(("label", edge.id), box)
        placed[edge.id] = PlacedLabel(options[level], ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2),
                                      (box[2] - box[0], box[3] - box[1]))
    return placed
