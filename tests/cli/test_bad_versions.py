"""Bad versions and zone kinds get one clear message with the file and the line, exit 2."""
import subprocess
import sys

import pytest

DESIGN = """\
format: exchange-topology/1
name: x
exchange_version: SE
zones:
- {id: lan, kind: internal}
nodes:
- {id: a, role: mailbox, zone: lan}
- {id: b, role: mailbox, zone: lan, version: '2016'}
"""


@pytest.mark.parametrize("change,line,words", [
    (("exchange_version: SE", "exchange_version: 2021"), 3, "unknown exchange_version '2021'"),
    (("kind: internal", "kind: orbit"), 5, "unknown kind 'orbit'"),
    (("version: '2016'", "version: '2010'"), 8, "Exchange 2010 and Exchange SE can't share one organization"),
    (("version: '2016'", "version: '2007'"), 8, "unknown version '2007'"),
])
def test_bad_versions_and_kinds_are_one_clear_message(tmp_path, change, line, words):
    path = tmp_path / "design.yaml"
    path.write_text(DESIGN.replace(*change))
    result = subprocess.run([sys.executable, "-m", "designer", "check", str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr
    assert f"{path}:{line}:" in result.stderr and words in result.stderr


def test_a_migration_design_with_a_2016_server_in_se_is_valid(tmp_path):
    path = tmp_path / "design.yaml"
    path.write_text(DESIGN)
    result = subprocess.run([sys.executable, "-m", "designer", "check", str(path)],
                            capture_output=True, text=True, timeout=60, env={"ETD_TODAY": "2026-12-04",
                                                                            "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert "Exchange 2016 has been out of support since 2025-10-14" in result.stdout
