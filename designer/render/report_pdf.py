"""The stakeholder report as one PDF (or HTML) file: a cover, the diagram, then the tables.

Page 1 (the cover) and page 2 (the diagram, vector, with its legend and title block) are painted
with a ``QPainter``; the zone boundaries, the matrix, the findings and the sources are the same
HTML as the HTML report (:mod:`.report_html`), laid out by a ``QTextDocument`` and drawn page by
page onto the same PDF, so all text stays text. Every page has a footer with its number.
"""
from __future__ import annotations

import datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from .legend import Sheet, TitleBlock
from ..support.yamlsafe import InputError
from ..io.atomic import atomic_write_bytes
from .image_export import _screen_dpi, export_state, paint_plan, render_bytes
from .print_plan import plan_in_area
from ..io.report_html import APP_NAME, PROVENANCE, report_html, sections
from .report_pages import draw_page, paginate
from ..io.report_model import Report, build_report

FORMATS = ("pdf", "html")
MARGIN_MM = 12.0
FOOTER = 26.0  # pixels at the writer's resolution
TEXT = QColor("#263238")
MUTED = QColor("#607d8b")
RULE = QColor("#b0bec5")


def _font(points: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def write_report(scene, catalog, path: str | Path, fmt: str | None = None,
                 today: datetime.date | str | None = None) -> Path:
    """Write the report of the scene's design to ``path`` (PDF or HTML, by ``fmt`` or the suffix)."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise InputError(path, None, f"cannot write a report as {('.' + fmt) if fmt else 'a file without a suffix'}"
                         ": use .pdf or .html")
    editor = scene.editor  # its flows and findings are those of the design as it is
    report = build_report(editor.document, catalog, editor.flows, editor.findings,
                          today or datetime.date.today().isoformat())
    if fmt == "html":
        data = report_html(report, render_bytes(scene, "svg", date=report.date).decode("utf-8")).encode("utf-8")
    else:
        data = report_pdf(scene, report)
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise InputError(path, None, f"cannot write: {exc.strerror or exc}") from None
    return path


def report_pdf(scene, report: Report) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(_screen_dpi())  # the canvas measured its text at this DPI
    writer.setTitle(f"{report.title}: report")
    writer.setCreator(APP_NAME)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                     QMarginsF(*[MARGIN_MM] * 4), QPageLayout.Unit.Millimeter))
    width, height = writer.width(), writer.height() - FOOTER
    body = paginate(sections(report), width, height, writer, _font(8))
    info = TitleBlock(report.title, report.version, report.date, "Whole design")
    painter = QPainter(writer)
    with export_state(scene, False, None) as key:
        sheet = Sheet(scene, info, False, key)
        plan = plan_in_area(sheet, width, height, "A4", True)  # readable, or an atlas of A4 pages
        total = 1 + plan.pages + len(body)
        _cover(painter, report, QRectF(0, 0, width, height))
        _footer(painter, report, 1, total, width, height)
        writer.newPage()
        paint_plan(painter, sheet, plan, width, height, first_page=2, new_page=writer.newPage,
                   after_page=lambda page: _footer(painter, report, page, total, width, height))
    for number, page in enumerate(body):
        writer.newPage()
        draw_page(painter, page)
        _footer(painter, report, 2 + plan.pages + number, total, width, height)
    painter.end()
    buffer.close()
    return bytes(data)


def _cover(painter: QPainter, report: Report, rect: QRectF) -> None:
    painter.save()
    painter.fillRect(QRectF(rect.left(), rect.top(), 10, rect.height()), QColor("#1565c0"))
    left, y, text_width = rect.left() + 60, rect.top() + 90, rect.width() - 120

    def line(text: str, font: QFont, colour: QColor, gap: float) -> None:
        nonlocal y
        painter.setFont(font)
        painter.setPen(colour)
        box = painter.boundingRect(QRectF(left, y, text_width, 1000), Qt.TextFlag.TextWordWrap, text)
        painter.drawText(QRectF(left, y, text_width, box.height()), Qt.TextFlag.TextWordWrap, text)
        y += box.height() + gap

    line("EXCHANGE TOPOLOGY REPORT", _font(11, True), MUTED, 14)
    line(report.title, _font(28, True), TEXT, 10)
    line(f"{report.version} · {report.date}", _font(15), TEXT, 36)
    painter.setPen(QPen(RULE, 1))
    painter.drawLine(QPointF(left, y), QPointF(left + text_width, y))
    y += 22
    for key, value in report.facts:
        painter.setFont(_font(11))
        painter.setPen(MUTED)
        painter.drawText(QRectF(left, y, 300, 24), Qt.AlignmentFlag.AlignVCenter, key)
        painter.setFont(_font(11, True))
        painter.setPen(TEXT)
        painter.drawText(QRectF(left + 310, y, text_width - 310, 24), Qt.AlignmentFlag.AlignVCenter, value)
        y += 26
    y += 24
    zones = ", ".join(name for name, _ in report.zones) or "none"
    line(f"Zones: {zones}", _font(10), MUTED, 8)
    line("Contents: the diagram · zone boundaries and their firewall rules · the port matrix · "
         "the findings · the Microsoft sources cited", _font(10), MUTED, 8)
    line(f"Prepared with {APP_NAME}. {PROVENANCE}", _font(10), MUTED, 0)
    painter.restore()


def _footer(painter: QPainter, report: Report, page: int, total: int, width: float, top: float) -> None:
    painter.save()
    painter.setPen(QPen(RULE, 0.8))
    painter.drawLine(QPointF(0, top + 6), QPointF(width, top + 6))
    painter.setFont(_font(7.5))
    painter.setPen(MUTED)
    box = QRectF(0, top + 8, width, FOOTER - 8)
    painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     f"{report.title} · {report.version} · {report.date}")
    painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"Page {page} of {total}")
    painter.restore()
