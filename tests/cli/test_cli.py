import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from designer.cli.main import main
from tests.conftest import ROOT, SAMPLES

SAMPLE_2016 = str(ROOT / "data" / "samples" / "exchange2016-edge.yaml")


def run(*args):
    """The real command, in a subprocess, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "designer", *args], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)


def test_help_and_version():
    result = run("--help")
    assert result.returncode == 0
    for command in ("matrix", "check", "catalog", "render", "rules", "report"):
        assert command in result.stdout
    assert run("--version").stdout.startswith("exchange-designer ")
    assert run("matrix", "--help").returncode == 0


def test_usage_errors_exit_2_without_traceback():
    for args in (["matrix"], ["matrix", SAMPLE_2016, "--format", "pdf"], ["bogus", "x"],
                 ["catalog", "--port", "http"]):
        result = run(*args)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr and "error:" in result.stderr


def test_unreadable_file_exits_2_with_one_clear_message(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: exchange-topology/1\nnodes:\n  - {id: a, role: mailbox, zone: nowhere}\n")
    for command in ("check", "matrix"):
        result = run(command, str(bad))
        assert result.returncode == 2
        assert result.stderr.strip() == f"exchange-designer: {bad}:3: node 'a': unknown zone 'nowhere'"
        assert result.stdout == ""
    result = run("check", str(tmp_path / "missing.yaml"))
    assert result.returncode == 2 and "no such file" in result.stderr


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_samples_check_clean(sample, capsys):
    assert main(["check", str(sample)]) == 0
    out = capsys.readouterr().out
    assert " 0 error(s)" in out


def test_check_exits_1_on_an_error(tmp_path, capsys):
    design = tmp_path / "d.yaml"
    design.write_text(
        "format: exchange-topology/1\nexchange_version: '2019'\nzones: [{id: lan, kind: internal}]\n"
        "nodes: [{id: um, name: UM01, role: unified_messaging, zone: lan}]\n")
    assert main(["check", str(design)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("error   UM01: Unified Messaging was removed in Exchange 2019.")
    assert main(["check", str(design), "--format", "json"]) == 1
    [finding] = json.loads(capsys.readouterr().out)
    assert finding["rule"] == "role_not_in_version" and finding["nodes"] == ["um"]


def test_matrix_json_and_crossing_only(capsys):
    assert main(["matrix", SAMPLE_2016, "--format", "json"]) == 0
    every = json.loads(capsys.readouterr().out)
    assert main(["matrix", SAMPLE_2016, "--format", "json", "--crossing-only"]) == 0
    crossing = json.loads(capsys.readouterr().out)
    assert 0 < len(crossing) < len(every)
    assert all(r["crossing"] for r in crossing)
    assert {"source": "ex01", "destination": "edge01", "source_zone": "internal",
            "destination_zone": "dmz", "transport": "TCP", "port": 50636,
            "service": "EdgeSync"}.items() <= next(r for r in every if r["port"] == 50636).items()


def test_matrix_to_files(tmp_path):
    for fmt in ("csv", "md", "html", "json", "xlsx"):
        out = tmp_path / f"m.{fmt}"
        result = run("matrix", SAMPLE_2016, "--format", fmt, "-o", str(out))
        assert result.returncode == 0, result.stderr
        assert out.stat().st_size > 200
    sheet = openpyxl.load_workbook(tmp_path / "m.xlsx").active
    assert sheet.cell(1, 6).value == "Port"


def test_matrix_refuses_xlsx_to_a_terminal_only(tmp_path):
    result = subprocess.run([sys.executable, "-m", "designer", "matrix", SAMPLE_2016, "-f", "xlsx"],
                            capture_output=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0 and result.stdout.startswith(b"PK")  # a pipe gets the bytes


def test_catalog_by_port_and_role(capsys):
    assert main(["catalog", "--version", "2016", "--port", "443"]) == 0
    out = capsys.readouterr().out
    for service in ("Autodiscover", "MAPI over HTTP", "Outlook on the web", "Exchange ActiveSync"):
        assert service in out
    assert main(["catalog", "--role", "unified_messaging", "--format", "json"]) == 0
    paths = json.loads(capsys.readouterr().out)
    assert paths and all("unified_messaging" in p["from"] + p["to"] for p in paths)
    assert {"2010"} == {v for p in paths for v in p["versions"]}
    assert any("5061/TCP" in p["ports"] for p in paths)


def test_catalog_references(capsys):
    assert main(["catalog", "--firewall", "--role", "edge_transport"]) == 0
    assert "MSExchange" in capsys.readouterr().out
    assert main(["catalog", "--legacy", "--port", "3268"]) == 0
    assert "LDAP" in capsys.readouterr().out
    assert main(["catalog", "--legacy", "--port", "88", "--format", "json"]) == 0
    [kerberos] = json.loads(capsys.readouterr().out)  # KB 280132, beside KB 278339's list
    assert kerberos["protocol"] == "Kerberos" and kerberos["ports"] == ["88/TCP", "88/UDP"]
    assert main(["catalog", "--roles"]) == 0
    assert "davmail_gateway" in capsys.readouterr().out


def test_catalog_unknown_role_is_a_usage_error(capsys):
    assert main(["catalog", "--role", "exchange9000"]) == 2
    assert "unknown role 'exchange9000'" in capsys.readouterr().err


def test_open_starts_the_designer_and_reports_bad_files(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ETD_EXIT_AFTER_MS": "300"}
    result = subprocess.run([sys.executable, "-m", "designer", SAMPLE_2016], capture_output=True,
                            text=True, timeout=120, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    result = subprocess.run([sys.executable, "-m", "designer", str(tmp_path / "nope.yaml")],
                            capture_output=True, text=True, timeout=120, cwd=ROOT, env=env)
    assert result.returncode == 2 and "no such file" in result.stderr
    headless = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "designer"], capture_output=True, text=True,
                            timeout=120, cwd=ROOT, env=headless)
    assert result.returncode == 2 and "no display" in result.stderr


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "exchange-designer"
    result = subprocess.run([str(script), "check", SAMPLE_2016], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_render_runs_headless_through_the_real_command(tmp_path):
    """`exchange-designer render` as a user runs it on a machine with no display."""
    import xml.etree.ElementTree as ET

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = tmp_path / "design.svg"
    result = subprocess.run([sys.executable, "-m", "designer", "render", SAMPLE_2016, "-o", str(out)],
                            capture_output=True, text=True, timeout=120, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr
    texts = " ".join(t.text or "" for t in ET.parse(out).iter() if t.tag.endswith("text"))
    assert "25/TCP" in texts and "EdgeSync" in texts
    bad = subprocess.run([sys.executable, "-m", "designer", "render", SAMPLE_2016, "-o", str(tmp_path / "d.gif")],
                         capture_output=True, text=True, timeout=120, cwd=ROOT, env=env)
    assert bad.returncode == 2 and "use .png, .svg, .pdf, .drawio or .vsdx" in bad.stderr and "Traceback" not in bad.stderr


def test_the_command_line_module_imports_no_qt():
    code = "import sys, designer.cli.main; sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=60).returncode == 0


def test_rules_through_main(tmp_path, capsys):
    out = tmp_path / "rules.xlsx"
    assert main(["rules", SAMPLE_2016, "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    cells = [c for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row]
    assert 50636 in cells or "50636" in cells  # EdgeSync, Mailbox -> Edge
    assert main(["rules", SAMPLE_2016, "-o", str(tmp_path / "rules.docx")]) == 2
    assert "rules.docx" in capsys.readouterr().err
