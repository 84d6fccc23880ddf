"""A change request (what changes between two designs) as Markdown, HTML, XLSX or JSON. Pure Python.

The firewall rules come first, per zone boundary, with the addresses their ends stand for,
what changed, their justification and their sources; then the flows, then the zones, nodes and
connections. Everything taken from the designs (names, addresses, file names) is escaped for
its format: Markdown markup and pipes escaped and one line per cell, HTML escaped, spreadsheet
formulas neutralised, and no control character reaches any of them raw.
"""
from __future__ import annotations

import io
import re
from datetime import date
from typing import Any, Sequence

from .. import __version__
from ..analysis.diff import DesignDiff
from ..catalog import Catalog
from . import tables
from .diff_rows import (ELEMENT_HEADERS, FLOW_HEADERS, RULE_HEADERS, boundary_text, element_row, field_text,
                        flow_row, records, rule_row, summary_lines, version_note)
from .tables import _md_cell, html_text, json_text, neutralise

FORMATS = ("md", "html", "xlsx", "json")
NO_CHANGE = "No change: the two designs need the same flows and firewall rules, and hold the same elements."
_MD_INLINE = re.compile(r"([`*_\[\]~!])")  # what would start emphasis, code, a link or an image


def md(value: Any) -> str:
    """One line of Markdown that shows ``value`` as it is: no markup, link, HTML or entity."""
    return _MD_INLINE.sub(r"\\\1", _md_cell(str(value).replace("&", "&amp;")))


def title_of(diff: DesignDiff) -> str:
    old, new = diff.old.name, diff.new.name
    return f"Change request: {old}" if old == new else f"Change request: {old} → {new}"


def intro(diff: DesignDiff, old_label: str, new_label: str, today: date) -> list[str]:
    """The sentences before the tables (plain text; the caller escapes them)."""
    lines = [f"Generated {today.isoformat()} by Exchange Topology Designer {__version__}.",
             f"Old: {old_label} ({diff.old.name}, Exchange {diff.old.exchange_version}).",
             f"New: {new_label} ({diff.new.name}, Exchange {diff.new.exchange_version}).",
             "The source node opens the connection. Review every rule before use."]
    note = version_note(diff)
    return lines + ([note] if note else [])


def _boundaries(diff: DesignDiff) -> list[tuple[str, list]]:
    """The rule changes per boundary, in order."""
    groups: dict[tuple[str, str], tuple[str, list]] = {}
    for change in diff.rules:
        label = boundary_text(change.source_zone, change.destination_zone)
        groups.setdefault(change.boundary, (label, []))[1].append(change)
    return list(groups.values())


BOUNDARY_HEADERS = RULE_HEADERS[:1] + RULE_HEADERS[2:]  # under the boundary's heading: no Boundary column


def _boundary_rows(catalog: Catalog, changes: list) -> list[list[Any]]:
    rows = [rule_row(catalog, c) for c in changes]
    return [row[:1] + row[2:] for row in rows]


def _md_table(headers: Sequence[str], rows: list[list[Any]]) -> list[str]:
    return (["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
            + ["| " + " | ".join(md(c) for c in row) + " |" for row in rows] + [""])


def to_markdown(diff: DesignDiff, catalog: Catalog, old_label: str, new_label: str, today: date) -> str:
    lines = [f"# {md(title_of(diff))}", ""] + [md(line) + "  " for line in intro(diff, old_label, new_label, today)]
    lines += ["", "## Summary", ""]
    lines += [f"- {md(line)}" for line in summary_lines(diff)] if diff.changed else [NO_CHANGE]
    lines.append("")
    if diff.design:
        lines += ["## Design", ""] + _md_table(("Field", "Old", "New"), [[f.field, f.old, f.new] for f in diff.design])
    if diff.rules:
        lines += ["## Firewall rules", ""]
        for label, changes in _boundaries(diff):
            lines += [f"### {md(label)}", ""]
            lines += _md_table(BOUNDARY_HEADERS, _boundary_rows(catalog, changes))
    if diff.flows:
        lines += ["## Flows", ""] + _md_table(FLOW_HEADERS, [flow_row(catalog, c) for c in diff.flows])
    if diff.elements:
        lines += ["## Zones, nodes and connections", ""] + _md_table(ELEMENT_HEADERS,
                                                                      [element_row(e) for e in diff.elements])
    return "\n".join(lines)


_STYLE = ("body{font-family:sans-serif}table{border-collapse:collapse;margin-bottom:1.5em}"
          "th,td{border:1px solid #bbb;padding:3px 6px;vertical-align:top;font-size:13px}"
          "th{background:#e8eef5;text-align:left}tr.added td:first-child{color:#1a7f37}"
          "tr.removed td:first-child{color:#b42318}tr.changed td:first-child{color:#9a6700}")


def _html_table(headers: Sequence[str], rows: list[list[Any]], link_column: int | None = None) -> str:
    head = "".join(f"<th>{html_text(h)}</th>" for h in headers)

    def cell(column: int, value: Any) -> str:
        if column == link_column:
            return tables.linked(str(value).replace("; ", "\n"))
        return html_text(value)

    body = "\n".join(f'<tr class="{html_text(row[0])}">' + "".join(f"<td>{cell(i, c)}</td>" for i, c in enumerate(row))
                     + "</tr>" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n"


def to_html(diff: DesignDiff, catalog: Catalog, old_label: str, new_label: str, today: date) -> str:
    title = html_text(title_of(diff))
    parts = [f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>\n'
             f"<style>{_STYLE}</style></head>\n<body>\n<h1>{title}</h1>\n"]
    parts += [f"<p>{html_text(line)}</p>\n" for line in intro(diff, old_label, new_label, today)]
    parts.append("<h2>Summary</h2>\n")
    parts.append("<ul>\n" + "".join(f"<li>{html_text(line)}</li>\n" for line in summary_lines(diff)) + "</ul>\n"
                 if diff.changed else f"<p>{html_text(NO_CHANGE)}</p>\n")
    if diff.design:
        parts.append("<h2>Design</h2>\n" + _html_table(("Field", "Old", "New"),
                                                       [[f.field, f.old, f.new] for f in diff.design]))
    if diff.rules:
        parts.append("<h2>Firewall rules</h2>\n")
        for label, changes in _boundaries(diff):
            parts.append(f"<h3>{html_text(label)}</h3>\n"
                         + _html_table(BOUNDARY_HEADERS, _boundary_rows(catalog, changes), len(BOUNDARY_HEADERS) - 1))
    if diff.flows:
        parts.append("<h2>Flows</h2>\n" + _html_table(FLOW_HEADERS, [flow_row(catalog, c) for c in diff.flows],
                                                      len(FLOW_HEADERS) - 1))
    if diff.elements:
        parts.append("<h2>Zones, nodes and connections</h2>\n"
                     + _html_table(ELEMENT_HEADERS, [element_row(e) for e in diff.elements]))
    parts.append("</body></html>\n")
    return "".join(parts)


def _sheet(workbook, name: str, headers: Sequence[str], rows: list[list[Any]], widths: Sequence[int]) -> None:
    sheet = workbook.add_worksheet(name)
    bold = workbook.add_format({"bold": True, "bg_color": "#E8EEF5", "border": 1})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    for col, (header, width) in enumerate(zip(headers, widths)):
        sheet.write_string(0, col, header, bold)
        sheet.set_column(col, col, width, wrap)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if type(value) is int:
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, neutralise(str(value)))
    sheet.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)
    sheet.freeze_panes(1, 0)


def write_xlsx(diff: DesignDiff, catalog: Catalog, old_label: str, new_label: str, today: date, target) -> None:
    """Overview (the facts and the summary), Firewall rules, Flows, Elements (XlsxWriter)."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(target, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_urls": False})
    overview = workbook.add_worksheet("Overview")
    overview.set_column(0, 0, 110)
    overview.write_string(0, 0, neutralise(title_of(diff)), workbook.add_format({"bold": True, "font_size": 14}))
    lines = intro(diff, old_label, new_label, today) + [""] + (summary_lines(diff) if diff.changed else [NO_CHANGE])
    lines += [f"{f.field}: {field_text([f])}" for f in diff.design]
    for r, line in enumerate(lines, start=2):
        overview.write_string(r, 0, neutralise(line))
    _sheet(workbook, "Firewall rules", RULE_HEADERS, [rule_row(catalog, c) for c in diff.rules],
           (9, 26, 18, 20, 18, 20, 9, 9, 40, 20, 20, 20, 50, 60))
    _sheet(workbook, "Flows", FLOW_HEADERS, [flow_row(catalog, c) for c in diff.flows],
           (9, 26, 18, 18, 16, 16, 20, 20, 40, 40, 60))
    _sheet(workbook, "Elements", ELEMENT_HEADERS, [element_row(e) for e in diff.elements], (9, 12, 30, 80))
    workbook.close()


def render_diff(fmt: str, diff: DesignDiff, catalog: Catalog, old_label: str = "old", new_label: str = "new",
                today: date | None = None) -> str | bytes:
    """The change request in one of :data:`FORMATS`: text, or bytes for XLSX."""
    today = today or date.today()
    if fmt == "json":
        return json_text(records(diff, catalog, old_label, new_label))
    if fmt == "md":
        return to_markdown(diff, catalog, old_label, new_label, today)
    if fmt == "html":
        return to_html(diff, catalog, old_label, new_label, today)
    if fmt == "xlsx":
        buffer = io.BytesIO()
        write_xlsx(diff, catalog, old_label, new_label, today, buffer)
        return buffer.getvalue()
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
