"""The port matrix as CSV, Markdown, HTML, JSON and XLSX. Pure Python (no Qt).

``matrix_records`` is the machine form (node and zone ids, the JSON format's exact keys).
The other formats are for people: node and zone names, and the Microsoft source of each row.
Spreadsheet cells that could start a formula (at the cell's start or any line's) are
neutralised, and a CSV cell with a line break is always quoted; HTML is escaped; Markdown cells
are one line; no control character reaches any of them raw (JSON escapes it).
"""
from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path
from typing import Any, Sequence

from ..analysis import Flow, host_name
from ..analysis.sites import crossing_sites, site_of, sites_label
from ..catalog import Catalog
from ..support.states import EncryptionKind
from ..support.i18n import QT_TRANSLATE_NOOP
from ..support.text import visible
from ..model import Document

FORMATS = ("csv", "md", "html", "json", "xlsx")
JSON_KEYS = ("connection", "source", "destination", "source_zone", "destination_zone", "transport",
             "port", "service", "authentication", "encryption", "protection", "crossing", "source_site",
             "destination_site", "crossing_sites", "notes", "sources")
# the exports' column titles; the port matrix panel shows them translated ("PortMatrix" context)
HEADERS = (QT_TRANSLATE_NOOP("PortMatrix", "Source"), QT_TRANSLATE_NOOP("PortMatrix", "Destination"),
           QT_TRANSLATE_NOOP("PortMatrix", "Source zone"), QT_TRANSLATE_NOOP("PortMatrix", "Destination zone"),
           QT_TRANSLATE_NOOP("PortMatrix", "Transport"), QT_TRANSLATE_NOOP("PortMatrix", "Port"),
           QT_TRANSLATE_NOOP("PortMatrix", "Service"), QT_TRANSLATE_NOOP("PortMatrix", "Authentication"),
           QT_TRANSLATE_NOOP("PortMatrix", "Encryption"), QT_TRANSLATE_NOOP("PortMatrix", "Crossing"),
           QT_TRANSLATE_NOOP("PortMatrix", "Crossing sites"),
           QT_TRANSLATE_NOOP("PortMatrix", "Notes"), QT_TRANSLATE_NOOP("PortMatrix", "Reference"))
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_LINE_FORMULA = re.compile("(?<=[\r\n])(?=[=+\\-@\t\r])")  # a formula character starting a line
_CSV_QUOTE = re.compile('[",\r\n]')
# what JSON leaves raw but a terminal must not receive: DEL, C1 and the bidi controls
_JSON_RAW = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def neutralise(value: Any) -> Any:
    """Make a text cell safe for spreadsheets: a ``'`` before a formula character that starts
    the cell or any line within it (a spreadsheet, or a reader that splits at CR, sees lines)."""
    if isinstance(value, str):
        if "\r" in value or "\n" in value:
            value = _LINE_FORMULA.sub("'", value)
        if value.startswith(_FORMULA_PREFIXES):
            return "'" + value
    return value


def csv_cell(value: Any) -> str:
    """One CSV cell (RFC 4180): quoted when it holds a quote, a comma, a CR or a LF."""
    text = str(value)
    return '"' + text.replace('"', '""') + '"' if _CSV_QUOTE.search(text) else text


def json_text(data: Any) -> str:
    """``data`` as indented JSON whose text holds no raw control or bidi character."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def html_text(value: Any) -> str:
    """Escaped for HTML, every control character but tab and LF shown as a symbol."""
    return html.escape(visible(str(value), keep_newlines=True))


def matrix_records(flows: Sequence[Flow], doc: Document | None = None) -> list[dict[str, Any]]:
    """One dict per flow with exactly :data:`JSON_KEYS`; the sites (``source_site``,
    ``destination_site``: a zone's ``site`` or None; ``crossing_sites``: both named and
    different) come from ``doc``, and are None and false without it."""
    def site(zone_id: str) -> str | None:
        return site_of(doc, zone_id) if doc is not None else None

    return [{
        "connection": f.connection, "source": f.source, "destination": f.destination,
        "source_zone": f.source_zone, "destination_zone": f.destination_zone,
        "transport": f.transport, "port": f.port.value, "service": f.service,
        "authentication": f.authentication, "encryption": f.encryption,
        "protection": protection(f.encryption_kind), "crossing": f.crossing,
        "source_site": site(f.source_zone), "destination_site": site(f.destination_zone),
        "crossing_sites": doc is not None and crossing_sites(doc, f.source_zone, f.destination_zone) is not None,
        "notes": f.notes,
        "sources": list(f.source_ids),
    } for f in flows]


def protection(kind: str) -> str:
    """The machine-readable protection of a flow, as the line's style reads it: ``encrypted``,
    ``optional`` (supported, off or not stated by default), ``none`` or ``unknown``."""
    return str(EncryptionKind.OPTIONAL if kind == EncryptionKind.POSSIBLE else EncryptionKind(kind))


def references(catalog: Catalog, flow: Flow) -> str:
    """The addresses (or titles) of every page a flow cites, one per line."""
    refs = []
    for source_id in flow.source_ids:
        src = catalog.source(source_id)
        refs.append(src.url or src.title if src else source_id)
    return "\n".join(dict.fromkeys(refs))


def matrix_rows(doc: Document, catalog: Catalog, flows: Sequence[Flow]) -> list[list[Any]]:
    """Rows for people, in :data:`HEADERS` order (names instead of ids)."""
    rows = []
    per_path: dict[str, tuple] = {}  # what a row takes from its data path, built once per path
    nodes, zones = doc.nodes, doc.zones
    for f in flows:
        path = per_path.get((f.path.id, f.version))
        if path is None:
            path = per_path[(f.path.id, f.version)] = (f.service, f.authentication, f.encryption, f.notes,
                                                       references(catalog, f))
        service, authentication, encryption, notes, reference = path
        rows.append([
            host_name(nodes[f.source]), host_name(nodes[f.destination]),
            zones[f.source_zone].name, zones[f.destination_zone].name,
            f.port.transport, f.port.value, service, authentication, encryption,
            "yes" if f.source_zone != f.destination_zone else "no",
            sites_label(doc, f.source_zone, f.destination_zone), notes, reference,
        ])
    return rows


def to_json(flows: Sequence[Flow], doc: Document | None = None) -> str:
    return json_text(matrix_records(flows, doc))


def to_csv(rows: list[list[Any]], headers: Sequence[str] = HEADERS) -> str:
    lines = [",".join(csv_cell(h) for h in headers)]
    lines += [",".join(csv_cell(neutralise(c)) for c in row) for row in rows]
    return "\n".join(lines) + "\n"


def _md_cell(value: Any) -> str:
    """A Markdown table cell or heading: pipes escaped, one line, no live HTML, no control character."""
    text = str(value).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    return visible(" ".join(text.split()))


def to_markdown(rows: list[list[Any]], title: str | None = None) -> str:
    lines = [f"# {_md_cell(title)}", ""] if title else []
    lines.append("| " + " | ".join(HEADERS) + " |")
    lines.append("|" + "---|" * len(HEADERS))
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


_URL = re.compile(r"https?://[^\s<>\"']+")
SHARED_NOTE = 80  # characters: a note this long that several rows share is printed once


def linked(value: Any) -> str:
    """A cell's text as HTML: escaped, its http(s) addresses as links, its line breaks kept."""
    text, out, at = visible(str(value), keep_newlines=True), [], 0
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(".,;")
        while url.endswith(")") and url.count(")") > url.count("("):  # "(see https://…)"
            url = url[:-1]
        out.append(html.escape(text[at:match.start()]))
        out.append(f'<a href="{html.escape(url)}">{html.escape(url)}</a>')
        at = match.start() + len(url)
    out.append(html.escape(text[at:]))
    return "".join(out).replace("\n", "<br>")


def shared_notes(texts: Sequence[Any], least: int = SHARED_NOTE) -> dict[str, str]:
    """Long texts that more than one row carries, numbered ``N1``, ``N2``… in order of appearance."""
    counts: dict[str, int] = {}
    for text in texts:
        if text and len(str(text)) >= least:
            counts[str(text)] = counts.get(str(text), 0) + 1
    shared = [t for t, n in counts.items() if n > 1]
    return {text: f"N{i}" for i, text in enumerate(shared, start=1)}


def note_cell(value: Any, notes: dict[str, str]) -> str:
    """A cell that refers to its shared note (a link to it), or holds its own text."""
    label = notes.get(str(value))
    return f'<a href="#note-{label}">see {label}</a>' if label else linked(value)


def notes_html(notes: dict[str, str], heading: str = "Notes") -> str:
    """The shared notes, each printed once, as a table the rows' references link to."""
    if not notes:
        return ""
    rows = "\n".join(f'<tr id="note-{label}"><td>{label}</td><td>{linked(text)}</td></tr>'
                     for text, label in notes.items())
    return (f"<h2>{html.escape(heading)}</h2>\n<table>\n<thead><tr><th>Note</th><th>Text</th></tr></thead>\n"
            f"<tbody>\n{rows}\n</tbody>\n</table>\n")


NOTES_COLUMN, REFERENCE_COLUMN = HEADERS.index("Notes"), HEADERS.index("Reference")


def to_html(rows: list[list[Any]], title: str) -> str:
    """The matrix as one HTML page: sources are links, and a long note that several rows share
    is printed once below the table, each row linking to it."""
    esc = html_text
    notes = shared_notes([row[NOTES_COLUMN] for row in rows])
    head = "".join(f"<th>{esc(h)}</th>" for h in HEADERS)

    def cell(column: int, value: Any) -> str:
        if column == NOTES_COLUMN:
            return note_cell(value, notes)
        return linked(value) if column == REFERENCE_COLUMN else esc(str(value))

    body = "\n".join("<tr>" + "".join(f"<td>{cell(i, c)}</td>" for i, c in enumerate(row)) + "</tr>"
                     for row in rows)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{esc(title)}</title>\n<style>body{{font-family:sans-serif}}"
        "table{border-collapse:collapse}th,td{border:1px solid #bbb;padding:3px 6px;"
        "vertical-align:top;font-size:13px}th{background:#e8eef5;text-align:left}</style>"
        f"</head>\n<body>\n<h1>{esc(title)}</h1>\n<table>\n<thead><tr>{head}</tr></thead>\n"
        f"<tbody>\n{body}\n</tbody>\n</table>\n{notes_html(notes)}</body></html>\n"
    )


def write_xlsx(rows: list[list[Any]], target: Path | io.BytesIO, title: str = "Port matrix") -> None:
    """An XLSX workbook: a bold header row, autofilter and frozen header (XlsxWriter)."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(target, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_urls": False})
    sheet = workbook.add_worksheet(title[:31])
    bold = workbook.add_format({"bold": True, "bg_color": "#E8EEF5", "border": 1})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    widths = [18, 18, 14, 14, 9, 12, 20, 22, 20, 9, 14, 60, 40]
    for col, (header, width) in enumerate(zip(HEADERS, widths)):
        sheet.write_string(0, col, header, bold)
        sheet.set_column(col, col, width, wrap if header == "Notes" else None)
    safe: dict[Any, str] = {}  # cells repeat (names, zones, services): neutralise each once
    write_number, write_string = sheet.write_number, sheet.write_string
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if type(value) is int:
                write_number(r, c, value)
                continue
            text = safe.get(value)
            if text is None:
                text = safe[value] = neutralise(str(value))
            write_string(r, c, text)
    sheet.autofilter(0, 0, max(len(rows), 1), len(HEADERS) - 1)
    sheet.freeze_panes(1, 0)
    workbook.close()


def render_matrix(fmt: str, doc: Document, catalog: Catalog, flows: Sequence[Flow]) -> str | bytes:
    """The matrix in one of :data:`FORMATS`: text, or bytes for XLSX."""
    if fmt == "json":
        return to_json(flows, doc)
    rows = matrix_rows(doc, catalog, flows)
    title = f"{doc.name}: port matrix (Exchange {doc.exchange_version})"
    if fmt == "csv":
        return to_csv(rows)
    if fmt == "md":
        return to_markdown(rows, title)
    if fmt == "html":
        return to_html(rows, title)
    if fmt == "xlsx":
        buffer = io.BytesIO()
        write_xlsx(rows, buffer)
        return buffer.getvalue()
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
