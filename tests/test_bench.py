"""The benchmarks still run (a tiny size: this checks the harness, not the speed)."""
from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_bench_run_prints_every_measure(tmp_path):
    out = tmp_path / "tiny.yaml"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--nodes", "60",
                    "--connections", "150", "-o", str(out)], check=True, capture_output=True, timeout=120)
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--file", str(out),
                             "--repeat", "1", "--frames", "3"],
                            capture_output=True, text=True, timeout=300,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    measures = {line.split()[0] for line in lines if line and not line.startswith("#")}
    assert {"open", "drag", "drop", "role", "fit", "version", "xlsx", "memory", "select-all", "delete-all",
            "undo-delete-all"} <= measures
    assert any(line.startswith("drop / baseline drag frame: ") for line in lines)


def test_bench_window_prints_every_measure(tmp_path):
    out = tmp_path / "tiny.yaml"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--nodes", "40",
                    "--connections", "90", "-o", str(out)], check=True, capture_output=True, timeout=120)
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "window.py"), "--file", str(out), "--repeat", "1"],
                            capture_output=True, text=True, timeout=300,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin",
                                 "ETD_USER_DIR": str(tmp_path / "user"), "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines() if line and not line.startswith("#")}
    assert {"open", "edit", "version"} <= set(rows)
    assert all(float(rows[m][3]) > 0 for m in ("open", "edit", "version"))  # window / canvas
