"""Autosave and crash recovery: unsaved work is written to a recovery file every few seconds,
and the next start offers to restore what a crash or a ``kill -9`` left behind.

Each window writes ``recovery-<pid>-<token>.yaml`` and a ``.json`` sidecar (the design's name,
the file it belongs to, when it was written, the process) in the user's data folder, both
atomically, and holds an OS lock on ``recovery-<pid>-<token>.lock`` while it has them. The
files are removed when the design is saved or closed cleanly, so whatever is left belongs to a
session that died: the OS drops the lock of a dead process, even after ``kill -9``, and a
recovery whose lock is still held (another window, another process) is never offered. A
reused process id can't hide a dead session's work, which a plain pid check would (the locks
and that test: :mod:`.sessions`).

A kill during an autosave can leave the temporary file of that write
(``.recovery-<pid>-<token>.yaml.HOST.PID.RANDOM.tmp``, see :mod:`designer.io.atomic`); the
recovery file it was replacing is untouched and is what is offered. Such a temporary is never
offered (it may be cut short, and the one complete case, a kill between the flush and the rename,
is a few seconds newer than the file kept): the next start and every autosave remove those of
processes that have ended, as the atomic writer does for its own target.

The YAML is written by a worker thread from a copy of the document (elements are immutable, so
the copy is cheap), because serializing a large design takes a noticeable fraction of a second.
"""
from __future__ import annotations

import datetime
import getpass
import json
import logging
import os
import tempfile
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QStandardPaths, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from ...editor import DocumentEditor
from ...io import dumps_document, load_document
from ...io.atomic import atomic_write_text, remove_stale_temp_files, temp_targets
from ...model import Document
from ...support.yamlsafe import InputError
from ...support.text import qt_plain
from .sessions import SessionLock, add_own_session, session_alive

log = logging.getLogger(__name__)
DEFAULT_INTERVAL = 5  # seconds
INTERVAL_KEY = "autosave/interval_seconds"
USER_DIR_ENV = "ETD_USER_DIR"
INTERVAL_ENV = "ETD_AUTOSAVE_SECONDS"
MAX_LISTED = 8
translate = QCoreApplication.translate  # texts in the "Recovery" context


def user_dir() -> Path:
    """Where recovery files and the log live: ``$ETD_USER_DIR``, else Qt's app data folder."""
    override = os.environ.get(USER_DIR_ENV)
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    base = Path(override) if override else Path(location) if location else Path.home() / ".exchange-topology-designer"
    try:
        base.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only home must not stop the designer from starting
        log.exception("cannot create %s", base)
        base = Path(tempfile.gettempdir()) / f"exchange-topology-designer-{_user_name()}"
        base.mkdir(parents=True, exist_ok=True)
    return base


def _user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (a container): one folder for all
        return "user"


def autosave_interval(settings: QSettings) -> int:
    """Seconds between autosaves (0: off): ``$ETD_AUTOSAVE_SECONDS``, else the setting."""
    value = os.environ.get(INTERVAL_ENV) or settings.value(INTERVAL_KEY, DEFAULT_INTERVAL)
    try:
        return max(0, int(float(value)))
    except (TypeError, ValueError):
        return DEFAULT_INTERVAL


@dataclass(frozen=True)
class Recovery:
    design: Path  # the recovery file
    name: str
    original: Path | None
    saved_at: str  # ISO 8601, local time

    def discard(self) -> None:
        for path in (self.design.with_suffix(".json"), self.design, self.design.with_suffix(".lock")):
            try:
                path.unlink(missing_ok=True)
            except OSError:
                log.warning("cannot remove %s", path)

    def describe(self) -> str:
        where = str(self.original) if self.original else translate("Recovery", "never saved")
        return translate("Recovery", "“{name}” ({file}), autosaved {time}").format(
            name=self.name, file=where, time=self.saved_at.replace("T", " "))


def remove_stale_temporaries(directory: Path) -> list[Path]:
    """Remove the temporary files that autosaves killed mid-write left in ``directory`` (those
    of processes that have ended; never a user's file, nor a write in progress); returns them."""
    removed = []
    for target in temp_targets(directory):
        if target.name.startswith("recovery-") and target.suffix in (".yaml", ".json"):
            removed += remove_stale_temp_files(target)
    return removed


def find_recoveries(directory: Path) -> list[Recovery]:
    """What sessions that are gone left in ``directory``, newest first (their autosaves' stale
    temporary files are removed on the way)."""
    remove_stale_temporaries(directory)
    found = []
    for design in directory.glob("recovery-*.yaml"):
        if session_alive(design):
            continue
        try:
            info = json.loads(design.with_suffix(".json").read_text(encoding="utf-8"))
            if not isinstance(info, dict):
                raise ValueError("not an object")
        except (OSError, ValueError):  # died between the two writes: still worth offering
            info = {}
        try:
            stamp = datetime.datetime.fromtimestamp(design.stat().st_mtime).isoformat(timespec="seconds")
        except OSError:
            continue
        original = info.get("original")
        found.append(Recovery(design, str(info.get("name") or translate("Recovery", "Untitled design")),
                              Path(original) if isinstance(original, str) and original else None,
                              str(info.get("saved_at") or stamp)))
    for lock in directory.glob("recovery-*.lock"):  # sessions that died with nothing to recover
        if not lock.with_suffix(".yaml").exists() and not session_alive(lock):
            lock.unlink(missing_ok=True)
    return sorted(found, key=lambda r: r.saved_at, reverse=True)


def copy_document(doc: Document) -> Document:
    """A copy that later edits don't touch (elements are immutable, so they are shared)."""
    copy = Document(doc.name, doc.exchange_version, doc.extra)
    for zone in doc.zones.values():
        copy.add_zone(zone)
    for node in doc.nodes.values():
        copy.add_node(node)
    for connection in doc.connections.values():
        copy.add_connection(connection)
    return copy


class Autosaver(QObject):
    """Writes the editor's document to its recovery file while it has unsaved changes."""

    def __init__(self, editor: DocumentEditor, directory: Path, interval: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.directory = directory
        stem = f"recovery-{os.getpid()}-{uuid.uuid4().hex[:12]}"
        add_own_session(stem)
        self.design_file = directory / f"{stem}.yaml"
        self.meta_file = directory / f"{stem}.json"
        self.lock = SessionLock(directory / f"{stem}.lock")
        self._pending = False  # changed since the last autosave
        self._worker: threading.Thread | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.save_if_needed)
        self.set_interval(interval)
        editor.undo_stack.indexChanged.connect(self._changed)
        editor.clean_changed.connect(self._clean_changed)
        editor.document_replaced.connect(self._replaced)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.wait)

    def set_interval(self, seconds: int) -> None:
        """Autosave every ``seconds`` (0: never; an unexpected error still saves at once)."""
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
        else:
            self._pending = True  # also a restored design, which is unsaved without any edit

    def _replaced(self, _doc) -> None:
        if not self.editor.modified:
            self.discard()

    @property
    def busy(self) -> bool:
        return self._worker is not None and self._worker.is_alive()

    def wait(self) -> None:
        """Wait for a write in progress (before removing the files, and at exit)."""
        if self._worker is not None:
            self._worker.join()
            self._worker = None

    def save_if_needed(self) -> bool:
        """Start writing the recovery file when the document changed since the last autosave."""
        if not (self._pending and self.editor.modified) or self.busy:
            return False
        try:
            doc, meta = copy_document(self.editor.document), self._meta()
        except Exception:  # autosave must never take the application down
            log.exception("autosave failed")
            return False
        self._pending = False
        self.lock.acquire()
        self._worker = threading.Thread(target=self._write_in_background, args=(doc, meta),
                                        name="autosave", daemon=True)
        self._worker.start()
        return True

    def _write_in_background(self, doc: Document, meta: dict) -> None:
        try:
            self._write(dumps_document(doc), meta)
        except Exception:
            log.exception("autosave failed")
            self._pending = True  # try again at the next tick

    def save_now(self) -> bool:
        """Write the recovery file now, in this thread (after an unexpected error, or a restore);
        False when there is nothing unsaved or the write fails."""
        self.wait()
        if not self.editor.modified:
            return False
        try:
            self.lock.acquire()
            self._write(dumps_document(self.editor.document), self._meta())
        except Exception:
            log.exception("autosave failed")
            return False
        self._pending = False
        return True

    def _meta(self) -> dict:
        path = self.editor.path
        return {"pid": os.getpid(), "name": self.editor.document.name,
                "original": str(path.resolve()) if path else None,
                "saved_at": datetime.datetime.now().isoformat(timespec="seconds")}

    def _write(self, text: str, meta: dict) -> None:
        atomic_write_text(self.design_file, text)
        atomic_write_text(self.meta_file, json.dumps(meta, ensure_ascii=False))
        remove_stale_temporaries(self.directory)  # what killed sessions' autosaves left

    def discard(self) -> None:
        """Remove this session's recovery files: the work was saved or dropped on purpose."""
        self.wait()
        self._pending = False
        for path in (self.meta_file, self.design_file):
            try:
                path.unlink(missing_ok=True)
            except OSError:
                log.warning("cannot remove %s", path)
        self.lock.release()


def offer_restore(parent: QWidget | None, editor: DocumentEditor, directory: Path,
                  autosaver: Autosaver | None = None) -> bool:
    """Offer what sessions that are gone left behind: Restore opens the newest as unsaved work
    (on its original file), Discard removes them all, Later keeps them for the next start.
    True when a design was restored."""
    found = find_recoveries(directory)
    if not found:
        return False
    latest = found[0]
    lines = [f"• {r.describe()}" for r in found[:MAX_LISTED]]
    if len(found) > MAX_LISTED:
        lines.append("• " + translate("Recovery", "and {count} more").format(count=len(found) - MAX_LISTED))
    one = len(found) == 1
    text = (translate("Recovery", "A design was not saved when the designer stopped:") if one else
            translate("Recovery", "{count} designs were not saved when the designer stopped:").format(count=len(found)))
    box = QMessageBox(QMessageBox.Icon.Question, translate("Recovery", "Recover unsaved work"),
                      text + "\n\n" + "\n".join(lines), parent=parent)
    box.setObjectName("recovery_prompt")
    box.setInformativeText(
        translate("Recovery", "Restore opens it as unsaved work. Discard deletes it. Later asks again at the next "
                              "start.") if one else
        translate("Recovery", "Restore opens the newest as unsaved work (the others are offered at the next start). "
                              "Discard deletes them all. Later asks again at the next start."))
    restore = box.addButton(translate("Recovery", "Restore"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(translate("Recovery", "Discard"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(translate("Recovery", "Later"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    clicked = box.clickedButton()
    if clicked is discard:
        for recovery in found:
            recovery.discard()
        return False
    if clicked is not restore:
        return False
    try:
        doc = load_document(latest.design, roles=editor.catalog.roles.keys())
    except InputError as exc:
        QMessageBox.warning(parent, translate("Recovery", "Cannot restore"), qt_plain(f"{exc}\n" + translate(
            "Recovery", "The recovery file is kept: {path}").format(path=latest.design)))
        return False
    editor.restore(doc, latest.original)
    if autosaver is not None:
        autosaver.save_now()  # ours first, then theirs: at no instant is the work on no disk
    latest.discard()
    return True
