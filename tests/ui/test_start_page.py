"""The start page: File ▸ New and a start without FILE offer templates, recent files and tips."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from PySide6.QtCore import QSettings, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from designer.io import load_document
from designer.ui.dialogs.start_page import BLANK, DATA, RECENT, SHOW_KEY, TEMPLATE, StartPage
from tests.conftest import ROOT, SAMPLES

UM_2010 = ROOT / "data" / "samples" / "exchange2010-um.yaml"
EDGE_2016 = ROOT / "data" / "samples" / "exchange2016-edge.yaml"
CTRL = Qt.KeyboardModifier.ControlModifier


def shown_page(qtbot, window) -> StartPage:
    qtbot.waitUntil(lambda: any(p.isVisible() for p in window.findChildren(StartPage)), timeout=3000)
    page = next(p for p in window.findChildren(StartPage) if p.isVisible())
    qtbot.waitUntil(page.isActiveWindow, timeout=3000)  # keys go to the page, as for a user
    return page


def press_new(qtbot, window) -> StartPage:
    window.view.setFocus()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_N, CTRL)
    return shown_page(qtbot, window)


def double_click(qtbot, widget, pos) -> None:
    """What a user's double click delivers: press, release, double-click, release (QTest's
    mouseDClick alone sends only the double-click event)."""
    left = Qt.MouseButton.LeftButton
    qtbot.mouseClick(widget, left, pos=pos)
    qtbot.mouseDClick(widget, left, pos=pos)
    qtbot.mouseRelease(widget, left, pos=pos)


def item_for(view, predicate):
    return next(view.item(i) for i in range(view.count()) if predicate(view.item(i).data(DATA)))


def test_file_new_shows_templates_recent_files_and_tips(window, qtbot, catalog):
    window.files.remember(EDGE_2016)
    page = press_new(qtbot, window)
    assert page.windowModality() == Qt.WindowModality.WindowModal
    choices = [page.templates.item(i).data(DATA) for i in range(page.templates.count())]
    assert choices[0].kind == BLANK and choices[0].title == "Blank design"
    samples = {c.path.name: c for c in choices if c.kind == TEMPLATE}
    assert set(samples) == {p.name for p in SAMPLES}
    for path in SAMPLES:  # names and versions come from the files
        doc = load_document(path, catalog.roles)
        assert samples[path.name].title == doc.name
        assert f"Exchange {doc.exchange_version}" in samples[path.name].subtitle
        assert f"{len(doc.nodes)} nodes" in samples[path.name].subtitle
    thumb = page.templates.item(1).data(Qt.ItemDataRole.DecorationRole).toImage()
    colours = {thumb.pixelColor(x, y).name() for x in range(0, thumb.width(), 7) for y in range(0, thumb.height(), 7)}
    assert len(colours) > 4  # a drawing, not a blank square
    assert [page.recent.item(i).data(DATA).path for i in range(page.recent.count())] == [EDGE_2016.resolve()]
    text = page.findChild(QLabel, "start_tips_text").text()
    assert 3 <= text.count("<tr>") <= 5 and "F5" in text and "Export" in text
    assert page.templates.hasFocus() and page.ok.isDefault() and page.ok.text() == "Create"


def test_arrow_keys_move_through_the_templates_and_enter_creates(window, qtbot):
    window.files.open_path(EDGE_2016, ask=False)
    page = press_new(qtbot, window)
    assert page.choice().kind == BLANK
    qtbot.keyClick(page.templates, Qt.Key.Key_Right)
    first = page.choice()
    assert first.kind == TEMPLATE
    qtbot.keyClick(page.templates, Qt.Key.Key_Left)
    assert page.choice().kind == BLANK
    qtbot.keyClick(page.templates, Qt.Key.Key_Return)
    assert not page.isVisible()
    doc = window.editor.document
    assert doc.name == "Untitled design" and not doc.nodes and window.editor.path is None


def test_double_clicking_the_2010_um_template_gives_a_new_unsaved_design(window, qtbot, catalog, tmp_path,
                                                                          monkeypatch):
    window.files.open_path(EDGE_2016, ask=False)
    before = UM_2010.read_bytes()
    page = press_new(qtbot, window)
    item = item_for(page.templates, lambda c: c.path == UM_2010)
    rect = page.templates.visualItemRect(item)
    double_click(qtbot, page.templates.viewport(), rect.center())
    assert not page.isVisible()
    editor, sample = window.editor, load_document(UM_2010, catalog.roles)
    assert editor.document.exchange_version == "2010" and editor.path is None
    assert set(editor.document.nodes) == set(sample.nodes) and editor.document.name == sample.name
    assert "(unsaved)" in window.windowTitle() and not window.isWindowModified()
    # Save asks where; the sample is never written to
    target = tmp_path / "fabrikam.yaml"
    asked = []
    monkeypatch.setattr("designer.ui.window.files.QFileDialog.getSaveFileName",
                        lambda *a, **k: asked.append(a) or (str(target), ""))
    window.activateWindow()  # a window manager does this when the dialog closes; offscreen doesn't
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    window.view.setFocus()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_S, CTRL)
    assert asked and editor.path == target and UM_2010.read_bytes() == before
    assert set(load_document(target, catalog.roles).nodes) == set(sample.nodes)


def test_enter_on_a_recent_file_opens_it(window, qtbot, tmp_path):
    older, newer = tmp_path / "older.yaml", tmp_path / "newer.yaml"
    shutil.copy(ROOT / "data" / "samples" / "exchange2019-edge.yaml", older)
    shutil.copy(EDGE_2016, newer)
    window.files.remember(older)
    window.files.remember(newer)
    page = press_new(qtbot, window)
    assert [page.recent.item(i).text() for i in range(page.recent.count())] == ["newer.yaml", "older.yaml"]
    qtbot.keyClick(page.templates, Qt.Key.Key_Tab)  # into the recent files
    assert page.recent.hasFocus() and page.choice().path == newer.resolve()
    assert page.ok.text() == "Open" and not page.templates.selectedItems()
    qtbot.keyClick(page.recent, Qt.Key.Key_Down)
    assert page.choice().kind == RECENT and page.choice().path == older.resolve()
    qtbot.keyClick(page.recent, Qt.Key.Key_Return)
    assert not page.isVisible()
    assert window.editor.path == older.resolve() and window.editor.document.exchange_version == "2019"
    assert "older.yaml" in window.windowTitle()


def test_escape_leaves_the_current_document_untouched(window, qtbot, monkeypatch):
    window.files.open_path(EDGE_2016, ask=False)
    window.editor.set_document_name("Work in progress")
    monkeypatch.setattr("designer.ui.window.files.QMessageBox.warning",
                        lambda *a, **k: QMessageBox.StandardButton.Discard)  # the prompt comes first
    doc = window.editor.document
    page = press_new(qtbot, window)
    qtbot.keyClick(page.templates, Qt.Key.Key_Right)
    qtbot.keyClick(page.templates, Qt.Key.Key_Escape)
    assert not page.isVisible()
    assert window.editor.document is doc and doc.name == "Work in progress"
    assert window.editor.path == EDGE_2016 and window.isWindowModified()


def test_cancelled_prompt_shows_no_start_page(window, qtbot, monkeypatch):
    window.editor.set_document_name("Work in progress")
    monkeypatch.setattr("designer.ui.window.files.QMessageBox.warning",
                        lambda *a, **k: QMessageBox.StandardButton.Cancel)
    window.menu_actions.new.trigger()
    QApplication.processEvents()
    assert not any(p.isVisible() for p in window.findChildren(StartPage))


def test_show_at_startup_is_a_setting(window, qtbot):
    page = window.files.offer_start_page()
    assert page is not None and page.isVisible() and page.show_check.isChecked()
    qtbot.mouseClick(page.show_check, Qt.MouseButton.LeftButton)
    assert window.settings.value(SHOW_KEY, type=bool) is False
    qtbot.keyClick(page.templates, Qt.Key.Key_Escape)
    assert window.files.offer_start_page() is None
    page = press_new(qtbot, window)  # File ▸ New shows it all the same, unchecked
    assert not page.show_check.isChecked()
    qtbot.mouseClick(page.show_check, Qt.MouseButton.LeftButton)
    assert window.settings.value(SHOW_KEY, type=bool) is True
    page.reject()


class Marking(QTranslator):
    """Translates every "StartPage" text to itself in ‹ ›, so an unwrapped text stands out."""

    def translate(self, context, source, disambiguation=None, n=-1):  # Qt's name
        return f"‹{source}›" if context == "StartPage" else None


def test_every_text_of_the_page_goes_through_translation(window, qtbot, qapp):
    translator = Marking()
    qapp.installTranslator(translator)
    try:
        page = press_new(qtbot, window)
        texts = [page.windowTitle(), page.show_check.text(), page.ok.text(), page.open_other.text()]
        texts += [label.text() for label in page.findChildren(QLabel)
                  if label.text() and label.isVisible() and label.objectName() != "start_tips_text"]
        blank = page.templates.item(0).data(DATA)
        texts += [blank.title, blank.subtitle]
        texts += [page.templates.item(i).data(DATA).subtitle for i in range(1, page.templates.count())]
        tips = page.findChild(QLabel, "start_tips_text").text()
        page.reject()
    finally:
        qapp.removeTranslator(translator)
    assert all(text.startswith("‹") for text in texts), [t for t in texts if not t.startswith("‹")]
    assert tips.count("‹") == tips.count("<tr>") == 5


# ---- the real start, in a process of its own (its own settings under XDG_CONFIG_HOME)
CHILD = """
import json, runpy, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from designer.ui.window.main_window import MainWindow
from designer.ui.dialogs.start_page import StartPage

app = QApplication(sys.argv[:1])

def report():
    window = next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow)), None)
    if window is None or not window.isVisible():
        QTimer.singleShot(20, report)
        return
    pages = [p for p in window.findChildren(StartPage) if p.isVisible()]
    print(json.dumps({"start_page": bool(pages), "name": window.editor.document.name,
                      "path": str(window.editor.path)}), flush=True)
    if pages:
        pages[0].reject()
    app.quit()

QTimer.singleShot(0, report)
sys.argv = ["designer", *sys.argv[1:]]
runpy.run_module("designer", run_name="__main__", alter_sys=True)
"""


def start(tmp_path, *args: str, show: bool | None = None) -> dict:
    config = tmp_path / "config"
    if show is not None:
        settings = QSettings(str(config / "ExchangeTopologyDesigner" / "designer.conf"), QSettings.Format.IniFormat)
        settings.setValue(SHOW_KEY, show)
        settings.sync()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(config),
               XDG_DATA_HOME=str(tmp_path / "data"), ETD_EXIT_AFTER_MS="20000")
    result = subprocess.run([sys.executable, "-c", CHILD, *args], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_start_without_file_shows_the_start_page_on_a_blank_design(tmp_path):
    seen = start(tmp_path)
    assert seen == {"start_page": True, "name": "Untitled design", "path": "None"}


@pytest.mark.parametrize("case", ["switched off", "FILE given"])
def test_no_start_page_when_switched_off_or_with_a_file(tmp_path, case):
    seen = start(tmp_path, show=False) if case == "switched off" else start(tmp_path, str(EDGE_2016))
    assert seen["start_page"] is False
    if case == "FILE given":  # ./dev/run opens a sample this way
        assert seen["path"] == str(EDGE_2016)
