"""A large open design's objects are kept out of the garbage collector's full passes
(``designer/ui/window/heap.py``): frozen once the window shows it, given back when another
design replaces it or the window closes, and the application still exits cleanly."""
from __future__ import annotations

import gc
import os
import subprocess
import sys

import pytest

from designer.canvas.items import NodeItem
from designer.io import save_document
from designer.ui.window import heap
from tests.conftest import ROOT
from tests.ui.conftest import SAMPLE


@pytest.fixture()
def large_design(tmp_path, catalog):
    from bench.generate import generate

    path = tmp_path / "large.yaml"
    doc = generate(600, 1500, seed=4, catalog=catalog)
    assert len(doc.zones) + len(doc.nodes) + len(doc.connections) >= heap.LARGE
    save_document(doc, path)
    return path


@pytest.fixture(autouse=True)
def unfrozen():
    """Whatever a test leaves frozen goes back to the collector (other tests run normally)."""
    yield
    gc.unfreeze()


def collected(kind) -> int:
    """How many ``kind`` objects the collector's generations hold (frozen ones are not in them)."""
    return sum(type(o) is kind for o in gc.get_objects())


def test_a_large_design_is_frozen_and_given_back_when_another_replaces_it(window, large_design):
    assert gc.get_freeze_count() == 0  # the window's empty design is small
    assert window.files.open_path(large_design, ask=False)
    assert gc.get_freeze_count() > 0
    assert len(window.scene.nodes) == 600 and collected(NodeItem) == 0  # its items are frozen
    # edits work as ever, and what they make is collected as usual
    window.scene.clearSelection()
    window.select_all()
    window.delete_selection()
    assert window.editor.document.nodes == {}
    window.editor.undo_stack.undo()
    assert len(window.editor.document.nodes) == 600 and len(window.scene.nodes) == 600
    window.editor.undo_stack.setClean()
    assert window.files.open_path(large_design, ask=False)  # large after large: frozen again
    assert gc.get_freeze_count() > 0 and collected(NodeItem) == 0 and len(window.scene.nodes) == 600
    large = set(window.editor.document.nodes)  # (ids n1, n2, ...: none is the sample's)
    assert window.files.open_path(SAMPLE, ask=False)  # a small design: nothing frozen
    assert gc.get_freeze_count() == 0
    left = [o for o in gc.get_objects() if type(o) is NodeItem and o.node_id in large]
    assert left == []  # the large design's items are back with the collector, and gone


def test_closing_the_window_gives_the_design_back(qtbot, catalog, tmp_path, large_design):
    from PySide6.QtCore import QSettings

    from designer.editor import DocumentEditor
    from designer.ui.window.main_window import MainWindow

    win = MainWindow(DocumentEditor(catalog), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    win.show()
    qtbot.waitExposed(win)
    assert win.files.open_path(large_design, ask=False) and gc.get_freeze_count() > 0
    win.editor.undo_stack.setClean()
    win.close()
    assert gc.get_freeze_count() == 0
    win.deleteLater()


def test_the_application_exits_cleanly_with_a_large_design_open(large_design, tmp_path):
    """The real application, on a large design (frozen), quits with 0 and no traceback."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ETD_EXIT_AFTER_MS": "1500",
           "ETD_USER_DIR": str(tmp_path / "user"), "HOME": str(tmp_path / "home"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-X", "faulthandler", "-m", "designer", str(large_design)],
                            capture_output=True, text=True, timeout=180, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr and "Fatal Python error" not in result.stderr
