"""The canvas: the scene that mirrors the document, its items, its tools and the view. Qt; may import editor, render and the core, never ui or cli."""
from .scene import CanvasScene
from .view import ROLE_MIME, CanvasView

__all__ = ["CanvasScene", "CanvasView", "ROLE_MIME"]
