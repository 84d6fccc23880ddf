"""The wheel (pip install .) carries the knowledge base, the samples, the icons and the
translations inside the package, in designer/_bundled/, and designer/support/paths.py reads them from
there. packaging/wheel-smoke (in .ci/run) installs the wheel into a fresh environment and runs the
installed command; these tests are the quick part."""
from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from designer.support import paths
from tests.conftest import ROOT

OFFLINE = ("Could not find a version", "No matching distribution", "NewConnectionError",
           "Failed to establish a new connection", "Temporary failure in name resolution")


def _wheel_data():
    spec = importlib.util.spec_from_file_location("wheel_data", ROOT / "packaging" / "wheel_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _program_files() -> set[str]:
    """Every file of data/, resources/ and translations/ in the checkout but .gitkeep."""
    return {p.relative_to(ROOT).as_posix() for folder in ("data", "resources", "translations")
            for p in (ROOT / folder).rglob("*") if p.is_file() and p.name != ".gitkeep"}


def test_every_data_file_of_the_checkout_is_shipped():
    """A new kind of file (a PNG icon, a .qm translation) must be added to packaging/wheel_data.py."""
    assert set(_wheel_data().bundled_files()) == _program_files()
    assert "resources/icons/toolbar/fit.svg" in _wheel_data().bundled_files()  # a subfolder too


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    """The wheel, built by pip from a copy of the checkout's files (no stale build/ folder)."""
    tmp = tmp_path_factory.mktemp("wheel")
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=False)
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    for name in filter(None, listed.stdout.decode().split("\0")):
        if (ROOT / name).is_file():
            (tmp / "src" / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, tmp / "src" / name)
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp / "dist"),
                             str(tmp / "src")], capture_output=True, text=True, timeout=300, check=False)
    if result.returncode != 0 and any(sign in result.stdout + result.stderr for sign in OFFLINE):
        pytest.skip("pip cannot fetch the build requirements (setuptools, wheel): offline")
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = (tmp / "dist").glob("exchange_topology_designer-*.whl")
    with zipfile.ZipFile(built) as archive:
        yield archive


def test_the_wheel_holds_the_data_inside_the_package(wheel):
    names = set(wheel.namelist())
    bundled = {name.removeprefix("designer/_bundled/") for name in names
               if name.startswith("designer/_bundled/")}
    assert bundled == _program_files()
    assert {f"data/catalog/{p.name}" for p in (ROOT / "data" / "catalog").glob("*.yaml")} <= bundled
    assert {"data/samples/exchange2016-edge.yaml", "resources/icons/app.svg", "resources/icons/toolbar/zoom_in.svg",
            "translations/designer_es.ts"} <= bundled
    # nothing outside the package (no top-level data/ in site-packages), and the code is there
    assert {name.split("/")[0] for name in names} == {"designer", "exchange_topology_designer-0.1.0.dist-info"}
    assert {"designer/cli/main.py", "designer/support/paths.py", "designer/support/yamlsafe.py"} <= names
    record = wheel.read("exchange_topology_designer-0.1.0.dist-info/RECORD").decode()
    assert "designer/_bundled/data/catalog/roles.yaml," in record


def test_the_wheel_holds_every_module_of_the_checkout(wheel):
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "designer").rglob("*.py")}
    assert modules <= set(wheel.namelist())


@pytest.fixture()
def installed(tmp_path, monkeypatch):
    """The package folder as a wheel installs it: designer/_bundled/ beside the modules."""
    package = tmp_path / "site-packages" / "designer"
    for folder in ("data/catalog", "data/samples", "resources/icons", "translations"):
        (package / "_bundled" / folder).mkdir(parents=True)
    monkeypatch.setattr(paths, "PACKAGE_DIR", package)
    monkeypatch.delenv("ETD_DATA_DIR", raising=False)
    monkeypatch.delattr(sys, "frozen", raising=False)
    return package / "_bundled"


def test_installed_the_data_is_read_from_the_package(installed):
    assert paths.app_root() == installed
    assert paths.catalog_dir() == installed / "data" / "catalog"
    assert paths.default_sample() == installed / "data" / "samples" / "exchange2016-edge.yaml"
    assert paths.icons_dir() == installed / "resources" / "icons"
    assert paths.translations_dir() == installed / "translations"


def test_installed_etd_data_dir_still_wins(installed, tmp_path, monkeypatch):
    monkeypatch.setenv("ETD_DATA_DIR", str(tmp_path / "mine"))
    assert paths.catalog_dir() == tmp_path / "mine" / "catalog"
    assert paths.icons_dir() == installed / "resources" / "icons"


def test_without_the_bundled_folder_the_checkout_is_read(tmp_path, monkeypatch):
    """A checkout or an editable install: no designer/_bundled/data, the folders beside it."""
    package = tmp_path / "checkout" / "designer"
    (package / "_bundled").mkdir(parents=True)  # even an empty one left over
    monkeypatch.setattr(paths, "PACKAGE_DIR", package)
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert paths.app_root() == tmp_path / "checkout"


def test_the_samples_are_listed():
    assert paths.default_sample() in paths.samples()
    assert [p.name for p in paths.samples()] == sorted(p.name for p in (ROOT / "data" / "samples").glob("*.yaml"))


def test_the_translations_are_found_through_paths():
    from designer.ui.dialogs import language

    assert language.translations_dir is paths.translations_dir
    assert language.ts_file("es") == ROOT / "translations" / "designer_es.ts"
