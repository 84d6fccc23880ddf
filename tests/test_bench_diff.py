"""bench/diff.py still runs (a tiny size: this checks the harness, not the speed)."""
from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_bench_diff_prints_every_measure(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "diff.py"), "--nodes", "60", "--connections", "150",
                             "--repeat", "1", "--seed", "7"],
                            capture_output=True, text=True, timeout=300,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "TMPDIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines() if line and not line.startswith("#")}
    assert {"diff", "json", "xlsx", "html", "compare"} <= set(rows)
    assert all(float(rows[m][1].removesuffix("ms")) > 0 for m in ("diff", "compare"))
    assert "# target: diff within 2000 ms:" in result.stdout
    assert "nodes +" in result.stdout.splitlines()[0]  # the edited design differs
