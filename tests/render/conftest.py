from tests.io.conftest import open_scene  # noqa: F401  (the CanvasScene of a design file)
