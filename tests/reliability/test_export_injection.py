"""No export carries injection: one hostile design through every export, each read back.

The design's name, every zone's and every node's name are payloads: spreadsheet formulas,
HTML and SVG markup, Markdown pipes, PowerShell and shell code, nftables syntax, path
separators, Windows device names, control and bidi characters. Every deliverable is written
through the command line (the same code the window calls) and read by an independent reader:
``csv``, openpyxl, ``html.parser``, ElementTree, ``json``, pypdf, a small PowerShell lexer and
``nft -c``. The file names the window offers are checked too.
"""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pypdf
import pytest

from designer.cli.main import main
from designer.io import load_document, save_document
from designer.model import Connection, Node
from designer.ui.window.deliverables import WINDOWS_DEVICES, file_stem
from tests.conftest import ROOT
from tests.io.test_firewall_export import nft_usable, ps_code

PAYLOADS = [
    "=HYPERLINK(\"http://evil.example\",\"x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
    "\tTAB start", "\rCR start",
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "<svg onload=alert(2)>",
    "</text><script>alert(3)</script>", "]]><!-- &amp; &#x3C;",
    "| cell | pipe |", "`$(rm -rf ~)`", "x'; Stop-Computer -Force; '", "a\u2019; Restart-Computer; \u2018",
    'q"\n}\nflush ruleset #', "../../etc/passwd", "C:\\Windows\\System32\\drivers", "CON", "nul.txt",
    "evil\u202egpj.exe", "line one\nline two",
]
FORMULA = ("=", "+", "-", "@", "\t", "\r")
CODE_WORDS = ("Stop-Computer", "Restart-Computer", "rm -rf", "calc", "flush ruleset")


@pytest.fixture(scope="module")
def exports(tmp_path_factory, qapp):
    """The hostile design and every export of it, by name. The reader refuses control and bidi
    characters in names (see ``test_the_reader_refuses_the_control_characters``); here its rule
    is off, so that every writer is shown to escape them on its own."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("designer.io.document_yaml.forbidden", lambda _text: None)
        return _exports(tmp_path_factory)


def _exports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports")
    doc = load_document(ROOT / "data" / "samples" / "exchange2016-edge.yaml")
    payloads = iter(PAYLOADS * 4)
    doc.set_name(next(payloads))
    for zone in list(doc.zones.values()):
        doc.replace_zone(replace(zone, name=next(payloads)))
    for node in list(doc.nodes.values()):
        doc.replace_node(replace(node, name=next(payloads)))
    for i, payload in enumerate(PAYLOADS[len(names_of(doc)):]):  # the rest on more nodes, each connected
        role, zone, peer = ("internet_mail", "internet", "edge01") if i % 2 else ("outlook", "internal", "ex01")
        doc.add_node(Node(f"extra{i}", payload, role, zone))
        doc.add_connection(Connection(f"c_extra{i}", (f"extra{i}", peer)))
    design = folder / "hostile.yaml"
    save_document(doc, design)
    files = {}
    jobs = [("matrix", fmt) for fmt in ("csv", "xlsx", "md", "html", "json")]
    jobs += [("rules", fmt) for fmt in ("csv", "xlsx", "md", "html", "ps1", "nft")]
    jobs += [("render", fmt) for fmt in ("png", "svg", "pdf")] + [("report", fmt) for fmt in ("pdf", "html")]
    for command, fmt in jobs:
        out = folder / f"{command}.{fmt}"
        args = [command, str(design), "-o", str(out)] + (["--format", fmt] if command == "matrix" else [])
        assert main(args, io.StringIO()) == 0, (command, fmt)
        files[f"{command}.{fmt}"] = out
    return doc, files


def test_the_reader_refuses_the_control_characters(exports, capsys):
    """As a user meets it: the hostile file is refused, naming the element and the line."""
    _, files = exports
    design = files["matrix.csv"].parent / "hostile.yaml"
    assert main(["check", str(design)], io.StringIO()) == 2
    message = capsys.readouterr().err
    assert re.search(r"hostile\.yaml:\d+: (zone|node) '[^']+': 'name' holds the control character U\+", message), message


def names_of(doc) -> list[str]:
    return [doc.name] + [z.name for z in doc.zones.values()] + [n.name for n in doc.nodes.values()]


def test_the_design_really_carries_every_payload(exports):
    doc, _ = exports
    assert set(PAYLOADS) <= set(names_of(doc))


@pytest.mark.parametrize("name", ["matrix.csv", "rules.csv"])
def test_csv_cells_never_start_a_formula(exports, name):
    rows = list(csv.reader(io.StringIO(exports[1][name].read_text(encoding="utf-8-sig"), newline="")))
    cells = [cell for row in rows for cell in row]
    assert len(rows) > 5
    assert not [cell for cell in cells if cell.startswith(FORMULA)]
    if name == "rules.csv":  # rules name the zones and nodes: the payloads are there, neutralised
        assert {"'+1+cmd|' /C calc'!A0", "'-2+3", "'@SUM(A1:A9)"} <= set(cells)


@pytest.mark.parametrize("name", ["matrix.xlsx", "rules.xlsx"])
def test_xlsx_holds_no_formula(exports, name):
    book = openpyxl.load_workbook(exports[1][name])
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert len(cells) > 50
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert not [c.value for c in cells if isinstance(c.value, str) and c.value.startswith(FORMULA)]


class Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.handlers: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("name", ["matrix.html", "rules.html", "report.html"])
def test_html_has_no_markup_from_the_design(exports, name):
    doc, files = exports
    page = Markup()
    page.feed(files[name].read_text(encoding="utf-8"))
    assert "script" not in page.tags and "img" not in page.tags and not page.handlers
    text = "".join(page.text)
    assert "<script>alert(1)</script>" in text or name == "matrix.html"  # shown as text, escaped
    if name == "report.html":  # the cover names the design as it is, as text
        assert doc.name in text


@pytest.mark.parametrize("name", ["matrix.md", "rules.md"])
def test_markdown_tables_keep_their_columns_and_no_markup(exports, name):
    text = exports[1][name].read_text(encoding="utf-8")
    assert "<script" not in text and "<img" not in text and "<svg" not in text
    for table in re.findall(r"(?:^\|.*\|$\n?)+", text, re.M):
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in table.strip().splitlines()}
        assert len(widths) == 1, table[:500]


def test_svg_is_well_formed_and_has_no_script(exports):
    root = ET.fromstring(exports[1]["render.svg"].read_bytes())
    elements = list(root.iter())
    assert not [e.tag for e in elements if e.tag.rsplit("}", 1)[-1] in ("script", "foreignObject")]
    assert not [k for e in elements for k in e.attrib if k.rsplit("}", 1)[-1].startswith("on")]
    texts = "".join(e.text or "" for e in elements)
    assert "<script>" in texts or "<svg" in texts  # markup from names stays text


@pytest.mark.parametrize("name", ["render.pdf", "report.pdf"])
def test_pdf_has_no_script_or_action(exports, name):
    raw = exports[1][name].read_bytes()
    assert b"/JavaScript" not in raw and b"/JS " not in raw and b"/Launch" not in raw
    text = "".join(page.extract_text() for page in pypdf.PdfReader(exports[1][name]).pages)
    assert text.strip()


def test_json_is_data(exports):
    records = json.loads(exports[1]["matrix.json"].read_text(encoding="utf-8"))
    assert records and all(isinstance(r, dict) for r in records)


def test_powershell_draft_keeps_names_out_of_code(exports):
    code = "\n".join(ps_code(exports[1]["rules.ps1"].read_text(encoding="utf-8-sig")))
    assert "New-NetFirewallRule" in code
    assert not [word for word in CODE_WORDS if word in code]


def test_nftables_draft_keeps_names_in_comments(exports, tmp_path):
    text = exports[1]["rules.nft"].read_text(encoding="utf-8")
    code = "\n".join(re.sub(r'comment "[^"\n]*"|#.*', "", line) for line in text.splitlines())
    assert "table" in code and "flush ruleset" not in code
    assert not re.search(r"[\"'`|()\\]", code)  # names become identifiers of [a-z0-9_] or stay in comments
    if nft_usable():
        run = subprocess.run(["nft", "-c", "-f", str(exports[1]["rules.nft"])], capture_output=True, text=True,
                             timeout=60)
        assert run.returncode == 0, run.stderr


@pytest.mark.parametrize("payload", PAYLOADS + ["..", " . ", "", "com1.design", "Plan/2026\\Q1:final"])
def test_file_names_offered_are_plain_names(payload, tmp_path):
    stem = file_stem(payload)
    assert stem and Path(stem).name == stem and stem not in (".", "..")
    assert not re.search(r'[<>:"/\\|?*\x00-\x1f\x7f\u202e]', stem)
    assert stem.split(".")[0].upper() not in WINDOWS_DEVICES
    assert not stem.endswith((" ", "."))
    (tmp_path / f"{stem}.pdf").write_bytes(b"%PDF")  # a file of that name lands in the folder
    assert [p.name for p in tmp_path.iterdir()] == [f"{stem}.pdf"]
