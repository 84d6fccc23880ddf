"""The start page: new design from a template (blank or a sample), recent files, a few tips.

Shown when the designer starts without a FILE (unless "Show at startup" is off) and from
File ▸ New, after the unsaved-changes prompt. It is window-modal but doesn't block
(``QDialog.open``); the choice is handed to :class:`~designer.ui.window.files.FileActions`. Esc or
Cancel keeps the current design. A template opens as a new design with no file, so Save asks
where to keep it; the sample itself is never written to.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, QObject, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QLabel, QListView,
    QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

from ...render.style import ICONS
from ...catalog import Catalog
from ...io import load_document
from ...support.paths import samples_dir
from ...support.yamlsafe import InputError
from ...support.text import qt_plain
from .start_cards import (
    BLANK, CARD, DATA, RECENT, TEMPLATE, CardDelegate, Choice, RecentDelegate, muted, thumbnail,
)

__all__ = ["BLANK", "DATA", "RECENT", "TEMPLATE", "Choice", "StartPage", "show_at_startup", "template_choices"]

SHOW_KEY = "start_page/show_at_startup"


def show_at_startup(settings: QSettings) -> bool:
    return bool(settings.value(SHOW_KEY, True, type=bool))


def template_choices(catalog: Catalog) -> list[Choice]:
    """"Blank design", then each sample in ``data/samples`` (its name and version read from it).
    Texts are translated in the "StartPage" context, that of ``StartPage.tr``."""
    from ...editor import DocumentEditor

    version = DocumentEditor(catalog).document.exchange_version  # a blank design's version
    found = [Choice(BLANK, None, QCoreApplication.translate("StartPage", "Blank design"),
                    QCoreApplication.translate("StartPage", "Exchange {version} · empty zones").format(
                        version=version))]
    for path in sorted(samples_dir().glob("*.yaml")):
        try:
            doc = load_document(path, roles=catalog.roles.keys())
        except InputError:
            continue  # a broken sample is left out, not shown as an error at every start
        count = len(doc.nodes)
        nodes = (QCoreApplication.translate("StartPage", "1 node") if count == 1 else
                 QCoreApplication.translate("StartPage", "{count} nodes").format(count=count))
        subtitle = QCoreApplication.translate("StartPage", "Exchange {version} · {nodes}")
        found.append(Choice(TEMPLATE, path, doc.name, subtitle.format(version=doc.exchange_version, nodes=nodes)))
    return found


def _secondary(label: QLabel) -> QLabel:
    pal = label.palette()
    pal.setColor(QPalette.ColorRole.WindowText, muted(pal))
    label.setPalette(pal)
    return label


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label


class StartPage(QDialog):
    """Pick a template or a recent file. ``chosen`` carries the ``Choice``; Esc picks nothing."""

    chosen = Signal(object)
    browse_requested = Signal()

    def __init__(self, catalog: Catalog, recent: list[str], settings: QSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("start_page")
        self.setWindowTitle(self.tr("Welcome — Exchange Topology Designer"))
        self.settings = settings
        ratio = parent.devicePixelRatioF() if parent is not None else 1.0

        self.templates = QListWidget()
        self.templates.setObjectName("start_templates")
        self.templates.setViewMode(QListView.ViewMode.IconMode)
        self.templates.setFlow(QListView.Flow.LeftToRight)
        self.templates.setWrapping(True)
        self.templates.setResizeMode(QListView.ResizeMode.Adjust)
        self.templates.setMovement(QListView.Movement.Static)
        self.templates.setGridSize(CARD + QSize(4, 4))
        self.templates.setItemDelegate(CardDelegate(self.templates))
        self.templates.setMinimumWidth(2 * (CARD.width() + 4) + 24)
        self.templates.setMinimumHeight(2 * (CARD.height() + 4) + 8)
        for choice in template_choices(catalog):
            item = QListWidgetItem(choice.title)
            item.setData(DATA, choice)
            item.setData(Qt.ItemDataRole.DecorationRole, thumbnail(catalog, choice.path, ratio))
            item.setToolTip(qt_plain(f"{choice.title}\n{choice.subtitle}" + (f"\n{choice.path}" if choice.path else "")))
            self.templates.addItem(item)

        self.recent = QListWidget()
        self.recent.setObjectName("start_recent")
        self.recent.setItemDelegate(RecentDelegate(self.recent))
        self.recent.setMinimumWidth(300)
        file_icon = QIcon(str(ICONS / "app.svg"))
        for path in recent:
            item = QListWidgetItem(Path(path).name)
            item.setData(DATA, Choice(RECENT, Path(path), Path(path).name, str(Path(path).parent)))
            item.setData(Qt.ItemDataRole.DecorationRole, file_icon)
            item.setToolTip(qt_plain(path))
            self.recent.addItem(item)
        self.no_recent = QLabel(self.tr("No recent designs yet.\nDesigns you open or save are listed here."))
        self.no_recent.setAlignment(Qt.AlignmentFlag.AlignCenter)
        _secondary(self.no_recent)
        self.recent.setVisible(bool(recent))
        self.no_recent.setVisible(not recent)

        for view in (self.templates, self.recent):
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            view.setMouseTracking(True)  # hover highlight
            view.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover)
            view.setFrameShape(QFrame.Shape.NoFrame)
            view.viewport().setAutoFillBackground(False)
            view.itemSelectionChanged.connect(self._selection_changed)
            view.itemDoubleClicked.connect(self._double_clicked)
            view.installEventFilter(self)

        self.show_check = QCheckBox(self.tr("Show at startup"))
        self.show_check.setObjectName("start_show_at_startup")
        self.show_check.setChecked(show_at_startup(settings))
        self.show_check.toggled.connect(lambda on: self.settings.setValue(SHOW_KEY, bool(on)))
        self.open_other = QPushButton(self.tr("Open Other…"))
        self.open_other.setObjectName("start_open_other")
        self.open_other.setAutoDefault(False)
        self.open_other.clicked.connect(self._browse)
        buttons = QDialogButtonBox()
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.addButton(self.tr("Create"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        self._build(buttons)
        self.ok.setDefault(True)  # once it is in the dialog: Enter creates or opens
        self.active = self.templates
        self.templates.setCurrentRow(0)
        if self.recent.count():
            self.recent.setCurrentRow(0, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.templates.setFocus()
        self.resize(self.sizeHint().expandedTo(QSize(960, 640)))

    def _build(self, buttons: QDialogButtonBox) -> None:
        icon = QLabel()
        icon.setPixmap(QIcon(str(ICONS / "app.svg")).pixmap(48, 48))
        title = QLabel(self.tr("Exchange Topology Designer"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel(self.tr("Start a new design from a template, or pick up where you left off."))
        _secondary(subtitle)
        header_text = QVBoxLayout()
        header_text.setSpacing(2)
        header_text.addWidget(title)
        header_text.addWidget(subtitle)
        header = QHBoxLayout()
        header.setSpacing(14)
        header.addWidget(icon)
        header.addLayout(header_text, 1)

        left = QVBoxLayout()
        left.addWidget(_heading(self.tr("New design")))
        left.addWidget(self.templates, 1)
        right = QVBoxLayout()
        right.addWidget(_heading(self.tr("Recent designs")))
        right.addWidget(self.recent, 1)
        right.addWidget(self.no_recent, 1)
        right.addWidget(self.open_other, 0, Qt.AlignmentFlag.AlignLeft)
        middle = QHBoxLayout()
        middle.setSpacing(18)
        middle.addLayout(left, 3)
        divider = QFrame()
        divider.setFrameShape(QFrame.Shape.VLine)
        divider.setFrameShadow(QFrame.Shadow.Sunken)
        middle.addWidget(divider)
        middle.addLayout(right, 2)

        bottom = QHBoxLayout()
        bottom.addWidget(self.show_check)
        bottom.addStretch(1)
        bottom.addWidget(buttons)

        top_rule = QFrame()
        top_rule.setFrameShape(QFrame.Shape.HLine)
        top_rule.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addWidget(top_rule)
        layout.addLayout(middle, 1)
        layout.addWidget(self._tips())
        layout.addLayout(bottom)

    def _tips(self) -> QFrame:
        box = QFrame()
        box.setObjectName("start_tips")
        box.setAutoFillBackground(True)
        box.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        box.setFrameShape(QFrame.Shape.StyledPanel)
        tips = [
            self.tr("Drag a role from the <b>Palette</b> into a zone; drag from a node's <b>+</b> handle "
                    "to another node to connect them."),
            self.tr("Each line shows its ports, authentication and encryption; hover it for every flow "
                    "and its Microsoft source."),
            self.tr("<b>File ▸ Export</b>: the diagram (<b>Ctrl+E</b>), the port matrix, firewall rules "
                    "per zone boundary, and a report (<b>Ctrl+Shift+E</b>)."),
            self.tr("<b>F5</b> presents the design full screen, one scenario at a time."),
            self.tr("<b>Z</b> adds a zone, <b>C</b> connects, <b>Ctrl+9</b> fits the design to the window."),
        ]
        label = QLabel("<table cellspacing='3'>" + "".join(
            f"<tr><td style='padding-right:6px'>•</td><td>{tip}</td></tr>" for tip in tips) + "</table>")
        label.setObjectName("start_tips_text")
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(4)
        layout.addWidget(_heading(self.tr("Tips")))
        layout.addWidget(label)
        return box

    # ---- which list the user is in
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() == QEvent.Type.FocusIn and watched in (self.templates, self.recent):
            self._activate(watched)
        return super().eventFilter(watched, event)

    def _activate(self, view: QListWidget) -> None:
        """Make ``view`` the list Enter and the default button act on; its current item is selected."""
        other = self.recent if view is self.templates else self.templates
        self.active = view
        other.clearSelection()
        current = view.currentItem()
        if current is not None and not current.isSelected():
            current.setSelected(True)
        self._update_button()

    def _selection_changed(self) -> None:
        view = self.sender()
        if isinstance(view, QListWidget) and view.selectedItems() and view is not self.active:
            self._activate(view)
        self._update_button()

    def _update_button(self) -> None:
        choice = self.choice()
        self.ok.setText(self.tr("Open") if choice is not None and choice.kind == RECENT else self.tr("Create"))
        self.ok.setEnabled(choice is not None)

    def choice(self) -> Choice | None:
        items = self.active.selectedItems()
        return items[0].data(DATA) if items else None

    # ---- finishing
    def _double_clicked(self, item: QListWidgetItem) -> None:
        view = item.listWidget()
        if view is not None:
            self._activate(view)
            view.setCurrentItem(item)
        self.accept()

    def accept(self) -> None:  # Qt's name
        choice = self.choice()
        if choice is None:
            return
        super().accept()
        self.chosen.emit(choice)

    def _browse(self) -> None:
        super().accept()
        self.browse_requested.emit()
