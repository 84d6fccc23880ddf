"""The editor: the one API through which every edit goes (it pushes QUndoCommands)."""
from .editor import DocumentEditor

__all__ = ["DocumentEditor"]
