"""The editor: the one API through which every edit goes (it pushes QUndoCommands). Qt; may import the core, never render, canvas, ui or cli."""
from .editor import DocumentEditor

__all__ = ["DocumentEditor"]
