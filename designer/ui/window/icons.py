"""The toolbar's icons: line drawings in ``resources/icons/toolbar/``, each in one colour
(``currentColor``) painted in the palette's text colour, so one set serves the light and the
dark theme and follows a theme change live."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from ...render.style import ICONS

TOOLBAR_ICONS = ICONS / "toolbar"
Role, Group = QPalette.ColorRole, QPalette.ColorGroup


def icon_colour(mode: QIcon.Mode) -> QColor:
    """The palette's colour for an icon in ``mode``: button text, greyed when disabled, the
    highlighted text's when selected (a menu's hovered entry)."""
    palette = QApplication.palette()
    if mode == QIcon.Mode.Disabled:
        return palette.color(Group.Disabled, Role.ButtonText)
    if mode == QIcon.Mode.Selected:
        return palette.color(Group.Active, Role.HighlightedText)
    return palette.color(Group.Active, Role.ButtonText)


class ThemedSvgEngine(QIconEngine):
    """Paints an SVG drawn in ``currentColor`` in the colour of ``icon_colour``, at any size."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.svg = path.read_text(encoding="utf-8")
        self._renderers: dict[str, QSvgRenderer] = {}  # one per colour

    def _renderer(self, colour: QColor) -> QSvgRenderer:
        name = colour.name()
        if name not in self._renderers:
            self._renderers[name] = QSvgRenderer(QByteArray(self.svg.replace("currentColor", name).encode()))
        return self._renderers[name]

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:  # Qt's name
        self._renderer(icon_colour(mode)).render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:  # Qt's name
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:  # Qt's name
        return ThemedSvgEngine(self.path)

    def key(self) -> str:  # Qt's name
        return "designer-themed-svg"


def toolbar_icon(name: str) -> QIcon:
    """``resources/icons/toolbar/<name>.svg`` in the theme's colours."""
    return QIcon(ThemedSvgEngine(TOOLBAR_ICONS / f"{name}.svg"))
