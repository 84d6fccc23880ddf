"""Light and dark: the window follows the system's colour scheme, or the one the user picks in
*View ▸ Theme* (the setting ``ui/theme``: ``system``, ``light`` or ``dark``), live, no restart.

Every platform gets the Fusion style with a full palette of ours for each scheme, so widgets
look right everywhere (native styles ignore a dark palette on some platforms). Where the system
states no scheme (``Qt.ColorScheme.Unknown``: Linux without a desktop environment, Qt before
6.5) the window is light. The canvas follows the window's palette (``CanvasView``), and exports
stay light whatever the screen shows (``designer.render.theme``).
"""
from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import QObject, QRect, QSettings, QSize, Qt
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import QApplication, QMenu, QProxyStyle, QWidget

log = logging.getLogger(__name__)

THEME_KEY = "ui/theme"
STYLE_NAME = "designer-fusion"
MODES = ("system", "light", "dark")
Role, Group = QPalette.ColorRole, QPalette.ColorGroup

# Fusion's own light palette, spelled out (Qt's may follow the platform's scheme).
LIGHT = {
    Role.Window: "#efefef", Role.WindowText: "#000000", Role.Base: "#ffffff", Role.AlternateBase: "#f7f7f7",
    Role.ToolTipBase: "#ffffdc", Role.ToolTipText: "#000000", Role.PlaceholderText: "#7a7a7a",
    Role.Text: "#000000", Role.Button: "#efefef", Role.ButtonText: "#000000", Role.BrightText: "#ffffff",
    Role.Light: "#ffffff", Role.Midlight: "#cacaca", Role.Mid: "#b8b8b8", Role.Dark: "#9f9f9f",
    Role.Shadow: "#767676", Role.Highlight: "#308cc6", Role.HighlightedText: "#ffffff",
    Role.Link: "#0b5cad", Role.LinkVisited: "#7b3fb0", Role.Accent: "#308cc6",
}
LIGHT_DISABLED = {
    Role.WindowText: "#9a9a9a", Role.Text: "#9a9a9a", Role.ButtonText: "#9a9a9a", Role.Base: "#efefef",
    Role.Dark: "#bebebe", Role.Shadow: "#b1b1b1", Role.Highlight: "#919191", Role.Accent: "#919191",
    Role.PlaceholderText: "#b0b0b0",
}
# Slate greys that go with the dark canvas (canvas/theme.py); text at least 4.5:1 everywhere.
DARK = {
    Role.Window: "#2b3037", Role.WindowText: "#e4e9ee", Role.Base: "#1e2227", Role.AlternateBase: "#252a30",
    Role.ToolTipBase: "#343a42", Role.ToolTipText: "#e4e9ee", Role.PlaceholderText: "#8e97a1",
    Role.Text: "#e4e9ee", Role.Button: "#363c44", Role.ButtonText: "#e4e9ee", Role.BrightText: "#ff7373",
    Role.Light: "#4d555f", Role.Midlight: "#414851", Role.Mid: "#23272d", Role.Dark: "#191c20",
    Role.Shadow: "#0c0e10", Role.Highlight: "#2f6fb7", Role.HighlightedText: "#ffffff",
    Role.Link: "#6cb6ff", Role.LinkVisited: "#c49bff", Role.Accent: "#2f6fb7",
}
DARK_DISABLED = {
    Role.WindowText: "#7d858e", Role.Text: "#7d858e", Role.ButtonText: "#7d858e", Role.Base: "#262a30",
    Role.Button: "#30353c", Role.Highlight: "#414851", Role.HighlightedText: "#aab1b8",
    Role.Accent: "#414851", Role.PlaceholderText: "#626a73",
}


def make_palette(colors: dict, disabled: dict) -> QPalette:
    """A palette with every role of every group set (so a platform's theme change can't mix
    its colours into ours)."""
    palette = QPalette()
    for role, color in colors.items():
        for group in (Group.Active, Group.Inactive, Group.Disabled):
            palette.setColor(group, role, QColor(disabled.get(role, color) if group == Group.Disabled else color))
    return palette


def scheme_palette(scheme: Qt.ColorScheme) -> QPalette:
    return make_palette(DARK, DARK_DISABLED) if scheme == Qt.ColorScheme.Dark else make_palette(LIGHT, LIGHT_DISABLED)


def system_scheme() -> Qt.ColorScheme:
    """The colour scheme the system asks for (Unknown where it says none)."""
    return QGuiApplication.styleHints().colorScheme()


def effective_scheme(mode: str, system: Qt.ColorScheme) -> Qt.ColorScheme:
    """Light or dark, for a mode and what the system says (Unknown is light)."""
    if mode == "dark" or (mode == "system" and system == Qt.ColorScheme.Dark):
        return Qt.ColorScheme.Dark
    return Qt.ColorScheme.Light


def is_plain_dark(icon: QIcon) -> bool:
    """Whether an icon is drawn in black or dark grey only (Qt's standard arrows and frames)."""
    image = icon.pixmap(24, 24).toImage()
    colours = (image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height()))
    opaque = [c for c in colours if c.alpha() > 64]
    return bool(opaque) and all(c.lightnessF() < 0.4 and c.hsvSaturationF() < 0.35 for c in opaque)


class PaletteTintEngine(QIconEngine):
    """A black icon painted in the palette's button text colour when the palette is dark (it
    would vanish on a dark toolbar otherwise), as it is when the palette is light."""

    def __init__(self, icon: QIcon) -> None:
        super().__init__()
        self.icon = icon

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:  # Qt's name
        palette = QApplication.palette()
        if palette.color(Role.Window).lightnessF() >= 0.5:
            return self.icon.pixmap(size, mode, state)
        group = Group.Disabled if mode == QIcon.Mode.Disabled else Group.Active
        image = self.icon.pixmap(size, QIcon.Mode.Normal, state).toImage()
        painter = QPainter(image)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(image.rect(), palette.color(group, Role.ButtonText))
        painter.end()
        return QPixmap.fromImage(image)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:  # Qt's name
        painter.drawPixmap(rect, self.pixmap(rect.size(), mode, state))

    def clone(self) -> QIconEngine:  # Qt's name
        return PaletteTintEngine(self.icon)


class DesignerStyle(QProxyStyle):
    """Fusion, with Qt's black standard icons following the palette (``PaletteTintEngine``)."""

    def __init__(self) -> None:
        super().__init__("Fusion")
        self.setObjectName(STYLE_NAME)
        self._plain: dict = {}  # standard pixmap -> whether Qt draws it black (looked at once)

    def standardIcon(self, standard, option=None, widget=None) -> QIcon:  # Qt's name
        icon = super().standardIcon(standard, option, widget)
        if icon.isNull():
            return icon
        plain = self._plain.get(standard)
        if plain is None:  # a panel asks for the same icon for each of hundreds of rows
            plain = self._plain[standard] = is_plain_dark(icon)
        return QIcon(PaletteTintEngine(icon)) if plain else icon


class ThemeController(QObject):
    """Applies the chosen theme to the application and keeps *View ▸ Theme* in step. Widgets
    follow the application's palette; the canvas does too (``CanvasView.changeEvent``)."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        mode = str(settings.value(THEME_KEY, "system"))
        self.mode = mode if mode in MODES else "system"
        self.scheme = Qt.ColorScheme.Unknown
        self.actions: dict[str, QAction] = {}
        app = QApplication.instance()
        if app.style().objectName() != STYLE_NAME:
            app.setStyle(DesignerStyle())
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_changed)
        self._request_scheme()
        self.apply(system_scheme())

    @staticmethod
    def tint_plain_icons(actions: Iterable[QAction]) -> None:
        """Let the actions' black or dark grey icons follow the palette (``PaletteTintEngine``)."""
        for action in actions:
            icon = action.icon()
            if not icon.isNull() and is_plain_dark(icon):
                action.setIcon(QIcon(PaletteTintEngine(icon)))

    def build_menu(self, parent: QWidget) -> QMenu:
        """*Theme*: System, Light, Dark, one of them checked."""
        menu = QMenu(self.tr("&Theme"), parent)
        menu.setObjectName("theme_menu")
        group = QActionGroup(menu)
        group.setExclusive(True)
        texts = {"system": (self.tr("Follow the &System"), self.tr("Light or dark, as the system is set")),
                 "light": (self.tr("&Light"), self.tr("Always light")),
                 "dark": (self.tr("&Dark"), self.tr("Always dark (exports stay light)"))}
        for mode in MODES:
            text, tip = texts[mode]
            action = QAction(text, menu)
            action.setCheckable(True)
            action.setChecked(mode == self.mode)
            action.setStatusTip(tip)
            action.setData(mode)
            action.triggered.connect(lambda _checked=False, m=mode: self.set_mode(m))
            group.addAction(action)
            menu.addAction(action)
            self.actions[mode] = action
        return menu

    def set_mode(self, mode: str) -> None:
        """Show ``mode`` (system, light or dark) from now on and remember it."""
        if mode not in MODES:
            raise ValueError(f"unknown theme {mode!r}")
        self.mode = mode
        self.settings.setValue(THEME_KEY, mode)
        if mode in self.actions:
            self.actions[mode].setChecked(True)
        self._request_scheme()
        self.apply(system_scheme())

    def _request_scheme(self) -> None:
        """Tell Qt (6.8+) which scheme the app wants, so native window frames match where the
        platform supports it; following the system, withdraw the request."""
        hints = QGuiApplication.styleHints()
        if not hasattr(hints, "setColorScheme"):  # Qt 6.7: the palette does it all
            return
        if self.mode == "system":
            hints.unsetColorScheme()
        else:  # a platform that can't (Linux without a desktop, offscreen) ignores it
            hints.setColorScheme(Qt.ColorScheme.Dark if self.mode == "dark" else Qt.ColorScheme.Light)

    def _system_changed(self, scheme: Qt.ColorScheme) -> None:
        if self.mode == "system":
            self.apply(scheme)

    def apply(self, system: Qt.ColorScheme) -> None:
        """Set the application's palette for the current mode, given what the system says."""
        scheme = effective_scheme(self.mode, system)
        if scheme == self.scheme:
            return
        self.scheme = scheme
        QApplication.instance().setPalette(scheme_palette(scheme))
        log.info("theme: %s (%s)", scheme.name.lower(), self.mode)
