"""How a group node looks: its icon stacked (offset copies behind it) and a badge with its member
count. What is drawn comes from the model (``GroupLook.of``); ``paint_*`` only paint, and the
stack reuses the icon's cached pixmap, so a group costs a frame two more pixmap blits."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter

from ..model import Node
from ..render import style

STACK_STEP = 5.0  # scene units between the stacked copies, up and to the right
STACK_DEPTH = 2  # copies behind the icon
STACK_OPACITY = (0.35, 0.6)  # farthest first
BADGE_HEIGHT = 16.0


@dataclass(frozen=True)
class GroupLook:
    """``count`` members; ``text`` is the badge's: the count, with "DAG" for a DAG."""

    count: int
    dag: bool

    @property
    def text(self) -> str:
        return f"DAG {self.count}" if self.dag else str(self.count)

    @staticmethod
    def of(node: Node) -> "GroupLook | None":
        return GroupLook(len(node.members), node.dag) if node.is_group else None


def stack_offsets() -> list[QPointF]:
    """Where the copies go, farthest first."""
    return [QPointF(STACK_STEP * i, -STACK_STEP * i) for i in range(STACK_DEPTH, 0, -1)]


def paint_stack(painter: QPainter, icon: QRectF, draw_icon: Callable[[QRectF], None]) -> None:
    """The icon's offset copies, behind where the icon itself will be painted."""
    opacity = painter.opacity()
    for offset, alpha in zip(stack_offsets(), STACK_OPACITY):
        painter.setOpacity(opacity * alpha)
        draw_icon(icon.translated(offset))
    painter.setOpacity(opacity)


def badge_rect(look: GroupLook, icon: QRectF) -> QRectF:
    width = style.metrics(8, bold=True).horizontalAdvance(look.text) + 10
    return QRectF(icon.left() - 4, icon.bottom() - BADGE_HEIGHT, max(width, BADGE_HEIGHT), BADGE_HEIGHT)


def paint_badge(painter: QPainter, look: GroupLook, icon: QRectF, fill: str, text: str) -> None:
    """The member count on a pill at the icon's lower left."""
    rect = badge_rect(look, icon)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(fill))
    painter.drawRoundedRect(rect, BADGE_HEIGHT / 2, BADGE_HEIGHT / 2)
    painter.setPen(QColor(text))
    painter.setFont(style.shared_font(8, bold=True))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, look.text)
