"""Drive the modal message boxes the designer shows, as a user would, with real mouse clicks."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton


def button(box: QMessageBox, text: str) -> QPushButton:
    return next(b for b in box.findChildren(QPushButton) if b.text().replace("&", "") == text)


def when_shown(name: str, act: Callable[[QMessageBox], None], tries: int = 250) -> None:
    """Call ``act(box)`` once the modal box named ``name`` is up (it runs a nested event loop,
    so this polls with a timer rather than waiting)."""
    def poll(left: int = tries) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == name and box.isVisible():
            act(box)
        elif left:
            QTimer.singleShot(20, lambda: poll(left - 1))
    QTimer.singleShot(0, poll)


def answer(qtbot, name: str, text: str, seen: list | None = None) -> None:
    """Click the button ``text`` on the box named ``name`` when it shows; note what it said."""
    def act(box: QMessageBox) -> None:
        if seen is not None:
            seen.append(f"{box.text()}\n{box.informativeText()}")
        qtbot.mouseClick(button(box, text), Qt.MouseButton.LeftButton)
    when_shown(name, act)
