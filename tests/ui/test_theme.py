"""Light and dark themes: View > Theme with real clicks repaints the window and the canvas live,
the choice persists, "system" follows the system's colour scheme, exports stay light, and the
dark colours keep their contrast."""
from __future__ import annotations

import colorsys
from collections import Counter

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from designer.render import style
from designer.render.theme import DARK, LIGHT, contrast_ratio
from designer.editor import DocumentEditor
from designer.render.image_export import render_bytes
from designer.ui.dialogs import appearance
from designer.ui.dialogs.appearance import THEME_KEY, scheme_palette
from designer.ui.window.main_window import MainWindow
from designer.ui.presentation import PresentationWindow
from tests.conftest import ROOT

LEFT = Qt.MouseButton.LeftButton
SAMPLE = ROOT / "data" / "samples" / "exchange2016-edge.yaml"
Role = QPalette.ColorRole


@pytest.fixture(autouse=True)
def _light_afterwards():
    """The application palette is global: leave it light for the tests that follow."""
    yield
    QApplication.instance().setPalette(scheme_palette(Qt.ColorScheme.Light))


@pytest.fixture(autouse=True)
def _system_unknown(monkeypatch):
    """A system that states no scheme, as Linux without a desktop (each test may change it)."""
    monkeypatch.setattr(appearance, "system_scheme", lambda: Qt.ColorScheme.Unknown)


def choose_theme(window: MainWindow, qtbot, mode: str) -> None:
    """View > Theme > (mode), with the mouse."""
    theme_menu = window.findChild(QMenu, "theme_menu")
    bar = window.menuBar()
    view_action = next(a for a in bar.actions() if a.menu() and theme_menu.menuAction() in a.menu().actions())
    view_menu = view_action.menu()
    qtbot.mouseClick(bar, LEFT, pos=bar.actionGeometry(view_action).center())
    qtbot.waitUntil(view_menu.isVisible)
    qtbot.mouseClick(view_menu, LEFT, pos=view_menu.actionGeometry(theme_menu.menuAction()).center())
    qtbot.waitUntil(theme_menu.isVisible)
    action = window.appearance.actions[mode]
    qtbot.mouseClick(theme_menu, LEFT, pos=theme_menu.actionGeometry(action).center())
    qtbot.waitUntil(lambda: not view_menu.isVisible())
    assert action.isChecked()
    QApplication.processEvents()  # hidden windows hear of the new palette on the next turn


def canvas_pixels(window: MainWindow) -> QImage:
    QApplication.processEvents()
    return window.view.viewport().grab().toImage()


def most_common(image: QImage, step: int = 7) -> str:
    colours = Counter(image.pixelColor(x, y).name() for x in range(0, image.width(), step)
                      for y in range(0, image.height(), step))
    return colours.most_common(1)[0][0]


def is_dark(palette: QPalette) -> bool:
    return palette.color(Role.Window).lightnessF() < 0.3 and palette.color(Role.Base).lightnessF() < 0.3


def test_view_theme_switches_window_and_canvas_live(window, qtbot):
    window.view.zoom_reset()
    assert not is_dark(QWidget.palette(window))
    assert most_common(canvas_pixels(window)) == LIGHT.background
    choose_theme(window, qtbot, "dark")
    assert is_dark(QWidget.palette(window)) and is_dark(QApplication.palette())
    assert QWidget.palette(window).color(Role.Text).lightnessF() > 0.8
    assert window.findings.palette().color(Role.Base) == QWidget.palette(window).color(Role.Base)
    assert window.scene.theme is DARK
    assert most_common(canvas_pixels(window)) == DARK.background
    # a zone's inside is the dark rendering of its kind's fill
    zone = next(iter(window.scene.zones.values()))
    window.view.centerOn(zone)
    centre = window.view.mapFromScene(zone.sceneBoundingRect().center())
    fill = style.zone_colors(DARK, zone.kind, None)[0].name()
    assert canvas_pixels(window).pixelColor(centre).name() == fill == DARK.zone_fill(zone.kind)
    choose_theme(window, qtbot, "light")
    assert not is_dark(QWidget.palette(window))
    assert most_common(canvas_pixels(window)) == LIGHT.background


def test_labels_and_icons_follow_the_theme(window, qtbot):
    assert window.files.open_path(SAMPLE, ask=False)
    window.view.zoom_reset()
    window.scene.place_labels()
    conn = next(c for c in window.scene.connections.values() if c.label_item.lines and c.label.error is None)
    window.view.centerOn(conn.label_item)

    def plate_and_icon():
        image = canvas_pixels(window)
        corner = window.view.mapFromScene(conn.label_item.sceneBoundingRect().topLeft())
        plate = image.pixelColor(corner.x() + 2, corner.y() + 2)  # inside the padding: the plate
        return plate, window.menu_actions.zoom_in.icon().pixmap(24, 24).toImage()

    plate, _icon = plate_and_icon()
    assert plate.lightnessF() > 0.9
    choose_theme(window, qtbot, "dark")  # the cached label pixmaps of the light theme must go
    plate, icon = plate_and_icon()
    assert plate.lightnessF() < 0.25
    opaque = [icon.pixelColor(x, y) for x in range(24) for y in range(24) if icon.pixelColor(x, y).alpha() > 200]
    assert opaque and min(c.lightnessF() for c in opaque) > 0.7  # Qt's black arrow, drawn light


def test_the_choice_persists(window, qtbot, catalog):
    choose_theme(window, qtbot, "dark")
    assert window.settings.value(THEME_KEY) == "dark"
    window.settings.sync()
    again = QSettings(window.settings.fileName(), QSettings.Format.IniFormat)
    assert again.value(THEME_KEY) == "dark"
    editor = DocumentEditor(catalog)
    second = MainWindow(editor, again)
    try:
        assert second.appearance.actions["dark"].isChecked()
        assert is_dark(QWidget.palette(second)) and second.scene.theme is DARK
    finally:
        editor.undo_stack.setClean()
        second.close()
        second.deleteLater()


def test_system_follows_the_colour_scheme(window, qtbot, monkeypatch):
    hints = QGuiApplication.styleHints()
    choose_theme(window, qtbot, "system")
    assert window.settings.value(THEME_KEY) == "system"
    assert not is_dark(QWidget.palette(window))  # Unknown is light
    monkeypatch.setattr(appearance, "system_scheme", lambda: Qt.ColorScheme.Dark)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)  # what the platform sends on a switch
    QApplication.processEvents()
    assert is_dark(QWidget.palette(window)) and window.scene.theme is DARK
    assert most_common(canvas_pixels(window)) == DARK.background
    monkeypatch.setattr(appearance, "system_scheme", lambda: Qt.ColorScheme.Light)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    QApplication.processEvents()
    assert not is_dark(QWidget.palette(window)) and window.scene.theme is LIGHT
    choose_theme(window, qtbot, "light")  # a forced theme ignores the system
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    QApplication.processEvents()
    assert not is_dark(QWidget.palette(window))
    monkeypatch.setattr(appearance, "system_scheme", lambda: Qt.ColorScheme.Dark)
    choose_theme(window, qtbot, "system")  # back to the system, which is dark now
    assert is_dark(QWidget.palette(window))


def test_exports_stay_light_in_dark_mode(window, qtbot):
    assert window.files.open_path(SAMPLE, ask=False)
    choose_theme(window, qtbot, "dark")
    assert most_common(canvas_pixels(window)) == DARK.background
    png = QImage.fromData(render_bytes(window.scene, "png", scale=1.0))
    assert not png.isNull()
    colours = Counter(png.pixelColor(x, y).name() for x in range(0, png.width(), 3) for y in range(0, png.height(), 3))
    assert png.pixelColor(2, 2).name() == "#ffffff" and colours.most_common(1)[0][0] == "#ffffff"
    for kind in ("internet", "perimeter", "internal"):
        assert colours[LIGHT.zone_fill(kind)] > 100  # the zones' light fills, in quantity
        assert colours[DARK.zone_fill(kind)] == 0
    assert colours[DARK.background] == 0
    svg = render_bytes(window.scene, "svg").decode().lower()
    assert LIGHT.text in svg and LIGHT.encrypted in svg
    for colour in (DARK.plate, DARK.text, DARK.encrypted, DARK.unknown, DARK.background, *DARK.zone_fills):
        assert colour not in svg
    assert most_common(canvas_pixels(window)) == DARK.background  # the screen is still dark


def test_presentation_follows_the_theme(window, qtbot):
    choose_theme(window, qtbot, "dark")
    show = PresentationWindow(window.editor)
    try:
        assert show.scene.theme is DARK  # its canvas follows; its caption is dark in both themes
        assert show.view.backgroundBrush().color().name() == DARK.background
        choose_theme(window, qtbot, "light")
        assert show.scene.theme is LIGHT
    finally:
        show.close()
        show.deleteLater()


# ---- colours, without a window
BACKGROUNDS = (DARK.background, *DARK.zone_fills)


@pytest.mark.parametrize("theme", [DARK], ids=["dark"])
def test_dark_lines_and_text_keep_their_contrast(theme):
    for colour in (theme.encrypted, theme.optional, theme.possible, theme.plaintext, theme.unknown, theme.error,
                   theme.selection):
        for back in BACKGROUNDS:
            assert contrast_ratio(colour, back) >= 4.5, (colour, back)  # 3:1 would do for lines
    for text, back in ((theme.text, theme.plate), (theme.error, theme.plate), *((theme.text, b) for b in BACKGROUNDS)):
        assert contrast_ratio(text, back) >= 4.5, (text, back)
    # green, amber and red stay apart from each other (and differ in dash style too)
    hues = [colorsys.rgb_to_hls(*QColor(c).getRgbF()[:3])[0] * 360
            for c in (theme.encrypted, theme.optional, theme.plaintext)]
    assert min(abs(a - b) for i, a in enumerate(hues) for b in hues[i + 1:]) > 30
    for kind, border in zip(("internet", "perimeter", "internal"), theme.zone_borders):
        fill, border_colour, title = style.zone_colors(theme, kind, None)
        assert contrast_ratio(title.name(), fill.name()) >= 4.5


@pytest.mark.parametrize("custom", ["#d0e4f5", "#ffe0b2", "#c8e6c9", "#ff0000", "#000080", "#ffffff", "#000000",
                                    "#808080"])
def test_a_zone_colour_renders_dark_with_its_hue(custom):
    fill, border, title = style.zone_colors(DARK, "internal", custom)
    assert fill.lightnessF() < 0.25  # a dark canvas stays dark
    for text in (DARK.text, title.name()):
        assert contrast_ratio(text, fill.name()) >= 4.5
    for line in (DARK.encrypted, DARK.optional, DARK.possible, DARK.plaintext, DARK.unknown):
        assert contrast_ratio(line, fill.name()) >= 3
    original = QColor(custom)
    if original.hslSaturationF() > 0.1:
        assert abs(fill.hslHueF() - original.hslHueF()) < 0.02  # the same hue
    light = style.zone_colors(LIGHT, "internal", custom)[0]
    assert light.name() == custom  # the light theme (and every export) shows it as chosen


def test_a_coloured_zone_keeps_its_colour_in_the_model(window, qtbot):
    zone_id = next(iter(window.editor.document.zones))
    window.editor.set_zone(zone_id, color="#ffe0b2")
    choose_theme(window, qtbot, "dark")
    window.view.centerOn(window.scene.zones[zone_id])
    image = canvas_pixels(window)
    centre = window.view.mapFromScene(window.scene.zones[zone_id].sceneBoundingRect().center())
    assert image.pixelColor(centre).name() == style.zone_colors(DARK, "internal", "#ffe0b2")[0].name()
    assert window.editor.document.zone(zone_id).color == "#ffe0b2"
    assert not window.editor.undo_stack.canRedo() and window.editor.undo_stack.count() == 1  # no edit


def test_knowledge_base_detail_stays_readable_in_dark(window, qtbot):
    window.show_knowledge_base()
    browser = window.kb_browser
    confirmed = next(p for p in browser.visible_paths() if p.status != "unconfirmed")
    assert browser.select_path(confirmed.id)
    assert LIGHT.encrypted in browser.detail.toHtml().lower()  # ✓ Confirmed, in the canvas's green
    choose_theme(window, qtbot, "dark")  # the open detail is written again in the dark colours
    html = browser.detail.toHtml().lower()
    assert "#607d8b" not in html and "#455a64" not in html and LIGHT.encrypted not in html
    assert DARK.encrypted in html
    from designer.ui.dialogs.start_cards import muted
    secondary = muted(browser.palette()).name()
    assert secondary in html and contrast_ratio(secondary, browser.detail.palette().color(Role.Base).name()) >= 4.5
    # the table: encryption swatches in the canvas's dark line colours, "Unconfirmed" readable
    model, base = browser.model, browser.table.palette().color(Role.Base).name()
    rows = {p.status: r for r, p in enumerate(model._paths)}
    encrypted = next(r for r, p in enumerate(model._paths) if p.encryption.kind == "encrypted")
    swatch = model.index(encrypted, model.ENCRYPTION).data(Qt.ItemDataRole.DecorationRole).pixmap(10, 10).toImage()
    assert swatch.pixelColor(5, 5).name() == DARK.encrypted
    status = model.index(rows["unconfirmed"], model.STATUS).data(Qt.ItemDataRole.ForegroundRole).color().name()
    assert contrast_ratio(status, base) >= 4.5
    browser.close()


def test_a_view_whose_scene_has_gone_takes_a_palette_change(qtbot, catalog):
    from designer.canvas import CanvasScene, CanvasView

    scene = CanvasScene(DocumentEditor(catalog))
    view = CanvasView(scene)
    qtbot.addWidget(view)
    view.setScene(None)
    scene.detach()
    palette = QPalette(view.palette())
    palette.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    view.setPalette(palette)  # a PaletteChange: no exception from changeEvent
    assert view.backgroundBrush().color() == QColor(DARK.background)


def test_light_lines_stand_out_from_the_canvas_and_every_zone():
    """Lines are graphics: 3:1 against what they cross (WCAG 1.4.11), in the print colours too."""
    backs = (LIGHT.background, *LIGHT.zone_fills)
    for colour in (LIGHT.encrypted, LIGHT.optional, LIGHT.possible, LIGHT.plaintext, LIGHT.unknown, LIGHT.error):
        for back in backs:
            assert contrast_ratio(colour, back) >= 3.0, (colour, back)
    for kind, (colour, _pen, _text) in style.ENCRYPTION_STYLES.items():
        assert colour in (LIGHT.encrypted, LIGHT.optional, LIGHT.possible, LIGHT.plaintext, LIGHT.unknown), kind


def test_the_style_looks_at_each_standard_icon_once(qapp, monkeypatch):
    """The findings panel asks for a severity icon per row: hundreds on a large design."""
    from PySide6.QtWidgets import QStyle

    from designer.ui.dialogs import appearance

    looked = []
    real = appearance.is_plain_dark
    monkeypatch.setattr(appearance, "is_plain_dark", lambda icon: looked.append(icon) or real(icon))
    style = appearance.DesignerStyle()
    kinds = (QStyle.StandardPixmap.SP_MessageBoxWarning, QStyle.StandardPixmap.SP_ArrowBack)
    icons = [style.standardIcon(kind) for _ in range(300) for kind in kinds]
    # once per standard icon (Fusion's back arrow asks for its left arrow too), not per call
    assert 2 <= len(looked) <= 4 and all(not icon.isNull() for icon in icons)
