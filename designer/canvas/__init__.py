"""The canvas: the scene that mirrors the document, its items and the view."""
from .scene import CanvasScene
from .view import ROLE_MIME, CanvasView

__all__ = ["CanvasScene", "CanvasView", "ROLE_MIME"]
