"""Zooming keeps the view where the user looks: Fit centres the design, the keyboard keeps the
view's centre, the wheel the point under the mouse, and a fitted view stays fitted on resize."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from designer.canvas.view import FIT_MARGIN, fit_zoom
from designer.ui.window.main_window import MainWindow
from tests.conftest import ROOT


def centre(view) -> QPointF:
    port = view.viewport().rect()
    return view.mapToScene(QPoint(port.width() // 2, port.height() // 2))


def test_a_label_that_gave_way_takes_no_room_in_the_designs_bounds(sample_view):
    """Fit frames the design by the items' bounds: a hidden label (it gave way) must not count,
    wherever it is, and it counts again, at its size, once it is shown."""
    _editor, scene, _view = sample_view(900, 600)
    before = scene.itemsBoundingRect()
    label = next(iter(scene.connections.values())).label_item
    size = label.size()
    assert not size.isEmpty() and label.boundingRect().size() == size
    label.set_shown(False)
    label.setPos(before.right() + 5000, before.bottom() + 5000)
    assert label.boundingRect().isEmpty()
    assert scene.itemsBoundingRect() == before
    label.set_lines(["→ 443/TCP HTTPS", "← 25/TCP SMTP, and a longer line"])  # a new text while hidden
    assert label.boundingRect().isEmpty() and scene.itemsBoundingRect() == before
    label.set_shown(True)
    assert label.boundingRect() == QRectF(QPointF(0, 0), label.size())
    assert scene.itemsBoundingRect().contains(label.sceneBoundingRect())


def test_fit_centres_the_design_and_fills_the_view(sample_view):
    _editor, scene, view = sample_view(900, 600)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 300)
    view.fit()
    bounds = scene.itemsBoundingRect()
    assert (centre(view) - bounds.center()).manhattanLength() < 3
    port = view.viewport()
    expected = min(port.width() / (bounds.width() + 2 * FIT_MARGIN), port.height() / (bounds.height() + 2 * FIT_MARGIN))
    assert view.zoom() == pytest.approx(expected, rel=1e-6)
    shown = view.mapToScene(port.rect()).boundingRect()
    assert shown.contains(bounds)


def test_a_fitted_view_whose_scene_has_gone_can_still_be_resized(sample_view, qtbot):
    """A view outliving its scene (closing, or a benchmark opening the design again) is resized
    without an error: re-fitting needs a scene."""
    _editor, scene, view = sample_view(900, 600)
    view.fit()
    assert view.fitted
    view.setScene(None)
    view.resize(700, 500)  # pytest-qt fails the test on an exception in resizeEvent
    qtbot.wait(10)
    assert view.size().width() == 700


def test_fit_zoom_is_capped_for_a_small_design():
    from PySide6.QtCore import QRectF
    assert fit_zoom(QRectF(0, 0, 100, 100), 2000, 2000) == 1.5
    assert fit_zoom(QRectF(0, 0, 960, 460), 1000, 1000) == pytest.approx(1000 / 1000)


def test_ctrl_0_keeps_the_centre_with_the_mouse_in_a_corner(window, qtbot):
    window.editor.open(ROOT / "data" / "samples" / "exchange2016-edge.yaml")
    view = window.view
    view.fit()
    before = centre(view)
    view.setFocus()
    QTest.mouseMove(view.viewport(), QPoint(3, 3))
    qtbot.keyClick(view.viewport(), Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(1.0)
    assert (centre(view) - before).manhattanLength() < 3
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(0.8)
    assert (centre(view) - before).manhattanLength() < 3


def test_the_wheel_keeps_the_point_under_the_mouse(sample_view):
    _editor, _scene, view = sample_view(900, 600)
    view.fit()
    at = QPointF(120, 90)
    under = view.mapToScene(at.toPoint())
    zoom = view.zoom()
    event = QWheelEvent(at, view.viewport().mapToGlobal(at), QPoint(0, 0), QPoint(0, 240),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)
    assert view.zoom() == pytest.approx(zoom * 1.15 ** 2)
    assert (view.mapToScene(at.toPoint()) - under).manhattanLength() < 3


def test_a_fitted_view_stays_fitted_when_resized_until_the_user_zooms(sample_view, qtbot):
    _editor, scene, view = sample_view(600, 400)
    view.fit()
    small = view.zoom()
    view.resize(1200, 800)
    qtbot.waitUntil(lambda: view.zoom() > small)
    assert (centre(view) - scene.itemsBoundingRect().center()).manhattanLength() < 3
    fitted = view.zoom()
    view.zoom_in()
    view.resize(700, 500)
    QApplication.processEvents()
    assert view.zoom() == pytest.approx(fitted * 1.25)


def test_a_template_opens_in_the_fit_view(catalog, qtbot, tmp_path):
    from PySide6.QtCore import QSettings
    from designer.editor import DocumentEditor
    from designer.ui.dialogs.start_page import TEMPLATE, Choice

    editor = DocumentEditor(catalog)
    win = MainWindow(editor, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    win.resize(900, 600)
    win.show()
    qtbot.waitExposed(win)
    sample = ROOT / "data" / "samples" / "exchange2016-edge.yaml"
    win.files.open_choice(Choice(TEMPLATE, sample, sample.stem, ""))
    win.resize(1366, 768)  # the window reaches its final size after the design opened
    QApplication.processEvents()
    opened = win.view.zoom()
    assert (centre(win.view) - win.scene.itemsBoundingRect().center()).manhattanLength() < 3
    win.view.fit()  # Ctrl+9
    assert win.view.zoom() == pytest.approx(opened)
    editor.undo_stack.setClean()
    win.close()
    win.deleteLater()
