"""Presentation captions fit the screen: at a laptop's 1366×768 and a projector's 1920×1080 every
caption of every sample (each scenario, each hop, detail on and off) is shown whole: no label's
text is taller or wider than the label, no label leaves the caption or covers another, and no
line of the hop is dropped. Where even the smallest type would not fit, the hop's lines come in
pages that the arrow keys step through.

Like tests/ui/test_presentation.py, these tests spin no Qt event loop (see its docstring).
"""
from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtWidgets import QApplication

from designer.analysis.scenarios import hop_details, hop_summary
from designer.editor import DocumentEditor
from designer.ui.presentation import MIN_SCALE, PresentationWindow, paginate
from tests.conftest import ROOT

SAMPLES = sorted((ROOT / "data" / "samples").glob("*.yaml"))


@pytest.fixture()
def shown(qtbot, catalog):
    """A presentation of a sample in a window of a given size (the offscreen screen is smaller
    than these, so the window is sized rather than made full screen)."""
    made = []

    def show(sample, width: int, height: int) -> PresentationWindow:
        editor = DocumentEditor(catalog)
        editor.open(sample)
        win = PresentationWindow(editor)
        made.append((editor, win))
        win.show()
        win.resize(width, height)
        qtbot.waitExposed(win)
        deadline = time.monotonic() + 5
        while (win.width(), win.height()) != (width, height) and time.monotonic() < deadline:
            QApplication.processEvents()
        assert (win.width(), win.height()) == (width, height)
        return win

    yield show
    for editor, win in made:
        win.close()
        win.deleteLater()
        editor.deleteLater()
    QApplication.processEvents()


def settle() -> None:
    for _ in range(3):  # layouts are laid out on posted events
        QApplication.processEvents()


def unfit(win: PresentationWindow) -> list[str]:
    """What of the caption is clipped, covered or outside the window (empty: it all fits)."""
    problems = []
    caption = win.caption.geometry()
    if not win.rect().contains(caption):
        problems.append(f"caption {caption} outside the window {win.rect()}")
    shown = [label for label in win.caption_labels() if label.isVisible() and label.text()]
    for label in shown:
        box = label.contentsRect()
        flags = Qt.TextFlag.TextWordWrap | label.alignment()
        needed = label.fontMetrics().boundingRect(QRect(0, 0, box.width(), 100000), flags, label.text())
        if needed.height() > box.height() or needed.width() > box.width():
            problems.append(f"{label.text()!r}: needs {needed.width()}×{needed.height()}, "
                            f"has {box.width()}×{box.height()}")
        if not win.caption.rect().contains(label.geometry().translated(label.parentWidget().pos()
                                                                       - win.caption.pos())):
            problems.append(f"{label.text()!r} leaves the caption")
    for i, a in enumerate(shown):
        for b in shown[i + 1:]:
            if a.geometry().intersects(b.geometry()):
                problems.append(f"{a.text()!r} overlaps {b.text()!r}")
    return problems


def every_caption(win: PresentationWindow):
    """Step through every page of every hop with the Right key; yields at each."""
    win.first()
    while True:
        settle()
        yield
        before = (win.current_scenario().id, win.current_hop(), win.page)
        win.next()
        if (win.current_scenario().id, win.current_hop(), win.page) == before:
            return


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)], ids=["1366x768", "1920x1080"])
@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_every_caption_fits(shown, sample, size):
    win = shown(sample, *size)
    doc, translate = win.editor.document, QCoreApplication.translate
    seen = 0
    for detail in (True, False):
        win.set_detail_visible(detail)
        pages: dict = {}
        for _ in every_caption(win):
            hop = win.current_hop()
            assert unfit(win) == [], (win.current_scenario().id, win.page)
            assert win.caption.height() <= size[1] * 0.45 + 1  # the design stays in view
            pages.setdefault((win.current_scenario().id, hop), []).append(win.hop_label.text())
            seen += 1
        for (_scenario, hop), texts in pages.items():  # every line shown, word for word, once
            lines = hop_details(doc, hop, translate) if detail else [hop_summary(doc, hop, translate)]
            assert "\n".join(texts) == "\n".join(lines)
    assert seen >= 2 * sum(len(s.hops) for s in win.scenarios)
    if size == (1920, 1080):  # a projector: the type is at its full size
        assert win.caption_scale == 1.0 and win.page == (1, 1)


def test_the_2010_phone_call_at_1366x768_shows_all_four_flows(shown, qtbot):
    """The case seen on a laptop: four flows wrapped to seven lines, the first under the step line
    and the last cut mid-word."""
    win = shown(ROOT / "data" / "samples" / "exchange2010-um.yaml", 1366, 768)
    qtbot.keyClick(win, Qt.Key.Key_End)
    settle()
    assert win.current_scenario().id == "phone_call" and win.page == (1, 1)
    lines = win.hop_label.text().split("\n")
    assert len(lines) == 4 and lines[0].startswith("PBX01 → UM01 · 5060, 5065, 5067/TCP SIP")
    assert lines[-1].startswith("1024-65535/UDP RTP") and lines[-1].endswith(")")
    assert unfit(win) == []
    assert MIN_SCALE <= win.caption_scale < 1.0  # shrunk to fit, no more than needed
    assert win.hop_label.font().pointSizeF() >= 12
    hop_bottom = win.hop_label.geometry().bottom()
    assert win.step_label.geometry().bottom() < win.hop_label.geometry().top()
    assert hop_bottom < win.description_label.geometry().top()


def test_a_caption_too_long_for_the_screen_comes_in_pages(shown, qtbot):
    win = shown(ROOT / "data" / "samples" / "exchange2010-um.yaml", 700, 420)
    qtbot.keyClick(win, Qt.Key.Key_End)
    settle()
    page, pages = win.page
    assert page == 1 and pages > 1 and win.caption_scale == pytest.approx(MIN_SCALE)
    assert f"Page 1 of {pages}" in win.step_label.text()
    shown_lines = [win.hop_label.text()]
    hop = win.current_hop()
    for number in range(2, pages + 1):
        qtbot.keyClick(win, Qt.Key.Key_Right)  # the next page of the same hop
        settle()
        assert win.page == (number, pages) and win.current_hop() == hop
        assert f"Page {number} of {pages}" in win.step_label.text()
        assert unfit(win) == []
        shown_lines.append(win.hop_label.text())
    doc = win.editor.document
    assert "\n".join(shown_lines) == "\n".join(hop_details(doc, hop, QCoreApplication.translate))
    assert win.scene.connections["c_pbx_um"].highlighted
    qtbot.keyClick(win, Qt.Key.Key_Left)  # back a page
    settle()
    assert win.page == (pages - 1, pages) and win.current_hop() == hop
    qtbot.keyClick(win, Qt.Key.Key_D)  # the executive view: one line, one page
    settle()
    assert win.page == (1, 1) and "Page" not in win.step_label.text() and unfit(win) == []


def test_paginate_packs_lines_into_pages():
    assert paginate([10, 10, 10], 25) == [[0, 1], [2]]
    assert paginate([30, 5], 25) == [[0], [1]]  # a line taller than the room still gets a page
    assert paginate([], 25) == [[]]
    assert paginate([5, 5], 100) == [[0, 1]]
