"""File ▸ Open of a pipe (FIFO) or a device: the window shows one clear message in a dialog, does
not wait on the pipe, and keeps the design that was open."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from tests.reliability.dialogs import button
from tests.ui.gestures import shown_text
from tests.ui.conftest import SAMPLE, window  # noqa: F401  (a fixture)


def close_the_error_box(qtbot, seen: list) -> None:
    """Once a modal message box shows, note its title and text and click its OK button."""
    def poll(left: int = 250) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            seen.append((box.windowTitle(), shown_text(box.text()), box.icon()))
            qtbot.mouseClick(button(box, "OK"), Qt.MouseButton.LeftButton)
        elif left:
            QTimer.singleShot(20, lambda: poll(left - 1))
    QTimer.singleShot(0, poll)


def open_through_the_menu(window, qtbot, monkeypatch, path: Path) -> tuple[list, float]:  # noqa: F811
    """File ▸ Open (the file dialog answered with ``path``); the error box it shows."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    seen: list = []
    close_the_error_box(qtbot, seen)
    start = time.monotonic()
    window.files.open_dialog()
    seconds = time.monotonic() - start
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=5000)
    return seen, seconds


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_opening_a_fifo_shows_one_message_and_keeps_the_design(window, qtbot, monkeypatch, tmp_path):  # noqa: F811
    window.files.open_path(SAMPLE, ask=False)
    fifo = tmp_path / "design.yaml"
    os.mkfifo(fifo)
    seen, seconds = open_through_the_menu(window, qtbot, monkeypatch, fifo)
    assert seen == [("Cannot open the design", f"{fifo}: is a pipe (FIFO), not a file",
                     QMessageBox.Icon.Critical)]
    assert seconds < 2
    assert window.editor.path == SAMPLE and "ex01" in window.editor.document.nodes
    assert str(fifo) not in window.files.recent()


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_opening_dev_zero_shows_one_message(window, qtbot, monkeypatch):  # noqa: F811
    seen, seconds = open_through_the_menu(window, qtbot, monkeypatch, Path("/dev/zero"))
    assert seen == [("Cannot open the design", "/dev/zero: is a device, not a file", QMessageBox.Icon.Critical)]
    assert seconds < 2
