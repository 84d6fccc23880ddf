"""The stakeholder report as HTML. Pure Python.

``sections_html`` is the part after the cover and the diagram, in the subset of HTML that
``QTextDocument`` lays out (tables with ``border``/``cellpadding``, ``page-break-before``), so the
PDF prints the very same tables. ``report_html`` wraps it into one self-contained page with the
cover and the diagram inlined as SVG. Every value from the design is escaped.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Union

from .report_model import FINDING_HEADERS, MATRIX_HEADERS, RULE_HEADERS, Report

APP_NAME = "Exchange Topology Designer"
PROVENANCE = ("Every port, authentication and encryption fact cites its source under Sources; "
              "sources that are not Microsoft's are marked there.")
SEVERITY_COLOURS = {"Error": "#c62828", "Warning": "#ef6c00", "Info": "#1565c0"}
_PROLOGUE = re.compile(r"\A\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", re.IGNORECASE)
_SVG_SIZE = re.compile(r'(<svg\b[^>]*?)\s(width|height)="[^"]*"', re.IGNORECASE)

CSS = """
body { font-family: 'DejaVu Sans', 'Segoe UI', Arial, sans-serif; color: #263238; margin: 2em auto;
       max-width: 1400px; padding: 0 1.5em; font-size: 14px; }
h1 { font-size: 2.1em; margin-bottom: .2em; } h2 { border-bottom: 2px solid #b0bec5; padding-bottom: .2em;
     margin-top: 2em; } h3 { margin-top: 1.4em; color: #37474f; }
table { border-collapse: collapse; width: 100%; margin: .6em 0 1.2em; }
th, td { border: 1px solid #b0bec5; padding: 4px 7px; vertical-align: top; text-align: left; font-size: 12.5px; }
th { background: #eceff1; }
.cover { border: 1px solid #b0bec5; padding: 1.5em 2em; background: #f5f7f8; }
.cover table { width: auto; } .cover td { border: none; padding: 2px 18px 2px 0; font-size: 14px; }
.muted { color: #607d8b; } .diagram svg { width: 100%; height: auto; border: 1px solid #cfd8dc; }
@media print { h2 { page-break-before: always; } .cover + h2 { page-break-before: auto; } }
"""


@dataclass(frozen=True)
class TableBlock:
    """A table of the report: ``keys`` leading columns identify a row (a row continued on the
    next page repeats them); the other cells are plain text that may be split between pages.
    ``html_columns`` hold HTML already (escaped by whoever made it) and are never split."""

    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    keys: int = 1
    colour_first: bool = False
    html_columns: tuple[int, ...] = ()
    widths: tuple[int, ...] | None = None  # percentages; by the cells' lengths when None

    def cell(self, column: int, value: str) -> str:
        if column in self.html_columns:
            return str(value)
        text = escape(str(value))
        if self.colour_first and column == 0 and value in SEVERITY_COLOURS:
            text = f'<b><font color="{SEVERITY_COLOURS[value]}">{text}</font></b>'
        return text

    def column_widths(self) -> list[int]:
        """Percentages of the page's width, the same for every part of the table."""
        if self.widths:
            return list(self.widths)
        least, wish = [], []  # in characters: the longest word (unbroken), and a typical cell
        for column, header in enumerate(self.headers):
            cells = [_plain(row[column]) for row in self.rows]
            lengths = sorted(len(c) for c in cells) or [0]
            word = max([len(w) for c in cells for w in c.split()] + [round(1.4 * len(w)) for w in header.split()] + [2])
            least.append(min(word, 30) + 3)
            wish.append(max(least[-1], min(lengths[int(0.9 * (len(lengths) - 1))], 70)))
        budget = max(sum(least), LINE_CHARS)
        extra = sum(w - m for w, m in zip(wish, least)) or 1
        chars = [m + (budget - sum(least)) * (w - m) / extra for w, m in zip(wish, least)]
        return [max(2, round(100 * c / sum(chars))) for c in chars]

    def html(self, rows: Sequence[Sequence[str]] | None = None, head: bool = True) -> str:
        widths = self.column_widths()
        heading = ("<thead><tr>" + "".join(f'<th bgcolor="#eceff1" width="{w}%">{escape(h)}</th>'
                                           for h, w in zip(self.headers, widths)) + "</tr></thead>") if head else ""
        body = "".join("<tr>" + "".join(f'<td width="{w}%">{self.cell(i, v)}</td>'
                                        for i, (v, w) in enumerate(zip(row, widths))) + "</tr>"
                       for row in (self.rows if rows is None else rows))
        return (f'<table border="1" cellspacing="0" cellpadding="4" width="100%">{heading}'
                f"<tbody>{body}</tbody></table>")


LINE_CHARS = 170  # about what a line of an A4 landscape page holds at the report's 8 pt
Block = Union[str, TableBlock]  # HTML, or a table


def _plain(value: str) -> str:
    return re.sub(r"<[^>]*>", " ", str(value))


def _heading(text: str, break_before: bool) -> str:
    style = ' style="page-break-before: always"' if break_before else ""
    return f"<h2{style}>{escape(text)}</h2>"


def sections(report: Report, page_breaks: bool = True) -> list[Block]:
    """Zone boundaries, port matrix, findings and sources, block by block."""
    parts: list[Block] = [_heading("Zone boundaries and firewall rules", False),
                          "<p>One rule per source, destination, protocol and port that crosses a zone boundary. "
                          "The source opens the connection. Numbers in brackets cite the sources at the end.</p>"]
    if not report.boundaries:
        parts.append("<p><i>No flow crosses a zone boundary.</i></p>")
    for section in report.boundaries:
        parts.append(f"<h3>{escape(section.title)} ({len(section.rows)} rule"
                     f"{'s' if len(section.rows) != 1 else ''})</h3>")
        parts.append(TableBlock(RULE_HEADERS, section.rows, keys=4))
    parts.append(_heading("Port matrix", page_breaks))
    parts.append(f"<p>Every flow of the design ({len(report.matrix)}), with the ports, authentication and "
                 "encryption that the knowledge base gives for it. Notes shared by several flows are "
                 "numbered (N1, N2…) and printed once under the matrix.</p>")
    parts.append(TableBlock(MATRIX_HEADERS, report.matrix, keys=7))
    if report.notes:
        parts.append("<h3>Notes on the flows</h3>")
        parts.append(TableBlock(("Note", "Text"), report.notes, keys=1, widths=(6, 94)))
    parts.append(_heading("Findings", page_breaks))
    if report.findings:
        parts.append(TableBlock(FINDING_HEADERS, report.findings, keys=1, colour_first=True))
    else:
        parts.append("<p>The design breaks none of the support rules the knowledge base checks.</p>")
    parts.append(_heading("Sources", page_breaks))
    parts.append("<p>Every fact in this report comes from these documents. Sources that are not "
                 "Microsoft's are marked.</p>")
    rows = []
    for source in report.sources:
        whose = "" if source.publisher == "Microsoft" else f" <i>({escape(source.publisher)}, not Microsoft)</i>"
        link = f'<br><a href="{escape(source.url)}">{escape(source.url)}</a>' if source.url else ""
        rows.append([source.label, f"{escape(source.title)}{whose}{link}"])
    parts.append(TableBlock(("", "Source"), rows, keys=1, html_columns=(1,), widths=(5, 95)))
    return parts


def sections_html(report: Report, page_breaks: bool = True) -> str:
    """Zone boundaries, port matrix, findings and sources, as one piece of HTML."""
    return "\n".join(b.html() if isinstance(b, TableBlock) else b for b in sections(report, page_breaks))


def cover_html(report: Report) -> str:
    facts = "".join(f"<tr><td class=\"muted\">{escape(k)}</td><td><b>{escape(v)}</b></td></tr>"
                    for k, v in report.facts)
    zones = ", ".join(escape(name) for name, _ in report.zones) or "none"
    return (f'<div class="cover"><p class="muted">Exchange topology report</p><h1>{escape(report.title)}</h1>'
            f"<p><b>{escape(report.version)}</b> · {escape(report.date)}</p><table>{facts}</table>"
            f'<p class="muted">Zones: {zones}</p><p class="muted">Prepared with {APP_NAME}. {PROVENANCE}</p></div>')


def inline_svg(svg: str) -> str:
    """Qt's SVG, ready to sit inside HTML: no XML prologue, and it scales to the page's width."""
    body = _PROLOGUE.sub("", svg, count=1)
    for _ in range(2):
        body = _SVG_SIZE.sub(r"\1", body, count=1)
    return body


def report_html(report: Report, diagram_svg: str | None) -> str:
    diagram = (f'<div class="diagram">{inline_svg(diagram_svg)}</div>' if diagram_svg
               else "<p><i>The diagram is not available.</i></p>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"generator\" content=\"{APP_NAME}\"><title>{escape(report.title)} · report</title>"
            f"<style>{CSS}</style></head>\n<body>\n{cover_html(report)}\n"
            f"<h2>Diagram</h2>\n{diagram}\n{sections_html(report)}\n</body></html>\n")
