"""No tracebacks in the GUI: an unexpected exception is logged to a file in the user's data
folder, the design is autosaved, and one dialog says what happened, with a button that copies
the details. The application keeps running. Exceptions raised while the dialog is open are
logged only, so a failing repaint can't open a dialog storm.
"""
from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Callable

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger("designer.crash")
LOG_NAME = "designer.log"


def log_to_file(directory: Path) -> Path:
    """Send this process's warnings and errors to ``directory/designer.log`` (rotated)."""
    path = directory / LOG_NAME
    root = logging.getLogger()
    if not any(isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == path for h in root.handlers):
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler.setLevel(logging.WARNING)
        root.addHandler(handler)
    return path


class ErrorReporter:
    """``install()`` makes it ``sys.excepthook``; ``uninstall()`` puts the previous hook back."""

    def __init__(self, parent: Callable[[], QWidget | None], autosave: Callable[[], bool], log_file: Path) -> None:
        self.parent, self.autosave, self.log_file = parent, autosave, log_file
        self.showing = False
        self.dialog: QMessageBox | None = None
        self._previous = None

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous or sys.__excepthook__

    def handle(self, kind, value, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            (self._previous or sys.__excepthook__)(kind, value, tb)
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        log.error("unexpected error\n%s", details)
        if self.showing:
            return
        self.showing = True
        try:
            saved = self.autosave()
            self._show(value, details, saved)
        except Exception:  # the reporter itself must not fail loudly
            log.exception("cannot report the error")
        finally:
            self.showing = False
            self.dialog = None

    def _show(self, value: BaseException, details: str, saved: bool) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, "Something went wrong",
                          f"The designer hit an unexpected error: {type(value).__name__}: {value}\n\n"
                          + ("Your design was autosaved and will be offered for recovery if the "
                             "designer stops.\n" if saved else "")
                          + f"The details are in {self.log_file}.", parent=self.parent())
        box.setObjectName("error_report")
        box.setDetailedText(details)
        copy = box.addButton("Copy Details", QMessageBox.ButtonRole.ActionRole)
        copy.setObjectName("copy_details")
        # an action-role button would close the box: copy, and keep it open
        copy.clicked.disconnect()
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
        box.addButton(QMessageBox.StandardButton.Close)
        self.dialog = box
        box.exec()
