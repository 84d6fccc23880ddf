"""New, Open, Save, Save As, recent files, and the prompt before unsaved work is lost."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ...editor import DocumentEditor
from ...io import load_document
from ...support.text import qt_plain
from ...support.yamlsafe import InputError
from ..dialogs.start_page import RECENT, TEMPLATE, Choice, StartPage, show_at_startup


MAX_RECENT = 8
translate = QCoreApplication.translate  # texts in the "FileActions" context


def file_filter() -> str:
    return translate("FileActions", "Exchange topology (*.yaml *.yml);;All files (*)")


class FileActions:
    """New, open, save and the recent files of one editor. ``parent`` hosts the dialogs;
    ``fit`` shows a whole design that was opened; ``show_message`` writes to the status bar;
    ``recent_changed`` is called when the recent files change."""

    def __init__(self, parent: QWidget, editor: DocumentEditor, settings: QSettings, fit: Callable[[], None],
                 show_message: Callable[[str, int], None], recent_changed: Callable[[], None]) -> None:
        self.window = parent
        self.editor = editor
        self.settings = settings
        self.fit, self.show_message, self.recent_changed = fit, show_message, recent_changed

    # ---- recent files
    def recent(self) -> list[str]:
        value = self.settings.value("recent_files", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value or [] if Path(str(v)).exists()]

    def remember(self, path: Path) -> None:
        items = [str(path.resolve())] + [p for p in self.recent() if p != str(path.resolve())]
        self.settings.setValue("recent_files", items[:MAX_RECENT])
        self.recent_changed()

    # ---- unsaved work
    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document (saved, discarded, unmodified)."""
        if not self.editor.modified:
            return True
        answer = QMessageBox.warning(
            self.window, translate("FileActions", "Unsaved changes"),
            qt_plain(translate("FileActions", "“{name}” has changes that are not saved.\nSave them first?").format(
                name=self.editor.document.name)),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # ---- commands
    def new(self) -> None:
        """The start page (templates, recent files), after the prompt for unsaved work."""
        if self.maybe_save():
            self.show_start_page()

    def show_start_page(self) -> StartPage:
        """Open the start page over the window; the user's pick comes back to ``open_choice``."""
        page = StartPage(self.editor.catalog, self.recent(), self.settings, self.window)
        page.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        page.chosen.connect(self.open_choice)
        page.browse_requested.connect(self.browse)
        page.open()
        return page

    def offer_start_page(self) -> StartPage | None:
        """The start page, unless the user switched "Show at startup" off."""
        return self.show_start_page() if show_at_startup(self.settings) else None

    def open_choice(self, choice: Choice) -> None:
        """What the start page picked: a blank design, a template (as a new design with no file,
        so Save asks where) or a recent file. The unsaved-work prompt came before the page."""
        if choice.kind == RECENT and choice.path is not None:
            self.open_path(choice.path, ask=False)
            return
        if choice.kind == TEMPLATE and choice.path is not None:
            try:
                doc = load_document(choice.path, roles=self.editor.catalog.roles.keys())
            except InputError as exc:
                QMessageBox.critical(self.window, translate("FileActions", "Cannot open the template"), qt_plain(str(exc)))
                return
            self.editor.restore(doc, None)  # a new design: no file ...
            self.editor.undo_stack.setClean()  # ... and nothing to save until it is edited
        else:
            self.editor.new_document()
        self.fit()

    def open_dialog(self) -> None:
        if self.maybe_save():
            self.browse()

    def browse(self) -> bool:
        """Ask for a design to open (the unsaved-work prompt came before)."""
        start = str(self.editor.path.parent) if self.editor.path else ""
        path, _ = QFileDialog.getOpenFileName(self.window, translate("FileActions", "Open design"), start,
                                              file_filter())
        return bool(path) and self.open_path(Path(path), ask=False)

    def open_path(self, path: Path, ask: bool = True) -> bool:
        if ask and not self.maybe_save():
            return False
        try:
            self.editor.open(path)
        except InputError as exc:
            QMessageBox.critical(self.window, translate("FileActions", "Cannot open the design"), qt_plain(str(exc)))
            return False
        self.remember(path)
        self.fit()
        return True

    def save(self) -> bool:
        if self.editor.path is None:
            return self.save_as()
        return self._save_to(self.editor.path)

    def save_as(self) -> bool:
        start = str(self.editor.path) if self.editor.path else f"{self.editor.document.name}.yaml"
        path, _ = QFileDialog.getSaveFileName(self.window, translate("FileActions", "Save design as"), start,
                                              file_filter())
        if not path:
            return False
        if not Path(path).suffix:
            path += ".yaml"  # after the dialog's own overwrite question: ask for the final name
            if Path(path).exists() and not self._may_replace(Path(path)):
                return False
        return self._save_to(Path(path))

    def _may_replace(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self.window, translate("FileActions", "Replace the file?"),
            qt_plain(translate("FileActions", "“{name}” already exists. Replace it?").format(name=path.name)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _save_to(self, path: Path) -> bool:
        try:
            self.editor.save(path)
        except InputError as exc:
            QMessageBox.critical(self.window, translate("FileActions", "Cannot save the design"), qt_plain(str(exc)))
            return False
        self.remember(path)
        self.show_message(translate("FileActions", "Saved {path}").format(path=path), 4000)
        return True
