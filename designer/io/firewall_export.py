"""The firewall rules per zone boundary as CSV, Markdown, HTML, XLSX, PowerShell and nftables.

Pure Python (no Qt). One rule is one (source node, destination node, transport, port) that
crosses a zone boundary, from :func:`~designer.analysis.boundary_rules`; the source node opens
the connection. Each rule carries its justification: the data paths that need it and the
sources that state them. ``ps1`` and ``nft`` are drafts, made by :mod:`.firewall_scripts`.
Everything taken from the file is escaped for its format: formula prefixes neutralised in
CSV and XLSX, HTML escaped, Markdown pipes and markup escaped.
"""
from __future__ import annotations

import io
import re
from datetime import date
from typing import Any, Sequence

from .. import __version__
from ..analysis import Boundary, FirewallRule, Flow, boundary_rules, host_name
from ..analysis.sites import sites_label
from ..catalog import Catalog
from ..model import Document
from . import tables
from .firewall_scripts import to_nftables, to_powershell
from .rule_text import REVIEW_NOTE, address_cell, boundary_label, boundary_title, rule_reasons, rule_sources, unique
from .tables import _md_cell, neutralise

FORMATS = ("csv", "xlsx", "md", "html", "ps1", "nft")
HEADERS = ("Boundary", "Source", "Source zone", "Source addresses", "Destination", "Destination zone",
           "Destination addresses", "Protocol", "Port", "Services", "Authentication", "Encryption",
           "Crossing sites", "Justification", "Sources")
_WIDTHS = (26, 18, 16, 22, 18, 16, 22, 9, 11, 22, 22, 20, 14, 60, 60)
_SHEET_BAD = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
def rule_row(doc: Document, catalog: Catalog, boundary: Boundary, rule: FirewallRule) -> list[Any]:
    """One row in :data:`HEADERS` order (names, not ids)."""
    src, dst = doc.node(rule.source), doc.node(rule.destination)
    return [
        boundary_label(doc, boundary), host_name(src), doc.zone(src.zone).name, address_cell(doc, src), host_name(dst),
        doc.zone(dst.zone).name, address_cell(doc, dst), rule.port.transport, rule.port.value,
        "; ".join(rule.services), "; ".join(unique(f.authentication for f in rule.flows)),
        "; ".join(unique(f.encryption for f in rule.flows)),
        sites_label(doc, boundary.source_zone, boundary.destination_zone),
        "; ".join(rule_reasons(rule)), "; ".join(rule_sources(catalog, rule)),
    ]


def rule_rows(doc: Document, catalog: Catalog, boundaries: Sequence[Boundary]) -> list[list[Any]]:
    return [rule_row(doc, catalog, b, r) for b in boundaries for r in b.rules]


def title_of(doc: Document) -> str:
    return f"{doc.name}: firewall rules per zone boundary (Exchange {doc.exchange_version})"


def to_csv(rows: list[list[Any]]) -> str:
    return tables.to_csv(rows, HEADERS)


_md = _md_cell


def to_markdown(doc: Document, catalog: Catalog, boundaries: Sequence[Boundary], today: date) -> str:
    lines = [f"# {_md(title_of(doc))}", "", (f"Generated {today.isoformat()} by Exchange Topology "
             f"Designer {__version__}. {REVIEW_NOTE} The source node opens the connection."), ""]
    if not boundaries:
        lines += ["No flow crosses a zone boundary: no firewall rule is needed.", ""]
    headers = HEADERS[1:]
    for boundary in boundaries:
        lines += [f"## {_md(boundary_title(doc, boundary))}", "",
                  "| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
        lines += ["| " + " | ".join(_md(c) for c in rule_row(doc, catalog, boundary, r)[1:]) + " |"
                  for r in boundary.rules]
        lines.append("")
    return "\n".join(lines)


def to_html(doc: Document, catalog: Catalog, boundaries: Sequence[Boundary], today: date) -> str:
    esc = tables.html_text
    title = title_of(doc)
    head = "".join(f"<th>{esc(h)}</th>" for h in HEADERS[1:])
    parts = [
        ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{esc(title)}</title>\n<style>body{{font-family:sans-serif}}"
        "table{border-collapse:collapse;margin-bottom:1.5em}th,td{border:1px solid #bbb;"
        "padding:3px 6px;vertical-align:top;font-size:13px}th{background:#e8eef5;text-align:left}"
        "</style></head>\n<body>\n"),
        (f"<h1>{esc(title)}</h1>\n<p>Generated {today.isoformat()} by Exchange Topology Designer "
        f"{esc(__version__)}. {esc(REVIEW_NOTE)} The source node opens the connection.</p>\n"),
    ]
    if not boundaries:
        parts.append("<p>No flow crosses a zone boundary: no firewall rule is needed.</p>\n")
    reasons, sources = HEADERS.index("Justification") - 1, HEADERS.index("Sources") - 1
    rows = {id(b): [rule_row(doc, catalog, b, r)[1:] for r in b.rules] for b in boundaries}
    notes = tables.shared_notes([row[reasons] for b in boundaries for row in rows[id(b)]])

    def cell(column: int, value: Any) -> str:
        if column == reasons:
            return tables.note_cell(value, notes)
        return tables.linked(str(value).replace("; ", "\n")) if column == sources else esc(str(value))

    for boundary in boundaries:
        body = "\n".join("<tr>" + "".join(f"<td>{cell(i, c)}</td>" for i, c in enumerate(row)) + "</tr>"
                         for row in rows[id(boundary)])
        parts.append(f"<h2>{esc(boundary_title(doc, boundary))}</h2>\n<table>\n"
                     f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n")
    parts.append(tables.notes_html(notes, "Notes shared by several rules"))
    parts.append("</body></html>\n")
    return "".join(parts)


def sheet_names(labels: Sequence[str], taken: Sequence[str] = ()) -> list[str]:
    """Valid, unique worksheet names: at most 31 characters, none of ``[]:*?/\\``, no edge quote."""
    used = {t.lower() for t in taken}
    names = []
    for label in labels:
        base = " ".join(_SHEET_BAD.sub(" ", label.replace("→", "to")).split()).strip(" '") or "Boundary"
        name, n = base[:31].rstrip(" '"), 1
        while name.lower() in used or name.lower() == "history":
            n += 1
            suffix = f" ({n})"
            name = base[:31 - len(suffix)].rstrip(" '") + suffix
        used.add(name.lower())
        names.append(name)
    return names


def short_pair(a: str, b: str, limit: int = 31, sep: str = " to ") -> str:
    """``"a to b"`` within ``limit`` characters, cutting the longer name first."""
    a, b = " ".join(a.split()), " ".join(b.split())
    room = limit - len(sep)
    if len(a) + len(b) > room:
        keep_a = max(room - len(b), min(len(a), room // 2))
        a = a[:keep_a].rstrip()
        b = b[:room - len(a)].rstrip()
    return f"{a}{sep}{b}"


def _write_table(sheet, rows: list[list[Any]], headers: Sequence[str], widths: Sequence[int],
                 bold, wrap) -> None:
    for col, (header, width) in enumerate(zip(headers, widths)):
        sheet.write_string(0, col, header, bold)
        sheet.set_column(col, col, width, wrap)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, int) and not isinstance(value, bool):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, neutralise(str(value)))
    sheet.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)
    sheet.freeze_panes(1, 0)


def write_xlsx(doc: Document, catalog: Catalog, boundaries: Sequence[Boundary], target,
               today: date) -> None:
    """Overview, All rules (with a Boundary column), then one sheet per boundary."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(target, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_urls": False})
    bold = workbook.add_format({"bold": True, "bg_color": "#E8EEF5", "border": 1})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    labels = [boundary_label(doc, b) for b in boundaries]
    names = sheet_names([short_pair(_SHEET_BAD.sub(" ", doc.zone(b.source_zone).name),
                                    _SHEET_BAD.sub(" ", doc.zone(b.destination_zone).name))
                         for b in boundaries], taken=("Overview", "All rules"))
    overview = workbook.add_worksheet("Overview")
    overview.set_column(0, 0, 40)
    overview.set_column(1, 3, 32)
    overview.write_string(0, 0, neutralise(title_of(doc)), workbook.add_format({"bold": True, "font_size": 14}))
    facts = (("Design", doc.name), ("Exchange version", doc.exchange_version),
             ("Generated", f"{today.isoformat()} by Exchange Topology Designer {__version__}"),
             ("Review", REVIEW_NOTE), ("Direction", "The source node opens the connection."))
    for r, (key, value) in enumerate(facts, start=2):
        overview.write_string(r, 0, key, bold)
        overview.write_string(r, 1, neutralise(str(value)))
    start = len(facts) + 3
    for col, header in enumerate(("Boundary", "Sheet", "Rules", "Services")):
        overview.write_string(start, col, header, bold)
    for r, (boundary, label, name) in enumerate(zip(boundaries, labels, names), start=start + 1):
        overview.write_string(r, 0, neutralise(label))
        overview.write_string(r, 1, neutralise(name))
        overview.write_number(r, 2, len(boundary.rules))
        overview.write_string(r, 3, neutralise("; ".join(unique(s for x in boundary.rules for s in x.services))))
    _write_table(workbook.add_worksheet("All rules"), rule_rows(doc, catalog, boundaries), HEADERS,
                 _WIDTHS, bold, wrap)
    for boundary, name in zip(boundaries, names):
        rows = [rule_row(doc, catalog, boundary, r)[1:] for r in boundary.rules]
        _write_table(workbook.add_worksheet(name), rows, HEADERS[1:], _WIDTHS[1:], bold, wrap)
    workbook.close()


def render_rules(fmt: str, doc: Document, catalog: Catalog, flows: Sequence[Flow]) -> str | bytes:
    """The firewall rules in one of :data:`FORMATS`: text, or bytes for XLSX."""
    boundaries = boundary_rules(doc, list(flows))
    today = date.today()
    if fmt == "csv":
        return to_csv(rule_rows(doc, catalog, boundaries))
    if fmt == "md":
        return to_markdown(doc, catalog, boundaries, today)
    if fmt == "html":
        return to_html(doc, catalog, boundaries, today)
    if fmt == "xlsx":
        buffer = io.BytesIO()
        write_xlsx(doc, catalog, boundaries, buffer, today)
        return buffer.getvalue()
    if fmt in ("ps1", "nft"):
        render = to_powershell if fmt == "ps1" else to_nftables
        return render(doc, catalog, flows, today)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
