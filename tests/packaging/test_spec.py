"""packaging/exchange-designer.spec, run with stand-ins for PyInstaller's build steps: what it
bundles, what it leaves out, and what each platform gets (the real build is packaging/build,
checked by packaging/smoke)."""
from __future__ import annotations

import ast
import sys
import types
from pathlib import Path

import pytest

from designer.support import paths

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "exchange-designer.spec"


# What each binary links to, directly (PyInstaller's get_imports on Linux lists the closure).
LINKS = {
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so": ["libgtk-3.so.0", "libQt6Gui.so.6"],
    "PySide6/Qt/plugins/platforms/libqxcb.so": ["libQt6XcbQpa.so.6"],
    "PySide6/QtGui.abi3.so": ["libQt6Gui.so.6"],
    "PySide6/Qt/lib/libQt6XcbQpa.so.6": ["libQt6Gui.so.6"],
    "PySide6/Qt/lib/libQt6Gui.so.6": ["libglib-2.0.so.0"],
    "libgtk-3.so.0": ["libcairo.so.2", "libglib-2.0.so.0"],
    "libcairo.so.2": [],
    "libglib-2.0.so.0": [],
    "libpython3.11.so.1.0": [],
}


class _Step:
    """Records how the spec called a PyInstaller build step."""

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs
        self.datas = [("PySide6/Qt/translations/qtbase_de.qm", "/x/qtbase_de.qm", "DATA"),
                      ("data/catalog/roles.yaml", "/x/roles.yaml", "DATA")]
        self.binaries = []
        self.pure, self.scripts = [], []


def _run_spec(monkeypatch, platform: str, icon_dir: Path | None = None, links=None) -> dict:
    links = LINKS if links is None else links
    steps: dict[str, list[_Step]] = {}

    def step(name):
        def make(*args, **kwargs):
            made = _Step(*args, **kwargs)
            made.binaries = [(dest, f"/x/{dest}", "BINARY") for dest in links]
            steps.setdefault(name, []).append(made)
            return made
        return make

    monkeypatch.setattr(sys, "platform", platform)
    bindepend = types.ModuleType("PyInstaller.depend.bindepend")
    bindepend.get_imports = lambda src: {(lib, f"/x/{lib}") for lib in links[src.removeprefix("/x/")]}
    monkeypatch.setitem(sys.modules, "PyInstaller.depend.bindepend", bindepend)
    if icon_dir is not None:
        monkeypatch.setenv("ETD_ICON_DIR", str(icon_dir))
    names = {name: step(name) for name in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")}
    namespace = {"SPECPATH": str(SPEC.parent), "__file__": str(SPEC), **names}
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)  # noqa: S102 (as PyInstaller runs it)
    return {"steps": steps, "namespace": namespace}


def _qt_modules_the_designer_imports() -> set[str]:
    found = set()
    for path in (ROOT / "designer").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("PySide6."):
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("PySide6."))
    return found


def test_the_spec_bundles_data_and_resources_where_paths_look(monkeypatch):
    run = _run_spec(monkeypatch, "linux")
    (analysis,) = run["steps"]["Analysis"]
    datas = {(Path(src), dest) for src, dest in analysis.kwargs["datas"]}
    assert (ROOT / "data", "data") in datas
    assert (ROOT / "resources", "resources") in datas
    assert (ROOT / "translations", "translations") in datas
    # what the frozen program looks up, relative to its bundle folder
    from designer.ui.dialogs.language import ts_file

    bundle = paths.app_root()
    for needed in (paths.catalog_dir(), paths.default_sample(), paths.icons_dir() / "app.svg", ts_file("es")):
        relative = needed.relative_to(bundle)
        assert any(relative.parts[0] == dest and (src / Path(*relative.parts[1:])).exists()
                   for src, dest in datas), f"{relative} is not bundled"
    assert analysis.args[0] == [str(ROOT / "packaging" / "entry.py")]
    assert str(ROOT) in analysis.kwargs["pathex"]


def test_the_spec_leaves_out_unused_qt_but_nothing_the_designer_imports(monkeypatch):
    run = _run_spec(monkeypatch, "linux")
    excludes = set(run["steps"]["Analysis"][0].kwargs["excludes"])
    used = _qt_modules_the_designer_imports()
    assert {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtSvg"} <= used
    assert not used & excludes, f"the spec excludes modules the designer imports: {used & excludes}"
    assert {"PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtWebEngineCore",
            "PySide6.QtMultimedia", "tkinter", "pytest"} <= excludes


def test_the_spec_drops_the_gtk_theme_with_what_only_it_needs(monkeypatch):
    analysis = _run_spec(monkeypatch, "linux")["steps"]["Analysis"][0]
    # Qt's translations stay: the window may install Qt's own translator (designer/i18n.py)
    assert [d[0] for d in analysis.datas] == ["PySide6/Qt/translations/qtbase_de.qm",
                                             "data/catalog/roles.yaml"]
    assert [b[0] for b in analysis.binaries] == [
        "PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/QtGui.abi3.so",
        "PySide6/Qt/lib/libQt6XcbQpa.so.6", "PySide6/Qt/lib/libQt6Gui.so.6",
        "libglib-2.0.so.0", "libpython3.11.so.1.0"]


def test_without_the_gtk_theme_nothing_is_dropped(monkeypatch):
    links = {dest: libs for dest, libs in LINKS.items() if "libqgtk3" not in dest}
    analysis = _run_spec(monkeypatch, "linux", links=links)["steps"]["Analysis"][0]
    assert [b[0] for b in analysis.binaries] == list(links)


def test_linux_gets_one_executable_and_no_bundle(monkeypatch):
    steps = _run_spec(monkeypatch, "linux")["steps"]
    (exe,) = steps["EXE"]
    assert exe.kwargs["name"] == "exchange-designer"
    assert exe.kwargs["icon"] is None
    assert steps["COLLECT"][0].kwargs["name"] == "exchange-designer"
    assert "BUNDLE" not in steps


def test_windows_gets_a_windowed_program_with_the_ico_and_a_console_twin(monkeypatch, tmp_path):
    (tmp_path / "app.ico").write_bytes(b"ico")
    steps = _run_spec(monkeypatch, "win32", tmp_path)["steps"]
    gui, cli = steps["EXE"]
    assert (gui.kwargs["name"], gui.kwargs["console"]) == ("exchange-designer", False)
    assert (cli.kwargs["name"], cli.kwargs["console"]) == ("exchange-designer-cli", True)
    assert gui.kwargs["icon"] == cli.kwargs["icon"] == str(tmp_path / "app.ico")
    assert gui in steps["COLLECT"][0].args and cli in steps["COLLECT"][0].args
    assert "BUNDLE" not in steps


def test_macos_gets_an_app_bundle_with_the_icns(monkeypatch, tmp_path):
    (tmp_path / "app.icns").write_bytes(b"icns")
    run = _run_spec(monkeypatch, "darwin", tmp_path)
    steps = run["steps"]
    (exe,) = steps["EXE"]
    assert exe.kwargs["console"] is False
    (bundle,) = steps["BUNDLE"]
    assert bundle.args == (steps["COLLECT"][0],)
    assert bundle.kwargs["icon"] == str(tmp_path / "app.icns")
    assert bundle.kwargs["name"].endswith(".app")
    assert bundle.kwargs["bundle_identifier"] == run["namespace"]["APP_ID"]
    from designer import __version__

    assert bundle.kwargs["version"] == __version__


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_a_missing_icon_builds_without_one(monkeypatch, tmp_path, platform):
    steps = _run_spec(monkeypatch, platform, tmp_path)["steps"]
    assert all(exe.kwargs["icon"] is None for exe in steps["EXE"])


def test_the_spec_and_the_program_agree_on_the_ids(monkeypatch):
    from designer.ui.app import DESKTOP_ID
    from designer.cli import PROG

    namespace = _run_spec(monkeypatch, "linux")["namespace"]
    assert namespace["NAME"] == PROG
    assert namespace["APP_ID"] == DESKTOP_ID
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'{PROG} = "designer.cli:main"' in pyproject
