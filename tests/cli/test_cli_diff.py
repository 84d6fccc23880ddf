"""``exchange-designer diff OLD NEW``: exit codes as diff(1), formats, standard input, hostile names,
and the change request of the issue's "done when" (the Edge moved to a new DMZ subnet)."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import date

import openpyxl
import pytest

from designer.analysis.diff import diff_designs
from designer.cli.main import main
from designer.io import load_document, save_document
from designer.io.diff_export import render_diff
from designer.model import Node
from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "samples" / "exchange2016-edge.yaml"
HOSTILE = "=HYPERLINK(\"http://evil\")|<script>alert(1)</script>[x](javascript:y)*b*`c`"


def run(*args):
    """The real command, in a subprocess, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "designer", *args], capture_output=True, timeout=120, cwd=ROOT)


def with_addresses(catalog, dmz_subnet: str, edge: str):
    """The 2016 sample with addresses: a DMZ subnet, the Edge in it, the Mailbox servers inside."""
    doc = load_document(SAMPLE, roles=catalog.roles.keys())
    doc.replace_zone(replace(doc.zone("dmz"), subnets=(dmz_subnet,)))
    doc.replace_zone(replace(doc.zone("internal"), subnets=("10.0.0.0/16",)))
    doc.replace_node(replace(doc.node("edge01"), addresses=(edge,)))
    doc.replace_node(replace(doc.node("ex01"), addresses=("10.0.1.11",)))
    doc.replace_node(replace(doc.node("ex02"), addresses=("10.0.1.12",)))
    return doc


@pytest.fixture()
def edge_move(catalog, tmp_path):
    """The design with addresses, and the same design with the Edge moved to a new DMZ subnet."""
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    save_document(with_addresses(catalog, "192.0.2.0/28", "192.0.2.5"), old)
    save_document(with_addresses(catalog, "198.51.100.0/28", "198.51.100.5"), new)
    return old, new


def test_exit_codes_follow_diff(edge_move, capsys):
    old, new = edge_move
    assert main(["diff", str(old), str(old)]) == 0
    assert "No change" in capsys.readouterr().out
    assert main(["diff", str(old), str(new)]) == 1
    assert main(["diff", str(old), str(old.parent / "missing.yaml")]) == 2
    err = capsys.readouterr().err
    assert err.strip().endswith("missing.yaml: no such file") and "Traceback" not in err


def test_unreadable_input_is_one_message_never_a_traceback(tmp_path, edge_move):
    old, _ = edge_move
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: exchange-topology/1\nzones:\n  - {id: a, name: A, kind: nowhere}\n")
    for args in ((str(bad), str(old)), (str(old), str(bad))):
        result = run("diff", *args)
        assert result.returncode == 2 and result.stdout == b""
        lines = result.stderr.decode().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"exchange-designer: {bad}:3: ") and "Traceback" not in lines[0]
    result = run("diff", "-", "-")
    assert result.returncode == 2 and b"standard input" in result.stderr


def test_the_edge_moved_to_a_new_dmz_subnet_is_a_change_request(edge_move):
    """The issue's step 4: change the design (the Edge to a new DMZ subnet), get the change request."""
    old, new = edge_move
    result = run("diff", str(old), str(new), "--format", "json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["changed"] and not report["versions_differ"]
    assert report["summary"]["rules"] == {"added": 0, "removed": 0, "changed": 16}
    inbound = next(r for r in report["rules"] if r["source"] == "Internet mail servers" and r["port"] == 25)
    assert inbound["boundary"]["destination_zone"] == "Perimeter network (DMZ)"
    assert inbound["destination_addresses"] == ["198.51.100.5"] and inbound["source_addresses"] == []
    assert inbound["changes"] == [{"field": "destination addresses", "old": "192.0.2.5", "new": "198.51.100.5"}]
    assert inbound["justification"] == ["SMTP: Inbound mail, internet to Edge Transport server"]
    assert any("learn.microsoft.com" in ref for ref in inbound["references"]) and inbound["sources"]
    to_mailbox = next(r for r in report["rules"] if r["source"] == "EDGE01" and r["destination"] == "EX01")
    assert to_mailbox["destination_addresses"] == ["10.0.1.11"]
    assert to_mailbox["changes"] == [{"field": "source addresses", "old": "192.0.2.5", "new": "198.51.100.5"}]
    zone = next(e for e in report["elements"] if e["kind"] == "zone")
    assert zone["changes"] == [{"field": "subnets", "old": "192.0.2.0/28", "new": "198.51.100.0/28"}]
    markdown = run("diff", str(old), str(new)).stdout.decode()
    assert "### Internet → Perimeter network \\(DMZ\\)" not in markdown  # parentheses are not markup
    assert "### Internet → Perimeter network (DMZ)" in markdown
    assert "destination addresses: 192.0.2.5 → 198.51.100.5" in markdown


@pytest.mark.parametrize("fmt,check", [
    ("md", lambda b: b.decode().startswith("# Change request: ")),
    ("html", lambda b: b.decode().startswith("<!DOCTYPE html>") and "<h3>Internet → Perimeter" in b.decode()),
    ("json", lambda b: json.loads(b)["format"] == "exchange-designer-diff/1"),
    ("xlsx", lambda b: openpyxl.load_workbook(io.BytesIO(b)).sheetnames == ["Overview", "Firewall rules", "Flows",
                                                                           "Elements"]),
])
def test_every_format_to_a_file_and_from_the_suffix(edge_move, tmp_path, fmt, check):
    old, new = edge_move
    target = tmp_path / f"change.{fmt}"
    assert main(["diff", str(old), str(new), "-o", str(target)]) == 1
    assert check(target.read_bytes())
    other = tmp_path / "change.out"
    assert main(["diff", str(old), str(new), "--format", fmt, "-o", str(other)]) == 1
    assert check(other.read_bytes())


def test_dash_output_is_standard_output_and_an_unknown_suffix_is_refused(edge_move, tmp_path, capsys):
    old, new = edge_move
    assert main(["diff", str(old), str(new), "-o", "-"]) == 1
    assert capsys.readouterr().out.startswith("# Change request")
    assert main(["diff", str(old), str(new), "-o", str(tmp_path / "x.txt")]) == 2
    assert "cannot tell the format from .txt" in capsys.readouterr().err and not (tmp_path / "x.txt").exists()


def test_standard_input_is_a_design(edge_move, monkeypatch, capsys):
    old, new = edge_move
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(old.read_bytes()), encoding="utf-8"))
    assert main(["diff", "-", str(new), "-f", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["old"]["file"] == "standard input" and report["summary"]["rules"]["changed"] == 16
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"format: [\n"), encoding="utf-8"))
    assert main(["diff", "-", str(new)]) == 2
    assert capsys.readouterr().err.startswith("exchange-designer: <stdin>:")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xff\xfe"), encoding="utf-8"))
    assert main(["diff", str(new), "-"]) == 2
    assert "not valid UTF-8" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_two_commits_of_a_design_as_the_readme_shows(edge_move, tmp_path):
    """git show REV:design.yaml | exchange-designer diff - design.yaml"""
    old, new = edge_move
    repo = tmp_path / "repo"
    repo.mkdir()
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(git + ["init", "-q"], check=True)
    shutil.copy(old, repo / "design.yaml")
    subprocess.run(git + ["add", "design.yaml"], check=True)
    subprocess.run(git + ["commit", "-qm", "before"], check=True)
    shutil.copy(new, repo / "design.yaml")
    shown = subprocess.run(git + ["show", "HEAD:design.yaml"], check=True, capture_output=True).stdout
    result = subprocess.run([sys.executable, "-m", "designer", "diff", "-", str(repo / "design.yaml")],
                            input=shown, capture_output=True, timeout=120, cwd=ROOT)
    assert result.returncode == 1, result.stderr
    assert "198.51.100.5" in result.stdout.decode()


def test_different_versions_work_and_say_so(catalog, tmp_path, capsys):
    old = load_document(SAMPLE, roles=catalog.roles.keys())
    old.set_exchange_version("2013")
    save_document(old, tmp_path / "old.yaml")
    assert main(["diff", str(tmp_path / "old.yaml"), str(SAMPLE)]) == 1
    text = capsys.readouterr().out
    assert "The designs are on different Exchange versions (2013 → 2016)" in text
    assert "| Exchange version | 2013 | 2016 |" in text


def hostile_pair(catalog):
    """A design with a hostile node added, built in code (the reader refuses control characters)."""
    old = load_document(SAMPLE, roles=catalog.roles.keys())
    new = load_document(SAMPLE, roles=catalog.roles.keys())
    name = HOSTILE + "\x1b[31m\u202e\n\rX"
    new.add_node(Node("evil", name, "mailbox", "internal", addresses=("10.9.9.9",)))
    new.replace_node(replace(new.node("edge01"), name="-2+3 | " + name))
    from designer.model import Connection
    new.add_connection(Connection("c_evil", ("edge01", "evil")))
    return diff_designs(old, new, catalog)


def test_hostile_names_are_escaped_in_every_format(catalog):
    diff = hostile_pair(catalog)
    today = date(2020, 1, 1)
    markdown = render_diff("md", diff, catalog, "old\x1b.yaml", "new|.yaml", today)
    assert "\x1b" not in markdown and "\u202e" not in markdown and "\r" not in markdown
    assert "<script>" not in markdown and "\\[x\\](javascript:y)" in markdown and "\\*b\\*" in markdown
    for line in markdown.splitlines():
        if line.startswith("| added ") or line.startswith("| changed "):
            assert line.count(" | ") == line.replace("\\|", "").count(" | ")  # pipes escaped
            assert len(line.replace("\\|", "").split(" | ")) in (4, 11, 13)
    page = render_diff("html", diff, catalog, "old.yaml", "new.yaml", today)
    assert "<script>" not in page and "&lt;script&gt;" in page and "\x1b" not in page and "\u202e" not in page
    data = json.loads(render_diff("json", diff, catalog, "old.yaml", "new.yaml", today))
    assert any(e["name"].startswith(HOSTILE) for e in data["elements"])  # JSON keeps the text, escaped
    workbook = openpyxl.load_workbook(io.BytesIO(render_diff("xlsx", diff, catalog, "=old", "new", today)))
    cells = [c.value for sheet in workbook for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert cells and not any(v.startswith(("=", "+", "-", "@")) for v in cells)
    assert any(v.startswith("'=HYPERLINK") for v in cells) and any(v.startswith("'-2+3") for v in cells)


def test_hostile_names_reach_the_terminal_without_control_characters(catalog, tmp_path, capsys):
    """The reader refuses control characters; what it takes (markup, formulas) comes out inert."""
    old = load_document(SAMPLE, roles=catalog.roles.keys())
    new = load_document(SAMPLE, roles=catalog.roles.keys())
    new.replace_node(replace(new.node("edge01"), name=HOSTILE))
    save_document(old, tmp_path / "old.yaml")
    save_document(new, tmp_path / "new.yaml")
    for fmt in ("md", "html"):
        assert main(["diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "-f", fmt]) == 1
        out = capsys.readouterr().out
        assert "<script>" not in out and "HYPERLINK" in out
