"""No tracebacks in the GUI: an unexpected exception is logged to a file in the user's data
folder, the design is autosaved, and one dialog says what happened, with a button that copies
the details. The application keeps running.

PySide hands exceptions raised in slots and event handlers to ``sys.excepthook``, so one hook
covers them. No dialog storms: exceptions raised while the dialog is open are logged only, and
an error already reported (the same exception type at the same line, say a failing repaint) is
logged again but not shown again. Exceptions in other threads are logged (a dialog belongs to
the GUI thread).
"""
from __future__ import annotations

import logging
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

log = logging.getLogger("designer.crash")
LOG_NAME = "designer.log"
translate = QCoreApplication.translate  # texts in the "ErrorReporter" context


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


def _signature(kind: type, tb) -> tuple:
    """Where an error was raised: its type and innermost frame."""
    last = traceback.extract_tb(tb)[-1:] if tb is not None else []
    return (kind.__qualname__,) + ((last[0].filename, last[0].lineno) if last else ())


class ErrorReporter:
    """``install()`` makes it ``sys.excepthook`` (and ``threading.excepthook``);
    ``uninstall()`` puts the previous hooks back."""

    def __init__(self, parent: Callable[[], QWidget | None], autosave: Callable[[], bool], log_file: Path) -> None:
        self.parent, self.autosave, self.log_file = parent, autosave, log_file
        self.showing = False
        self.dialog: QMessageBox | None = None
        self.reported: set[tuple] = set()
        self._previous = None
        self._previous_thread = None

    def install(self) -> None:
        self._previous, sys.excepthook = sys.excepthook, self.handle
        self._previous_thread, threading.excepthook = threading.excepthook, self.handle_thread

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous or sys.__excepthook__
        if threading.excepthook == self.handle_thread:
            threading.excepthook = self._previous_thread or threading.__excepthook__

    def handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        details = "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback))
        name = args.thread.name if args.thread is not None else "?"
        log.error("unexpected error in thread %s\n%s", name, details)

    def handle(self, kind, value, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            (self._previous or sys.__excepthook__)(kind, value, tb)
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        log.error("unexpected error\n%s", details)
        app = QApplication.instance()
        signature = _signature(kind, tb)
        if self.showing or app is None or app.closingDown() or signature in self.reported:
            return  # logged; one dialog at a time, once per error
        self.showing = True
        self.reported.add(signature)
        try:
            try:
                saved = self.autosave()
            except Exception:
                log.exception("cannot autosave after the error")
                saved = False
            self._show(value, details, saved)
        except Exception:  # the reporter itself must not fail loudly
            log.exception("cannot report the error")
        finally:
            self.showing = False
            self.dialog = None

    def _show(self, value: BaseException, details: str, saved: bool) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, translate("ErrorReporter", "Something went wrong"),
                          translate("ErrorReporter", "The designer hit an unexpected error:\n{error}").format(
                              error=f"{type(value).__name__}: {value}"),
                          parent=self.parent())
        box.setObjectName("error_report")
        box.setInformativeText(
            (translate("ErrorReporter", "Your design was autosaved; if the designer stops, it is offered back at "
                                        "the next start.") + " " if saved else "")
            + translate("ErrorReporter", "You can keep working, but saving soon is wise.") + "\n\n"
            + translate("ErrorReporter", "The details are in {log}. Copy Details puts them on the clipboard for a "
                                         "bug report.").format(log=self.log_file))
        box.setDetailedText(details)
        copy = box.addButton(translate("ErrorReporter", "Copy Details"), QMessageBox.ButtonRole.ActionRole)
        copy.setObjectName("copy_details")
        # an action-role button would close the box: copy (plain text), and keep it open
        copy.clicked.disconnect()
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
        box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(QMessageBox.StandardButton.Close)
        self.dialog = box
        box.exec()
