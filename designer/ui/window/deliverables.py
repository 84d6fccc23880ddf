"""File ▸ Export (diagram, port matrix, firewall rules, report) and View ▸ Present.

Every export asks for a file, writes it atomically, says where it went in the status bar, and
reports a failure in one message box. The file name offered is the design's name made safe for
a file system, in the folder of the last export (else the design's folder).
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from ...canvas import CanvasScene
from ...editor import DocumentEditor
from ...support.i18n import QT_TRANSLATE_NOOP
from ...io.atomic import atomic_write_bytes, atomic_write_text
from ...support.yamlsafe import InputError
from ..dialogs.export_dialog import ExportDiagramDialog
from ..presentation.window import PresentationWindow
from ...support.text import qt_plain


UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
translate = QCoreApplication.translate  # texts in the "Deliverables" context
# the file dialogs' filters (shown translated)
MATRIX_FORMATS = {"xlsx": QT_TRANSLATE_NOOP("Deliverables", "Excel workbook"), "csv": "CSV", "md": "Markdown",
                  "html": "HTML", "json": "JSON"}
RULES_FORMATS = {"xlsx": QT_TRANSLATE_NOOP("Deliverables", "Excel workbook"), "csv": "CSV", "md": "Markdown",
                 "html": "HTML", "ps1": QT_TRANSLATE_NOOP("Deliverables", "Windows Firewall draft (PowerShell)"),
                 "nft": QT_TRANSLATE_NOOP("Deliverables", "nftables draft")}
REPORT_FORMATS = {"pdf": QT_TRANSLATE_NOOP("Deliverables", "PDF document"),
                  "html": QT_TRANSLATE_NOOP("Deliverables", "HTML page")}
DIAGRAM_FORMATS = {"png": QT_TRANSLATE_NOOP("Deliverables", "PNG image"),
                   "svg": QT_TRANSLATE_NOOP("Deliverables", "SVG drawing"),
                   "pdf": QT_TRANSLATE_NOOP("Deliverables", "PDF document"),
                   "drawio": QT_TRANSLATE_NOOP("Deliverables", "draw.io diagram"),
                   "vsdx": QT_TRANSLATE_NOOP("Deliverables", "Visio drawing")}


WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                   *(f"LPT{i}" for i in range(1, 10))}


def file_stem(name: str) -> str:
    """A design's name as a file name: no path separators, no characters Windows refuses, no
    invisible characters (a right-to-left override could disguise the extension), and not one
    of Windows's device names (``CON``, ``NUL``...)."""
    visible = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf"))
    stem = UNSAFE.sub("_", visible).strip(" ._")[:120].rstrip(" .")
    if stem.split(".")[0].upper() in WINDOWS_DEVICES:
        stem = "_" + stem
    return stem or "design"


def _filter(fmt: str, label: str) -> str:
    return f"{translate('Deliverables', label)} (*.{fmt})"


def _filters(formats: dict[str, str]) -> str:
    return ";;".join(_filter(fmt, label) for fmt, label in formats.items())


class Deliverables:
    def __init__(self, parent: QWidget, editor: DocumentEditor, scene: CanvasScene, settings: QSettings,
                 show_message: Callable[[str, int], None]) -> None:
        self.window = parent  # hosts the dialogs
        self.editor, self.scene, self.settings, self.show_message = editor, scene, settings, show_message
        self.presentation: PresentationWindow | None = None

    # ---- asking for a file
    def ask_path(self, title: str, formats: dict[str, str], preferred: str, suffix: str = "") -> tuple[Path, str] | None:
        """The file to write and its format; ``None`` when the user cancels."""
        settings = self.settings
        folder = settings.value("export/folder", "") or (str(self.editor.path.parent) if self.editor.path else "")
        name = f"{file_stem(self.editor.document.name)}{suffix}.{preferred}"
        start = str(Path(folder) / name) if folder else name
        chosen = _filter(preferred, formats[preferred])
        path, selected = QFileDialog.getSaveFileName(self.window, title, start, _filters(formats), chosen)
        if not path:
            return None
        target = Path(path)
        fmt = target.suffix.lower().lstrip(".")
        if fmt not in formats:  # no suffix, or one we don't write: take the chosen filter's
            match = re.search(r"\(\*\.(\w+)\)", selected or chosen)
            fmt = match.group(1) if match else preferred
            target = target.with_name(f"{target.name}.{fmt}")
        settings.setValue("export/folder", str(target.parent))
        return target, fmt

    def _write(self, failed: str, done: str, target: Path,
               produce: Callable[[], str | bytes | Path]) -> bool:
        """Write what ``produce`` makes; ``failed`` titles the message of a failure, ``done``
        (with ``{path}``) goes to the status bar."""
        try:
            data = produce()
            if isinstance(data, bytes):
                atomic_write_bytes(target, data)
            elif isinstance(data, str):
                atomic_write_text(target, data)
        except InputError as exc:
            QMessageBox.critical(self.window, failed, qt_plain(str(exc)))
            return False
        except OSError as exc:
            QMessageBox.critical(self.window, failed, qt_plain(f"{target}: {exc.strerror or exc}"))
            return False
        self.show_message(done.format(path=target), 6000)
        return True

    # ---- the deliverables
    def export_diagram(self) -> bool:
        dialog = ExportDiagramDialog(bool(self.scene.selected_ids()), self.settings, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        chosen = self.ask_path(translate("Deliverables", "Export diagram"), DIAGRAM_FORMATS, dialog.fmt)
        if chosen is None:
            return False
        target, fmt = chosen
        from ...render.editable_export import FORMATS as EDITABLE, editable_bytes
        from ...render.image_export import export_scene

        editor = self.editor
        if fmt in EDITABLE:  # the whole design, its labels in the window's language
            produce = lambda: editable_bytes(editor.document, editor.catalog, fmt,  # noqa: E731
                                             QCoreApplication.translate)
        else:
            produce = lambda: export_scene(self.scene, target, fmt, **dialog.options())  # noqa: E731
        return self._write(translate("Deliverables", "Cannot export the diagram"),
                           translate("Deliverables", "Exported the diagram to {path}"), target, produce)

    def export_matrix(self) -> bool:
        chosen = self.ask_path(translate("Deliverables", "Export port matrix"), MATRIX_FORMATS, "xlsx",
                               " " + translate("Deliverables", "port matrix", "file name"))
        if chosen is None:
            return False
        target, fmt = chosen
        from ...io.tables import render_matrix

        editor = self.editor
        return self._write(translate("Deliverables", "Cannot export the port matrix"),
                           translate("Deliverables", "Exported the port matrix to {path}"), target,
                           lambda: render_matrix(fmt, editor.document, editor.catalog, editor.flows))

    def export_rules(self) -> bool:
        chosen = self.ask_path(translate("Deliverables", "Export firewall rules"), RULES_FORMATS, "xlsx",
                               " " + translate("Deliverables", "firewall rules", "file name"))
        if chosen is None:
            return False
        target, fmt = chosen
        from ...io.firewall_export import render_rules

        editor = self.editor
        return self._write(translate("Deliverables", "Cannot export the firewall rules"),
                           translate("Deliverables", "Exported the firewall rules to {path}"), target,
                           lambda: render_rules(fmt, editor.document, editor.catalog, editor.flows))

    def export_report(self) -> bool:
        chosen = self.ask_path(translate("Deliverables", "Export report"), REPORT_FORMATS, "pdf",
                               " " + translate("Deliverables", "report", "file name"))
        if chosen is None:
            return False
        target, fmt = chosen
        from ...render.report_pdf import write_report

        return self._write(translate("Deliverables", "Cannot export the report"),
                           translate("Deliverables", "Exported the report to {path}"), target,
                           lambda: write_report(self.scene, self.editor.catalog, target, fmt))

    def present(self) -> PresentationWindow:
        """Full screen, stepping through the design's scenarios; Esc comes back here."""
        if self.presentation is not None:
            self.presentation.activateWindow()
            return self.presentation
        window = PresentationWindow(self.editor, self.window)
        window.closed.connect(self._presentation_closed)
        self.presentation = window
        window.start()
        return window

    def _presentation_closed(self) -> None:
        if self.presentation is not None:
            self.presentation.deleteLater()
            self.presentation = None
        self.window.activateWindow()
