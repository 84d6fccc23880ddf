"""File ▸ Export Diagram: the options of a PNG, SVG or PDF export, remembered between uses; or a
draw.io or Visio file to edit, which has no options (the whole design, as on the canvas)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...support.i18n import QT_TRANSLATE_NOOP
from ...render.editable_export import FORMATS as EDITABLE_FORMATS
from ...render.image_export import FORMATS, PAGE_SIZES

FORMAT_NAMES = {"png": QT_TRANSLATE_NOOP("ExportDiagramDialog", "PNG image"),
                "svg": QT_TRANSLATE_NOOP("ExportDiagramDialog", "SVG drawing (vector)"),
                "pdf": QT_TRANSLATE_NOOP("ExportDiagramDialog", "PDF document (vector)"),
                "drawio": QT_TRANSLATE_NOOP("ExportDiagramDialog", "draw.io diagram (editable)"),
                "vsdx": QT_TRANSLATE_NOOP("ExportDiagramDialog", "Visio drawing (editable)")}
# the paper sizes with a name in words (the others, A5 to A2, are the same in every language)
PAPER_NAMES = (QT_TRANSLATE_NOOP("ExportDiagramDialog", "Letter"), QT_TRANSLATE_NOOP("ExportDiagramDialog", "Legal"),
               QT_TRANSLATE_NOOP("ExportDiagramDialog", "Tabloid"))
KEY = "export_diagram/"


class ExportDiagramDialog(QDialog):
    """``options()`` gives the keyword arguments of ``export_scene`` and ``fmt`` the format."""

    def __init__(self, has_selection: bool, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export Diagram"))
        self.settings = settings
        self.format_box = QComboBox()
        for fmt in (*FORMATS, *EDITABLE_FORMATS):
            self.format_box.addItem(self.tr(FORMAT_NAMES[fmt]), fmt)

        # PNG: scale or DPI
        self.png_group = QGroupBox(self.tr("Image size"))
        self.by_scale, self.by_dpi = QRadioButton(self.tr("Scale")), QRadioButton(self.tr("Resolution"))
        self.scale = QDoubleSpinBox(minimum=0.25, maximum=8.0, singleStep=0.5, decimals=2, suffix=" ×")
        self.dpi = QSpinBox(minimum=36, maximum=1200, singleStep=50, suffix=self.tr(" dpi"))
        png = QFormLayout(self.png_group)
        png.addRow(self.by_scale, self.scale)
        png.addRow(self.by_dpi, self.dpi)
        self._size_mode = QButtonGroup(self)
        self._size_mode.addButton(self.by_scale)
        self._size_mode.addButton(self.by_dpi)

        # PDF: page
        self.pdf_group = QGroupBox(self.tr("Page"))
        self.page_size = QComboBox()
        # the export's own choice: a page that prints the labels readably, or an atlas of A4 pages
        self.page_size.addItem(self.tr("Readable (A4, A3 or an A4 atlas)"), "auto")
        for size in PAGE_SIZES:
            self.page_size.addItem(self.tr(size), size)
        self.orientation = QComboBox()
        self.orientation.addItems([self.tr("Landscape"), self.tr("Portrait")])
        self.fit = QCheckBox(self.tr("Fit the diagram to the page"))
        pdf = QFormLayout(self.pdf_group)
        pdf.addRow(self.tr("Size:"), self.page_size)
        pdf.addRow(self.tr("Orientation:"), self.orientation)
        pdf.addRow(self.fit)

        self.scope_group = QGroupBox(self.tr("Include"))
        self.whole = QRadioButton(self.tr("The whole design"))
        self.selection = QRadioButton(self.tr("The selection only"))
        self.selection.setEnabled(has_selection)
        self.grid = QCheckBox(self.tr("The canvas grid"))
        scope = QVBoxLayout(self.scope_group)
        for widget in (self.whole, self.selection, self.grid):
            scope.addWidget(widget)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton(self.tr("Export…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        head = QHBoxLayout()
        form = QFormLayout()
        form.addRow(self.tr("Format:"), self.format_box)
        head.addLayout(form)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        for widget in (self.png_group, self.pdf_group, self.scope_group):
            layout.addWidget(widget)
        layout.addWidget(buttons)

        self.format_box.currentIndexChanged.connect(self._format_changed)
        self.by_scale.toggled.connect(self._size_mode_changed)
        self._restore()

    @property
    def fmt(self) -> str:
        return self.format_box.currentData()

    def options(self) -> dict[str, Any]:
        return {"scale": self.scale.value(), "dpi": None if self.by_scale.isChecked() else float(self.dpi.value()),
                "page_size": None if self.page_size.currentData() == "auto" else self.page_size.currentData(),
                "landscape": self.orientation.currentIndex() == 0,
                "fit": self.fit.isChecked(), "grid": self.grid.isChecked(),
                "selection_only": self.selection.isChecked()}

    def accept(self) -> None:  # Qt's name
        s = self.settings
        s.setValue(KEY + "format", self.fmt)
        s.setValue(KEY + "by_dpi", self.by_dpi.isChecked())
        s.setValue(KEY + "scale", self.scale.value())
        s.setValue(KEY + "dpi", self.dpi.value())
        s.setValue(KEY + "page_size", self.page_size.currentData())
        s.setValue(KEY + "portrait", self.orientation.currentIndex() == 1)
        s.setValue(KEY + "fit", self.fit.isChecked())
        s.setValue(KEY + "grid", self.grid.isChecked())
        super().accept()

    def _restore(self) -> None:
        s = self.settings

        def flag(name: str, default: bool) -> bool:
            return str(s.value(KEY + name, default)).lower() in ("true", "1")

        index = self.format_box.findData(s.value(KEY + "format", "png"))
        self.format_box.setCurrentIndex(max(index, 0))
        (self.by_dpi if flag("by_dpi", False) else self.by_scale).setChecked(True)
        self.scale.setValue(float(s.value(KEY + "scale", 2.0)))
        self.dpi.setValue(int(s.value(KEY + "dpi", 300)))
        self.page_size.setCurrentIndex(max(self.page_size.findData(str(s.value(KEY + "page_size", "auto"))), 0))
        self.orientation.setCurrentIndex(1 if flag("portrait", False) else 0)
        self.fit.setChecked(flag("fit", True))
        self.grid.setChecked(flag("grid", False))
        self.whole.setChecked(True)
        self._format_changed()
        self._size_mode_changed()

    def _format_changed(self) -> None:
        self.png_group.setVisible(self.fmt == "png")
        self.pdf_group.setVisible(self.fmt == "pdf")
        self.scope_group.setVisible(self.fmt not in EDITABLE_FORMATS)  # always the whole design
        self.adjustSize()

    def _size_mode_changed(self) -> None:
        self.scale.setEnabled(self.by_scale.isChecked())
        self.dpi.setEnabled(self.by_dpi.isChecked())
