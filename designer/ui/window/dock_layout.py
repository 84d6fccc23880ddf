"""Where the main window's docks start, by the room the window has.

A window of a large screen keeps the findings and the port matrix under the canvas, tall
enough for ``MATRIX_ROWS`` rows of the matrix. A window lower than ``COMPACT_HEIGHT`` (on a
1366×768 or 1600×900 laptop) has no height to spare: there the inspector, the findings and
the port matrix share one tabbed column beside the canvas (the inspector in front), and the
palette is narrower, so that the canvas gets the window's height and opens at a zoom where
its labels read. Either is only where the window starts: the user's own layout, once saved,
is restored instead (``MainWindow.save_layout``).
"""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar

MATRIX_ROWS = 8  # rows of the port matrix the bottom docks show on a large screen
INSPECTOR_WIDTH = 330
COMPACT_HEIGHT = 900  # a window lower than this starts with the compact layout
COMPACT_PALETTE = 200  # the palette's width there at most (longer role names wrap onto a second line)


def is_compact(height: int) -> bool:
    """Whether a window of this height starts with the compact layout."""
    return height < COMPACT_HEIGHT


def palette_width(palette, compact: bool) -> int:
    """Wide enough for the longest role name in the user's language, within reason (less on a
    small screen)."""
    names = palette.natural_width() + palette.indentation() + 24
    return min(names, COMPACT_PALETTE) if compact else max(230, min(names, 340))


def arrange(window: QMainWindow, docks: Sequence[QDockWidget], compact: bool) -> None:
    """Put ``docks`` (palette, inspector, findings, port matrix) where a window of this kind
    starts: the findings and matrix tabbed under the canvas, or (``compact``) tabbed behind
    the inspector."""
    palette, inspector, findings, matrix = docks
    area = Qt.DockWidgetArea.RightDockWidgetArea if compact else Qt.DockWidgetArea.BottomDockWidgetArea
    for dock in (findings, matrix):
        if window.dockWidgetArea(dock) != area:
            window.addDockWidget(area, dock)
    if compact:
        window.tabifyDockWidget(inspector, findings)
        window.tabifyDockWidget(findings, matrix)
        inspector.raise_()
    else:
        window.tabifyDockWidget(findings, matrix)
        findings.raise_()
    window.resizeDocks([palette, inspector], [palette_width(palette.widget(), compact), INSPECTOR_WIDTH],
                       Qt.Orientation.Horizontal)


def fit_matrix_rows(window: QMainWindow, findings: QDockWidget, matrix_panel) -> None:
    """Make the bottom docks tall enough for ``MATRIX_ROWS`` rows of the port matrix, once they
    are laid out (a dock's title and the tabs take their share)."""
    title = findings.height() - findings.widget().height()
    tabs = [bar.sizeHint().height() for bar in window.findChildren(QTabBar)
            if bar.isVisible() and findings.windowTitle() in (bar.tabText(i) for i in range(bar.count()))]
    # for tabbed docks, resizeDocks counts their tab bar in
    window.resizeDocks([findings], [matrix_panel.height_for_rows(MATRIX_ROWS) + title + max(tabs, default=0)],
                       Qt.Orientation.Vertical)
