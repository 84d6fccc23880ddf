"""The house's layout (docs/contributing.md): import-linter's contracts in pyproject.toml hold,
and they do fail when a core module imports Qt."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")


def lint(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT), "--no-cache"], cwd=root, capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})


@pytest.fixture(scope="module")
def lint_available():
    if not LINT.exists():
        pytest.fail("lint-imports is missing: install the test extra (pip install -e '.[test]')")


def test_the_contracts_hold(lint_available):
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    for contract in ("Each layer imports only the layers below it", "The core imports no Qt",
                     "No import circles between the modules or folders of one folder"):
        assert f"{contract} KEPT" in result.stdout


@pytest.mark.parametrize("module", ["designer/model/document.py", "designer/io/tables.py",
                                    "designer/support/yamlsafe.py"])
def test_a_core_module_that_imports_qt_breaks_the_contract(lint_available, tmp_path, module):
    copy = tmp_path / "house"
    copy.mkdir()
    shutil.copy(ROOT / "pyproject.toml", copy)
    shutil.copytree(ROOT / "designer", copy / "designer", ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / module
    target.write_text(target.read_text(encoding="utf-8") + "\nfrom PySide6.QtCore import QObject  # injected\n",
                      encoding="utf-8")
    result = lint(copy)
    assert result.returncode != 0
    assert "The core imports no Qt BROKEN" in result.stdout
    assert module.removesuffix(".py").replace("/", ".") + " -> PySide6" in result.stdout


def test_an_upward_import_breaks_the_layers(lint_available, tmp_path):
    copy = tmp_path / "house"
    copy.mkdir()
    shutil.copy(ROOT / "pyproject.toml", copy)
    shutil.copytree(ROOT / "designer", copy / "designer", ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / "designer" / "analysis" / "flows.py"
    target.write_text(target.read_text(encoding="utf-8") + "\nfrom ..io import tables  # injected\n",
                      encoding="utf-8")
    result = lint(copy)
    assert result.returncode != 0
    assert "Each layer imports only the layers below it BROKEN" in result.stdout


def test_the_command_line_imports_no_qt_until_a_drawing_is_asked_for():
    code = ("import sys\n"
            "import designer.cli, designer.io.tables\n"
            "from designer.catalog import load_catalog\n"
            "from designer.analysis import analyse\n"
            "from designer.io import load_document\n"
            "from designer.support.paths import default_sample\n"
            "c = load_catalog(); analyse(load_document(default_sample(), c.roles), c)\n"
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'PyQt'))]\n"
            "assert not bad, bad\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
