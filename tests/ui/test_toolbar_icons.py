"""The toolbar's pictures say what each button does: one set of line drawings
(resources/icons/toolbar/, 24×24, drawn in currentColor), painted dark on the light theme and
light on the dark theme; no stock Qt picture (an arrow for zoom, a window box for fit)."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QApplication, QToolBar, QToolButton

from designer.ui.window.icons import TOOLBAR_ICONS, ThemedSvgEngine
from tests.conftest import ROOT

NAMES = ("new", "open", "save", "undo", "redo", "add_zone", "select", "connect", "zoom_in", "zoom_out", "fit",
         "present")
ACTIONS = {"new": "new", "open": "open", "save": "save", "undo": "undo", "redo": "redo", "add_zone": "add_zone",
           "select_tool": "select", "connect_mode": "connect", "zoom_in": "zoom_in", "zoom_out": "zoom_out",
           "fit": "fit", "present": "present"}
SVG = "{http://www.w3.org/2000/svg}"


def test_the_icons_live_in_the_toolbar_folder():
    assert TOOLBAR_ICONS == ROOT / "resources" / "icons" / "toolbar"
    assert sorted(p.stem for p in TOOLBAR_ICONS.glob("*.svg")) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_each_icon_is_a_24px_line_drawing_in_one_colour(name):
    path = TOOLBAR_ICONS / f"{name}.svg"
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg" and root.get("viewBox") == "0 0 24 24"
    assert root.get("stroke") == "currentColor" and root.get("fill") == "none"
    colours = {value for element in root.iter() for attr, value in element.attrib.items()
               if attr in ("stroke", "fill", "color", "style", "stop-color")}
    assert colours <= {"currentColor", "none"}, colours  # one colour, given by the theme
    text = path.read_text(encoding="utf-8")
    assert "#" not in text and "rgb(" not in text and "href" not in text and "<image" not in text
    assert "<text" not in text and "<script" not in text


def ink(icon: QIcon, mode=QIcon.Mode.Normal) -> list:
    image = icon.pixmap(24, 24, mode).toImage()
    return [image.pixelColor(x, y) for x in range(24) for y in range(24) if image.pixelColor(x, y).alpha() > 200]


def test_the_toolbar_uses_the_drawings_not_stock_pictures(window):
    bar = window.findChild(QToolBar, "main_toolbar")
    actions = window.menu_actions
    on_bar = [a for a in bar.actions() if not a.isSeparator()]
    assert len(on_bar) == len(ACTIONS)
    for attribute, name in ACTIONS.items():
        action = getattr(actions, attribute)
        assert action in on_bar
        assert len(ink(action.icon())) > 25, name  # something is drawn
        button = bar.widgetForAction(action)
        assert isinstance(button, QToolButton) and not button.icon().isNull()
    # each picture is its own: zoom in and out differ (a plus and a minus), fit is neither
    pictures = {name: actions_icon(actions, attr).pixmap(24, 24).toImage() for attr, name in ACTIONS.items()}
    assert len({bytes(image.constBits()) for image in pictures.values()}) == len(ACTIONS)
    assert len(ink(actions.zoom_in.icon())) > len(ink(actions.zoom_out.icon()))  # the plus's upright


def actions_icon(actions, attribute: str) -> QIcon:
    return getattr(actions, attribute).icon()


def lightness(colours) -> float:
    return sum(c.lightnessF() for c in colours) / len(colours)


def test_light_and_dark_variants_follow_the_theme_live(window):
    icon = window.menu_actions.zoom_in.icon()
    window.appearance.set_mode("light")
    assert lightness(ink(icon)) < 0.3  # dark strokes on a light toolbar
    assert lightness(ink(icon, QIcon.Mode.Disabled)) > lightness(ink(icon))  # greyed when disabled
    window.appearance.set_mode("dark")
    assert lightness(ink(icon)) > 0.7  # light strokes on a dark toolbar
    assert QApplication.palette().color(QPalette.ColorRole.Button).lightnessF() < 0.3  # on a dark toolbar
    window.appearance.set_mode("light")
    assert lightness(ink(icon)) < 0.3


def test_the_engine_draws_any_size_and_copies():
    assert QApplication.instance() is not None
    engine = ThemedSvgEngine(TOOLBAR_ICONS / "fit.svg")
    icon = QIcon(engine.clone())
    for size in (16, 24, 48):
        image = icon.pixmap(size, size).toImage()
        assert image.width() == size
        assert any(image.pixelColor(x, y).alpha() > 200 for x in range(size) for y in range(size))
