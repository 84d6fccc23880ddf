"""DocumentEditor: the one edit API. It owns the document, the undo stack and the file path.

Widgets and canvas tools call these methods; each pushes one ``QUndoCommand`` (a macro where
one gesture changes several elements). Widgets outside the canvas listen to the Qt signals.
"""
from __future__ import annotations

import gc
import logging
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Mapping

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..analysis import Finding, Flow
from ..analysis.incremental import IncrementalAnalysis
from ..catalog import Catalog
from .clipboard import NoZoneError, fragment, pasted
from .commands import (
    AddElementCommand, MacroCommand, RemoveElementsCommand, ReplaceElementsCommand,
    SetDocumentPropertyCommand,
)
from ..support.i18n import QT_TRANSLATE_NOOP
from ..io import dumps_document, load_document
from ..io.atomic import atomic_write_bytes
from ..model.layout import NODE_HEIGHT, NODE_WIDTH, ZONE_HEADER, auto_layout, snap, zone_at
from ..model import Connection, Document, Member, Node, Rect, Zone, new_id, slug
from ..support.text import visible
from ..support.yamlsafe import InputError

log = logging.getLogger(__name__)

@contextmanager
def gc_paused():
    """Python's cyclic collector waits while a design is read and built: the tens of thousands
    of objects a large design makes would otherwise set off full collections over all of them
    (a tenth of the time to open 1,000 nodes). Reference counting frees memory as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# a new design's zones (named in the user's language, in the "DocumentEditor" context)
DEFAULT_ZONES = (("internet", QT_TRANSLATE_NOOP("DocumentEditor", "Internet"), "internet"),
                 ("dmz", QT_TRANSLATE_NOOP("DocumentEditor", "Perimeter network (DMZ)"), "perimeter"),
                 ("internal", QT_TRANSLATE_NOOP("DocumentEditor", "Internal network"), "internal"))


class DocumentEditor(QObject):
    document_replaced = Signal(object)  # the new Document
    analysis_changed = Signal()         # flows and findings were recomputed
    path_changed = Signal(object)       # Path | None
    clean_changed = Signal(bool)
    # Many changes follow at once (a large delete or paste, their undo and redo), up to
    # batch_finished: observers may gather the document's events and do their work once.
    batch_started = Signal()
    batch_finished = Signal()

    def __init__(self, catalog: Catalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self.clean_changed)
        self.undo_stack.indexChanged.connect(self._reanalyse)
        self.document = Document()
        self.path: Path | None = None
        self.flows: list[Flow] = []
        self.findings: list[Finding] = []
        self.analysis_revision = 0  # grows when flows or findings may have changed (panels skip the rest)
        self._analysis = IncrementalAnalysis(catalog)  # follows the document's changes
        self.new_document()

    # ---- documents and files
    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def new_document(self, version: str = "SE") -> None:
        doc = Document(self.tr("Untitled design"), version)
        for zone_id, name, kind in DEFAULT_ZONES:
            doc.add_zone(Zone(zone_id, self.tr(name), kind))
        self._set_document(doc, None)

    def open(self, path: str | Path) -> None:
        """Open a file; raise InputError with one clear message when it can't be read."""
        with gc_paused():
            doc = load_document(Path(path), roles=self.catalog.roles.keys(),
                                coexistence=self.catalog.coexistence_problem)
            self._set_document(doc, Path(path))

    def restore(self, doc: Document, path: Path | None) -> None:
        """Show a recovered document as unsaved work on ``path`` (None: never saved)."""
        with gc_paused():
            self._set_document(doc, path)
        self.undo_stack.resetClean()  # modified until saved, and Undo can't make it clean
        self.clean_changed.emit(False)

    def save(self, path: str | Path | None = None) -> None:
        """Save atomically (the core's writer: a temporary file of its own naming, renamed over
        the file; a link written through, a device written to, a read-only file refused); raise
        InputError when the file can't be written."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise InputError(None, None, self.tr("the design has no file name yet"))
        try:
            atomic_write_bytes(target, dumps_document(self.document).encode("utf-8"))
        except OSError as exc:
            raise InputError(target, None, self.tr("cannot write: {error}").format(
                error=exc.strerror or exc)) from None
        self.undo_stack.setClean()
        if target != self.path:
            self.path = target
            self.path_changed.emit(target)

    def _set_document(self, doc: Document, path: Path | None) -> None:
        self._apply_layout(doc)
        self.undo_stack.clear()
        self.document = doc
        self.path = path
        self._recompute()
        self.document_replaced.emit(doc)
        self.path_changed.emit(path)
        self.analysis_changed.emit()

    def _apply_layout(self, doc: Document) -> None:
        """Give geometry to what has none (a hand-written design is laid out by zone)."""
        layout = auto_layout(doc, self.catalog)
        for zone_id, rect in layout.zone_rects.items():
            doc.replace_zone(replace(doc.zone(zone_id), rect=rect))
        for node_id, pos in layout.node_positions.items():
            doc.replace_node(replace(doc.node(node_id), pos=pos))

    # ---- analysis
    def _recompute(self) -> None:
        """Analyse the whole (new) document; from now on its edits are analysed incrementally."""
        self._analysis.reset(self.document)
        self.analysis_revision += 1
        self.flows, self.findings = self._analysis.flows, self._analysis.findings

    def _reanalyse(self, _index: int = 0) -> None:
        """After an edit, undo or redo: re-analyse what it touched (see ``IncrementalAnalysis``;
        a move within a zone touches nothing the analysis reads)."""
        if self._analysis.document is not self.document:  # (set without _set_document)
            self._recompute()
        with gc_paused():  # after a large undo, flows and findings for thousands of connections
            if self._analysis.update():
                self.analysis_revision += 1
        self.flows, self.findings = self._analysis.flows, self._analysis.findings
        self.analysis_changed.emit()

    @contextmanager
    def batch(self):
        """Many document changes as one: ``batch_started`` before them, ``batch_finished``
        after (even when one fails), and the cyclic collector waits meanwhile (see
        :func:`gc_paused`)."""
        self.batch_started.emit()
        try:
            with gc_paused():
                yield
        finally:
            self.batch_finished.emit()

    def flows_of(self, connection_id: str) -> list[Flow]:
        return self._analysis.flows_of(connection_id)

    # ---- pushing
    def _push(self, command: QUndoCommand) -> None:
        self.undo_stack.push(command)

    def _replace(self, pairs: list, text: str, merge_key: str | None = None) -> None:
        pairs = [(old, new) for old, new in pairs if old != new]
        if pairs:
            self._push(ReplaceElementsCommand(self.document, pairs, text, merge_key))

    def label(self, item_id: str) -> str:
        doc = self.document
        for table in (doc.nodes, doc.zones):
            if item_id in table:
                return table[item_id].name
        if item_id in doc.connections:
            a, b = doc.connections[item_id].between
            return f"{doc.node(a).name} ↔ {doc.node(b).name}"
        return item_id

    # ---- zones
    def add_zone(self, name: str, kind: str, rect: Rect) -> str:
        name = visible(name)
        zone_id = new_id(slug(name, "zone"), self.document.all_ids())
        zone = Zone(zone_id, name, kind, rect)
        self._push(AddElementCommand(self.document, zone, self.tr("Add zone {zone}").format(zone=name)))
        return zone_id

    def set_zone(self, zone_id: str, **changes) -> None:
        """Rename, change kind or colour, or resize (``rect``) a zone."""
        changes = _visible_name(changes)
        old = self.document.zone(zone_id)
        new = replace(old, **changes)
        text = (self.tr("Resize zone {zone}") if set(changes) == {"rect"} else self.tr("Change zone {zone}")).format(
            zone=new.name)
        pairs = [(old, new)]
        if "rect" in changes:
            pairs += self._membership_pairs({}, {zone_id: new.rect})
        merge = f"zone:{zone_id}:name" if set(changes) == {"name"} else None
        self._replace(pairs, text, merge)

    # ---- nodes
    def add_node(self, role: str, pos: tuple[float, float], zone_id: str | None = None,
                 name: str | None = None) -> str:
        doc = self.document
        pos = (snap(pos[0]), snap(pos[1]))
        inside = zone_at(doc, *pos)
        zone_id = zone_id or inside or self._nearest_zone(pos)
        if zone_id is None:
            raise InputError(None, None, self.tr("add a zone first: every node belongs to a zone"))
        rect = doc.zone(zone_id).rect
        if rect is not None and inside != zone_id:  # dropped outside: bring it into its zone
            pos = (snap(min(max(pos[0], rect.x + NODE_WIDTH / 2), rect.x + rect.width - NODE_WIDTH / 2)),
                   snap(min(max(pos[1], rect.y + ZONE_HEADER + NODE_HEIGHT / 2),
                            rect.y + rect.height - NODE_HEIGHT / 2)))
        node_id = new_id(slug(role, "node"), doc.all_ids())
        name = visible(name) if name else self._next_name(role)
        self._push(AddElementCommand(doc, Node(node_id, name, role, zone_id, pos),
                                     self.tr("Add {node}").format(node=name)))
        return node_id

    def _nearest_zone(self, pos: tuple[float, float]) -> str | None:
        """The zone closest to a point outside every zone (zones without geometry last)."""
        def distance(zone: Zone) -> float:
            r = zone.rect
            if r is None:
                return float("inf")
            dx = max(r.x - pos[0], 0.0, pos[0] - (r.x + r.width))
            dy = max(r.y - pos[1], 0.0, pos[1] - (r.y + r.height))
            return dx * dx + dy * dy
        return min(self.document.zones.values(), key=distance).id if self.document.zones else None

    def _next_name(self, role: str) -> str:
        base = QCoreApplication.translate("Roles", self.catalog.role_name(role))  # the role's name, translated
        names = {n.name for n in self.document.nodes.values()}
        n = 1
        while f"{base} {n}" in names:
            n += 1
        return f"{base} {n}"

    def set_node(self, node_id: str, **changes) -> None:
        """Rename a node, change its role, or its own Exchange version (None: the design's)."""
        changes = _visible_name(changes)
        old = self.document.node(node_id)
        new = replace(old, **changes)
        merge = f"node:{node_id}:name" if set(changes) == {"name"} else None
        text = (self.tr("Rename {node}") if "name" in changes else
                self.tr("Change version of {node}") if "version" in changes else
                self.tr("Change addresses of {node}") if {"addresses", "fqdn"} & set(changes) else
                self.tr("Change role of {node}"))
        self._replace([(old, new)], text.format(node=old.name), merge)

    def set_group(self, node_id: str, members: Iterable[Member] | None = None, dag: bool | None = None) -> None:
        """Set a group node's members (names shown visibly, as the file holds them) or its DAG
        flag: one undoable step."""
        old = self.document.node(node_id)
        changes: dict = {}
        if members is not None:
            changes["members"] = tuple(Member(visible(m.name), tuple(m.addresses)) for m in members)
        if dag is not None:
            changes["dag"] = bool(dag)
        self._replace([(old, replace(old, **changes))],
                      self.tr("Change members of {node}").format(node=old.name))

    def move(self, positions: Mapping[str, tuple[float, float]],
             zone_rects: Mapping[str, Rect] | None = None, merge_key: str | None = None) -> None:
        """Move nodes and zones in one step; node membership follows the new geometry."""
        zone_rects = dict(zone_rects or {})
        doc = self.document
        pairs = [(doc.zone(z), replace(doc.zone(z), rect=r)) for z, r in zone_rects.items()]
        pairs += self._membership_pairs(positions, zone_rects)
        count = len({new.id for old, new in pairs if old != new})
        names = [new.name for old, new in pairs if old != new]
        text = self.tr("Move {item}").format(item=names[0]) if count == 1 else self.tr("Move {count} items").format(
            count=count)
        self._replace(pairs, text, merge_key)

    def _membership_pairs(self, positions: Mapping[str, tuple[float, float]],
                          zone_rects: Mapping[str, Rect]) -> list:
        """Node replacements for new positions, re-evaluating which zone each node is in."""
        doc = self.document
        probe = Document(doc.name, doc.exchange_version)
        for zone in doc.zones.values():
            probe.add_zone(replace(zone, rect=zone_rects.get(zone.id, zone.rect)))
        pairs = []
        # Only what moved can change zone: the nodes moved, and those in a zone moved or resized.
        nodes = doc.nodes.values() if zone_rects else (doc.node(n) for n in positions if n in doc.nodes)
        for node in nodes:
            pos = positions.get(node.id, node.pos)
            if pos is None:
                continue
            zone_id = zone_at(probe, *pos) or node.zone
            pos = (float(pos[0]), float(pos[1]))
            if pos != node.pos or zone_id != node.zone:
                pairs.append((node, replace(node, pos=pos, zone=zone_id)))
        return pairs

    # ---- connections
    def connect(self, a: str, b: str) -> str | None:
        """Draw a connection; None when it would join a node to itself."""
        if a == b:
            return None
        doc = self.document
        conn_id = new_id("c", doc.all_ids())
        text = self.tr("Connect {a} → {b}").format(a=doc.node(a).name, b=doc.node(b).name)
        self._push(AddElementCommand(doc, Connection(conn_id, (a, b)), text))
        return conn_id

    def set_services(self, connection_id: str, services: Iterable[str] | None) -> None:
        """Choose the services in use on a connection (None: all the knowledge base gives)."""
        old = self.document.connection(connection_id)
        new = replace(old, services=tuple(visible(str(s)) for s in services) if services is not None else None)
        self._replace([(old, new)], self.tr("Change services of {connection}").format(
            connection=self.label(connection_id)))

    # ---- the document
    def set_document_name(self, name: str) -> None:
        name = visible(str(name))  # the file's rule: no control characters in a name
        if name != self.document.name:
            self._push(SetDocumentPropertyCommand(self.document, "name", name, self.tr("Rename design"), "typing"))

    def set_exchange_version(self, version: str) -> None:
        if version != self.document.exchange_version:
            self._push(SetDocumentPropertyCommand(self.document, "exchange_version", version,
                                                  self.tr("Switch to Exchange {version}").format(version=version)))

    # ---- clipboard
    def copy_fragment(self, ids: Iterable[str]) -> str:
        """The selected zones and nodes (and the connections among them) as topology YAML."""
        return dumps_document(fragment(self.document, ids))

    def paste_fragment(self, text: str, offset: tuple[float, float] = (40, 40)) -> list[str]:
        """Paste what copy_fragment produced, with new ids, offset; returns the new ids."""
        from ..io import loads_document

        part = loads_document(text, "clipboard", roles=self.catalog.roles.keys())
        try:
            added, ids = pasted(self.document, part, offset)
        except NoZoneError:
            raise InputError(None, None, self.tr("add a zone first: every node belongs to a zone")) from None
        if added:
            macro = MacroCommand()
            for element in added:
                macro.add(AddElementCommand(self.document, element))
            count = len(added)
            macro.setText(self.tr("Paste 1 item") if count == 1 else self.tr("Paste {count} items").format(count=count))
            self._push(macro)
        return ids

    def duplicate(self, ids: Iterable[str]) -> list[str]:
        return self.paste_fragment(self.copy_fragment(ids))

    # ---- removing
    def delete(self, ids: Iterable[str]) -> None:
        """Delete items with what depends on them (a zone's nodes, a node's connections)."""
        doc = self.document
        ids = set(ids)
        zones = [z for z in doc.zones if z in ids]
        nodes = {n for n in doc.nodes if n in ids or doc.node(n).zone in zones}
        conns = {c.id for c in doc.connections.values() if c.id in ids or set(c.between) & nodes}
        if not (zones or nodes or conns):
            return
        asked = [i for i in ids if i in doc.zones or i in doc.nodes or i in doc.connections]
        text = (self.tr("Delete {item}").format(item=self.label(asked[0])) if len(asked) == 1 else
                self.tr("Delete {count} items").format(count=len(asked)))
        # highest index first, so that undo re-inserts each at its own place; as one batch (see
        # ``batch``): the scene routes and places once at its end, and the cyclic collector
        # waits, as when a design is opened (the items of a thousand re-added nodes and their
        # connections would otherwise set off several full collections)
        removals = []
        for table, chosen in ((doc.connections, conns), (doc.nodes, nodes), (doc.zones, set(zones))):
            places = {item_id: index for index, item_id in enumerate(table) if item_id in chosen}  # one pass:
            for item_id in sorted(chosen, key=places.__getitem__, reverse=True):  # doc.index_of is O(n)
                removals.append((table[item_id], places[item_id]))
        self._push(RemoveElementsCommand(doc, removals, text, self.batch))


def _visible_name(changes: dict) -> dict:
    """A name as the design file may hold it: control characters and bidi overrides shown as
    visible symbols (the reader refuses them raw), so what is saved opens again."""
    if "name" in changes:
        return {**changes, "name": visible(str(changes["name"]))}
    return changes
