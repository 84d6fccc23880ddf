"""Autosave and crash recovery: unsaved work is written to a recovery file every few seconds,
and the next start offers to restore what a crash or a ``kill -9`` left behind.

Each running window writes ``recovery-<pid>-<token>.yaml`` with a ``.json`` sidecar (which file
the design belongs to, its name, when it was written, the process) in the user's data folder.
Both are written atomically. They are removed when the design is saved or closed cleanly, so
whatever is left behind belongs to a process that died; recoveries of a process that is still
running (another window) are never offered.
"""
from __future__ import annotations

import datetime
import json
import logging
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QStandardPaths, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from ..editor import DocumentEditor
from ..io import dumps_document, load_document
from ..io.atomic import atomic_write_text
from ..yamlsafe import InputError

log = logging.getLogger(__name__)
DEFAULT_INTERVAL = 5  # seconds
INTERVAL_KEY = "autosave/interval_seconds"


def user_dir() -> Path:
    """Where recovery files and the log live: ``$ETD_USER_DIR``, else Qt's app data folder."""
    override = os.environ.get("ETD_USER_DIR")
    base = Path(override) if override else Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation) or Path.home() / ".exchange-topology-designer")
    base.mkdir(parents=True, exist_ok=True)
    return base


def autosave_interval(settings: QSettings) -> int:
    """Seconds between autosaves (0: off): ``$ETD_AUTOSAVE_SECONDS``, else the setting."""
    value = os.environ.get("ETD_AUTOSAVE_SECONDS") or settings.value(INTERVAL_KEY, DEFAULT_INTERVAL)
    try:
        return max(0, int(float(value)))
    except (TypeError, ValueError):
        return DEFAULT_INTERVAL


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: leave its files alone
    return True


@dataclass(frozen=True)
class Recovery:
    design: Path  # the recovery file
    meta: Path
    name: str
    original: Path | None
    saved_at: str

    def discard(self) -> None:
        for path in (self.design, self.meta):
            path.unlink(missing_ok=True)


def find_recoveries(directory: Path) -> list[Recovery]:
    """What dead sessions left in ``directory``, newest first."""
    found = []
    for meta in directory.glob("recovery-*.json"):
        design = meta.with_suffix(".yaml")
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
            pid = int(info["pid"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if _alive(pid) or not design.exists():
            continue
        original = info.get("original")
        found.append(Recovery(design, meta, str(info.get("name", "Untitled design")),
                              Path(original) if original else None, str(info.get("saved_at", ""))))
    return sorted(found, key=lambda r: r.saved_at, reverse=True)


class Autosaver(QObject):
    """Writes the editor's document to its recovery file while it has unsaved changes."""

    def __init__(self, editor: DocumentEditor, directory: Path, interval: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.directory = directory
        stem = f"recovery-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.design_file = directory / f"{stem}.yaml"
        self.meta_file = directory / f"{stem}.json"
        self._pending = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.save_if_needed)
        self.set_interval(interval)
        editor.undo_stack.indexChanged.connect(self._changed)
        editor.clean_changed.connect(self._clean_changed)
        editor.document_replaced.connect(self._replaced)

    def set_interval(self, seconds: int) -> None:
        self.interval = max(0, int(seconds))
        if self.interval:
            self.timer.start(self.interval * 1000)
        else:
            self.timer.stop()

    def _changed(self, _index: int = 0) -> None:
        self._pending = True

    def _clean_changed(self, clean: bool) -> None:
        if clean:
            self.discard()

    def _replaced(self, _doc) -> None:
        if not self.editor.modified:
            self.discard()

    def save_if_needed(self) -> bool:
        if self._pending and self.editor.modified:
            return self.save_now()
        return False

    def save_now(self) -> bool:
        """Write the recovery file now (also after an unexpected error); False when it fails."""
        if not self.editor.modified:
            return False
        try:
            atomic_write_text(self.design_file, dumps_document(self.editor.document))
            path = self.editor.path
            atomic_write_text(self.meta_file, json.dumps({
                "pid": os.getpid(), "name": self.editor.document.name,
                "original": str(path.resolve()) if path else None,
                "saved_at": datetime.datetime.now().isoformat(timespec="seconds")}, ensure_ascii=False))
        except Exception:  # autosave must never take the application down
            log.exception("autosave failed")
            return False
        self._pending = False
        return True

    def discard(self) -> None:
        self._pending = False
        for path in (self.meta_file, self.design_file):
            try:
                path.unlink(missing_ok=True)
            except OSError:
                log.warning("cannot remove %s", path)


def offer_restore(parent: QWidget, editor: DocumentEditor, directory: Path) -> bool:
    """Ask about the newest recovery a dead session left; True when one was restored."""
    found = find_recoveries(directory)
    if not found:
        return False
    latest = found[0]
    where = str(latest.original) if latest.original else "a design that was never saved"
    box = QMessageBox(QMessageBox.Icon.Question, "Recover unsaved work",
                      f"“{latest.name}” ({where}) was not saved when the designer stopped.\n"
                      f"Its last autosave is from {latest.saved_at.replace('T', ' ')}.\n\nRestore it?",
                      parent=parent)
    box.setObjectName("recovery_prompt")
    restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Later", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    clicked = box.clickedButton()
    if clicked is discard:
        latest.discard()
        return False
    if clicked is not restore:
        return False
    try:
        doc = load_document(latest.design, roles=editor.catalog.roles.keys())
    except InputError as exc:
        QMessageBox.warning(parent, "Cannot restore", f"{exc}\nThe recovery file is kept: {latest.design}")
        return False
    editor.restore(doc, latest.original)
    latest.discard()
    return True
