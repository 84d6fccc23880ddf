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
