"""No tracebacks in the GUI: an exception in a slot is logged, reported in one dialog whose Copy
Details button puts the traceback on the clipboard, the design is autosaved, and the window
carries on. pytest-qt's own exception capture is off for these tests (the reporter is the hook
under test), and every test puts the previous hooks back."""
from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from designer.io import load_document
from designer.ui.dialogs.crash import ErrorReporter, log_to_file
from designer.ui.dialogs.recovery import user_dir
from tests.reliability.dialogs import button, when_shown
from tests.ui.conftest import window  # noqa: F401  (a fixture)

pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture()
def reporter(window):  # noqa: F811
    hooks = sys.excepthook, threading.excepthook
    log_file = log_to_file(user_dir())
    reporter = ErrorReporter(lambda: window, window.autosaver.save_now, log_file)
    reporter.install()
    assert sys.excepthook == reporter.handle
    yield reporter
    reporter.uninstall()
    assert (sys.excepthook, threading.excepthook) == hooks
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "baseFilename", None) == str(log_file)]:
        root.removeHandler(handler)
        handler.close()


def break_button(window, slot) -> QPushButton:  # noqa: F811
    """A button in the window whose slot raises, as a bug in any slot would."""
    broken = QPushButton("Break", window)
    broken.clicked.connect(slot)
    window.statusBar().addWidget(broken)
    broken.show()
    return broken


def a_bug_in_a_slot() -> None:
    raise ValueError("a bug in a slot")


def test_an_error_in_a_slot_is_logged_reported_copyable_and_the_work_autosaved(window, reporter, qtbot):  # noqa: F811
    window.editor.set_document_name("Work in progress")
    assert not window.autosaver.design_file.exists()  # not autosaved yet: the error does it
    seen = []

    def copy_then_close(box: QMessageBox) -> None:
        seen.append(f"{box.text()}\n{box.informativeText()}")
        qtbot.mouseClick(button(box, "Copy Details"), Qt.MouseButton.LeftButton)
        seen.append(box.isVisible())  # copying keeps the box open
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Close), Qt.MouseButton.LeftButton)

    when_shown("error_report", copy_then_close)
    qtbot.mouseClick(break_button(window, a_bug_in_a_slot), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(seen) == 2 and QApplication.activeModalWidget() is None, timeout=5000)

    assert "ValueError: a bug in a slot" in seen[0] and str(reporter.log_file) in seen[0]
    assert seen[1] is True
    clip = QGuiApplication.clipboard().text()
    assert clip.startswith("Traceback") and "a_bug_in_a_slot" in clip and "ValueError: a bug in a slot" in clip
    logged = Path(reporter.log_file).read_text(encoding="utf-8")
    assert "Traceback" in logged and "a_bug_in_a_slot" in logged and "ValueError: a bug in a slot" in logged
    assert load_document(window.autosaver.design_file).name == "Work in progress"  # autosaved at once
    assert window.isVisible()  # the designer carries on
    window.editor.set_document_name("Still working")
    assert window.editor.document.name == "Still working" and window.isWindowModified()


def test_no_dialog_storm(window, reporter, qtbot, monkeypatch):  # noqa: F811
    shown = []
    show = reporter._show
    monkeypatch.setattr(reporter, "_show", lambda *a: (shown.append(a[0]), show(*a)))

    def another_bug() -> None:
        raise RuntimeError("while the dialog is open")

    def with_the_box_open(box: QMessageBox) -> None:
        QTimer.singleShot(0, another_bug)  # raised in the dialog's event loop: logged only
        QTimer.singleShot(200, lambda: qtbot.mouseClick(box.button(QMessageBox.StandardButton.Close),
                                                        Qt.MouseButton.LeftButton))

    when_shown("error_report", with_the_box_open)
    broken = break_button(window, a_bug_in_a_slot)
    qtbot.mouseClick(broken, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=5000)
    assert [str(e) for e in shown] == ["a bug in a slot"]
    assert "RuntimeError: while the dialog is open" in Path(reporter.log_file).read_text(encoding="utf-8")

    monkeypatch.setattr(reporter, "_show", lambda *a: shown.append(a[0]))  # (no box to hang on)
    qtbot.mouseClick(broken, Qt.MouseButton.LeftButton)  # the same bug again, say in every repaint
    assert len(shown) == 1  # logged again, not shown again
    assert Path(reporter.log_file).read_text(encoding="utf-8").count("ValueError: a bug in a slot") == 2


def test_an_error_in_another_thread_is_logged(window, reporter):  # noqa: F811
    def worker() -> None:
        raise OSError("a bug in a thread")

    thread = threading.Thread(target=worker, name="helper")
    thread.start()
    thread.join()
    logged = Path(reporter.log_file).read_text(encoding="utf-8")
    assert "thread helper" in logged and "OSError: a bug in a thread" in logged
