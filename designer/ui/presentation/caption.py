"""The presentation's caption: the dark panel in large type under the design (the scenario's
title, the step line beside the keys, the hop's lines, the scenario's description), and how its
text is measured to fit the screen.

The caption fits the screen: its type shrinks (down to ``MIN_SCALE``) until the title, the
hop's lines and the scenario's description fit in ``CAPTION_SHARE`` of the height; where even
the smallest type would not fit, the hop's lines are split into pages (:func:`paginate`) that the
next and back keys step through before moving to another hop. Nothing is clipped or elided.
The window (:mod:`.window`) decides what the labels say and does the fitting; the caption sets
no text of its own.
"""
from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

CAPTION_SHARE = 0.45  # at most this much of the screen's height for the caption
MIN_SCALE = 0.55  # the caption's type shrinks to this share of its size (22 pt hop text: 12 pt) to fit
SCALE_STEP = 0.05
MARGINS = (36, 20, 36, 24)  # the caption's (left, top, right, bottom)
SPACING = 8


def caption_label(points: float, bold: bool = False) -> QLabel:
    """A caption label of ``points`` at full scale (its ``base_points`` property), wrapping words."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # node names are the user's text, not markup
    label.setProperty("base_points", points)
    font = QFont()
    font.setPointSizeF(points)
    font.setBold(bold)
    label.setFont(font)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


def scale_font(label: QLabel, scale: float) -> None:
    font = label.font()
    font.setPointSizeF(round(label.property("base_points") * scale, 1))
    label.setFont(font)


def text_height(label: QLabel, text: str, width: int) -> int:
    """The height ``label`` needs to show ``text`` wrapped at ``width`` (0 when hidden or empty)."""
    if not text or not label.isVisibleTo(label.window()):
        return 0
    flags = int(Qt.TextFlag.TextWordWrap) | int(label.alignment().value)
    return label.fontMetrics().boundingRect(QRect(0, 0, max(1, width), 100000), flags, text).height()


def paginate(heights: list[int], room: int) -> list[list[int]]:
    """Group line indexes into pages of at most ``room`` pixels (each page at least one line)."""
    pages: list[list[int]] = [[]]
    used = 0
    for index, height in enumerate(heights):
        if pages[-1] and used + height > room:
            pages.append([])
            used = 0
        pages[-1].append(index)
        used += height
    return pages


class Caption(QFrame):
    """The caption panel (object name ``caption``): its labels, laid out, at full scale."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = caption_label(30, bold=True)
        self.step_label = caption_label(18)
        self.keys_label = caption_label(18)
        self.keys_label.setObjectName("keys")
        self.keys_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.hop_label = caption_label(22)
        self.description_label = caption_label(18)
        self.setObjectName("caption")
        self.setStyleSheet("QFrame#caption { background: #263238; }"
                           "QLabel { color: #eceff1; } QLabel#keys { color: #90a4ae; }")
        self._steps = QHBoxLayout()  # the step line and the keys, side by side
        self._steps.addWidget(self.step_label, 1)
        self._steps.addWidget(self.keys_label, 1)
        text = QVBoxLayout(self)
        text.setContentsMargins(*MARGINS)
        text.setSpacing(SPACING)
        for widget in (self.title_label, self.hop_label, self.description_label):
            text.addWidget(widget)
        text.insertLayout(1, self._steps)

    def labels(self) -> list[QLabel]:
        return [self.title_label, self.step_label, self.keys_label, self.hop_label, self.description_label]

    def scale_type(self, scale: float) -> None:
        """Set every label's type to ``scale`` of its full size."""
        for label in self.labels():
            scale_font(label, scale)

    def fixed_height(self, width: int, step_text: str, with_lines: bool) -> int:
        """The caption's height but the hop's lines at ``width``: title, step line (``step_text``
        beside the keys), description, and the spacing between them and the lines (``with_lines``)."""
        half = (width - self._steps.spacing()) // 2
        step = max(text_height(self.step_label, step_text, half),
                   text_height(self.keys_label, self.keys_label.text(), half))
        parts = [text_height(self.title_label, self.title_label.text(), width), step,
                 text_height(self.description_label, self.description_label.text(), width)]
        shown = len([p for p in parts if p]) + (1 if with_lines else 0)
        return sum(parts) + SPACING * max(0, shown - 1)

    def line_heights(self, width: int, lines: list[str]) -> list[int]:
        """The height of each of ``lines`` in the hop's label at ``width``."""
        return [text_height(self.hop_label, line, width) for line in lines]
