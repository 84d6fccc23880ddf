"""Presentation mode driven with real key events on the window: captions, highlights, the
executive view, leaving with Esc, and a design left exactly as it was.

These tests never spin a Qt event loop (no qtbot.wait/waitUntil): a loop would process the
pending deleteLater of the main-window tests' windows, whose editors outlive them and, at
interpreter exit, call MainWindow lambdas on deleted objects (harmless tracebacks, exit 0).
"""
from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from designer.editor import DocumentEditor
from designer.ui.presentation import NO_SCENARIO, PresentationWindow
from tests.conftest import ROOT

SAMPLES = ROOT / "data" / "samples"


@pytest.fixture()
def present(qtbot, catalog):
    """Open a sample and start presenting it; the window is closed and deleted afterwards."""
    made = []

    def start(sample: str | None = "exchange2016-edge.yaml"):
        editor = DocumentEditor(catalog)
        if sample:
            editor.open(SAMPLES / sample)
        win = PresentationWindow(editor)
        made.append((editor, win))
        win.start()
        qtbot.waitExposed(win)
        # Full screen arrives a moment later. Poll with processEvents rather than an event loop:
        # a loop would run the deleteLater of earlier tests' windows (see the module docstring).
        deadline = time.monotonic() + 5
        while win.size() != win.screen().size() and time.monotonic() < deadline:
            QApplication.processEvents()
        assert win.size() == win.screen().size()
        return editor, win

    yield start
    for editor, win in made:
        if win.isVisible():
            win.close()
        win.deleteLater()
        editor.deleteLater()
    QApplication.processEvents()


def highlighted(win) -> list[str]:
    return [c for c, item in win.scene.connections.items() if item.highlighted]


def key(qtbot, win, k) -> None:
    qtbot.keyClick(win, k)


def test_steps_through_hops_and_scenarios_with_the_keys(present, qtbot):
    editor, win = present()
    before, undo = editor.document.snapshot(), (editor.undo_stack.count(), editor.undo_stack.index())
    assert win.isFullScreen()
    assert win.current_scenario().id == "external_outlook"
    assert win.title_label.text() == "An external Outlook user reaches a mailbox"
    assert "Step 1 of 2" in win.step_label.text() and "Scenario 1 of 4" in win.step_label.text()
    assert win.hop_label.text() == ("Remote Outlook → Reverse proxy · 443/TCP HTTPS publishing · "
                                    "Authentication: Pass-through or proxy pre-auth (per published app) · "
                                    "Encryption: HTTPS")
    assert highlighted(win) == ["c_outlook_proxy"]

    key(qtbot, win, Qt.Key.Key_Right)
    hop = win.current_hop()
    assert (hop.source, hop.destination, hop.connection) == ("proxy01", "ex01", "c_proxy_ex01")
    assert "Step 2 of 2" in win.step_label.text()
    assert win.hop_label.text().startswith("Reverse proxy → EX01 · 443/TCP HTTPS publishing")
    assert highlighted(win) == ["c_proxy_ex01"]
    assert win.scene.connections["c_proxy_ex01"].opacity() == 1.0
    assert win.scene.connections["c_ex01_dc"].opacity() < 0.5  # not involved: dimmed
    assert win.scene.nodes["dc01"].opacity() < 0.5 and win.scene.nodes["ex01"].opacity() == 1.0

    key(qtbot, win, Qt.Key.Key_Right)  # the last hop: on to the next scenario
    assert win.current_scenario().id == "inbound_mail" and "Step 1 of 2" in win.step_label.text()
    assert win.title_label.text() == "Inbound Internet mail"
    assert highlighted(win) == ["c_inet_edge"]
    key(qtbot, win, Qt.Key.Key_Space)
    assert win.hop_label.text() == ("EDGE01 → EX01 · 25/TCP SMTP · Authentication: Exchange Server auth · "
                                    "Encryption: mutual TLS")
    assert highlighted(win) == ["c_edge_ex01"]

    key(qtbot, win, Qt.Key.Key_Left)
    assert highlighted(win) == ["c_inet_edge"] and win.current_scenario().id == "inbound_mail"
    key(qtbot, win, Qt.Key.Key_PageUp)  # back into the previous scenario, at its last hop
    assert win.current_scenario().id == "external_outlook" and highlighted(win) == ["c_proxy_ex01"]
    for k in (Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Right):
        key(qtbot, win, k)
    assert win.current_scenario().id == "outbound_mail" and highlighted(win) == ["c_edge_ex01"]
    key(qtbot, win, Qt.Key.Key_Up)
    assert highlighted(win) == ["c_edge_ex01"] and win.current_scenario().id == "inbound_mail"
    key(qtbot, win, Qt.Key.Key_End)
    assert win.current_scenario().id == "edgesync" and "50636/TCP EdgeSync" in win.hop_label.text()
    key(qtbot, win, Qt.Key.Key_Right)  # nothing after the last hop
    assert win.current_scenario().id == "edgesync"
    key(qtbot, win, Qt.Key.Key_Home)
    assert win.current_scenario().id == "external_outlook" and highlighted(win) == ["c_outlook_proxy"]

    with qtbot.waitSignal(win.closed, timeout=2000):
        key(qtbot, win, Qt.Key.Key_Escape)
    assert not win.isVisible()
    assert win.scene.document is None  # detached from the editor
    assert editor.document.snapshot() == before
    assert (editor.undo_stack.count(), editor.undo_stack.index()) == undo and not editor.modified


def test_d_toggles_the_executive_view(present, qtbot):
    _, win = present()
    key(qtbot, win, Qt.Key.Key_Right)
    assert win.detail_visible
    assert all(item.label_item.isVisible() for item in win.scene.connections.values())
    key(qtbot, win, Qt.Key.Key_D)
    assert not win.detail_visible
    assert not any(item.label_item.isVisible() for item in win.scene.connections.values())
    assert win.hop_label.text() == "Reverse proxy → EX01: encrypted"
    assert "/TCP" not in win.hop_label.text() + win.description_label.text()
    key(qtbot, win, Qt.Key.Key_Right)  # the executive view holds while stepping
    assert win.hop_label.text() == "Internet mail servers → EDGE01: encrypted"
    key(qtbot, win, Qt.Key.Key_D)
    assert win.detail_visible and "25/TCP SMTP" in win.hop_label.text()
    assert all(item.label_item.isVisible() for item in win.scene.connections.values())


def test_read_only_large_text_and_framed_on_the_hop(present, qtbot):
    editor, win = present()
    before = editor.document.snapshot()
    # the offscreen screen (800 px wide) is smaller than a projector's: the type shrinks a little
    # to fit (tests/ui/test_presentation_fit.py: full size at 1920×1080)
    assert win.caption_scale >= 0.85
    for label in (win.title_label, win.step_label, win.hop_label, win.description_label):
        assert label.font().pointSizeF() >= round(18 * win.caption_scale, 1)
    assert not win.view.isInteractive() and not win.scene.show_grid
    assert win.view.zoom() >= 1.0  # labels at least at their normal size
    visible = win.view.mapToScene(win.view.viewport().rect()).boundingRect()
    for node in ("remote_outlook", "proxy01"):
        assert visible.contains(win.scene.nodes[node].sceneBoundingRect().center())
    # a real drag on a node moves nothing
    node = win.scene.nodes["proxy01"]
    start = win.view.mapFromScene(node.sceneBoundingRect().center())
    vp = win.view.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(vp, start + QPoint(60, 40))
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(60, 40))
    assert editor.document.snapshot() == before and editor.undo_stack.count() == 0
    assert not win.scene.selectedItems()


def test_2010_phone_call_caption(present, qtbot):
    _, win = present("exchange2010-um.yaml")
    key(qtbot, win, Qt.Key.Key_End)
    assert win.current_scenario().id == "phone_call" and "Scenario 5 of 5" in win.step_label.text()
    assert win.hop_label.text().startswith("PBX01 → UM01 · 5060, 5065, 5067/TCP SIP · "
                                           "Authentication: By IP address · Encryption: None")
    assert highlighted(win) == ["c_pbx_um"]


def test_follows_edits_made_while_presenting(present, qtbot):
    editor, win = present()
    key(qtbot, win, Qt.Key.Key_Right)
    key(qtbot, win, Qt.Key.Key_Right)  # inbound mail
    editor.delete(["proxy01"])
    assert [s.id for s in win.scenarios] == ["inbound_mail", "outbound_mail", "edgesync"]
    assert win.current_scenario().id == "inbound_mail" and highlighted(win) == ["c_inet_edge"]


def test_a_design_without_scenarios_says_so_and_esc_still_leaves(present, qtbot):
    _, win = present(None)
    assert win.current_scenario() is None and win.current_hop() is None
    assert win.title_label.text() == NO_SCENARIO
    key(qtbot, win, Qt.Key.Key_Right)
    key(qtbot, win, Qt.Key.Key_D)
    assert win.current_scenario() is None
    with qtbot.waitSignal(win.closed, timeout=2000):
        key(qtbot, win, Qt.Key.Key_Escape)
    assert not win.isVisible()


def test_labels_that_gave_way_stay_hidden_and_the_hops_is_shown(present, qtbot):
    """Crowded lines: a label with no free place is hidden in the presentation as on the
    canvas, so no label is drawn over another (the current hop's is always shown, over them)."""
    editor, win = present()
    with editor.batch():
        for i in range(6):  # six clients in a column, each to both mailbox servers
            node = editor.add_node("outlook", (1200.0 + 60 * (i % 2), 300.0 + 50 * i), "internal")
            editor.connect(node, "ex01")
            editor.connect(node, "ex02")
    win.first()
    gave_way = set()
    for _ in range(8):
        hop = win.current_hop()
        labels = {c: item.label_item for c, item in win.scene.connections.items()}
        gave_way |= {c for c, label in labels.items() if not label.isVisible()}
        assert labels[hop.connection].isVisible(), hop.connection
        others = [label.sceneBoundingRect() for c, label in labels.items()
                  if label.isVisible() and c != hop.connection]
        for i, a in enumerate(others):
            assert not any(a.intersects(b) for b in others[i + 1:])
        key(qtbot, win, Qt.Key.Key_Right)
    assert gave_way, "the design is not crowded enough for a label to give way"
