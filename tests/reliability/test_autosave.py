"""No work is lost: unsaved work is autosaved every few seconds, a clean save or close removes the
recovery file, and after a kill -9 the next start offers the work back, as unsaved work on its
original file."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from designer.editor import DocumentEditor
from designer.io import dumps_document, load_document
from designer.ui.window.main_window import MainWindow
from designer.ui.dialogs.recovery import DEFAULT_INTERVAL, INTERVAL_KEY, find_recoveries, offer_restore, user_dir
from tests.conftest import ROOT
from tests.reliability.dialogs import answer
from tests.ui.conftest import window as plain_window  # noqa: F401  (a fixture)

SAMPLE = ROOT / "data" / "samples" / "exchange2016-edge.yaml"


@pytest.fixture()
def design(tmp_path) -> Path:
    """A copy of the sample that the tests may save over."""
    path = tmp_path / "contoso.yaml"
    shutil.copyfile(SAMPLE, path)
    return path


@pytest.fixture()
def window(plain_window, design):  # noqa: F811
    assert plain_window.files.open_path(design, ask=False)
    plain_window.autosaver.set_interval(1)
    return plain_window


def files_of(saver) -> list[Path]:
    return [p for p in (saver.design_file, saver.meta_file, saver.lock.path) if p.exists()]


def autosaved(saver) -> bool:
    return saver.meta_file.exists() and not saver.busy


def delete_with_the_keyboard(window, node_id: str, qtbot) -> None:
    window.scene.select_ids([node_id])
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Delete)
    assert node_id not in window.editor.document.nodes


def test_an_edit_is_autosaved_within_the_interval_and_loads_back_the_same(window, design, qtbot):
    saver = window.autosaver
    assert files_of(saver) == []  # nothing unsaved yet
    delete_with_the_keyboard(window, "ex02", qtbot)
    qtbot.waitUntil(lambda: autosaved(saver), timeout=3000)
    recovered = load_document(saver.design_file)
    assert recovered.snapshot() == window.editor.document.snapshot()
    assert dumps_document(recovered) == dumps_document(window.editor.document)
    meta = json.loads(saver.meta_file.read_text(encoding="utf-8"))
    assert meta["original"] == str(design.resolve()) and meta["pid"] == os.getpid()
    assert meta["name"] == window.editor.document.name and meta["saved_at"][:4].isdigit()
    assert saver.directory == user_dir() and str(user_dir()).startswith(os.environ["ETD_USER_DIR"])
    assert find_recoveries(saver.directory) == []  # this session is alive: not offered to others
    assert not saver.save_if_needed()  # nothing changed since: nothing is written
    window.editor.set_document_name("Renamed after the autosave")
    qtbot.waitUntil(lambda: autosaved(saver) and load_document(saver.design_file).name == "Renamed after the autosave",
                    timeout=3000)


def test_a_clean_save_removes_the_recovery_file(window, design, qtbot):
    saver = window.autosaver
    delete_with_the_keyboard(window, "ex02", qtbot)
    qtbot.waitUntil(lambda: autosaved(saver), timeout=3000)
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.editor.modified and "ex02" not in load_document(design).nodes
    assert files_of(saver) == []


def test_undoing_back_to_the_saved_state_removes_it(window, qtbot):
    saver = window.autosaver
    delete_with_the_keyboard(window, "ex02", qtbot)
    qtbot.waitUntil(lambda: autosaved(saver), timeout=3000)
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not window.editor.modified and files_of(saver) == []


def test_closing_and_discarding_on_purpose_removes_it(window, qtbot, monkeypatch):
    saver = window.autosaver
    delete_with_the_keyboard(window, "ex02", qtbot)
    assert saver.save_now() and files_of(saver)
    monkeypatch.setattr("designer.ui.window.files.QMessageBox.warning", lambda *a: QMessageBox.StandardButton.Discard)
    assert window.close()
    assert files_of(saver) == []


def test_the_interval_is_a_setting_in_the_edit_menu(window, qtbot, monkeypatch, catalog):
    assert window.menu_actions.autosave in window.menuBar().actions()[1].menu().actions()
    monkeypatch.setattr("designer.ui.window.main_window.QInputDialog.getInt", lambda *a: (30, True))
    window.menu_actions.autosave.trigger()
    assert window.autosaver.interval == 30 and window.autosaver.timer.interval() == 30_000
    assert int(window.settings.value(INTERVAL_KEY)) == 30
    monkeypatch.setattr("designer.ui.window.main_window.QInputDialog.getInt", lambda *a: (0, True))
    window.menu_actions.autosave.trigger()
    assert not window.autosaver.timer.isActive()  # 0: never

    def start(settings: QSettings) -> int:
        win = MainWindow(DocumentEditor(catalog), settings)
        qtbot.addWidget(win)
        return win.autosaver.interval

    assert start(window.settings) == 0  # the next start keeps it
    monkeypatch.setenv("ETD_AUTOSAVE_SECONDS", "2")  # the environment overrides it
    assert start(window.settings) == 2
    monkeypatch.delenv("ETD_AUTOSAVE_SECONDS")
    fresh = Path(window.settings.fileName()).with_name("fresh.ini")
    assert start(QSettings(str(fresh), QSettings.Format.IniFormat)) == DEFAULT_INTERVAL == 5


def test_two_windows_keep_their_own_recovery_files(window, qtbot, catalog, tmp_path):
    other = MainWindow(DocumentEditor(catalog), QSettings(str(tmp_path / "o.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(other)
    other.editor.set_document_name("The other window")
    window.editor.set_document_name("This window")
    assert window.autosaver.save_now() and other.autosaver.save_now()
    assert window.autosaver.design_file != other.autosaver.design_file
    assert load_document(window.autosaver.design_file).name == "This window"
    assert load_document(other.autosaver.design_file).name == "The other window"
    assert find_recoveries(user_dir()) == []  # both alive
    other.editor.undo_stack.setClean()
    assert files_of(other.autosaver) == [] and files_of(window.autosaver)  # each removes its own


def leave_recovery(name: str, stem: str, original: Path | None, saved_at: str, lock: bool = True) -> Path:
    """What a session that died leaves: the design, its sidecar and its (released) lock."""
    design = user_dir() / f"{stem}.yaml"
    design.write_text(SAMPLE.read_text(encoding="utf-8").replace(
        "name: Contoso", f"name: {name} Contoso", 1), encoding="utf-8")
    design.with_suffix(".json").write_text(json.dumps({"pid": 1, "name": name, "saved_at": saved_at,
                                                       "original": str(original) if original else None}))
    if lock:
        design.with_suffix(".lock").touch()
    return design


def test_a_dead_session_is_found_even_when_its_process_id_was_reused(qtbot):
    # The parent process is alive, but its lock file is not held: its owner died and the id lives on.
    leave_recovery("Reused", f"recovery-{os.getppid()}-abc", None, "2026-11-28T10:00:00")
    # This process's id, but not one of its windows: a process before it had the id (pid 1 in a container).
    leave_recovery("Mine before", f"recovery-{os.getpid()}-abc", None, "2026-11-28T09:00:00", lock=False)
    assert [r.name for r in find_recoveries(user_dir())] == ["Reused", "Mine before"]


def test_discard_removes_everything_that_was_left_and_later_keeps_it(qtbot, catalog):
    leave_recovery("Lost", "recovery-999999991-abc", None, "2026-11-28T10:00:00")
    leave_recovery("Also lost", "recovery-999999992-abc", Path("/srv/designs/b.yaml"), "2026-11-28T11:00:00")
    editor = DocumentEditor(catalog)
    seen: list[str] = []
    answer(qtbot, "recovery_prompt", "Later", seen)
    assert not offer_restore(None, editor, user_dir())
    assert "“Also lost” (/srv/designs/b.yaml), autosaved 2026-11-28 11:00:00" in seen[0]
    assert "“Lost” (never saved), autosaved 2026-11-28 10:00:00" in seen[0]
    assert len(find_recoveries(user_dir())) == 2 and not editor.modified
    answer(qtbot, "recovery_prompt", "Discard")
    assert not offer_restore(None, editor, user_dir())
    assert not list(user_dir().glob("recovery-99999999*"))


def test_a_recovery_left_without_its_sidecar_is_still_offered(qtbot, catalog):
    design = leave_recovery("Half", "recovery-999999993-abc", None, "2026-11-28T10:00:00")
    design.with_suffix(".json").unlink()  # died between the two writes
    found = find_recoveries(user_dir())
    assert len(found) == 1 and found[0].name == "Untitled design" and found[0].original is None


CHILD = """
import runpy, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from designer.ui.window.main_window import MainWindow

app = QApplication(sys.argv[:1])

def edit():  # what the user did before the crash
    window = next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow)), None)
    if window is None or window.editor.path is None:
        QTimer.singleShot(20, edit)
        return
    window.editor.set_document_name("Edited before the crash")
    window.editor.delete(["ex02"])

QTimer.singleShot(0, edit)
sys.argv = ["designer", sys.argv[1]]
runpy.run_module("designer", run_name="__main__", alter_sys=True)  # python -m designer FILE
"""


def test_after_kill_9_the_next_start_offers_the_work_back(qtbot, catalog, design, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ETD_USER_DIR=str(user_dir()), ETD_AUTOSAVE_SECONDS="1",
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(design)], cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 60
        while not list(user_dir().glob("recovery-*.json")) and time.monotonic() < deadline:
            assert child.poll() is None, "the designer stopped by itself"
            time.sleep(0.05)
        assert list(user_dir().glob("recovery-*.json")), "no autosave within a minute"
        assert find_recoveries(user_dir()) == []  # still running: not offered
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()

    expected = DocumentEditor(catalog)  # the same edits, here
    expected.open(design)
    expected.set_document_name("Edited before the crash")
    expected.delete(["ex02"])

    editor = DocumentEditor(catalog)
    win = MainWindow(editor, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    try:
        seen: list[str] = []
        answer(qtbot, "recovery_prompt", "Restore", seen)
        assert offer_restore(win, editor, user_dir(), win.autosaver)
        assert "Edited before the crash" in seen[0] and str(design.resolve()) in seen[0]
        assert editor.document.snapshot() == expected.document.snapshot()
        assert editor.modified and win.isWindowModified() and editor.path == design.resolve()
        assert find_recoveries(user_dir()) == []  # offered once
        assert load_document(win.autosaver.design_file).snapshot() == expected.document.snapshot()  # ours now

        win.files.save()  # Save writes to the original file
        assert load_document(design).snapshot() == expected.document.snapshot()
        assert not editor.modified and not list(user_dir().glob("recovery-*"))
    finally:
        editor.undo_stack.setClean()  # no unsaved-work prompt when the window closes
