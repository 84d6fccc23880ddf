"""Start the designer window (the CLI dispatches here when no command is given)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from ..catalog import Catalog

# The desktop entry's id (packaging/linux/DESKTOP_ID.desktop): Wayland compositors match the
# window to the entry, its name and its icon by it.
DESKTOP_ID = "io.github.exchange_topology_designer"


def run(catalog: Catalog, file: Path | None, template: bool = False) -> int:
    from PySide6.QtCore import QCoreApplication, QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ..editor import DocumentEditor
    from .dialogs.crash import ErrorReporter, log_to_file
    from .dialogs.language import chosen_language, install_translations
    from .window import heap
    from .window.main_window import APP_NAME, MainWindow
    from .dialogs.recovery import offer_restore, user_dir
    from .dialogs.start_page import TEMPLATE, Choice

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("ExchangeTopologyDesigner")
    app.setDesktopFileName(DESKTOP_ID)
    # the language before any widget: $ETD_LANG, View > Language, else the system's
    install_translations(app, chosen_language(QSettings("ExchangeTopologyDesigner", "designer")))
    editor = DocumentEditor(catalog)
    window = MainWindow(editor)
    screen = app.primaryScreen()
    if screen is not None and not window.layout_restored:
        window.resize(screen.availableGeometry().size() * 0.94)
    reporter = ErrorReporter(lambda: window, window.autosaver.save_now, log_to_file(user_dir()))
    reporter.install()
    if window.layout_restored:
        window.show()  # as the user left it (maximized or not)
    else:
        window.showMaximized()
    restored = offer_restore(window, editor, user_dir(), window.autosaver)  # what a crash left, before FILE
    if restored and file is not None and editor.path != file.resolve():
        window.statusBar().showMessage(QCoreApplication.translate(
            "App", "Restored unsaved work; {file} was not opened").format(file=file), 10000)
    elif not restored and file is not None and template:
        window.files.open_choice(Choice(TEMPLATE, file, file.stem, ""))  # untitled: Save asks where
    elif not restored and file is not None and not window.files.open_path(file, ask=False):
        QMessageBox.information(window, APP_NAME,
                                QCoreApplication.translate("App", "A new design was started instead."))
    elif not restored and file is None:
        window.files.offer_start_page()  # templates, recent files and tips (unless switched off)
    QTimer.singleShot(0, window.view.fit)  # once the window has its final size
    exit_after = os.environ.get("ETD_EXIT_AFTER_MS")  # for smoke tests of the packaged app
    if exit_after:
        QTimer.singleShot(int(exit_after), app.quit)
    try:
        return app.exec()
    finally:
        heap.design_closed()  # (the design's objects back to the collector before Python's own exit)
        reporter.uninstall()
