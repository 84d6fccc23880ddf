"""Commands over the document's elements (zones, nodes, connections) and its properties.

Each command captures, when it is built, everything it needs to invert itself. A delete is one
:class:`RemoveElementsCommand` that removes the connections, then the nodes, then the zones
(undone in reverse), so ``redo`` never pushes commands.
"""
from __future__ import annotations

from typing import Sequence

from PySide6.QtGui import QUndoCommand

from ...model import Connection, Document, Node, Zone

Element = Zone | Node | Connection

_MERGE_ID = 1


def _add(doc: Document, element: Element, index: int | None) -> None:
    if isinstance(element, Zone):
        doc.add_zone(element, index)
    elif isinstance(element, Node):
        doc.add_node(element, index)
    else:
        doc.add_connection(element, index)


def _remove(doc: Document, element: Element) -> None:
    if isinstance(element, Zone):
        doc.remove_zone(element.id)
    elif isinstance(element, Node):
        doc.remove_node(element.id)
    else:
        doc.remove_connection(element.id)


def _replace(doc: Document, element: Element) -> None:
    if isinstance(element, Zone):
        doc.replace_zone(element)
    elif isinstance(element, Node):
        doc.replace_node(element)
    else:
        doc.replace_connection(element)


class MacroCommand(QUndoCommand):
    """Several commands as one undo step.

    It keeps its commands in a Python list and runs them itself, instead of relying on Qt's
    parent/child commands, so that no command's Python half can be collected while Qt still
    holds the C++ half.
    """

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self.commands: list[QUndoCommand] = []

    def add(self, command: QUndoCommand) -> None:
        self.commands.append(command)

    def redo(self) -> None:
        for command in self.commands:
            command.redo()

    def undo(self) -> None:
        for command in reversed(self.commands):
            command.undo()


class AddElementCommand(QUndoCommand):
    def __init__(self, doc: Document, element: Element, text: str = "", index: int | None = None) -> None:
        super().__init__(text)
        self.doc, self.element, self.index = doc, element, index

    def redo(self) -> None:
        _add(self.doc, self.element, self.index)

    def undo(self) -> None:
        _remove(self.doc, self.element)


class RemoveElementsCommand(QUndoCommand):
    """Remove many elements (redo) or put them back, each at its index (undo), as one batch.

    ``removals`` lists (element, index) in the order they are removed; undo re-adds them in
    reverse. The editor orders them so that each index is right when it is re-added (highest
    first, connections before their nodes, nodes before their zones). One command holds them
    all: no Qt command object per element (a delete of everything at 10,000 nodes made 40,000).
    ``batch`` is the editor's ``batch`` context: the scene routes and places once at its end.
    """

    def __init__(self, doc: Document, removals: Sequence[tuple[Element, int]], text: str, batch) -> None:
        super().__init__(text)
        self.doc, self.removals, self._batch = doc, list(removals), batch

    def redo(self) -> None:
        doc = self.doc
        with self._batch():
            for element, _index in self.removals:
                _remove(doc, element)

    def undo(self) -> None:
        doc = self.doc
        with self._batch():
            for element, index in reversed(self.removals):
                _add(doc, element, index)


class ReplaceElementsCommand(QUndoCommand):
    """Replace several elements at once (a move, a rename, a role change...).

    With a ``merge_key``, consecutive commands on the same elements merge into one undo step
    (keyboard nudges, typing in the inspector).
    """

    def __init__(self, doc: Document, pairs: Sequence[tuple[Element, Element]], text: str,
                 merge_key: str | None = None) -> None:
        super().__init__(text)
        self.doc = doc
        self.old = [old for old, _ in pairs]
        self.new = [new for _, new in pairs]
        self.merge_key = merge_key

    def id(self) -> int:  # Qt's name
        return _MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # Qt's name
        if not isinstance(other, ReplaceElementsCommand) or other.merge_key != self.merge_key:
            return False
        if [e.id for e in other.old] != [e.id for e in self.new]:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        for element in self.new:
            _replace(self.doc, element)

    def undo(self) -> None:
        for element in reversed(self.old):
            _replace(self.doc, element)


class SetDocumentPropertyCommand(QUndoCommand):
    """The document's name or Exchange version."""

    _SETTERS = {"name": Document.set_name, "exchange_version": Document.set_exchange_version}

    def __init__(self, doc: Document, prop: str, value: str, text: str,
                 merge_key: str | None = None) -> None:
        super().__init__(text)
        self.doc, self.prop, self.value = doc, prop, value
        self.old = getattr(doc, prop)
        self.merge_key = merge_key

    def id(self) -> int:  # Qt's name
        return _MERGE_ID + 1 if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # Qt's name
        if not isinstance(other, SetDocumentPropertyCommand) or other.prop != self.prop \
                or other.merge_key != self.merge_key:
            return False
        self.value = other.value
        return True

    def redo(self) -> None:
        self._SETTERS[self.prop](self.doc, self.value)

    def undo(self) -> None:
        self._SETTERS[self.prop](self.doc, self.old)
