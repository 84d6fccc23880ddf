"""Random Unicode names, control characters included, through load, every export and check.

Each example renames the design, its zones and its nodes, saves it, and then:

* load: a name with a control character (tab aside) or a bidi control is refused, with the
  element and the line; any other name opens as it was saved;
* with the reader's rule off (a document can be built in code), every export and ``check``
  through the command line: each CSV parses back to one row per record, no line within a cell
  starts a formula; the SVG parses as XML; standard output holds no control byte but tab and LF.
"""
from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from designer.analysis import analyse, boundary_rules, compute_flows
from designer.cli.main import main
from designer.io import DocumentError, load_document, save_document
from designer.support.text import forbidden
from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "samples" / "exchange2016-edge.yaml"
CONTROLS = "".join(chr(c) for c in range(0x20)) + "\x7f\x85\x9b\u202a\u202e\u2066\u2069\u2028\u2029"
names = st.text(st.characters(blacklist_categories=("Cs",)) | st.sampled_from(CONTROLS)
                | st.sampled_from("=+-@'\",|<>&;"), min_size=1, max_size=24)
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def hostile(catalog, draw_names):
    doc = load_document(SAMPLE, roles=catalog.roles.keys())
    doc.set_name(draw_names[0])
    for i, zone in enumerate(list(doc.zones.values())):
        doc.replace_zone(replace(zone, name=draw_names[(1 + i) % len(draw_names)]))
    for i, node in enumerate(list(doc.nodes.values())):
        doc.replace_node(replace(node, name=draw_names[(3 + i) % len(draw_names)]))
    return doc


def run(args: list[str]) -> str:
    out = io.StringIO()
    assert main(args, out) in (0, 1), args
    return out.getvalue()


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(names, min_size=1, max_size=6))
def test_random_names_through_load_every_export_and_check(qapp, catalog, tmp_path, drawn):
    doc = hostile(catalog, drawn)
    design = tmp_path / "fuzz.yaml"
    save_document(doc, design)

    # load: refused with the element and the line, or opened as saved
    used = [doc.name] + [z.name for z in doc.zones.values()] + [n.name for n in doc.nodes.values()]
    bad = [n for n in used if forbidden(n)]
    try:
        again = load_document(design, roles=catalog.roles.keys())
    except DocumentError as exc:
        assert bad, str(exc)
        assert exc.line is not None and re.search(r"(the design|zone .+|node .+): 'name' holds the control character U\+", str(exc))
    else:
        assert not bad and again.snapshot() == doc.snapshot()

    with pytest.MonkeyPatch.context() as patch:  # every export, with the reader's rule off
        patch.setattr("designer.io.document_yaml.forbidden", lambda _text: None)
        exports_are_safe(catalog, doc, design, tmp_path)


def exports_are_safe(catalog, doc, design, tmp_path):
    flows = compute_flows(doc, catalog)
    rules = sum(len(b.rules) for b in boundary_rules(doc, flows))
    outputs = {}
    for command, fmt in [("matrix", f) for f in ("csv", "md", "json", "html")] + [
            ("rules", f) for f in ("csv", "md", "html", "ps1", "nft")]:
        outputs[command, fmt] = run([command, str(design), "--format", fmt])
    outputs["check", "text"] = run(["check", str(design)])
    outputs["check", "json"] = run(["check", str(design), "--format", "json"])
    for key, text in outputs.items():
        assert not RAW_CONTROL.search(text), (key, RAW_CONTROL.search(text))

    for (command, fmt), count in ((("matrix", "csv"), len(flows)), (("rules", "csv"), rules)):
        target = tmp_path / f"{command}.csv"
        run([command, str(design), "--format", "csv", "-o", str(target)])
        rows = csv_rows(target.read_text(encoding="utf-8"))
        assert len(rows) == count + 1, (command, rows[:3])
        assert len(rows) == len(csv_rows(outputs[command, fmt]))
        assert len({len(r) for r in rows}) == 1
        for row in rows:
            for cell in row:
                for line in re.split("[\r\n]", cell):
                    assert not line.startswith(FORMULA), (command, cell)

    assert len(outputs["check", "text"].splitlines()) == len(analyse(doc, catalog)) + 1

    svg = tmp_path / "fuzz.svg"
    run(["render", str(design), "-o", str(svg)])
    ET.fromstring(svg.read_bytes())  # parses as XML


def test_a_name_with_escape_codes_prints_as_symbols_on_one_line(catalog, tmp_path, capsys):
    """As a user sees it: ``check`` on a name holding clear-screen, title and a forged line."""
    doc = hostile(catalog, ["Evil\x1b[2J\x1b]0;owned\x07\nerror   FAKE finding"])
    design = tmp_path / "evil.yaml"
    save_document(doc, design)
    assert main(["check", str(design)], io.StringIO()) == 2
    err = capsys.readouterr().err
    assert not RAW_CONTROL.search(err) and err.count("\n") == 1
    assert "holds the control character U+001B" in err
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("designer.io.document_yaml.forbidden", lambda _text: None)
        text = run(["check", str(design)])
        md = run(["matrix", str(design), "-f", "md"])
    assert not RAW_CONTROL.search(text + md)
    assert not any(line.startswith("error   FAKE") for line in text.splitlines())
