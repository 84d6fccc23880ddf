"""The palette: node types grouped as the catalog groups them, dragged onto the canvas."""
from __future__ import annotations

from PySide6.QtCore import QMimeData, QRect, QSize, Qt, Signal
from PySide6.QtGui import QDrag, QIcon
from PySide6.QtWidgets import (QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem, QTreeWidget,
                               QTreeWidgetItem)

from ...render.names import role_group_title, translated_role_name
from ...render.style import ICONS
from ...canvas.view import ROLE_MIME
from ...catalog import ROLE_GROUPS, Catalog

ROLE_DATA = Qt.ItemDataRole.UserRole


class _WrappingDelegate(QStyledItemDelegate):
    """Row heights for names wrapped to the width the view gives them (Qt sizes a row by its
    text's natural width, so a wrapped name would be cut to its first line)."""

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # Qt's name
        view = self.parent()
        depth, parent = 1, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        wrapped = QStyleOptionViewItem(option)
        wrapped.rect = QRect(0, 0, max(40, view.viewport().width() - depth * view.indentation()), 1)
        wrapped.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        return super().sizeHint(wrapped, index)


class PalettePanel(QTreeWidget):
    role_activated = Signal(str)  # double-click or Enter: add at the view's centre

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog
        self.setObjectName("palette")
        self.setHeaderHidden(True)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setIconSize(self.iconSize() * 2)
        self.setIndentation(10)
        # a narrow palette (a laptop's window) wraps a long name onto a second line instead of
        # cutting it short: every role reads in full
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setItemDelegate(_WrappingDelegate(self))
        self.items: dict[str, QTreeWidgetItem] = {}
        for group in ROLE_GROUPS:
            header = QTreeWidgetItem([role_group_title(group)])
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = header.font(0)
            font.setBold(True)
            header.setFont(0, font)
            self.addTopLevelItem(header)
            for role in catalog.roles.values():
                if role.group != group:
                    continue
                item = QTreeWidgetItem([translated_role_name(role.name)])
                item.setData(0, ROLE_DATA, role.id)
                item.setIcon(0, QIcon(str(ICONS / f"{role.id}.svg")))
                item.setToolTip(0, role.description or item.text(0))
                header.addChild(item)
                self.items[role.id] = item
        self.expandAll()
        self.itemActivated.connect(self._activated)

    def natural_width(self) -> int:
        """What ``sizeHintForColumn(0)`` gave before names wrapped: the width of the longest
        name on one line, with its icon and indentation (the delegate's hint is now of the
        names as wrapped to the present width)."""
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        plain = QStyledItemDelegate()
        widest = 0
        for item in self.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive):
            depth = 2 if item.parent() is not None else 1
            hint = plain.sizeHint(option, self.indexFromItem(item)).width()
            widest = max(widest, hint + depth * self.indentation())  # (the root is decorated too)
        return widest

    def resizeEvent(self, event) -> None:  # Qt's name
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()  # the rows' heights follow the names' wrapping

    def set_version(self, version: str) -> None:
        """Grey out the roles that do not exist in the design's Exchange version."""
        for role_id, item in self.items.items():
            role = self.catalog.roles[role_id]
            available = role.available_in(version)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
            item.setFlags(flags if available else Qt.ItemFlag.NoItemFlags)
            reason = role.unavailable.get(version) or self.tr("Not in Exchange {version}").format(version=version)
            item.setToolTip(0, (role.description or item.text(0)) if available else reason)

    def _activated(self, item: QTreeWidgetItem) -> None:
        role = item.data(0, ROLE_DATA)
        if role and item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.role_activated.emit(role)

    def mimeData(self, items) -> QMimeData:  # Qt's name
        data = QMimeData()
        roles = [i.data(0, ROLE_DATA) for i in items if i.data(0, ROLE_DATA)]
        if roles:
            data.setData(ROLE_MIME, roles[0].encode())
        return data

    def mimeTypes(self) -> list[str]:  # Qt's name
        return [ROLE_MIME]

    def startDrag(self, actions) -> None:  # Qt's name
        item = self.currentItem()
        if item is None or not item.data(0, ROLE_DATA):
            return
        drag = QDrag(self)
        drag.setMimeData(self.mimeData([item]))
        drag.setPixmap(item.icon(0).pixmap(48, 48))
        drag.exec(Qt.DropAction.CopyAction)
