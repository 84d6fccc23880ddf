import pytest
from PySide6.QtCore import QSettings

from designer.canvas import CanvasScene, CanvasView
from designer.editor import DocumentEditor
from designer.ui.window.main_window import MainWindow
from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "samples" / "exchange2016-edge.yaml"


@pytest.fixture()
def window(qtbot, catalog, tmp_path):
    """A shown main window with its own settings file; closed without the unsaved-work prompt
    (that prompt is tested on its own)."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    editor = DocumentEditor(catalog)
    win = MainWindow(editor, settings)
    win.show()
    qtbot.waitExposed(win)
    yield win
    editor.undo_stack.setClean()
    win.close()
    win.deleteLater()


@pytest.fixture()
def sample_view(qtbot, catalog):
    """Makes the 2016 sample's editor, scene and a shown view of a given size at 100 %."""
    scenes = []

    def make(width: int, height: int):
        editor = DocumentEditor(catalog)
        editor.open(SAMPLE)
        scene = CanvasScene(editor)
        scenes.append(scene)
        view = CanvasView(scene)
        qtbot.addWidget(view)
        view.resize(width, height)
        view.show()
        qtbot.waitExposed(view)
        view.zoom_reset()
        return editor, scene, view
    yield make
    for scene in scenes:
        scene.detach()


@pytest.fixture()
def generated_view(qtbot, catalog, tmp_path):
    """Makes a generated design (``bench.generate``) opened in a shown view of a given size:
    ``make(nodes, connections, seed=5, size=(1200, 800))`` -> (editor, scene, view)."""
    from bench.generate import generate
    from designer.io import save_document

    scenes = []

    def make(nodes: int, connections: int, seed: int = 5, size: tuple[int, int] = (1200, 800)):
        path = tmp_path / f"generated-{nodes}-{connections}-{seed}.yaml"
        save_document(generate(nodes, connections, seed=seed, catalog=catalog), path)
        editor = DocumentEditor(catalog)
        scene = CanvasScene(editor)
        scenes.append(scene)
        view = CanvasView(scene)
        qtbot.addWidget(view)
        view.resize(*size)
        view.show()
        qtbot.waitExposed(view)
        editor.open(path)
        return editor, scene, view
    yield make
    for scene in scenes:
        scene.detach()
