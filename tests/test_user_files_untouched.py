"""The test suite never writes the user's own settings, recent files or data (issue: a run with
HOME pointed at an empty folder left .config/ExchangeTopologyDesigner/designer.conf behind)."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_qt_settings_of_the_suite_live_in_its_sandbox():
    from PySide6.QtCore import QSettings

    from tests.conftest import SANDBOX

    path = Path(QSettings("ExchangeTopologyDesigner", "designer").fileName())
    assert SANDBOX in path.parents


def test_a_window_test_run_leaves_the_home_folder_empty(tmp_path):
    """Run real window tests (recent files, settings) with HOME at an empty folder and no XDG
    variables, as a user's shell would: nothing may appear in it."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x",
         "tests/ui/test_main_window.py", "tests/cli/test_cli.py::test_open_starts_the_designer_and_reports_bad_files"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    left = [str(p.relative_to(home)) for p in home.rglob("*")]
    assert left == [], left
