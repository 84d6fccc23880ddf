"""The result of ``exchange-designer verify`` as Markdown, HTML, JSON and XLSX. Pure Python.

Per zone boundary, every rule the design needs with its status (what the rulebase does with
it), then the allowances towards Exchange servers that no flow needs. Text from the design and
from the rulebase (names, comments, chain names) is escaped for each format: Markdown pipes and
markup, HTML, spreadsheet formulas, and JSON keeps no raw control character.
"""
from __future__ import annotations

import io
from datetime import date
from typing import Any

from .. import __version__
from ..analysis.rulebase import Rule, endpoint_text
from ..analysis.verify import ALLOWED, STATUSES, Exposure, Need, Verification
from ..model import Document
from . import tables
from .tables import _md_cell, json_text, neutralise

FORMATS = ("md", "html", "json", "xlsx")
NEED_HEADERS = ("Boundary", "Status", "Source", "Source zone", "Destination", "Destination zone",
                "Protocol", "Port", "Services", "Allowed by", "Blocked by", "Detail")
EXPOSURE_HEADERS = ("Rule", "Comment", "Exchange servers", "Zones", "From", "Ports no flow needs",
                    "Ports flows need there")
_LIMIT = 5  # rules named per cell


def _rules(rules: list[Rule]) -> str:
    names = [r.where for r in rules]
    return "; ".join(names[:_LIMIT]) + (f"; +{len(names) - _LIMIT} more" if len(names) > _LIMIT else "")


def boundary_name(doc: Document, source_zone: str, destination_zone: str) -> str:
    if source_zone == destination_zone:
        return f"within {doc.zone(source_zone).name}"
    return f"{doc.zone(source_zone).name} → {doc.zone(destination_zone).name}"


def need_row(doc: Document, label: str, need: Need) -> list[Any]:
    rule = need.rule
    src, dst = doc.node(rule.source), doc.node(rule.destination)
    return [label, need.status, src.name, doc.zone(src.zone).name, dst.name, doc.zone(dst.zone).name,
            rule.port.transport, rule.port.value, "; ".join(rule.services), _rules(need.allowed_by),
            _rules(need.blocked_by or need.undecided), need.detail]


def need_rows(doc: Document, result: Verification, only_gaps: bool = False) -> list[list[Any]]:
    return [need_row(doc, boundary_name(doc, b.source_zone, b.destination_zone), n)
            for b in result.boundaries for n in b.needs if not (only_gaps and n.ok)]


def exposure_row(doc: Document, exposure: Exposure, limit: int = 10) -> list[Any]:
    nodes = [doc.node(h) for h in exposure.hosts]
    names = ", ".join(n.name for n in nodes[:limit]) + (f" (+{len(nodes) - limit} more)" if len(nodes) > limit else "")
    zones = ", ".join(dict.fromkeys(doc.zone(n.zone).name for n in nodes))
    return [exposure.rule.where, exposure.rule.text, names, zones, endpoint_text(exposure.rule.source),
            exposure.extra, exposure.needed]


def summary(doc: Document, result: Verification) -> list[tuple[str, str]]:
    rb = result.rulebase
    counts = ", ".join(f"{result.count(s)} {s}" for s in STATUSES if result.count(s))
    facts = [("Design", f"{doc.name} (Exchange {doc.exchange_version})"),
             ("Rulebase", f"{rb.file} ({rb.format}, {rb.rule_count} rules in {len(rb.chains)} chain(s))"),
             ("Verdict", "every required flow is allowed" if result.ok
              else f"{len(result.gaps)} of {len(result.needs)} required rules are not allowed"),
             ("Required rules", f"{len(result.needs)}: {counts or 'none'}"),
             ("Excess exposure", f"{len(result.exposures)} allow rule(s) open ports towards Exchange servers "
              "that no flow needs")]
    if result.unaddressed:
        names = [doc.node(n).name for n in result.unaddressed]
        facts.append(("Without an address", (", ".join(names[:20]) + (f" (+{len(names) - 20} more)" if len(names) > 20 else "")
                      + ": these nodes have no address in the design, so rules naming addresses cannot "
                      "be checked against them; only rules that name them (a CSV) or match any address can")))
    facts += [("Note", note) for note in rb.notes]
    return facts


def title_of(doc: Document) -> str:
    return f"{doc.name}: rulebase check"


def to_markdown(doc: Document, result: Verification, today: date) -> str:
    md = _md_cell
    lines = [f"# {md(title_of(doc))}", "", f"Generated {today.isoformat()} by Exchange Topology Designer "
             f"{__version__}. The source node opens the connection.", ""]
    lines += [f"- **{key}**: {md(value)}" for key, value in summary(doc, result)]
    lines.append("")
    for boundary in result.boundaries:
        label = boundary_name(doc, boundary.source_zone, boundary.destination_zone)
        gaps = [n for n in boundary.needs if not n.ok]
        lines += [f"## {md(label)}", "", f"{len(boundary.needs) - len(gaps)} of {len(boundary.needs)} "
                  "required rules allowed.", ""]
        lines += ["| " + " | ".join(NEED_HEADERS[1:]) + " |", "|" + "---|" * (len(NEED_HEADERS) - 1)]
        lines += ["| " + " | ".join(md(c) for c in need_row(doc, label, n)[1:]) + " |"
                  for n in sorted(boundary.needs, key=lambda n: n.ok)]
        lines.append("")
    lines += ["## Excess exposure", ""]
    if not result.exposures:
        lines += ["No allowance towards an Exchange server goes beyond what the design's flows need.", ""]
    else:
        lines += ["Allow rules that open ports towards an Exchange server that no flow of the design "
                  "needs there.", "", "| " + " | ".join(EXPOSURE_HEADERS) + " |",
                  "|" + "---|" * len(EXPOSURE_HEADERS)]
        lines += ["| " + " | ".join(md(c) for c in exposure_row(doc, e)) + " |" for e in result.exposures]
        lines.append("")
    return "\n".join(lines)


def to_html(doc: Document, result: Verification, today: date) -> str:
    esc = tables.html_text

    def table(headers, rows, status_col: int | None = None) -> str:
        head = "".join(f"<th>{esc(h)}</th>" for h in headers)
        body = "\n".join(
            "<tr" + ("" if status_col is None or row[status_col] == ALLOWED else ' class="gap"') + ">"
            + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
        return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n"

    title = title_of(doc)
    parts = ["<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
             f"<title>{esc(title)}</title>\n<style>body{{font-family:sans-serif}}"
             "table{border-collapse:collapse;margin-bottom:1.5em}th,td{border:1px solid #bbb;"
             "padding:3px 6px;vertical-align:top;font-size:13px}th{background:#e8eef5;text-align:left}"
             "tr.gap td{background:#fdecea}dt{font-weight:bold}</style></head>\n<body>\n",
             f"<h1>{esc(title)}</h1>\n<p>Generated {today.isoformat()} by Exchange Topology Designer "
             f"{esc(__version__)}. The source node opens the connection.</p>\n<dl>\n"]
    parts += [f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>\n" for k, v in summary(doc, result)]
    parts.append("</dl>\n")
    for boundary in result.boundaries:
        label = boundary_name(doc, boundary.source_zone, boundary.destination_zone)
        rows = [need_row(doc, label, n)[1:] for n in sorted(boundary.needs, key=lambda n: n.ok)]
        parts.append(f"<h2>{esc(label)}</h2>\n" + table(NEED_HEADERS[1:], rows, 0))
    parts.append("<h2>Excess exposure</h2>\n")
    if result.exposures:
        parts.append(table(EXPOSURE_HEADERS, [exposure_row(doc, e) for e in result.exposures]))
    else:
        parts.append("<p>No allowance towards an Exchange server goes beyond what the design's flows need.</p>\n")
    parts.append("</body></html>\n")
    return "".join(parts)


def records(doc: Document, result: Verification) -> dict[str, Any]:
    """The machine form: ids and names, statuses, and where each deciding rule is."""
    rb = result.rulebase

    def need(n: Need) -> dict[str, Any]:
        r = n.rule
        return {"source": r.source, "destination": r.destination, "source_name": doc.node(r.source).name,
                "destination_name": doc.node(r.destination).name, "transport": r.port.transport,
                "port": r.port.value, "services": r.services, "status": n.status,
                "allowed_by": [x.where for x in n.allowed_by], "blocked_by": [x.where for x in n.blocked_by],
                "undecided": [x.where for x in n.undecided], "detail": n.detail}

    return {
        "design": doc.name, "exchange_version": doc.exchange_version,
        "rulebase": {"file": rb.file, "format": rb.format, "scope": rb.scope, "rules": rb.rule_count,
                     "chains": [{"name": c.name, "rules": len(c.rules), "policy": c.policy} for c in rb.chains],
                     "notes": list(rb.notes)},
        "ok": result.ok,
        "summary": {**{s: result.count(s) for s in STATUSES}, "required": len(result.needs),
                    "gaps": len(result.gaps), "excess": len(result.exposures)},
        "unaddressed": [{"node": n, "name": doc.node(n).name} for n in result.unaddressed],
        "boundaries": [{"source_zone": b.source_zone, "destination_zone": b.destination_zone,
                        "label": boundary_name(doc, b.source_zone, b.destination_zone),
                        "rules": [need(n) for n in b.needs]} for b in result.boundaries],
        "excess": [{"rule": e.rule.where, "comment": e.rule.text, "hosts": list(e.hosts),
                    "host_names": [doc.node(h).name for h in e.hosts], "from": endpoint_text(e.rule.source),
                    "ports": e.extra, "needed": e.needed} for e in result.exposures],
    }


def write_xlsx(doc: Document, result: Verification, target, today: date) -> None:
    """Summary, Required rules (all, gaps first) and Excess exposure sheets."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(target, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_urls": False})
    bold = workbook.add_format({"bold": True, "bg_color": "#E8EEF5", "border": 1})
    sheet = workbook.add_worksheet("Summary")
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 100)
    sheet.write_string(0, 0, neutralise(title_of(doc)), workbook.add_format({"bold": True, "font_size": 14}))
    sheet.write_string(1, 0, "Generated", bold)
    sheet.write_string(1, 1, f"{today.isoformat()} by Exchange Topology Designer {__version__}")
    for r, (key, value) in enumerate(summary(doc, result), start=2):
        sheet.write_string(r, 0, key, bold)
        sheet.write_string(r, 1, neutralise(str(value)))
    rows = sorted(need_rows(doc, result), key=lambda row: row[1] == ALLOWED)
    for name, headers, data in (("Required rules", NEED_HEADERS, rows),
                                ("Excess exposure", EXPOSURE_HEADERS,
                                 [exposure_row(doc, e) for e in result.exposures])):
        ws = workbook.add_worksheet(name)
        for c, header in enumerate(headers):
            ws.write_string(0, c, header, bold)
            ws.set_column(c, c, 20)
        for r, row in enumerate(data, start=1):
            for c, value in enumerate(row):
                if type(value) is int:
                    ws.write_number(r, c, value)
                else:
                    ws.write_string(r, c, neutralise(str(value)))
        ws.autofilter(0, 0, max(len(data), 1), len(headers) - 1)
        ws.freeze_panes(1, 0)
    workbook.close()


def render_verification(fmt: str, doc: Document, result: Verification, today: date | None = None) -> str | bytes:
    """The result in one of :data:`FORMATS`: text, or bytes for XLSX."""
    today = today or date.today()
    if fmt == "md":
        return to_markdown(doc, result, today)
    if fmt == "html":
        return to_html(doc, result, today)
    if fmt == "json":
        return json_text(records(doc, result))
    if fmt == "xlsx":
        buffer = io.BytesIO()
        write_xlsx(doc, result, buffer, today)
        return buffer.getvalue()
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
