"""Undo of a large delete is quick and exact: the flows of what the delete removed are kept
until the next edit, so its Undo recomputes none, and gives back the same flows and findings."""
from __future__ import annotations

from designer.analysis import flows as flows_module
from designer.editor import DocumentEditor
from tests.conftest import ZONES, build


def test_undo_of_delete_all_reuses_the_flows_and_gives_back_the_same_analysis(catalog, monkeypatch):
    nodes = [("edge", "edge_transport", "dmz")] + [(f"m{i}", "mailbox", "lan") for i in range(30)]
    conns = [("c", "edge", "m0")] + [(f"d{i}", f"m{i}", f"m{i + 1}") for i in range(29)]
    editor = DocumentEditor(catalog)
    editor.document = build("2016", ZONES, nodes, conns)
    editor._reanalyse()
    before = (list(editor.flows), list(editor.findings))
    assert editor.flows
    computed: list[str] = []
    real = flows_module.connection_flows

    def counting(doc, catalog, connection):
        computed.append(connection.id)
        return real(doc, catalog, connection)

    monkeypatch.setattr(flows_module, "connection_flows", counting)
    editor.delete(list(editor.document.nodes) + list(editor.document.zones))
    assert not editor.document.connections and editor.flows == []
    editor.undo_stack.undo()
    assert computed == []  # every connection's flows came back from the cache
    assert (list(editor.flows), list(editor.findings)) == before

    editor.set_document_name("Another edit")  # the next edit forgets what the delete removed
    editor.delete(["c"])
    editor.set_document_name("And another")
    editor.undo_stack.undo()
    editor.undo_stack.undo()
    assert computed == ["c"]
