"""``exchange-designer rules``, driven through its own parser (cli.py wires it in separately)."""
import argparse
import csv
import io

import openpyxl
import pytest

from designer.cli import rules as cli_rules
from designer.support.yamlsafe import InputError
from tests.conftest import ROOT

SAMPLE_2016 = str(ROOT / "data" / "samples" / "exchange2016-edge.yaml")


def parse(*argv):
    parser = argparse.ArgumentParser(prog="exchange-designer")
    sub = parser.add_subparsers(dest="command")
    cli_rules.add_parser(sub)
    return parser.parse_args(["rules", *argv])


def run(catalog, *argv, out=None):
    out = out if out is not None else io.StringIO()
    assert cli_rules.run(parse(*argv), catalog, out) == 0
    return out


def test_markdown_on_standard_output_by_default(catalog):
    text = run(catalog, SAMPLE_2016).getvalue()
    assert text.startswith("# Contoso, Exchange 2016 with Edge Transport: firewall rules")
    assert "## Internet → Perimeter network (DMZ)" in text
    assert "## Internal network → Perimeter network (DMZ)" in text and "| 50636 |" in text


@pytest.mark.parametrize("suffix,check", [
    (".csv", lambda p: next(csv.reader(p.open(encoding="utf-8")))[0] == "Boundary"),
    (".md", lambda p: p.read_text(encoding="utf-8").startswith("# ")),
    (".html", lambda p: p.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")),
    (".ps1", lambda p: "#Requires -RunAsAdministrator" in p.read_text(encoding="utf-8-sig").splitlines()[0]),
    (".nft", lambda p: "table inet exchange_designer {" in p.read_text(encoding="utf-8")),
    (".XLSX", lambda p: openpyxl.load_workbook(p).sheetnames[:2] == ["Overview", "All rules"]),
])
def test_format_from_the_output_suffix(catalog, tmp_path, suffix, check):
    target = tmp_path / f"rules{suffix}"
    out = run(catalog, SAMPLE_2016, "-o", str(target))
    assert out.getvalue() == "" and check(target)


def test_format_option_wins_over_the_suffix(catalog, tmp_path):
    target = tmp_path / "rules.txt"
    run(catalog, SAMPLE_2016, "--format", "nft", "-o", str(target))
    assert target.read_text(encoding="utf-8").startswith("#!/usr/sbin/nft -f")


def test_unknown_suffix_is_a_clear_error_before_reading(catalog, tmp_path):
    target = tmp_path / "rules.txt"
    with pytest.raises(InputError, match=r"cannot tell the format from \.txt.*--format") as caught:
        cli_rules.run(parse(str(tmp_path / "missing.yaml"), "-o", str(target)), catalog, io.StringIO())
    assert ".ps1" in str(caught.value) and not target.exists()
    with pytest.raises(InputError, match="without a suffix"):
        cli_rules.run(parse(SAMPLE_2016, "-o", str(tmp_path / "rules")), catalog, io.StringIO())


def test_xlsx_is_refused_on_a_terminal_and_written_to_a_pipe(catalog):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    with pytest.raises(InputError, match="binary"):
        cli_rules.run(parse(SAMPLE_2016, "--format", "xlsx"), catalog, Terminal())
    pipe = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    run(catalog, SAMPLE_2016, "-f", "xlsx", out=pipe)
    data = pipe.buffer.getvalue()
    assert data.startswith(b"PK") and openpyxl.load_workbook(io.BytesIO(data))["All rules"].max_row > 1


def test_bad_arguments_and_unreadable_files(catalog, tmp_path):
    with pytest.raises(SystemExit):
        parse(SAMPLE_2016, "--format", "pdf")
    bad = tmp_path / "bad.yaml"
    bad.write_text("zones: [", encoding="utf-8")
    with pytest.raises(InputError):
        cli_rules.run(parse(str(bad)), catalog, io.StringIO())


def test_output_format_resolution():
    assert cli_rules.output_format(None, None) == "md"
    assert cli_rules.output_format("csv", "x.nft") == "csv"
    assert cli_rules.output_format(None, "dir.v2/rules.Ps1") == "ps1"
    assert cli_rules.output_format(None, "rules.htm") == "html"
