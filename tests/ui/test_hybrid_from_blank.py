"""What a new user does for an SE hybrid design: a blank design (SE), a Microsoft 365 zone added
with Z and given the cloud kind in the Inspector, nodes dropped from the palette into zones,
connections drawn from the handles. Every line then shows Microsoft's ports, authentication and
encryption, and each fact names its page."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from tests.ui.gestures import connect_from_handle, drop_role


def test_draw_the_se_hybrid_design_from_a_blank_design(window, qtbot):
    editor, scene, view = window.editor, window.scene, window.view
    editor.new_document()
    assert editor.document.exchange_version == "SE"  # a new blank design is SE
    view.zoom_reset()

    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z)  # Insert > Add Zone
    [cloud] = set(editor.document.zones) - {"internet", "dmz", "internal"}
    kind = window.findChild(QComboBox, "inspector_zone_kind")
    kind.setFocus()
    qtbot.keyClick(kind, Qt.Key.Key_End)  # the last kind: cloud (Microsoft 365)
    assert editor.document.zone(cloud).kind == "cloud"

    def drop(role: str, zone_id: str, fx: float = 0.5, fy: float = 0.5) -> str:
        node_id = drop_role(window, role, zone_id, fx, fy)
        assert editor.document.node(node_id).zone == zone_id
        return node_id

    def connect(a: str, b: str) -> str:
        return connect_from_handle(window, a, b)

    exo = drop("exchange_online", cloud, 0.5, 0.3)
    entra = drop("entra_id", cloud, 0.5, 0.75)
    net = drop("internet_mail", "internet", 0.5, 0.2)
    edge = drop("edge_transport", "dmz", 0.5, 0.2)
    mbx1 = drop("mailbox", "internal", 0.3, 0.2)
    mbx2 = drop("mailbox", "internal", 0.7, 0.2)
    dc = drop("domain_controller", "internal", 0.3, 0.8)
    sync = drop("entra_connect", "internal", 0.7, 0.8)
    lines = [connect(*pair) for pair in ((net, edge), (edge, mbx1), (edge, mbx2), (exo, edge), (exo, mbx1),
                                         (mbx1, mbx2), (mbx1, dc), (mbx2, dc), (sync, dc), (sync, entra))]

    errors = [f.message for f in editor.findings if f.severity == "error"]
    assert errors == []
    for conn_id in lines:
        label = scene.connections[conn_id].label
        assert label.error is None and label.all_lines, conn_id
    # the hybrid lines say what Microsoft says, on the line
    hybrid_mail = " ".join(line.text for line in scene.connections[lines[3]].label.all_lines)
    assert "25/TCP Hybrid SMTP" in hybrid_mail and "mutual TLS" in hybrid_mail
    inbound = " ".join(line.text for line in scene.connections[lines[0]].label.all_lines)
    assert "25/TCP SMTP · Anonymous · opportunistic TLS" in inbound
    dag = " ".join(line.text for line in scene.connections[lines[5]].label.all_lines)
    assert "any port/protocol" in dag
    # and each fact names its page: the tooltip cites the ports', the authentication's and the
    # encryption's sources, with their addresses
    from designer.analysis.labels import tooltip_html

    tip = tooltip_html(editor.document, editor.catalog, lines[3])
    assert "Source (Ports" in tip and "https://learn.microsoft.com/" in tip
    flows = editor.flows_of(lines[4])
    assert flows and all(f.authentication != "Not stated" and f.encryption != "Not stated" for f in flows)
    assert all(set(f.source_ids) >= {f.path.source} and "ms_exchange_se_available" in f.source_ids
               for f in flows if "2019" in f.path.versions)
