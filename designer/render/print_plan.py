"""A diagram on paper at a size people can read: the page size that prints the connection labels
at 6 pt or more and the node names at 7 pt or more, or, where no usual page does, an atlas.

The canvas's fonts are in points at the device's resolution (:mod:`.style`): a connection label is
8 pt and a node name 9 pt at scale 1, so a drawing printed at ``MIN_SCALE`` or more is readable.
An atlas is an overview page (the whole design, the legend and the title block, with the parts
numbered by page) followed by one page per part of the drawing at a readable scale; neighbouring
parts overlap a little, and each part's header names its neighbours' pages.
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPageSize, QPainter, QPen

from . import style
from .legend import HEIGHT as FOOTER_HEIGHT, Sheet

PAGE_SIZES = {"A5": QPageSize.PageSizeId.A5, "A4": QPageSize.PageSizeId.A4, "A3": QPageSize.PageSizeId.A3,
              "A2": QPageSize.PageSizeId.A2, "A1": QPageSize.PageSizeId.A1, "A0": QPageSize.PageSizeId.A0,
              "Letter": QPageSize.PageSizeId.Letter, "Legal": QPageSize.PageSizeId.Legal,
              "Tabloid": QPageSize.PageSizeId.Tabloid}

LABEL_PT, NAME_PT = 8.0, 9.0  # the canvas's connection label and node name fonts (canvas/*.py)
MIN_LABEL_PT, MIN_NAME_PT = 6.0, 7.0  # as printed
MIN_SCALE = max(MIN_LABEL_PT / LABEL_PT, MIN_NAME_PT / NAME_PT)
AUTO_SIZES = ("A4", "A3")  # single pages the export picks by itself, smallest first
ATLAS_SIZE = "A4"  # the atlas's page when no single page above is readable
LARGER = ("A4", "A3", "A2", "A1", "A0")  # what the advice suggests, smallest first
HEADER = 26.0  # above a part of an atlas, at the device's resolution
OVERLAP = 48.0  # canvas pixels that neighbouring parts share
ACCENT = QColor("#1565c0")


@dataclass
class PrintPlan:
    """How a diagram goes onto paper: one page of ``page_size`` at ``scale``, or an atlas
    (``parts``: the scene rectangles of its pages after the overview, row by row)."""

    page_size: str
    landscape: bool
    scale: float
    parts: list[QRectF] = field(default_factory=list)
    columns: int = 1
    rows: int = 1
    key_width: float = 0.0  # an atlas: the key to the numbered labels, laid out this wide ...
    key_pages: list[tuple[float, float]] = field(default_factory=list)  # ... and cut into pages

    @property
    def atlas(self) -> bool:
        return bool(self.parts)

    @property
    def pages(self) -> int:
        return 1 + len(self.parts) + len(self.key_pages) if self.parts else 1

    @property
    def label_pt(self) -> float:
        """The printed size of a connection label (8 pt on the canvas)."""
        return LABEL_PT * self.scale

    @property
    def readable(self) -> bool:
        return self.scale >= MIN_SCALE - 1e-9


def page_area(size: str, landscape: bool, margin_mm: float, dpi: float) -> tuple[float, float]:
    """The printable width and height of a page, in device pixels at ``dpi``."""
    mm = QPageSize(PAGE_SIZES[size]).size(QPageSize.Unit.Millimeter)
    short, long_ = sorted((mm.width(), mm.height()))
    width, height = (long_, short) if landscape else (short, long_)
    return ((width - 2 * margin_mm) * dpi / 25.4, (height - 2 * margin_mm) * dpi / 25.4)


def single_scale(sheet: Sheet, width: float, height: float) -> float:
    """The scale at which the whole sheet (drawing, legend, title block) fills the area."""
    return min(width / sheet.natural[0], height / sheet.natural[1])


def atlas_parts(source: QRectF, width: float, height: float) -> tuple[float, int, int, list[QRectF]]:
    """Cut ``source`` into the fewest parts that each fill a ``width`` x ``height`` page (less its
    header) at ``MIN_SCALE`` or more; the scale, columns, rows and the parts, row by row."""
    area_w, area_h = width, height - HEADER
    most_w, most_h = area_w / MIN_SCALE, area_h / MIN_SCALE
    columns = max(1, math.ceil((source.width() - OVERLAP) / (most_w - OVERLAP)))
    rows = max(1, math.ceil((source.height() - OVERLAP) / (most_h - OVERLAP)))
    part_w = (source.width() + (columns - 1) * OVERLAP) / columns
    part_h = (source.height() + (rows - 1) * OVERLAP) / rows
    scale = min(area_w / part_w, area_h / part_h)
    part_w, part_h = area_w / scale, area_h / scale  # a part fills its page; the last ones may run past
    step_w = (source.width() - part_w) / (columns - 1) if columns > 1 else 0.0
    step_h = (source.height() - part_h) / (rows - 1) if rows > 1 else 0.0
    left = source.left() if columns > 1 else source.center().x() - part_w / 2
    top = source.top() if rows > 1 else source.center().y() - part_h / 2
    parts = [QRectF(left + c * step_w, top + r * step_h, part_w, part_h)
             for r in range(rows) for c in range(columns)]
    return scale, columns, rows, parts


def plan_on_page(sheet: Sheet, size: str, landscape: bool, margin_mm: float, dpi: float,
                 atlas: bool | None = None) -> PrintPlan:
    """The plan on one page size: a single page when it is readable (or ``atlas`` is False),
    else an atlas (always when ``atlas`` is True)."""
    width, height = page_area(size, landscape, margin_mm, dpi)
    return plan_in_area(sheet, width, height, size, landscape, atlas)


def plan_in_area(sheet: Sheet, width: float, height: float, size: str, landscape: bool,
                 atlas: bool | None = None) -> PrintPlan:
    """:func:`plan_on_page` for a page area of ``width`` x ``height`` device pixels. A single
    page prints the key to the numbered labels under the drawing; an atlas on pages of its own."""
    sheet.set_key_inline(True)
    scale = single_scale(sheet, width, height)
    if atlas is False or (atlas is None and scale >= MIN_SCALE):
        return PrintPlan(size, landscape, scale)
    sheet.set_key_inline(False)
    part_scale, columns, rows, parts = atlas_parts(sheet.source, width, height)
    key_width = width / part_scale
    sheet.key.layout(key_width)
    key_pages = sheet.key.page_ranges((height - HEADER) / part_scale) if sheet.key.entries else []
    return PrintPlan(size, landscape, part_scale, parts, columns, rows, key_width, key_pages)


def prepare(sheet: Sheet, plan: PrintPlan) -> None:
    """Set the sheet up for ``plan`` (planning other pages may have left it for another)."""
    sheet.set_key_inline(not plan.atlas)
    if plan.atlas and sheet.key.entries:
        sheet.key.layout(plan.key_width)


def choose_plan(sheet: Sheet, page_size: str | None, landscape: bool | None, margin_mm: float,
                dpi: float, atlas: bool | None = None) -> PrintPlan:
    """The page for an export. Without ``page_size``: the smallest of ``AUTO_SIZES`` whose page,
    in the better orientation, is readable, else an atlas of ``ATLAS_SIZE`` pages. A ``page_size``
    given is kept (an atlas only when ``atlas`` asks); ``landscape`` None picks the orientation."""
    orientations = (True, False) if landscape is None else (landscape,)
    if page_size is None:
        for size in AUTO_SIZES:
            best = max((plan_on_page(sheet, size, o, margin_mm, dpi, False) for o in orientations),
                       key=lambda p: p.scale)
            if best.readable and not atlas:
                return best
        page_size, atlas = ATLAS_SIZE, True
    plans = [plan_on_page(sheet, page_size, o, margin_mm, dpi, atlas or False) for o in orientations]
    return min(plans, key=lambda p: (p.pages, -p.scale))


def advice(sheet: Sheet, plan: PrintPlan, margin_mm: float, dpi: float) -> str | None:
    """What to say when a forced page prints text under the readable size, or None."""
    if plan.readable:
        return None
    larger = next((s for s in LARGER for o in (True, False)
                   if plan_on_page(sheet, s, o, margin_mm, dpi, False).readable), None)
    tiled = choose_plan(sheet, plan.page_size, None, margin_mm, dpi, atlas=True)
    options = [f"--page-size {larger}"] if larger else []
    options.append(f"--atlas to print it on {tiled.pages} {plan.page_size} pages "
                   "(or leave out --page-size to let the export choose)")
    return (f"on {plan.page_size} the connection labels print at {plan.label_pt:.1f} pt and the node names at "
            f"{NAME_PT * plan.scale:.1f} pt, under the readable {MIN_LABEL_PT:g} pt and {MIN_NAME_PT:g} pt: "
            f"use {' or '.join(options)}")


# ---- painting
def paint_single(painter: QPainter, sheet: Sheet, plan: PrintPlan, width: float, height: float,
                 fit: bool = True) -> None:
    """The sheet on one page area: scaled to fill it when ``fit``, else at the canvas's size
    (shrunk only when it would not fit); the title block in its corner."""
    scale = single_scale(sheet, width, height)  # the device's own area, to the pixel
    scale = scale if fit else min(scale, 1.0)
    sheet.layout(width / scale, height / scale)
    painter.save()
    painter.scale(scale, scale)
    sheet.paint(painter)
    painter.restore()


@contextmanager
def overview_state(scene) -> Iterator[None]:
    """The design without its connection labels and node names (too small to read on the
    overview; the parts print them), put back afterwards."""
    labels = [c.label_item for c in scene.connections.values() if c.label_item.isVisible()]
    names = {node: node.shown_name for node in scene.nodes.values()}
    try:
        for label in labels:
            label.setVisible(False)
        for node in names:
            node.shown_name = ""
        yield
    finally:
        for node, name in names.items():
            node.shown_name = name
        for label in labels:
            label.setVisible(True)


def paint_overview(painter: QPainter, sheet: Sheet, plan: PrintPlan, width: float, height: float,
                   first_page: int) -> None:
    """The atlas's first page: the whole design with the parts outlined and numbered by page,
    then the legend and the title block at a readable size."""
    footer_scale = min(1.0, width / sheet.footer.min_width())
    footer_h = FOOTER_HEIGHT * footer_scale
    painter.save()
    painter.setPen(style.TEXT_COLOR)
    last = first_page + len(plan.parts)
    key = (f"; its numbered labels: {_pages(last + 1, last + len(plan.key_pages))}" if plan.key_pages else "")
    text = (f"Overview: the diagram is printed at a readable size in {len(plan.parts)} parts, "
            f"{_pages(first_page + 1, last)}{key}")
    size = 10.0
    while size > 7.0 and QFontMetricsF(style.font(size, bold=True)).horizontalAdvance(text) > width:
        size -= 0.5  # a portrait page: the whole line, a little smaller
    painter.setFont(style.font(size, bold=True))
    painter.drawText(QRectF(0, 0, width, HEADER), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
    area = QRectF(0, HEADER, width, height - HEADER - footer_h - 12)
    source = sheet.source
    scale = min(area.width() / source.width(), area.height() / source.height())
    target = QRectF(area.left() + (area.width() - source.width() * scale) / 2,
                    area.top() + (area.height() - source.height() * scale) / 2,
                    source.width() * scale, source.height() * scale)
    with overview_state(sheet.scene):
        sheet.scene.render(painter, target, source, Qt.AspectRatioMode.IgnoreAspectRatio)
    painter.setClipRect(target)
    for number, part in enumerate(plan.parts, start=first_page + 1):
        box = QRectF(target.left() + (part.left() - source.left()) * scale,
                     target.top() + (part.top() - source.top()) * scale, part.width() * scale, part.height() * scale)
        painter.setPen(QPen(ACCENT, 1.6, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(box.adjusted(2, 2, -2, -2))
        painter.setFont(style.font(16, bold=True))
        tag = QRectF(box.center().x() - 50, box.top() + 8, 100, 30)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 225))
        painter.drawRoundedRect(tag, 6, 6)
        painter.setPen(ACCENT)
        painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, f"p. {number}")
    painter.setClipping(False)
    painter.translate(0, height - footer_h)
    painter.scale(footer_scale, footer_scale)
    sheet.footer.paint(painter, QRectF(0, 0, width / footer_scale, FOOTER_HEIGHT))
    painter.restore()


def paint_part(painter: QPainter, sheet: Sheet, plan: PrintPlan, index: int, width: float,
               first_page: int) -> None:
    """Part ``index`` of the atlas: a header (where it sits, its neighbours' pages), then the
    drawing at the plan's scale."""
    row, column = divmod(index, plan.columns)
    page = first_page + 1 + index

    def neighbour(r: int, c: int) -> int | None:
        return first_page + 1 + r * plan.columns + c if 0 <= r < plan.rows and 0 <= c < plan.columns else None

    around = [f"{word} p. {n}" for word, n in (("left:", neighbour(row, column - 1)),
                                                ("right:", neighbour(row, column + 1)),
                                                ("above:", neighbour(row - 1, column)),
                                                ("below:", neighbour(row + 1, column))) if n]
    painter.save()
    _header(painter, width, sheet.info.title, f": diagram, part {index + 1} of {len(plan.parts)} "
            f"(row {row + 1}, column {column + 1}), page {page}",
            " · ".join(around + [f"overview and legend: p. {first_page}"]))
    part = plan.parts[index]
    target = QRectF(0, HEADER, part.width() * plan.scale, part.height() * plan.scale)
    painter.setClipRect(target)
    sheet.render_drawing(painter, target, part)
    painter.restore()


def paint_key_page(painter: QPainter, sheet: Sheet, plan: PrintPlan, index: int, width: float,
                   first_page: int) -> None:
    """Page ``index`` of an atlas's key to its numbered labels, at the parts' scale."""
    top, bottom = plan.key_pages[index]
    page = first_page + 1 + len(plan.parts) + index
    painter.save()
    _header(painter, width, sheet.info.title, f": the numbered labels of the diagram, "
            f"{index + 1} of {len(plan.key_pages)}, page {page}",
            f"diagram: {_pages(first_page + 1, first_page + len(plan.parts))} · overview and legend: p. {first_page}")
    painter.translate(0, HEADER)
    painter.scale(plan.scale, plan.scale)
    painter.setClipRect(QRectF(0, 0, plan.key_width, bottom - top + 1))
    painter.translate(0, -top)
    sheet.key.paint(painter, QPointF(0, 0))
    painter.restore()


def _pages(first: int, last: int) -> str:
    return f"page {first}" if first == last else f"pages {first}–{last}"


def _header(painter: QPainter, width: float, name: str, what: str, links: str) -> None:
    """A page's header: the design's ``name`` and ``what`` the page holds on the left (the name
    elided where the links need the room), the pages it links to on the right, a rule beneath."""
    painter.setFont(style.font(9))
    links_w = QFontMetricsF(painter.font()).horizontalAdvance(links) + 16
    head = QRectF(0, 0, width, HEADER - 6)
    painter.setPen(style.TEXT_COLOR)
    painter.drawText(head, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, links)
    painter.setFont(style.font(9, bold=True))
    metrics = QFontMetricsF(painter.font())
    room = max(width - links_w - metrics.horizontalAdvance(what), 40.0)
    title = metrics.elidedText(name, Qt.TextElideMode.ElideRight, room) + what
    painter.drawText(head, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
    painter.setPen(QPen(QColor("#b0bec5"), 1))
    painter.drawLine(QPointF(0, HEADER - 3), QPointF(width, HEADER - 3))
