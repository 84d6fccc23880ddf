"""Undo and redo lose nothing: random sequences of hundreds of edits through the one edit API.

A Hypothesis state machine drives :class:`DocumentEditor` the way the window does (add, change,
move, connect, choose services, rename, switch version, copy and paste, duplicate, delete) and
mixes in undos, redos and saves. It keeps the snapshot of the document at every index of the
undo stack, and checks:

* after every step, the document is the snapshot of the stack's index (an undo goes back exactly
  one step, a redo forward one; an edit after an undo drops the redo branch; merged edits, such
  as typing a name, are one step);
* the document saves and loads back equal (``dumps_document`` -> ``loads_document``), with the
  catalog's roles; coordinates are written to two decimals, so they are compared so rounded;
* the analysis the editor keeps (incrementally) is the analysis of the document from scratch;
* unsaved changes always show as modified, and what was saved loads as it was;
* at the end, undoing everything gives the first snapshot and redoing everything the last, with
  each snapshot in between on the way down and up.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from designer.analysis import analyse, compute_flows
from designer.catalog import load_catalog
from designer.io import dumps_document, load_document, loads_document
from designer.model import EXCHANGE_VERSIONS, ZONE_KINDS, Rect, Snapshot

SCALE = float(os.environ.get("ETD_FUZZ_SCALE", "1"))
CATALOG = load_catalog()
ROLES = sorted(CATALOG.roles)
MAX_NODES, MAX_ZONES = 40, 12  # a paste can double the design; past these, only other edits
SERVICES = ["SMTP", "EdgeSync", "IMAP4", "EWS", "LDAP", "Autodiscover", "MAPI over HTTP"]

# names as a design may hold them (the editor shows control characters as symbols: see
# test_editor_names.py), so that every state saves and opens again
FORBIDDEN = ([chr(c) for c in range(0x20) if c != 0x09] + [chr(c) for c in range(0x7f, 0xa0)]
             + list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029"))
names = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=FORBIDDEN), max_size=20)
# What the canvas makes: grid points when snapping, any point (seen to 2 decimals) otherwise.
coords = st.one_of(st.integers(-100, 200).map(lambda v: v * 20.0),
                   st.floats(-5000, 5000, allow_nan=False).map(lambda v: round(v, 2)))
sizes = st.one_of(st.integers(6, 60).map(lambda v: v * 20.0), st.floats(120, 3000).map(lambda v: round(v, 2)))
rects = st.builds(Rect, coords, coords, sizes, sizes)
colors = st.one_of(st.none(), st.sampled_from(["#d0e4f5", "#ffe0b2", "#c8e6c9"]))


def rounded(snapshot: Snapshot) -> Snapshot:
    """The snapshot as a file holds it: coordinates to two decimals (see ``document_yaml._num``)."""
    def r(value: float) -> float:
        return float(value) if float(value).is_integer() else round(float(value), 2)

    zones = tuple(replace(z, rect=Rect(*(r(v) for v in (z.rect.x, z.rect.y, z.rect.width, z.rect.height)))
                          if z.rect else None) for z in snapshot.zones)
    nodes = tuple(replace(n, pos=(r(n.pos[0]), r(n.pos[1])) if n.pos else None) for n in snapshot.nodes)
    return replace(snapshot, zones=zones, nodes=nodes)


class EditorMachine(RuleBasedStateMachine):
    folder: Path

    def __init__(self) -> None:
        super().__init__()
        from designer.editor import DocumentEditor

        self.editor = DocumentEditor(CATALOG)
        self.stack = self.editor.undo_stack
        self.states = [self.snapshot()]  # the snapshot at each index of the undo stack
        self.saved: Snapshot | None = None
        self.edits = 0

    # ---- helpers
    @property
    def doc(self):
        return self.editor.document

    def snapshot(self) -> Snapshot:
        return self.editor.document.snapshot()

    def edited(self) -> None:
        """Book-keeping after an edit: a push drops the redo branch (and may merge)."""
        index, count = self.stack.index(), self.stack.count()
        snapshot = self.snapshot()
        if count > index:  # nothing was pushed: the redo branch is still there
            assert snapshot == self.states[index]
        else:
            self.states = self.states[:index] + [snapshot]
        assert len(self.states) == count + 1
        self.edits += 1

    def some(self, data, table, at_least: int = 1) -> list[str]:
        return data.draw(st.lists(st.sampled_from(sorted(table)), min_size=at_least, max_size=4, unique=True))

    # ---- zones
    @precondition(lambda self: len(self.doc.zones) < MAX_ZONES)
    @rule(name=names, kind=st.sampled_from(ZONE_KINDS), rect=rects)
    def add_zone(self, name, kind, rect):
        zone_id = self.editor.add_zone(name, kind, rect)
        assert self.doc.zone(zone_id).name == name
        self.edited()

    @precondition(lambda self: self.doc.zones)
    @rule(data=st.data(), changes=st.fixed_dictionaries({}, optional={
        "name": names, "kind": st.sampled_from(ZONE_KINDS), "color": colors, "rect": rects}))
    def set_zone(self, data, changes):
        self.editor.set_zone(data.draw(st.sampled_from(sorted(self.doc.zones))), **changes)
        self.edited()

    # ---- nodes
    @precondition(lambda self: self.doc.zones and len(self.doc.nodes) < MAX_NODES)
    @rule(data=st.data(), role=st.sampled_from(ROLES), x=coords, y=coords, name=st.none() | names,
          in_zone=st.booleans())
    def add_node(self, data, role, x, y, name, in_zone):
        zone = data.draw(st.sampled_from(sorted(self.doc.zones))) if in_zone else None
        node_id = self.editor.add_node(role, (x, y), zone, name)
        assert node_id in self.doc.nodes and (zone is None or self.doc.node(node_id).zone == zone)
        self.edited()

    @precondition(lambda self: self.doc.nodes)
    @rule(data=st.data(), changes=st.fixed_dictionaries({}, optional={"name": names, "role": st.sampled_from(ROLES)}))
    def set_node(self, data, changes):
        self.editor.set_node(data.draw(st.sampled_from(sorted(self.doc.nodes))), **changes)
        self.edited()

    @precondition(lambda self: self.doc.nodes or self.doc.zones)
    @rule(data=st.data(), merge=st.sampled_from([None, None, "nudge"]))
    def move(self, data, merge):
        nodes = data.draw(st.lists(st.sampled_from(sorted(self.doc.nodes) or ["-"]), max_size=4, unique=True))
        zones = data.draw(st.lists(st.sampled_from(sorted(self.doc.zones) or ["-"]), max_size=2, unique=True))
        positions = {n: (data.draw(coords), data.draw(coords)) for n in nodes if n in self.doc.nodes}
        zone_rects = {z: data.draw(rects) for z in zones if z in self.doc.zones}
        key = f"{merge}:{','.join(sorted(positions))}" if merge else None
        self.editor.move(positions, zone_rects, key)
        self.edited()

    # ---- connections
    @precondition(lambda self: len(self.doc.nodes) >= 1)
    @rule(data=st.data(), count=st.integers(1, 3))
    def connect(self, data, count):
        for _ in range(count):  # one command each
            a, b = (data.draw(st.sampled_from(sorted(self.doc.nodes))) for _ in range(2))
            conn_id = self.editor.connect(a, b)
            assert (conn_id is None) == (a == b)
            self.edited()

    @precondition(lambda self: self.doc.connections)
    @rule(data=st.data(), services=st.none() | st.lists(st.sampled_from(SERVICES) | names, max_size=4))
    def set_services(self, data, services):
        self.editor.set_services(data.draw(st.sampled_from(sorted(self.doc.connections))), services)
        self.edited()

    # ---- the document
    @rule(name=names)
    def set_document_name(self, name):
        self.editor.set_document_name(name)
        self.edited()

    @rule(version=st.sampled_from(EXCHANGE_VERSIONS))
    def set_exchange_version(self, version):
        self.editor.set_exchange_version(version)
        self.edited()

    # ---- clipboard and delete
    @precondition(lambda self: (self.doc.nodes or self.doc.zones) and len(self.doc.nodes) < MAX_NODES
                  and len(self.doc.zones) < MAX_ZONES)
    @rule(data=st.data(), dx=coords, dy=coords, how=st.sampled_from(["paste", "duplicate"]))
    def paste(self, data, dx, dy, how):
        ids = self.some(data, list(self.doc.nodes) + list(self.doc.zones))
        before = set(self.doc.all_ids())
        if how == "duplicate":
            new = self.editor.duplicate(ids)
        else:
            new = self.editor.paste_fragment(self.editor.copy_fragment(ids), (dx, dy))
        assert set(new) == set(self.doc.all_ids()) - before
        self.edited()

    @precondition(lambda self: self.doc.zones or self.doc.nodes or self.doc.connections)
    @rule(data=st.data())
    def delete(self, data):
        ids = self.some(data, list(self.doc.zones) + list(self.doc.nodes) + list(self.doc.connections))
        self.editor.delete(ids)
        assert not set(ids) & self.doc.all_ids()
        self.edited()

    # ---- undo, redo, save
    @precondition(lambda self: self.stack.canUndo())
    @rule()
    def undo(self):
        self.stack.undo()
        assert self.snapshot() == self.states[self.stack.index()]

    @precondition(lambda self: self.stack.canRedo())
    @rule()
    def redo(self):
        self.stack.redo()
        assert self.snapshot() == self.states[self.stack.index()]

    @rule(now=st.integers(0, 5))
    def save(self, now):
        if now:  # a save now and then, not every other step
            return
        path = self.folder / "design.yaml"
        self.editor.save(path)
        self.saved = self.snapshot()
        assert not self.editor.modified
        assert rounded(load_document(path, roles=CATALOG.roles).snapshot()) == rounded(self.saved)

    # ---- after every step
    @invariant()
    def document_is_the_state_of_the_stack_index(self):
        assert self.snapshot() == self.states[self.stack.index()]

    @invariant()
    def save_and_load_lose_nothing(self):
        text = dumps_document(self.doc)
        again = loads_document(text, "design.yaml", roles=CATALOG.roles)
        assert rounded(again.snapshot()) == rounded(self.snapshot())

    @invariant()
    def unsaved_changes_show_as_modified(self):
        if self.saved is None or self.snapshot() != self.saved:
            assert self.editor.modified or self.snapshot() == self.states[0] and self.saved is None

    @invariant()
    def the_editor_analysis_is_the_analysis_of_the_document(self):
        if self.edits % 5:  # every fifth step: the analysis from scratch is the slow part
            return
        flows = compute_flows(self.doc, CATALOG)
        assert self.editor.flows == flows
        assert self.editor.findings == analyse(self.doc, CATALOG, flows)

    def teardown(self):
        try:
            last = self.stack.index()
            while self.stack.canUndo():
                self.stack.undo()
                assert self.snapshot() == self.states[self.stack.index()]
            assert self.snapshot() == self.states[0]
            while self.stack.canRedo():
                self.stack.redo()
                assert self.snapshot() == self.states[self.stack.index()]
            assert self.stack.index() == self.stack.count()
            assert self.snapshot() == self.states[-1]
            # and back to where the steps left it
            while self.stack.index() > last:
                self.stack.undo()
            assert self.snapshot() == self.states[last]
        finally:
            self.editor.undo_stack.clear()
            self.editor.deleteLater()


def test_random_edits_undo_and_redo_to_the_same_documents(qapp):
    folder = Path(tempfile.mkdtemp(prefix="etd-undo-"))
    EditorMachine.folder = folder
    try:
        run_state_machine_as_test(EditorMachine, settings=settings(
            max_examples=max(1, int(6 * SCALE)), stateful_step_count=300, deadline=None,
            suppress_health_check=list(HealthCheck)))
    finally:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
