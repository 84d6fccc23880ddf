"""The editor API: each edit one undo step, undo restores the snapshot, redo re-applies it."""
from designer.editor import DocumentEditor
from designer.model import Rect
from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "samples" / "exchange2016-edge.yaml"


def test_every_edit_undoes_to_the_snapshot_and_redoes(qtbot, catalog):
    editor = DocumentEditor(catalog)
    editor.open(SAMPLE)
    stack = editor.undo_stack
    edits = [
        lambda: editor.add_zone("Branch", "internal", Rect(3000, 0, 400, 300)),
        lambda: editor.add_node("mailbox", (3100, 150)),
        lambda: editor.connect("ex01", "dc01"),
        lambda: editor.set_node("ex01", name="EXCH-01"),
        lambda: editor.set_node("dc01", role="dns_server"),
        lambda: editor.set_services("c_edge_ex01", ["SMTP"]),
        lambda: editor.set_zone("dmz", kind="internal", color="#ffeedd"),
        lambda: editor.move({"proxy01": (2000, 300)}),
        lambda: editor.set_exchange_version("2010"),
        lambda: editor.set_document_name("Renamed"),
        lambda: editor.delete(["ex02", "internet"]),
        lambda: editor.duplicate(["edge01", "ex01"]),
    ]
    snapshots = [editor.document.snapshot()]
    for edit in edits:
        before = stack.count()
        edit()
        assert stack.count() == before + 1, stack.undoText()
        snapshots.append(editor.document.snapshot())
    for snapshot in reversed(snapshots[:-1]):
        stack.undo()
        assert editor.document.snapshot() == snapshot
    for snapshot in snapshots[1:]:
        stack.redo()
        assert editor.document.snapshot() == snapshot


def test_a_node_dropped_outside_every_zone_joins_the_nearest(qtbot, catalog):
    editor = DocumentEditor(catalog)
    editor.open(SAMPLE)
    internal = editor.document.zone("internal").rect
    node = editor.add_node("mailbox", (internal.x + internal.width + 50, internal.y + 40))
    assert editor.document.node(node).zone == "internal"
    x, y = editor.document.node(node).pos
    assert internal.x < x < internal.x + internal.width and internal.y < y < internal.y + internal.height


def test_opening_pauses_the_cyclic_collector_and_always_resumes_it(qtbot, catalog, tmp_path, monkeypatch):
    import gc

    import designer.editor.editor as editor_module
    from designer.model import Document
    from designer.support.yamlsafe import InputError

    editor = DocumentEditor(catalog)
    seen = []
    real_load = editor_module.load_document

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return real_load(*args, **kwargs)
    monkeypatch.setattr(editor_module, "load_document", spy)
    assert gc.isenabled()
    editor.open(SAMPLE)
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: exchange-topology/1\nnodes: [\n", encoding="utf-8")
    try:
        editor.open(bad)
    except InputError:
        pass
    else:
        raise AssertionError("a broken file opened")
    assert seen == [False, False] and gc.isenabled()
    assert editor.path == SAMPLE  # the failed open left the open design alone


def test_copy_and_paste_give_new_ids_shifted_with_the_connections_among_them(qtbot, catalog):
    editor = DocumentEditor(catalog)
    editor.open(ROOT / "data" / "samples" / "exchangeSE-hybrid.yaml")
    doc = editor.document
    a, b = next(iter(doc.connections.values())).between
    before = set(doc.all_ids())
    new = editor.paste_fragment(editor.copy_fragment([a, b]), offset=(40, 60))
    assert len(new) == 3 and not set(new) & before  # two nodes and their connection, new ids
    for old_id, new_id in zip((a, b), new):
        old, copy = doc.node(old_id), doc.node(new_id)
        assert (copy.role, copy.pos) == (old.role, (old.pos[0] + 40, old.pos[1] + 60))
    assert doc.connection(new[2]).between == (new[0], new[1])
    assert editor.undo_stack.undoText() == "Paste 3 items"
    editor.undo_stack.undo()
    assert set(doc.all_ids()) == before


def test_pasting_nodes_into_a_design_without_zones_says_to_add_a_zone(qtbot, catalog):
    import pytest

    from designer.model import Document
    from designer.support.yamlsafe import InputError

    editor = DocumentEditor(catalog)
    editor.open(ROOT / "data" / "samples" / "exchangeSE-hybrid.yaml")
    node = next(iter(editor.document.nodes))
    copied = editor.copy_fragment([node])
    editor.restore(Document("empty", "SE"), None)  # (a new design has the default zones)
    with pytest.raises(InputError, match="add a zone first"):
        editor.paste_fragment(copied)
    assert editor.undo_stack.count() == 0 and not editor.document.nodes
