"""bench/verify.py still runs (a tiny size: this checks the harness, not the speed)."""
from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT


def test_bench_verify_prints_every_measure_and_the_target():
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "verify.py"), "--nodes", "60",
                             "--connections", "150", "--rules", "300", "--repeat", "1"],
                            capture_output=True, text=True, timeout=300, env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines() if line and not line.startswith("#")}
    assert {"read", "load", "flows", "compare", "report", "total"} <= set(rows)
    assert "# target: total within 2 s:" in result.stdout
    header = result.stdout.splitlines()[0]
    assert "300 rules" in header and "exit 1" in header  # a few needed rules are left out: gaps


def test_the_generated_ruleset_is_nft_json_the_reader_accepts(tmp_path, catalog):
    sys.path.insert(0, str(ROOT))
    from bench.generate import generate
    from bench.verify import addressed, ruleset
    from designer.io.rulebase import read_rulebase

    doc = addressed(generate(40, 90, catalog=catalog))
    path = tmp_path / "ruleset.json"
    path.write_text(json.dumps(ruleset(doc, catalog, 200)), encoding="utf-8")
    rb = read_rulebase(path)
    assert rb.format == "nft-json" and rb.rule_count == 200 and rb.chains[0].policy == "deny"
