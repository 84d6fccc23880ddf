"""Undo commands. They change the Document only, through its methods; never items or widgets."""
from .elements import (
    AddElementCommand, MacroCommand, RemoveElementsCommand, ReplaceElementsCommand,
    SetDocumentPropertyCommand,
)

__all__ = ["AddElementCommand", "MacroCommand", "RemoveElementsCommand",
           "ReplaceElementsCommand",
           "SetDocumentPropertyCommand"]
