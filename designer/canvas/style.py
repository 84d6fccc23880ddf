"""Pens, brushes, fonts and z-order of the canvas, in one place."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPen
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"

Z_ZONE, Z_CONNECTION, Z_NODE, Z_LABEL, Z_TEMP = -10, 0, 10, 20, 30

ZONE_COLORS = {"internet": "#efe9f6", "perimeter": "#fdf1de", "internal": "#e6f0f8"}
ZONE_BORDERS = {"internet": "#8e7cc3", "perimeter": "#e0a030", "internal": "#5b8fbf"}

# Lines are styled by the weakest encryption over the connection.
ENCRYPTION_STYLES = {
    "encrypted": ("#2e7d32", Qt.PenStyle.SolidLine, "Encrypted by default"),
    "optional": ("#d68a00", Qt.PenStyle.DashLine, "Encryption optional (off by default)"),
    "possible": ("#d68a00", Qt.PenStyle.DashLine, "Encryption supported, default not stated"),
    "none": ("#c62828", Qt.PenStyle.DotLine, "Plaintext"),
    "unknown": ("#607d8b", Qt.PenStyle.SolidLine, "Encryption not stated by the source"),
}
ERROR_COLOR = "#c62828"
SELECTION_COLOR = QColor("#1e88e5")
TEXT_COLOR = QColor("#263238")


def connection_pen(kind: str, selected: bool = False, error: bool = False) -> QPen:
    if error:
        pen = QPen(QColor(ERROR_COLOR), 2.5, Qt.PenStyle.DashLine)
    else:
        color, style, _ = ENCRYPTION_STYLES.get(kind, ENCRYPTION_STYLES["unknown"])
        pen = QPen(QColor(color), 2.2, style)
    if selected:
        pen.setWidthF(pen.widthF() + 1.8)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


def font(size: float = 9.0, bold: bool = False) -> QFont:
    f = QFont()
    f.setPointSizeF(size)
    f.setBold(bold)
    return f


@lru_cache(maxsize=None)
def icon_renderer(role: str) -> QSvgRenderer:
    """One shared renderer per role icon (a missing icon renders nothing)."""
    path = ICONS / f"{role}.svg"
    return QSvgRenderer(str(path)) if path.exists() else QSvgRenderer()
