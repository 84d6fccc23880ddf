"""``exchange-designer verify``: exit codes, formats, escaping, and the nftables round trip."""
from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
import yaml

from designer.cli.main import main
from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "samples" / "exchange2016-edge.yaml"
FIXTURES = ROOT / "tests" / "io" / "rulebase" / "fixtures"
NFT = shutil.which("nft") or ("/usr/sbin/nft" if os.path.exists("/usr/sbin/nft") else None)
SUBNETS = {"dmz": "192.168.10", "internal": "10.0.0"}


def addressed_sample(tmp_path: Path, rename: dict[str, str] | None = None) -> Path:
    """The 2016 sample with zone subnets and an address on every node outside the Internet.
    ``address`` (one) is what the nftables draft of this branch reads; ``addresses`` is the model's."""
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    for zone in data["zones"]:
        if zone["id"] in SUBNETS:
            zone["subnets"] = [f"{SUBNETS[zone['id']]}.0/24"]
    for n, node in enumerate(data["nodes"], start=10):
        if node["zone"] in SUBNETS:
            node["addresses"] = [f"{SUBNETS[node['zone']]}.{n}"]
            node["address"] = node["addresses"][0]
        node["name"] = (rename or {}).get(node["id"], node["name"])
    path = tmp_path / "design.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def run(*argv, out=None) -> tuple[int, str]:
    out = out if out is not None else io.StringIO()
    code = main(["verify", *map(str, argv)], out)
    return code, out.getvalue() if isinstance(out, io.StringIO) else ""


def own_rules_csv(tmp_path: Path, design: Path) -> Path:
    target = tmp_path / "rules.csv"
    assert main(["rules", str(design), "-o", str(target)], io.StringIO()) == 0
    return target


def test_a_design_verifies_clean_against_its_own_rules_csv(tmp_path):
    design = addressed_sample(tmp_path)
    code, text = run(design, "--rulebase", own_rules_csv(tmp_path, design))
    assert code == 0, text
    assert "- **Verdict**: every required flow is allowed" in text
    assert "## Perimeter network (DMZ) → Internal network" in text


def test_gaps_exit_1_and_are_named_first(tmp_path):
    design = addressed_sample(tmp_path)
    rules = own_rules_csv(tmp_path, design)
    drop_first(rules, ",50636,")
    code, text = run(design, "--rulebase", rules, "--format", "json")
    data = json.loads(text)
    assert code == 1 and data["ok"] is False and data["summary"]["gaps"] == 1
    gap = [r for b in data["boundaries"] for r in b["rules"] if r["status"] != "allowed"]
    assert [(g["source_name"], g["destination_name"], g["port"], g["status"]) for g in gap] == [
        ("EX01", "EDGE01", 50636, "not allowed")]


def drop_first(path: Path, text: str) -> str:
    """Remove the first line holding ``text``; return it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    gone = next(i for i, line in enumerate(lines) if text in line)
    path.write_text("\n".join(lines[:gone] + lines[gone + 1:]) + "\n", encoding="utf-8")
    return lines[gone]


@pytest.mark.parametrize("fmt,check", [
    ("md", lambda b: b.startswith(b"# Contoso")),
    ("html", lambda b: b.startswith(b"<!DOCTYPE html>")),
    ("json", lambda b: json.loads(b)["rulebase"]["format"] == "csv"),
    ("xlsx", lambda b: b[:2] == b"PK"),
])
def test_every_output_format_from_the_suffix(tmp_path, fmt, check):
    design = addressed_sample(tmp_path)
    target = tmp_path / f"out.{fmt}"
    code, text = run(design, "--rulebase", own_rules_csv(tmp_path, design), "-o", target)
    assert code == 0 and text == "" and check(target.read_bytes())


def test_xlsx_sheets(tmp_path):
    design = addressed_sample(tmp_path)
    target = tmp_path / "out.xlsx"
    run(design, "--rulebase", own_rules_csv(tmp_path, design), "-o", target)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Summary", "Required rules", "Excess exposure"]
    assert book["Required rules"]["B2"].value == "allowed"


def test_dash_is_standard_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    design = addressed_sample(tmp_path)
    code, text = run(design, "--rulebase", own_rules_csv(tmp_path, design), "-o", "-", "-f", "json")
    assert code == 0 and json.loads(text)["ok"] and not (tmp_path / "-").exists()


@pytest.mark.parametrize("content,fmt,message", [
    ("not json at all {", "nft-json", "not valid JSON"),
    ("[]", "nft-json", "not an nftables ruleset"),
    ("{\"nftables\": []}", "windows-json", "not Windows Firewall rules"),
    ("a,b\n1,2\n", None, "not a rulebase CSV"),
])
def test_unreadable_rulebases_exit_2_with_one_line(tmp_path, capsys, content, fmt, message):
    rules = tmp_path / "rules.in"
    rules.write_text(content, encoding="utf-8")
    extra = ["--rulebase-format", fmt] if fmt else []
    code, text = run(SAMPLE, "--rulebase", rules, *extra)
    err = capsys.readouterr().err
    assert code == 2 and text == "" and message in err and err.count("\n") == 1
    assert "Traceback" not in err and err.startswith(f"exchange-designer: {rules}")


def test_a_missing_rulebase_option_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["verify", str(SAMPLE)], io.StringIO())
    assert caught.value.code == 2 and "--rulebase" in capsys.readouterr().err


def test_hostile_names_are_escaped_in_every_format(tmp_path):
    evil = "=HYPERLINK(\"x\")|<script>alert(1)</script>"
    design = addressed_sample(tmp_path, {"ex01": evil})
    rules = own_rules_csv(tmp_path, design)
    drop_first(rules, ",50636,")
    outputs = {}
    for fmt in ("md", "html", "json", "xlsx"):
        target = tmp_path / f"out.{fmt}"
        code, _ = run(design, "--rulebase", rules, "-o", target)
        assert code == 1
        outputs[fmt] = target
    md = outputs["md"].read_text(encoding="utf-8")
    assert "<script>" not in md and "\\|&lt;script&gt;" in md
    html = outputs["html"].read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html
    data = json.loads(outputs["json"].read_text(encoding="utf-8"))
    assert [r["source_name"] for b in data["boundaries"] for r in b["rules"] if r["status"] != "allowed"] == [evil]
    cells = [c.value for row in openpyxl.load_workbook(outputs["xlsx"])["Required rules"].iter_rows() for c in row]
    assert "'" + evil in cells and evil not in cells


@pytest.mark.parametrize("fixture", ["draft.json", "draft_named_sets.json"])
def test_the_committed_draft_fixtures_parse_and_verify(tmp_path, fixture):
    """``nft -j list ruleset`` of the drafts ``rules`` wrote for ``draft.yaml``: ``draft.json``
    with ``define``d addresses, ``draft_named_sets.json`` with a named set per node and zone and
    jumps restricted to the zones' sets."""
    code, text = run(FIXTURES / "draft.yaml", "--rulebase", FIXTURES / fixture, "-f", "json")
    data = json.loads(text)
    statuses = {(r["source"], r["destination"], r["port"]): r["status"]
                for b in data["boundaries"] for r in b["rules"]}
    assert statuses[("edge01", "ex01", 25)] == "allowed"
    assert statuses[("ex01", "edge01", 50636)] == "allowed"
    assert data["rulebase"]["chains"] == [{"name": "inet exchange_designer forward (hook forward)",
                                           "rules": data["rulebase"]["rules"], "policy": "allow"}]


# ---- the round trip through real nftables, in a network namespace of its own
def nft_json(ruleset: Path) -> str | None:
    """``nft -j list ruleset`` after loading ``ruleset`` into a new, empty network namespace."""
    result = subprocess.run(["unshare", "-rn", "sh", "-c", f'"$0" -f "$1" && "$0" -j list ruleset', NFT,
                             str(ruleset)], capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise AssertionError(result.stderr)
    return result.stdout


def nft_usable() -> str | None:
    """Why real nftables can't be used here, or None."""
    if NFT is None or shutil.which("unshare") is None:
        return "nft or unshare is not installed"
    probe = subprocess.run(["unshare", "-rn", NFT, "list", "ruleset"], capture_output=True, text=True, timeout=30)
    if probe.returncode != 0:
        return f"nft cannot run in a user and network namespace here: {probe.stderr.strip()[:200]}"
    return None


@pytest.mark.skipif(nft_usable() is not None, reason=str(nft_usable()))
def test_the_nftables_draft_round_trips_through_nft_and_verifies_clean(tmp_path):
    design = addressed_sample(tmp_path)
    draft = tmp_path / "draft.nft"
    assert main(["rules", str(design), "-o", str(draft)], io.StringIO()) == 0
    check = subprocess.run([NFT, "-c", "-f", str(draft)], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stderr
    exported = tmp_path / "ruleset.json"
    exported.write_text(nft_json(draft), encoding="utf-8")
    code, text = run(design, "--rulebase", exported)
    assert code == 0, text

    removed = drop_first(draft, "dport 50636 accept")
    assert "EX01" in removed
    exported.write_text(nft_json(draft), encoding="utf-8")
    code, text = run(design, "--rulebase", exported, "-f", "json")
    gaps = [r for b in json.loads(text)["boundaries"] for r in b["rules"] if r["status"] != "allowed"]
    assert code == 1
    assert [(g["source_name"], g["destination_name"], g["transport"], g["port"], g["status"]) for g in gaps] == [
        ("EX01", "EDGE01", "TCP", 50636, "policy")]


def test_hostile_rule_names_from_the_rulebase_are_escaped(tmp_path):
    design = addressed_sample(tmp_path)
    evil = "<img src=x onerror=alert(1)>|\u202e\x1b[31m=cmd"
    rules = [{"Computer": "EX01", "DisplayName": evil, "Enabled": "True", "Direction": "Inbound",
              "Action": "Allow", "Protocol": "TCP", "LocalPort": "3389", "RemoteAddress": "Any",
              "LocalAddress": "Any"}]
    path = tmp_path / "win.json"
    path.write_text(json.dumps(rules), encoding="utf-8")
    code, text = run(design, "--rulebase", path)  # Markdown on standard output
    assert code == 1  # EX01's required flows have no allow rule
    row = next(line for line in text.splitlines() if "3389" in line)
    assert "\u202e" not in text and "\x1b" not in text and "‹U+202E›" in row and "\u241b" in row
    assert "&lt;img" in row and "\\|" in row
    html = tmp_path / "out.html"
    run(design, "--rulebase", path, "-o", html)
    assert "<img" not in html.read_text(encoding="utf-8")
    raw = (tmp_path / "out.json")
    run(design, "--rulebase", path, "-o", raw)
    assert "\u202e" not in raw.read_text(encoding="utf-8")
    assert json.loads(raw.read_text(encoding="utf-8"))["excess"][0]["comment"] == evil


def test_the_rulebase_from_standard_input(tmp_path):
    design = addressed_sample(tmp_path)
    rules = own_rules_csv(tmp_path, design)
    result = subprocess.run([sys.executable, "-m", "designer", "verify", str(design), "--rulebase", "-",
                             "--rulebase-format", "csv", "-f", "json"], input=rules.read_bytes(),
                            capture_output=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["rulebase"]["file"] == "<stdin>"
