"""The inspector's address fields: a node's FQDN and addresses, a zone's site and subnets.

Each field is one line of text. Addresses and subnets are separated by commas, semicolons or
spaces, and kept as written: a malformed entry is accepted, the note under the field says which
entries are not addresses, and the findings say what is wrong with each. An edit is committed
when the field is left or Enter is pressed, through the editor, as one undoable step.
"""
from __future__ import annotations

import re

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ...editor import DocumentEditor
from ...model.addresses import malformed
from ...support.text import visible

_SEPARATORS = re.compile(r"[\s,;]+")


def split_entries(text: str) -> tuple[str, ...]:
    """The entries of a field: split at commas, semicolons and white space, each made one line
    of plain text (a pasted control character shows as a symbol, as in the file)."""
    return tuple(visible(part) for part in _SEPARATORS.split(text) if part)


def one_value(text: str) -> str | None:
    """A one-word value (an FQDN, a site) or None when empty."""
    value = visible(" ".join(text.split()))
    return value or None


class _Field(QLineEdit):
    """A line edit that commits on Enter or when left, once per change."""

    def __init__(self, name: str, commit, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName=name)
        self._commit = commit
        self.editingFinished.connect(self._finished)

    def _finished(self) -> None:
        self.setModified(False)
        self._commit(self.text())

    def show_value(self, value: str, same_target: bool) -> None:
        if same_target and self.hasFocus() and self.isModified():
            return  # the user is typing: leave the text and the cursor alone
        if self.text() != value:
            self.setText(value)
        self.setModified(False)


class AddressFields(QObject):
    """The rows of one page (``kind``: ``node`` or ``zone``) added to its form."""

    def __init__(self, editor: DocumentEditor, kind: str, form: QFormLayout) -> None:
        super().__init__(form)
        self.editor, self.kind = editor, kind
        self._target: str | None = None
        self._filling = False
        one, many = ("fqdn", "addresses") if kind == "node" else ("site", "subnets")
        self.one = _Field(f"inspector_{kind}_{one}", self._commit_one)
        self.many = _Field(f"inspector_{kind}_{many}", self._commit_many)
        self.note = QLabel(objectName=f"inspector_{kind}_{many}_note")
        self.note.setWordWrap(True)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.many)
        column.addWidget(self.note)
        if kind == "node":
            self.many.setToolTip(self.tr("IPv4 or IPv6 addresses or subnets, separated by commas"))
            form.addRow(self.tr("FQDN"), self.one)
            form.addRow(self.tr("Addresses"), box)
        else:
            self.one.setPlaceholderText(self.tr("a datacenter, e.g. DC1"))
            self.many.setToolTip(self.tr("IPv4 or IPv6 subnets (CIDR), separated by commas"))
            form.addRow(self.tr("Site"), self.one)
            form.addRow(self.tr("Subnets"), box)

    # ---- filling
    def fill(self, target: str) -> None:
        doc = self.editor.document
        same = target == self._target
        self._target = target
        element = doc.node(target) if self.kind == "node" else doc.zone(target)
        one = element.fqdn if self.kind == "node" else element.site
        many = element.addresses if self.kind == "node" else element.subnets
        self._filling = True
        try:
            self.one.show_value(one or "", same)
            self.many.show_value(", ".join(many), same)
        finally:
            self._filling = False
        self._show_note(many)

    def _show_note(self, entries) -> None:
        bad = malformed(entries)
        self.note.setText(self.tr("Not an address or subnet: {entries}").format(entries=", ".join(bad))
                          if bad else "")
        self.note.setVisible(bool(bad))

    # ---- edits (each one undoable step through the editor)
    def _commit_one(self, text: str) -> None:
        if self._filling or self._target is None:
            return
        value = one_value(text)
        key = "fqdn" if self.kind == "node" else "site"
        self._set(**{key: value})

    def _commit_many(self, text: str) -> None:
        if self._filling or self._target is None:
            return
        entries = split_entries(text)
        key = "addresses" if self.kind == "node" else "subnets"
        doc = self.editor.document
        element = doc.node(self._target) if self.kind == "node" else doc.zone(self._target)
        if getattr(element, key) != entries:
            # the lines of the file as opened no longer describe these entries
            for where in [w for w in doc.source_lines if w[0] == self._target and w[1].startswith(f"{key}[")]:
                del doc.source_lines[where]
        self._set(**{key: entries})
        self._show_note(entries)

    def _set(self, **change) -> None:
        if self.kind == "node" and self._target in self.editor.document.nodes:
            self.editor.set_node(self._target, **change)
        elif self.kind == "zone" and self._target in self.editor.document.zones:
            self.editor.set_zone(self._target, **change)
