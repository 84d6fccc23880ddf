"""designer/support/paths.py in the app packaging/build makes: PyInstaller sets sys.frozen and
sys._MEIPASS (the bundle folder, _internal/ beside the executable), and the knowledge base,
samples and icons are found there (the whole packaged app is run by packaging/smoke)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from designer.support import paths
from designer.catalog import load_catalog

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def bundle(tmp_path, monkeypatch):
    """A bundle folder laid out as the spec lays it out, and the interpreter marked frozen."""
    shutil.copytree(ROOT / "data" / "catalog", tmp_path / "data" / "catalog")
    shutil.copytree(ROOT / "resources" / "icons", tmp_path / "resources" / "icons")
    monkeypatch.delenv("ETD_DATA_DIR", raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    return tmp_path


def test_in_a_checkout_the_data_is_beside_the_package(monkeypatch):
    monkeypatch.delenv("ETD_DATA_DIR", raising=False)
    assert paths.app_root() == ROOT
    assert paths.catalog_dir() == ROOT / "data" / "catalog"
    assert paths.icons_dir() == ROOT / "resources" / "icons"


def test_frozen_the_data_and_icons_are_in_the_bundle(bundle):
    assert paths.app_root() == bundle
    assert paths.data_dir() == bundle / "data"
    assert paths.catalog_dir() == bundle / "data" / "catalog"
    assert paths.default_sample() == bundle / "data" / "samples" / "exchange2016-edge.yaml"
    assert paths.icons_dir() == bundle / "resources" / "icons"


def test_frozen_the_catalog_loads_from_the_bundle(bundle):
    (bundle / "data" / "catalog" / "roles.yaml").unlink()  # proves which copy is read
    with pytest.raises(Exception, match=re.escape(str(bundle / "data" / "catalog"))):
        load_catalog()
    shutil.copy(ROOT / "data" / "catalog" / "roles.yaml", bundle / "data" / "catalog")
    assert load_catalog().roles


def test_etd_data_dir_still_wins_when_frozen(bundle, tmp_path, monkeypatch):
    monkeypatch.setenv("ETD_DATA_DIR", str(tmp_path / "elsewhere"))
    assert paths.catalog_dir() == tmp_path / "elsewhere" / "catalog"


def test_a_meipass_without_frozen_is_ignored(monkeypatch, tmp_path):
    """Only PyInstaller's frozen interpreter moves the root (a stray attribute does not)."""
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.app_root() == ROOT


def test_the_canvas_icons_follow_paths(tmp_path):
    """canvas/style.py takes its icon folder from paths (a fresh interpreter, frozen)."""
    shutil.copytree(ROOT / "resources" / "icons", tmp_path / "resources" / "icons")
    code = ("import sys; sys.frozen = True; sys._MEIPASS = sys.argv[1]\n"
            "from designer.render.style import ICONS\n"
            "print(ICONS)")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, check=False,
                            text=True, cwd=ROOT, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()) == tmp_path / "resources" / "icons"
