"""The start page's cards: template thumbnails and how a template or a recent file is drawn.

Thumbnails are the designs' own scenes drawn small (``QGraphicsScene.render``: some 10 ms
each). The diagram export (``designer.render.image_export``) adds a legend and a title block, which
would fill a thumbnail, so it is not used here.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ...catalog import Catalog

THUMB = QSize(224, 118)
CARD = QSize(THUMB.width() + 20, THUMB.height() + 78)
ROW_HEIGHT = 46
DATA = Qt.ItemDataRole.UserRole  # a Choice
BLANK, TEMPLATE, RECENT = "blank", "template", "recent"


@dataclass(frozen=True)
class Choice:
    kind: str  # BLANK, TEMPLATE or RECENT
    path: Path | None
    title: str
    subtitle: str


def thumbnail(catalog: Catalog, path: Path | None, ratio: float = 1.0) -> QPixmap:
    """The design in ``path`` (None: a blank design) drawn in ``THUMB``, without labels."""
    from ...canvas import CanvasScene
    from ...editor import DocumentEditor

    editor = DocumentEditor(catalog)
    if path is not None:
        editor.open(path)
    scene = CanvasScene(editor)
    try:
        scene.show_grid = False
        for item in scene.connections.values():
            item.label_item.set_shown(False)
        pixmap = QPixmap(THUMB * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(QColor("#ffffff"))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        source = scene.itemsBoundingRect().adjusted(-24, -24, 24, 24)
        room = QRectF(6, 6, THUMB.width() - 12, THUMB.height() - 12)
        scale = min(room.width() / source.width(), room.height() / source.height())
        target = QRectF(0, 0, source.width() * scale, source.height() * scale)
        target.moveCenter(room.center())  # render() keeps the aspect ratio but aligns top left
        scene.render(painter, target, source)
        painter.end()
        return pixmap
    finally:
        scene.detach()


class CardDelegate(QStyledItemDelegate):
    """A template: its thumbnail in a frame, the name in bold, the version below."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # Qt's name
        return CARD

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # Qt's name
        choice: Choice = index.data(DATA)
        pal = option.palette
        card = QRectF(option.rect).adjusted(4, 4, -4, -4)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hover = bool(option.state & QStyle.StateFlag.State_MouseOver)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        accent = pal.color(QPalette.ColorRole.Highlight)
        if selected or hover:
            fill = QColor(accent)
            fill.setAlpha(38 if selected else 16)
            painter.setPen(accent if selected else Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(card, 8, 8)
        thumb = QRectF(card.left() + (card.width() - THUMB.width()) / 2, card.top() + 8, THUMB.width(), THUMB.height())
        painter.drawPixmap(thumb.topLeft(), index.data(Qt.ItemDataRole.DecorationRole))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QColor(accent) if selected else pal.color(QPalette.ColorRole.Mid))
        painter.drawRoundedRect(thumb.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        text = QRectF(card.left() + 8, thumb.bottom() + 6, card.width() - 16, card.bottom() - thumb.bottom() - 8)
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(pal.color(QPalette.ColorRole.Text))
        line = painter.fontMetrics().lineSpacing()
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        title = QRectF(text.left(), text.top(), text.width(), 2 * line)  # two lines at most
        painter.drawText(title, flags, choice.title)
        title_height = min(painter.boundingRect(title, flags, choice.title).height(), 2 * line)
        painter.setFont(option.font)
        painter.setPen(muted(pal))
        sub = painter.fontMetrics().elidedText(choice.subtitle, Qt.TextElideMode.ElideRight, int(text.width()))
        painter.drawText(QRectF(text.left(), text.top() + title_height + 2, text.width(), line),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, sub)
        painter.restore()


class RecentDelegate(QStyledItemDelegate):
    """A recent file: its name in bold, its folder below."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # Qt's name
        return QSize(240, ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # Qt's name
        choice: Choice = index.data(DATA)
        pal = option.palette
        row = QRectF(option.rect).adjusted(2, 1, -2, -1)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if option.state & (QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_MouseOver):
            fill = QColor(pal.color(QPalette.ColorRole.Highlight))
            fill.setAlpha(38 if option.state & QStyle.StateFlag.State_Selected else 16)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(row, 6, 6)
        index.data(Qt.ItemDataRole.DecorationRole).paint(painter, row.adjusted(8, 8, 0, -8).toRect(),
                                                          Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        text = row.adjusted(46, 5, -8, -5)
        half = text.height() / 2
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(pal.color(QPalette.ColorRole.Text))
        name = painter.fontMetrics().elidedText(choice.title, Qt.TextElideMode.ElideRight, int(text.width()))
        painter.drawText(QRectF(text.left(), text.top(), text.width(), half), Qt.AlignmentFlag.AlignVCenter, name)
        painter.setFont(option.font)
        painter.setPen(muted(pal))
        folder = painter.fontMetrics().elidedText(choice.subtitle, Qt.TextElideMode.ElideMiddle, int(text.width()))
        painter.drawText(QRectF(text.left(), text.top() + half, text.width(), half), Qt.AlignmentFlag.AlignVCenter,
                         folder)
        painter.restore()


def muted(palette: QPalette) -> QColor:
    """Secondary text: between the text and the background, readable on both light and dark."""
    text, back = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Window)
    return QColor.fromRgbF(*(0.58 * a + 0.42 * b for a, b in zip(text.getRgbF()[:3], back.getRgbF()[:3])))
