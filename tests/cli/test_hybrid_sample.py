"""The SE hybrid sample through the command line: it checks clean, and the matrix and the rules
list the Exchange Online paths with the pages they cite (Microsoft's hybrid prerequisites)."""
import json
import subprocess
import sys

from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "samples" / "exchangeSE-hybrid.yaml"


def run(*args):
    return subprocess.run([sys.executable, "-m", "designer", *args], capture_output=True, text=True, timeout=120,
                          cwd=ROOT)


def test_the_hybrid_sample_checks_without_errors_today():
    result = subprocess.run([sys.executable, "-m", "designer", "check", str(SAMPLE)], capture_output=True,
                            text=True, timeout=120, env={"ETD_TODAY": "2026-12-04", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s)" in result.stdout


def test_the_matrix_lists_exchange_online_paths_with_their_sources():
    rows = json.loads(run("matrix", str(SAMPLE), "-f", "json").stdout)
    hybrid = [r for r in rows if "exo" in (r["source"], r["destination"])]
    smtp = next(r for r in hybrid if r["port"] == 25 and r["source"] == "exo")
    assert smtp["service"] == "Hybrid SMTP" and smtp["protection"] == "encrypted"
    assert "mutual TLS" in smtp["encryption"] and smtp["authentication"].startswith("Certificate-based")
    assert "ms_hybrid_prerequisites" in smtp["sources"] and "ms_exchange_se_available" in smtp["sources"]
    https = [r for r in hybrid if r["port"] == 443 and r["source"] == "exo"]
    assert {r["destination"] for r in https} == {"mbx01", "mbx02"}
    assert {"Hybrid free/busy, MailTips, message tracking", "Hybrid mailbox moves (MRS proxy)"} <= {
        r["service"] for r in https}


def test_the_rules_cross_the_cloud_boundary_with_their_sources():
    out = run("rules", str(SAMPLE)).stdout
    lines = [line for line in out.splitlines() if line.startswith("| Exchange Online | Microsoft 365 |")]
    assert any("| EDGE01 |" in line and "| 25 | Hybrid SMTP |" in line for line in lines)
    assert all("https://learn.microsoft.com/en-us/exchange/hybrid-deployment-prerequisites" in line for line in lines)
