"""Start the designer window (the CLI dispatches here when no command is given)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from .catalog import Catalog


def run(catalog: Catalog, file: Path | None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from .editor import DocumentEditor
    from .ui.main_window import APP_NAME, MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("ExchangeTopologyDesigner")
    editor = DocumentEditor(catalog)
    window = MainWindow(editor)
    screen = app.primaryScreen()
    if screen is not None:
        window.resize(screen.availableGeometry().size() * 0.94)
    window.showMaximized()
    if file is not None and not window.files.open_path(file, ask=False):
        QMessageBox.information(window, APP_NAME, "A new design was started instead.")
    QTimer.singleShot(0, window.view.fit)  # once the window has its final size
    exit_after = os.environ.get("ETD_EXIT_AFTER_MS")  # for smoke tests of the packaged app
    if exit_after:
        QTimer.singleShot(int(exit_after), app.quit)
    return app.exec()
