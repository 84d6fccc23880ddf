"""The canvas's colours, light and dark: one frozen palette that the items read when they paint.

A view paints with its scene's theme (``CanvasScene.theme``, which follows the window's palette:
see ``CanvasView``); anything painted without a view (``scene.render`` for an export, a report,
a thumbnail) paints with ``LIGHT``, whatever the screen shows, because paper is white. That
rule lives in :func:`painting_theme`, so every item gets it the same way.

Colours are ``#rrggbb`` strings (this module imports no Qt). Zones the user coloured keep their
colour in the model; the dark theme only renders it darker (``style.zone_colors``).

Contrast (WCAG 2.1 relative luminance, :func:`contrast_ratio`): the line colours stand at least
3:1 against the canvas and zone fills of their theme (1.4.11, graphics), label and node text
at least 4.5:1 against what it is drawn on (1.4.3); ``tests/ui/test_theme.py`` checks it. Line
colours are never the only cue: each meaning has its own pattern too (``style.ENCRYPTION_STYLES``:
solid, dashed, dash-dot, dotted, dash-dot-dot), so greyscale prints keep them apart. The light
(print) colours are Okabe–Ito's hues (bluish green, orange, reddish purple, vermillion, grey)
darkened to 3:1, and stay apart for protan, deutan and tritan readers (``tests/render``).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..support.states import EncryptionKind, ZoneKind

KINDS = (ZoneKind.INTERNET, ZoneKind.PERIMETER, ZoneKind.INTERNAL, ZoneKind.CLOUD)


@dataclass(frozen=True)
class CanvasTheme:
    """Every colour the canvas paints with. Hashable: pen and pixmap caches are keyed by it."""

    name: str
    dark: bool
    background: str  # the canvas behind the zones
    grid: str  # the grid's dots
    text: str  # node names, label text
    selection: str  # outlines, handles, the line being drawn
    selection_fill_alpha: int  # the tint behind a selected node
    halo_alpha: int  # the halo of a selected or highlighted line
    on_selection: str  # the + of the connect handle, on the selection colour
    plate: str  # a label's plate
    plate_alpha: int
    plate_border: str
    error: str  # a line without a data path, its label's text and border
    encrypted: str
    optional: str  # optional, off by default
    possible: str  # supported, with no stated default
    plaintext: str
    unknown: str
    zone_fills: tuple[str, str, str, str]  # by KINDS
    zone_borders: tuple[str, str, str, str]
    zone_header_alpha: int  # the title band: the border colour at this alpha
    icon_outline: str | None  # drawn round the role icons on screen (their shapes are dark)

    def line_color(self, kind: str, error: bool = False) -> str:
        """The colour of a line whose weakest encryption is ``kind`` (see ``style.ENCRYPTION_STYLES``)."""
        if error:
            return self.error
        return {EncryptionKind.ENCRYPTED: self.encrypted, EncryptionKind.OPTIONAL: self.optional,
                EncryptionKind.POSSIBLE: self.possible, EncryptionKind.NONE: self.plaintext}.get(kind, self.unknown)

    def zone_fill(self, kind: str) -> str:
        return self.zone_fills[KINDS.index(kind)] if kind in KINDS else ("#eeeeee" if not self.dark else "#262b31")

    def zone_border(self, kind: str) -> str:
        return self.zone_borders[KINDS.index(kind)] if kind in KINDS else ("#90a4ae" if not self.dark else "#7d8b96")


LIGHT = CanvasTheme(
    name="light", dark=False,
    background="#fafbfc", grid="#d5dbe1", text="#263238",
    selection="#1e88e5", selection_fill_alpha=28, halo_alpha=90, on_selection="#ffffff",
    plate="#ffffff", plate_alpha=235, plate_border="#b0bec5", error="#c62828",
    encrypted="#007a5e", optional="#a86800", possible="#8f4a9e", plaintext="#c0392b", unknown="#4d5a63",
    zone_fills=("#efe9f6", "#fdf1de", "#e6f0f8", "#e2f4f1"),
    zone_borders=("#8e7cc3", "#e0a030", "#5b8fbf", "#2a9d8f"),
    zone_header_alpha=40, icon_outline=None,
)

DARK = CanvasTheme(
    name="dark", dark=True,
    background="#181b20", grid="#353c45", text="#e4e9ee",
    selection="#58a6ff", selection_fill_alpha=40, halo_alpha=110, on_selection="#0b1622",
    plate="#20262d", plate_alpha=240, plate_border="#4f5b67", error="#ff7373",
    encrypted="#6cc070", optional="#ffc04d", possible="#d9a5ea", plaintext="#ff7373", unknown="#9db0bb",
    zone_fills=("#26222f", "#2c2619", "#1b2631", "#172b29"),
    zone_borders=("#a393dc", "#e0a030", "#6fa3d6", "#4fc1b1"),
    zone_header_alpha=64, icon_outline="#b4c0cc",
)

THEMES = {"light": LIGHT, "dark": DARK}


def painting_theme(scene: object, widget: object) -> CanvasTheme:
    """The theme to paint with: the scene's in a view (``widget`` is the view's viewport), the
    light one when there is no view (an export, a report or a thumbnail: ``scene.render``)."""
    if widget is None or scene is None:
        return LIGHT
    return getattr(scene, "theme", LIGHT)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: str) -> float:
    """WCAG 2.1 relative luminance of ``#rrggbb``."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two ``#rrggbb`` colours, 1 to 21."""
    a, b = sorted((luminance(first), luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)
