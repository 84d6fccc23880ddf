"""Autosave, recovery after kill -9, and the error dialog: no work is lost, no traceback shown."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from designer.editor import DocumentEditor
from designer.io import load_document
from designer.ui.crash import ErrorReporter, log_to_file
from designer.ui.main_window import MainWindow
from designer.ui.recovery import find_recoveries, offer_restore, user_dir
from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "samples" / "exchange2016-edge.yaml"


@pytest.fixture()
def window(window):
    assert window.files.open_path(SAMPLE, ask=False)
    window.autosaver.set_interval(1)
    return window


def answer(qtbot, name: str, button_text: str, seen: list | None = None) -> None:
    """Click ``button_text`` on the modal box named ``name`` once it shows."""
    def act():
        box = QApplication.activeModalWidget()
        if box is None or box.objectName() != name:
            QTimer.singleShot(20, act)
            return
        if seen is not None:
            seen.append(box.text())
        button = next(b for b in box.findChildren(QPushButton) if b.text().replace("&", "") == button_text)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    QTimer.singleShot(0, act)


def test_unsaved_work_is_autosaved_and_a_save_removes_it(window, qtbot):
    saver = window.autosaver
    assert not saver.design_file.exists()  # nothing unsaved yet
    window.scene.select_ids(["ex02"])
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Delete)
    qtbot.waitUntil(saver.meta_file.exists, timeout=4000)
    recovered = load_document(saver.design_file)
    assert recovered.snapshot() == window.editor.document.snapshot() and "ex02" not in recovered.nodes
    meta = json.loads(saver.meta_file.read_text(encoding="utf-8"))
    assert meta["original"] == str(SAMPLE.resolve()) and meta["pid"] == os.getpid()
    assert find_recoveries(saver.directory) == []  # this process is alive: not offered to others
    window.editor.path = None  # keep the sample untouched: save elsewhere
    target = saver.directory / "saved.yaml"
    window.editor.save(target)
    assert not saver.design_file.exists() and not saver.meta_file.exists()


def test_the_interval_is_a_setting(window, qtbot, monkeypatch):
    monkeypatch.setattr("designer.ui.main_window.QInputDialog.getInt", lambda *a: (30, True))
    window.actions.autosave.trigger()
    assert window.autosaver.interval == 30 and int(window.settings.value("autosave/interval_seconds")) == 30
    assert window.autosaver.timer.interval() == 30_000


CHILD = """
import sys
from PySide6.QtWidgets import QApplication
from designer.catalog import load_catalog
from designer.editor import DocumentEditor
from designer.ui.main_window import MainWindow
app = QApplication([])
editor = DocumentEditor(load_catalog())
window = MainWindow(editor)
window.files.open_path(__import__("pathlib").Path(sys.argv[1]), ask=False)
window.autosaver.set_interval(1)
editor.set_document_name("Edited before the crash")
editor.delete(["ex02"])
app.exec()
"""


def test_after_kill_9_the_next_start_offers_the_work_back(qtbot, catalog, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ETD_USER_DIR=str(user_dir()))
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(SAMPLE)], cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 60
        while not list(user_dir().glob("recovery-*.json")) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert list(user_dir().glob("recovery-*.json")), "no autosave within a minute"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    editor = DocumentEditor(catalog)
    win = MainWindow(editor, settings)
    qtbot.addWidget(win)
    seen: list[str] = []
    answer(qtbot, "recovery_prompt", "Restore", seen)
    assert offer_restore(win, editor, user_dir())
    assert "Edited before the crash" in seen[0] and str(SAMPLE.resolve()) in seen[0]
    assert editor.document.name == "Edited before the crash" and "ex02" not in editor.document.nodes
    assert editor.modified and editor.path == SAMPLE.resolve()  # Save writes to the original
    assert find_recoveries(user_dir()) == []  # offered once
    editor.undo_stack.setClean()
    win.close()


def test_discard_removes_what_was_left(qtbot, catalog, tmp_path):
    (user_dir() / "recovery-999999999-abc.yaml").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (user_dir() / "recovery-999999999-abc.json").write_text(json.dumps(
        {"pid": 999999999, "name": "Lost", "original": None, "saved_at": "2026-11-28T10:00:00"}), encoding="utf-8")
    editor = DocumentEditor(catalog)
    answer(qtbot, "recovery_prompt", "Discard")
    assert not offer_restore(None, editor, user_dir())
    assert not list(user_dir().glob("recovery-999999999-*"))


@pytest.mark.qt_no_exception_capture
def test_an_unexpected_error_is_logged_reported_and_the_work_autosaved(window, qtbot):
    window.editor.set_document_name("Work in progress")
    log_file = log_to_file(user_dir())
    reporter = ErrorReporter(lambda: window, window.autosaver.save_now, log_file)
    reporter.install()
    try:
        seen = []

        def copy_then_close():
            box = QApplication.activeModalWidget()
            if box is None or box.objectName() != "error_report":
                QTimer.singleShot(20, copy_then_close)
                return
            seen.append(box.text())
            qtbot.mouseClick(box.findChild(QPushButton, "copy_details"), Qt.MouseButton.LeftButton)
            assert box.isVisible()  # copying keeps the box open
            box.button(QMessageBox.StandardButton.Close).click()

        def boom():
            raise ValueError("a bug in a slot")

        QTimer.singleShot(0, copy_then_close)
        QTimer.singleShot(0, boom)
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=5000)
    finally:
        reporter.uninstall()
    assert "ValueError: a bug in a slot" in seen[0]
    clip = QGuiApplication.clipboard().text()
    assert "Traceback" in clip and "a bug in a slot" in clip
    assert "a bug in a slot" in Path(log_file).read_text(encoding="utf-8")
    assert load_document(window.autosaver.design_file).name == "Work in progress"
    assert window.isVisible()
