"""The report's tables on pages, row by row: a row never splits across pages; a table that goes
on repeats its header; a row taller than a page is cut between words, and each continuation
repeats the row's identifying cells, marked "(continued)". Every block is laid out by its own
``QTextDocument`` and drawn whole on one page, so the PDF's text layer holds each text once.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtGui import QFont, QPainter, QTextDocument

from ..io.report_html import Block, TableBlock

CSS = "th { background-color: #eceff1; } h2 { color: #263238; } h3 { color: #37474f; }"
KEEP_WITH_NEXT = 70.0  # a heading needs this much room below it, or it moves to the next page
CONTINUED = " (continued)"


@dataclass
class Placed:
    """One block on a page: its document, where it starts, and (for a table row) its cells."""

    document: QTextDocument
    y: float
    cells: Sequence[str] | None = None
    keys: int = 0


def _document(html: str, width: float, device, font: QFont) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(CSS)
    document.setDocumentMargin(0)
    document.setHtml(html)
    document.setTextWidth(width)
    return document


def paginate(blocks: Sequence[Block], width: float, height: float, device, font: QFont) -> list[list[Placed]]:
    """The blocks laid out on pages of ``width`` x ``height`` device pixels."""
    pages: list[list[Placed]] = [[]]
    y = 0.0

    def new_page() -> None:
        nonlocal y
        pages.append([])
        y = 0.0

    def place(document: QTextDocument, cells=None, keys: int = 0, overlap: float = 0.0) -> None:
        nonlocal y
        y -= overlap if pages[-1] else 0.0
        pages[-1].append(Placed(document, y, cells, keys))
        y += document.size().height()

    def make(html: str) -> QTextDocument:
        return _document(html, width, device, font)

    for index, block in enumerate(blocks):
        if isinstance(block, TableBlock):
            head = make(block.html(rows=[]))
            head_h = head.size().height()
            first = True
            for row in block.rows:
                for part in _parts(block, list(row), height - head_h, make):
                    document = make(block.html(rows=[part], head=False))
                    if first or y + document.size().height() > height:
                        if not first or y + head_h + document.size().height() > height:
                            if pages[-1]:
                                new_page()
                        place(head)
                        first = False
                    place(document, part, block.keys, overlap=1.0)  # one rule between rows
            if first:  # a table without rows: its header alone
                place(head)
            y += 10
            continue
        if "page-break-before" in block and pages[-1]:
            new_page()
        document = make(block)
        needed = document.size().height() + (KEEP_WITH_NEXT if block.lstrip().startswith("<h") else 0)
        if y + needed > height and pages[-1]:
            new_page()
        place(document)
    return pages


def _parts(block: TableBlock, row: list[str], room: float, make) -> list[list[str]]:
    """``row`` as it is, or, when it is taller than ``room``, cut between words into parts that
    fit; every part after the first repeats the identifying cells, marked "(continued)"."""
    if make(block.html(rows=[row], head=False)).size().height() <= room:
        return [row]
    words = [[] if i < block.keys or i in block.html_columns else str(v).split() for i, v in enumerate(row)]

    def part(fraction: float, first: bool) -> tuple[list[str], list[list[str]]]:
        cut = [ws[:max(1, int(len(ws) * fraction))] if ws else [] for ws in words]
        cells = [" ".join(c) if words[i] else ("" if not first and i >= block.keys else row[i])
                 for i, c in enumerate(cut)]
        rest = [ws[len(c):] for ws, c in zip(words, cut)]
        return cells, rest

    parts: list[list[str]] = []
    while any(words):
        first = not parts
        low, high = 0.0, 1.0
        for _ in range(14):  # the largest share of the remaining words that fits
            middle = (low + high) / 2
            cells, _ = part(middle, first)
            if not first:
                cells[0] += CONTINUED
            if make(block.html(rows=[cells], head=False)).size().height() <= room:
                low = middle
            else:
                high = middle
        cells, words = part(low, first)
        if not first:
            cells[0] += CONTINUED
        parts.append(cells)
    return parts


def draw_page(painter: QPainter, page: Sequence[Placed]) -> None:
    for placed in page:
        painter.save()
        painter.translate(0, placed.y)
        placed.document.drawContents(painter)
        painter.restore()
