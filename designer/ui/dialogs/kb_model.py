"""The knowledge base browser's table of data paths, and the translatable texts it shows.

The search itself is :func:`designer.catalog.search_paths` (pure, shared with the command
line); this model only shows its result.
"""
from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from ...render.names import role_name
from ...render.style import ENCRYPTION_STYLES
from ...render.theme import DARK, LIGHT
from ...catalog import Catalog, DataPath, Encryption
from ...support.states import EncryptionKind

PATH_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
UNCONFIRMED_COLOR = QColor("#b26a00")
UNCONFIRMED_COLOR_DARK = QColor("#ffb74d")  # on a dark table

Index = QModelIndex | QPersistentModelIndex


def not_stated() -> str:
    return QCoreApplication.translate("KnowledgeBase", "Not stated")


def encryption_text(enc: Encryption) -> str:
    """Like the port matrix's encryption label, in the user's language."""
    methods = ", ".join(enc.methods)
    kind = enc.kind
    if kind == EncryptionKind.ENCRYPTED:
        return methods or QCoreApplication.translate("KnowledgeBase", "Encrypted")
    if kind == EncryptionKind.OPTIONAL:
        return (QCoreApplication.translate("KnowledgeBase", "{methods} (optional)").format(methods=methods)
                if methods else QCoreApplication.translate("KnowledgeBase", "Optional"))
    if kind == EncryptionKind.POSSIBLE:
        return (QCoreApplication.translate("KnowledgeBase", "{methods} (default not stated)").format(methods=methods)
                if methods else QCoreApplication.translate("KnowledgeBase", "Supported (default not stated)"))
    if kind == EncryptionKind.NONE:
        return QCoreApplication.translate("KnowledgeBase", "None")
    return not_stated()


def status_text(status: str) -> str:
    if status == "unconfirmed":
        return QCoreApplication.translate("KnowledgeBase", "Unconfirmed")
    return QCoreApplication.translate("KnowledgeBase", "Confirmed")


def ports_text(path: DataPath) -> str:
    if any(p.is_any for p in path.ports):  # Microsoft's unrestricted traffic
        return QCoreApplication.translate("KnowledgeBase", "any port, any protocol")
    return ", ".join(str(p) for p in path.ports) or not_stated()


def _swatch(color: str) -> QIcon:
    pixmap = QPixmap(10, 10)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class KnowledgeBaseModel(QAbstractTableModel):
    """One row per data path, in the order the search returned them."""

    SERVICE, FROM, TO, PORTS, AUTH, ENCRYPTION, VERSIONS, STATUS = range(8)

    def __init__(self, catalog: Catalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self._paths: list[DataPath] = []
        self._headers = [self.tr("Service"), self.tr("From"), self.tr("To"), self.tr("Ports"),
                         self.tr("Authentication"), self.tr("Encryption"), self.tr("Versions"),
                         self.tr("Status")]
        self._swatches = {theme.dark: {kind: _swatch(theme.line_color(kind)) for kind in ENCRYPTION_STYLES}
                          for theme in (LIGHT, DARK)}  # the canvas's line colours, light or dark
        self._warning = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)

    # ---- ours
    def set_paths(self, paths: list[DataPath]) -> None:
        self.beginResetModel()
        self._paths = list(paths)
        self.endResetModel()

    def path_at(self, row: int) -> DataPath:
        return self._paths[row]

    def text(self, path: DataPath, column: int) -> str:
        ends = lambda roles: ", ".join(role_name(self.catalog, r) for r in roles)
        if column == self.SERVICE:
            return path.service
        if column == self.FROM:
            return ends(path.sources_roles)
        if column == self.TO:
            return ends(path.target_roles)
        if column == self.PORTS:
            return ports_text(path)
        if column == self.AUTH:
            return path.auth.default or not_stated()
        if column == self.ENCRYPTION:
            return encryption_text(path.encryption)
        if column == self.VERSIONS:
            return ", ".join(path.versions)
        return status_text(path.status)

    def _sort_key(self, path: DataPath, column: int) -> int | str:
        """Ports sort by number (the lowest first port), everything else by its text."""
        if column == self.PORTS:
            return min((p.low + p.high / 100_000 for p in path.ports), default=1e6)
        return self.text(path, column).casefold()

    # ---- Qt's
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._paths)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        path, column = self._paths[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(path, column)
        if role == SORT_ROLE:
            return self._sort_key(path, column)
        if role == PATH_ID_ROLE:
            return path.id
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text, where the column cuts it
            return path.title or path.service if column == self.SERVICE else self.text(path, column)
        unconfirmed = path.status == "unconfirmed"
        dark = QApplication.palette().color(QPalette.ColorRole.Base).lightnessF() < 0.5
        if role == Qt.ItemDataRole.DecorationRole:
            if column == self.ENCRYPTION:
                swatches = self._swatches[dark]
                return swatches.get(path.encryption.kind, swatches[EncryptionKind.UNKNOWN])
            if column == self.STATUS and unconfirmed:
                return self._warning
        if role == Qt.ItemDataRole.ForegroundRole and unconfirmed and column == self.STATUS:
            return QBrush(UNCONFIRMED_COLOR_DARK if dark else UNCONFIRMED_COLOR)
        return None
