import pytest

from designer.canvas import CanvasScene
from designer.editor import DocumentEditor


@pytest.fixture()
def open_scene(qapp, catalog):
    """``open_scene(path)``: the CanvasScene of a design file; detached afterwards."""
    made = []

    def open_(path) -> CanvasScene:
        editor = DocumentEditor(catalog)
        editor.open(path)
        scene = CanvasScene(editor)
        made.append(scene)
        return scene

    yield open_
    for scene in made:
        scene.detach()
