"""The user guide's screenshots, taken from the designer itself at build time (dev/docs).

    .venv/bin/python docs/screenshots.py OUT_DIR [NAME ...]

Opens the main window offscreen (``QT_QPA_PLATFORM=offscreen``) the way the tests do, loads the
samples in ``data/samples/``, selects things, and saves each view with ``QWidget.grab()`` as
``OUT_DIR/NAME.png``. Nothing here is committed as an image: the pictures always show the
designer as it is. With NAMEs, only those shots are taken. Recovery files and settings go to a
temporary folder, never the user's.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
SAMPLE = SAMPLES / "exchange2016-edge.yaml"

# A small design with one connection of each line style (Exchange 2016).
LINE_STYLES = """\
format: exchange-topology/1
name: Line styles
exchange_version: '2016'
zones:
- {id: internet, name: Internet, kind: internet, rect: [0, 0, 320, 600]}
- {id: dmz, name: Perimeter network (DMZ), kind: perimeter, rect: [400, 0, 320, 600]}
- {id: internal, name: Internal network, kind: internal, rect: [800, 0, 340, 600]}
nodes:
- {id: browser, name: Browser, role: owa_browser, zone: internet, position: [100, 100]}
- {id: proxy, name: Reverse proxy, role: reverse_proxy, zone: dmz, position: [540, 100]}
- {id: mail, name: Internet mail, role: internet_mail, zone: internet, position: [100, 280]}
- {id: edge, name: EDGE01, role: edge_transport, zone: dmz, position: [540, 280]}
- {id: outlook, name: Outlook, role: outlook, zone: internet, position: [100, 480]}
- {id: pbx, name: IP PBX, role: ip_pbx, zone: internal, position: [860, 120]}
- {id: ex01, name: EX01, role: mailbox, zone: internal, position: [1040, 300]}
- {id: lan_browser, name: Office browser, role: owa_browser, zone: internal, position: [860, 480]}
connections:
- {id: encrypted, between: [browser, proxy]}
- {id: optional, between: [pbx, ex01], services: [RTP]}
- {id: plaintext, between: [lan_browser, ex01], services: [Outlook on the web (HTTP redirect)]}
- {id: not_stated, between: [mail, edge], services: [SMTP]}
- {id: no_path, between: [outlook, edge]}
"""


class Shots:
    """The window, the editor and helpers shared by the shots."""

    def __init__(self, out: Path, work: Path) -> None:
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from designer.catalog import load_catalog
        from designer.editor import DocumentEditor
        from designer.ui.window.main_window import MainWindow

        self.app = QApplication.instance() or QApplication(sys.argv[:1])
        self.out, self.work = out, work
        self.settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
        self.editor = DocumentEditor(load_catalog())
        self.window = MainWindow(self.editor, self.settings)
        self.window.resize(1440, 900)
        self.window.show()
        self.open(SAMPLE)

    # ---- helpers
    def settle(self) -> None:
        for _ in range(5):
            self.app.processEvents()

    def open(self, path: Path) -> None:
        if not self.window.files.open_path(path, ask=False):
            raise SystemExit(f"screenshots: cannot open {path}")
        self.editor.undo_stack.setClean()
        self.settle()
        self.window.view.fit()
        self.settle()

    def open_text(self, name: str, text: str) -> None:
        path = self.work / name
        path.write_text(text, encoding="utf-8")
        self.open(path)

    def select(self, ids: list[str]) -> None:
        self.window.scene.select_ids(ids)
        self.settle()

    def dock(self, title: str, height: int | None = None):
        """A dock of the window, raised (and for the bottom docks, ``height`` pixels high)."""
        from PySide6.QtCore import Qt

        dock = next(d for d in self.window.docks if d.windowTitle() == title)
        dock.show()
        dock.raise_()
        if height is not None:
            self.window.resizeDocks([dock], [height], Qt.Orientation.Vertical)
        self.settle()
        return dock

    def canvas_around(self, ids: list[str], margin: float = 30.0, width: int = 1000, height: int = 620):
        """The canvas zoomed onto some items: a view of the window's scene, ``width`` by
        ``height`` at most, cropped to the items."""
        from PySide6.QtCore import Qt

        from designer.canvas import CanvasView

        scene = self.window.scene
        items = [scene.nodes.get(i) or scene.zones.get(i) or scene.connections.get(i) for i in ids]
        rect = items[0].sceneBoundingRect()
        for item in items[1:]:
            rect = rect.united(item.sceneBoundingRect())
        rect.adjust(-margin, -margin, margin, margin)
        view = CanvasView(scene)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.resize(width, height)
        view.show()
        self.settle()
        view.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        view.set_zoom(view.zoom())  # clamps, places the labels
        view.centerOn(rect.center())
        self.settle()
        port = view.viewport()
        pixmap = port.grab(view.mapFromScene(rect).boundingRect().intersected(port.rect()))
        view.close()
        view.deleteLater()
        return pixmap

    def save(self, name: str, pixmap) -> Path:
        from PySide6.QtCore import QSaveFile

        target = self.out / f"{name}.png"
        file = QSaveFile(str(target))
        if not (file.open(QSaveFile.OpenModeFlag.WriteOnly) and pixmap.save(file, "PNG") and file.commit()):
            raise SystemExit(f"screenshots: cannot write {target}: {file.errorString()}")
        return target

    def close(self) -> None:
        self.editor.undo_stack.setClean()
        self.window.close()


# ---- the shots: each returns a pixmap
def window(s: Shots):
    """The whole window with the Exchange 2016 sample."""
    s.select([])
    s.window.view.fit()
    s.settle()
    return s.window.grab()


def palette(s: Shots):
    return s.dock("Palette").grab()


def inspector_zone(s: Shots):
    s.select(["dmz"])
    return s.dock("Inspector").grab()


def inspector_connection(s: Shots):
    s.select(["c_edge_ex01"])
    return s.dock("Inspector").grab()


def labels(s: Shots):
    """The lines between the Edge Transport server and the Mailbox servers, close up."""
    s.select([])
    return s.canvas_around(["edge01", "ex01", "ex02"], margin=50)


def line_styles(s: Shots):
    s.open_text("line-styles.yaml", LINE_STYLES)
    s.select([])
    pixmap = s.canvas_around(["internet", "dmz", "internal"], margin=10)
    s.open(SAMPLE)
    return pixmap


def hover(s: Shots):
    """The hover details of a connection (its tooltip, as the scene builds it)."""
    from PySide6.QtWidgets import QLabel

    from designer.analysis.labels import tooltip_html

    html = tooltip_html(s.editor.document, s.editor.catalog, "c_edge_ex01")
    tip = QLabel(html)
    tip.setWordWrap(True)
    tip.setFixedWidth(560)
    tip.setMargin(10)
    tip.setStyleSheet("QLabel { background: #ffffdc; color: #000; border: 1px solid #767676; }")
    tip.adjustSize()
    return tip.grab()


def findings(s: Shots):
    """Findings after two mistakes: a client wired to the Edge server, EX02 moved to a branch."""
    from designer.model import Rect

    doc = s.editor.document
    internal = doc.zone("internal").rect
    branch = s.editor.add_zone("Branch office", "internal",
                               Rect(internal.x, internal.y + internal.height + 60, 360, 200))
    zone = doc.zone(branch).rect
    s.editor.move({"ex02": (zone.x + 120, zone.y + 80)})
    s.editor.connect("remote_outlook", "edge01")
    s.settle()
    dock = s.dock("Findings", 190)
    dock.widget().tree.resizeColumnToContents(0)
    pixmap = dock.grab()
    s.open(SAMPLE)
    return pixmap


def matrix(s: Shots):
    s.select(["c_edge_ex01"])
    dock = s.dock("Port matrix", 300)
    dock.widget().crossing_only.setChecked(True)
    s.settle()
    pixmap = dock.grab()
    dock.widget().crossing_only.setChecked(False)
    s.dock("Findings", 170)
    return pixmap


def export_dialog(s: Shots):
    from designer.ui.dialogs.export_dialog import ExportDiagramDialog

    dialog = ExportDiagramDialog(False, s.settings, s.window)
    dialog.show()
    s.settle()
    pixmap = dialog.grab()
    dialog.reject()
    return pixmap


def diagram(s: Shots):
    """The exported PNG diagram (legend and title block included), small."""
    from PySide6.QtGui import QPixmap

    from designer.render.image_export import export_scene

    target = export_scene(s.window.scene, s.work / "diagram.png", "png", scale=1.0, date="2024-01-01")
    return QPixmap(str(target))


def presentation(s: Shots):
    """Presentation mode, second hop of the first scenario."""
    from designer.ui.presentation import PresentationWindow

    win = PresentationWindow(s.editor)
    win.resize(1280, 800)
    win.show()
    s.settle()
    win.next()
    s.settle()
    pixmap = win.grab()
    win.close()
    win.deleteLater()
    return pixmap


def start_page(s: Shots):
    """The start page: a blank design, the samples as templates, recent files, tips."""
    from designer.ui.dialogs.start_page import StartPage

    recent = ["/home/you/Designs/contoso-exchange-2016.yaml"]  # a reader's, not this machine's
    page = StartPage(s.editor.catalog, recent, s.settings, s.window)
    page.show()
    s.settle()
    pixmap = page.grab()
    page.reject()
    page.deleteLater()
    return pixmap


def knowledge_base(s: Shots):
    """Help > Knowledge Base, searching for 443 in Exchange 2016, an entry selected."""
    s.window.show_knowledge_base()
    browser = s.window.kb_browser
    browser.resize(1280, 720)
    browser.search.setText("443")
    browser.select_path("ex16_https_owa")
    s.settle()
    pixmap = browser.grab()
    browser.close()
    return pixmap


SHOTS: dict[str, Callable[[Shots], object]] = {
    "window": window, "palette": palette, "inspector-zone": inspector_zone,
    "inspector-connection": inspector_connection, "labels": labels, "line-styles": line_styles,
    "hover": hover, "findings": findings, "matrix": matrix, "export-dialog": export_dialog,
    "diagram": diagram, "presentation": presentation, "start-page": start_page,
    "knowledge-base": knowledge_base,
}


def _quiet_offscreen_warnings() -> None:
    """The offscreen platform says what it can't do (size hints, raise) for every window: noise."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_mode, _context, message: str) -> None:
        if not message.startswith("This plugin does not support"):
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-") or any(n not in SHOTS for n in argv[1:]):
        print(f"usage: {Path(__file__).name} OUT_DIR [{' | '.join(SHOTS)} ...]", file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    _quiet_offscreen_warnings()
    with tempfile.TemporaryDirectory(prefix="etd-screenshots-") as work:
        os.environ["ETD_USER_DIR"] = work  # recovery files and logs of this run
        shots = Shots(out, Path(work))
        try:
            for name in argv[1:] or list(SHOTS):
                shots.save(name, SHOTS[name](shots))
        finally:
            shots.close()
    print(f"saved {len(argv[1:] or SHOTS)} screenshots to {out}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
