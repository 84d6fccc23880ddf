"""A line is styled by the weakest protection over all of its flows, shown or hidden in
"+N more" (issue: the 2019 sample drew Office Outlook ↔ MBX01 green while its sixth flow, 80/TCP
Autodiscover over HTTP, is plaintext)."""
from designer.analysis import compute_flows
from designer.canvas import CanvasScene, CanvasView
from designer.editor import DocumentEditor
from designer.io.tables import matrix_records
from tests.conftest import ROOT


def test_a_plaintext_flow_hidden_in_more_styles_the_line(qtbot, catalog):
    editor = DocumentEditor(catalog)
    editor.open(ROOT / "data" / "samples" / "exchange2019-edge.yaml")
    scene = CanvasScene(editor)
    view = CanvasView(scene)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    try:
        item = scene.connections["c_office_outlook"]
        label = item.label
        assert label.more > 0, "the test needs a connection with more flows than the label shows"
        hidden = label.all_lines[len(label.lines):]
        assert any(line.encryption == "none" for line in hidden)
        assert all(line.encryption != "none" for line in label.lines)
        assert item.kind == "none"  # red dotted: plaintext, though every shown line is encrypted
        # the matrix says the same, machine-readably, with the connection's id
        records = [r for r in matrix_records(compute_flows(editor.document, catalog))
                   if r["connection"] == "c_office_outlook"]
        assert {"encrypted", "none"} <= {r["protection"] for r in records}
        assert any(r["port"] == 80 and r["protection"] == "none" for r in records)
    finally:
        scene.detach()
