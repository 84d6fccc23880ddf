"""File ▸ Export and View ▸ Present, from the main window, as a user reaches them."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import openpyxl
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from designer.ui.window.deliverables import file_stem
from designer.ui.dialogs.export_dialog import ExportDiagramDialog
from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "samples" / "exchange2016-edge.yaml"


@pytest.fixture()
def window(window):
    """The main window (tests/ui/conftest.py) with the 2016 sample open."""
    assert window.files.open_path(SAMPLE, ask=False)
    return window


@pytest.fixture()
def save_as(monkeypatch):
    """The file dialog answers with the given path (a native dialog can't be driven)."""
    asked = []

    def answer(path, selected_filter=""):
        def fake(parent, title, start, filters, chosen=""):
            asked.append((title, start, filters, chosen))
            return str(path), selected_filter or chosen
        monkeypatch.setattr("designer.ui.window.deliverables.QFileDialog.getSaveFileName", fake)
        return asked
    return answer


def drive_dialog(qtbot, act):
    """Run ``act(dialog)`` on the export dialog once it is shown modally."""
    seen = []

    def handle():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ExportDiagramDialog):
            QTimer.singleShot(20, handle)
            return
        seen.append(dialog)
        act(dialog)
    QTimer.singleShot(0, handle)
    return seen


def click_export(qtbot, dialog):
    button = dialog.findChild(QDialogButtonBox).buttons()
    export = next(b for b in button if b.text() == "Export…")
    qtbot.mouseClick(export, Qt.MouseButton.LeftButton)


def test_ctrl_e_exports_the_diagram_as_svg_with_its_labels_as_text(window, qtbot, save_as, tmp_path):
    target = tmp_path / "diagram.svg"
    asked = save_as(target)

    def act(dialog):
        dialog.format_box.setFocus()
        index = dialog.format_box.findData("svg")
        while dialog.format_box.currentIndex() != index:
            qtbot.keyClick(dialog.format_box, Qt.Key.Key_Down)
        assert not dialog.png_group.isVisible() and not dialog.pdf_group.isVisible()
        assert not dialog.selection.isEnabled()  # nothing is selected
        click_export(qtbot, dialog)
    seen = drive_dialog(qtbot, act)
    window.view.setFocus()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert seen, "Ctrl+E did not open the export dialog"
    assert asked[0][1].endswith("Contoso, Exchange 2016 with Edge Transport.svg")  # offered: the design's name
    texts = " ".join(t.text or "" for t in ET.parse(target).iter() if t.tag.endswith("text"))
    assert "EdgeSync" in texts and "25/TCP" in texts
    assert "diagram.svg" in window.statusBar().currentMessage()


def test_png_at_a_resolution_of_the_selection(window, qtbot, save_as, tmp_path):
    target = tmp_path / "edge.png"
    save_as(target)
    window.scene.select_ids(["edge01"])

    def act(dialog):
        dialog.format_box.setCurrentIndex(dialog.format_box.findData("png"))
        assert dialog.selection.isEnabled()
        qtbot.mouseClick(dialog.by_dpi, Qt.MouseButton.LeftButton)
        assert dialog.dpi.isEnabled() and not dialog.scale.isEnabled()
        dialog.dpi.setValue(150)
        qtbot.mouseClick(dialog.selection, Qt.MouseButton.LeftButton)
        click_export(qtbot, dialog)
    drive_dialog(qtbot, act)
    assert window.deliverables.export_diagram()
    image = QImage(str(target))
    assert image.dotsPerMeterX() == pytest.approx(150 / 0.0254, rel=0.01)
    whole = tmp_path / "whole.png"
    save_as(whole)

    def whole_design(dialog):
        assert dialog.by_dpi.isChecked() and dialog.dpi.value() == 150  # remembered
        assert dialog.whole.isChecked()  # the scope is not: the whole design by default
        click_export(qtbot, dialog)
    drive_dialog(qtbot, whole_design)
    assert window.deliverables.export_diagram()
    assert QImage(str(whole)).width() > image.width()  # the selection was a part of it
    assert window.scene.selected_ids() == ["edge01"]  # the selection survives the export


def test_cancel_writes_nothing(window, qtbot, save_as, tmp_path):
    save_as(tmp_path / "never.png")
    drive_dialog(qtbot, lambda dialog: dialog.reject())
    assert not window.deliverables.export_diagram()
    assert not (tmp_path / "never.png").exists()


def test_port_matrix_from_the_window_reads_back_as_xlsx(window, save_as, tmp_path):
    target = tmp_path / "matrix"  # no suffix: the chosen filter's is added
    save_as(target, "Excel workbook (*.xlsx)")
    window.menu_actions.export_matrix.trigger()
    sheet = openpyxl.load_workbook(tmp_path / "matrix.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) - 1 == len(window.editor.flows)
    assert any(50636 in row or "50636" in row for row in rows)


def test_an_export_that_fails_gets_one_message(window, save_as, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("designer.ui.window.deliverables.QMessageBox.critical", lambda *a: shown.append(a[1:]))
    save_as(tmp_path / "missing" / "dir" / "matrix.csv")
    assert not window.deliverables.export_matrix()
    assert len(shown) == 1 and "Cannot export the port matrix" in shown[0][0]
    assert "matrix.csv" in shown[0][1]


def test_file_names_offered_are_safe():
    assert file_stem("../../etc/passwd") == "etc_passwd"
    assert file_stem('Site A: "HQ" <prod>\n') == "Site A_ _HQ_ _prod"
    assert file_stem("...") == "design"


def test_f5_presents_and_esc_comes_back(window, qtbot):
    before = window.editor.document
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_F5)
    show = window.deliverables.presentation
    assert show is not None and show.isVisible()
    assert show.current_scenario() is not None
    qtbot.keyClick(show, Qt.Key.Key_Right)
    qtbot.keyClick(show, Qt.Key.Key_Escape)
    assert window.deliverables.presentation is None
    assert window.editor.document is before and not window.isWindowModified()


def test_firewall_rules_from_the_window(window, save_as, tmp_path):
    save_as(tmp_path / "fw.nft")  # the format follows the suffix typed
    window.menu_actions.export_rules.trigger()
    text = (tmp_path / "fw.nft").read_text(encoding="utf-8")
    assert text.startswith("#!/usr/sbin/nft -f") and "DRAFT" in text
    assert "tcp dport 50636" in text  # EdgeSync
    window.editor.set_exchange_version("2010")  # the rules follow the design as it is now
    save_as(tmp_path / "fw.md")
    window.menu_actions.export_rules.trigger()
    assert "(Exchange 2010)" in (tmp_path / "fw.md").read_text(encoding="utf-8")


def test_ctrl_shift_e_exports_the_report(window, qtbot, save_as, tmp_path):
    import io as _io

    import pypdf

    save_as(tmp_path / "report.pdf")
    window.scene.select_ids(["edge01"])
    window.view.setFocus()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_E,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    reader = pypdf.PdfReader(_io.BytesIO((tmp_path / "report.pdf").read_bytes()))
    assert "Contoso" in reader.pages[0].extract_text()
    assert window.scene.selected_ids() == ["edge01"]  # the report left the canvas as it was


def test_export_diagram_as_drawio_and_visio_from_the_window(window, qtbot, save_as, tmp_path):
    import zipfile

    target = tmp_path / "diagram.drawio"
    asked = save_as(target)

    def act(dialog):
        dialog.format_box.setFocus()
        index = dialog.format_box.findData("drawio")
        while dialog.format_box.currentIndex() != index:
            qtbot.keyClick(dialog.format_box, Qt.Key.Key_Down)
        assert dialog.format_box.currentText() == "draw.io diagram (editable)"
        assert not dialog.scope_group.isVisible()  # always the whole design
        click_export(qtbot, dialog)
    drive_dialog(qtbot, act)
    assert window.deliverables.export_diagram()
    assert "draw.io diagram (*.drawio)" in asked[0][2] and "Visio drawing (*.vsdx)" in asked[0][2]
    cells = {c.get("id"): c for c in ET.parse(target).iter("mxCell")}
    edge01 = next(c for c in cells.values() if c.get("value") == "EDGE01")
    assert cells[edge01.get("parent")].get("value") == "Perimeter network (DMZ)"
    assert any("25/TCP" in (c.get("value") or "") for c in cells.values() if c.get("edge") == "1")
    assert "diagram.drawio" in window.statusBar().currentMessage()

    visio = tmp_path / "diagram"  # no suffix: the chosen filter's is added
    save_as(visio, "Visio drawing (*.vsdx)")

    def visio_format(dialog):
        dialog.format_box.setCurrentIndex(dialog.format_box.findData("vsdx"))
        click_export(qtbot, dialog)
    drive_dialog(qtbot, visio_format)
    assert window.deliverables.export_diagram()
    page = zipfile.ZipFile(tmp_path / "diagram.vsdx").read("visio/pages/page1.xml").decode("utf-8")
    assert "EDGE01" in page and "25/TCP" in page
