"""Presentation mode: the design full screen, stepping through its scenarios one hop at a time
(:mod:`.window`), with a caption in large type that fits the screen (:mod:`.caption`).
Only the window reads the editor; it never changes the document."""
from .caption import CAPTION_SHARE, MIN_SCALE, paginate
from .window import KEYS_HINT, NO_SCENARIO, PresentationWindow

__all__ = ["CAPTION_SHARE", "KEYS_HINT", "MIN_SCALE", "NO_SCENARIO", "PresentationWindow", "paginate"]
