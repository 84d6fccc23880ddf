"""``exchange-designer render FILE -o OUT.png|.svg|.pdf|.drawio|.vsdx``: the diagram, with no display.

    exchange-designer render FILE -o OUT [--scale N | --dpi N] [--page-size A4|A3|Letter|Legal]
                                         [--atlas] [--portrait] [--grid]

A PDF is readable on paper: without --page-size the export picks the page (A4 or A3) that prints
the connection labels at 6 pt or more, or tiles the design as an atlas of A4 pages. A page size
given is kept; when its text would print smaller, the command says so on stderr and what would fit.

Qt is imported only when the command runs, so the command line stays free of Qt until a drawing is asked for. Without a
display (Linux with neither DISPLAY nor WAYLAND_DISPLAY) Qt's offscreen platform is used.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from ..catalog import Catalog
from ..support.yamlsafe import InputError
from .common import EXIT_OK, load_design

SUFFIXES = (".png", ".svg", ".pdf", ".drawio", ".vsdx")
EDITABLE = (".drawio", ".vsdx")  # for draw.io and Visio: from the model, no scene
PAGE_SIZES = ("A5", "A4", "A3", "A2", "A1", "A0", "Letter", "Legal", "Tabloid")  # render.print_plan.PAGE_SIZES
DEFAULT_SCALE = 2.0


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 < value <= 10000:
        raise argparse.ArgumentTypeError(f"{text} must be a positive number")
    return value


def _page_size(text: str) -> str:
    for name in PAGE_SIZES:
        if name.lower() == text.lower():
            return name
    raise argparse.ArgumentTypeError(f"unknown page size {text!r}; use one of {', '.join(PAGE_SIZES)}")


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``render`` on the ``add_subparsers()`` object of the main parser."""
    render = subparsers.add_parser(
        "render", help="export the diagram as PNG, SVG, PDF, draw.io or Visio",
        description="Export the diagram of a design, with a legend and a title block, as PNG, SVG "
        "or PDF (chosen by OUT's suffix). SVG and PDF are vector, with searchable text. "
        ".drawio and .vsdx write a diagram to edit in draw.io or Visio: zones, nodes with their "
        "icons and names, and connections with their labels. No display is needed.")
    render.add_argument("file", metavar="FILE", help="a topology file (.yaml)")
    render.add_argument("-o", "--output", metavar="OUT", required=True, help="OUT.png, OUT.svg, OUT.pdf, OUT.drawio or OUT.vsdx")
    size = render.add_mutually_exclusive_group()
    size.add_argument("--scale", type=_positive, metavar="N",
                      help=f"PNG: pixels per canvas pixel (default: {DEFAULT_SCALE:g})")
    size.add_argument("--dpi", type=_positive, metavar="N", help="PNG: resolution in dots per inch, e.g. 300")
    render.add_argument("--page-size", type=_page_size, default=None, metavar="SIZE",
                        help=f"PDF: {', '.join(PAGE_SIZES)} (default: the smallest of A4 and A3 that "
                        "prints the labels at 6 pt or more, else an atlas of A4 pages)")
    render.add_argument("--atlas", action="store_true",
                        help="PDF: an overview page, then the diagram in parts at a readable size")
    render.add_argument("--portrait", action="store_true",
                        help="PDF: portrait pages (default: the orientation that fits best)")
    render.add_argument("--grid", action="store_true", help="draw the canvas's grid")
    return render


def _ensure_app():
    """The running QApplication, or a new one (offscreen when there is no display)."""
    if sys.platform.startswith("linux") and not any(
            os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["exchange-designer"])


@contextmanager
def headless_scene(file: str, catalog: Catalog) -> Iterator:
    """The ``CanvasScene`` of the design in ``file``, on a QApplication that needs no display.
    A file that can't be read is reported (``InputError``) before Qt starts."""
    load_design(file, catalog)
    _app = _ensure_app()  # kept alive while the scene is used
    from ..canvas import CanvasScene
    from ..editor import DocumentEditor

    editor = DocumentEditor(catalog)
    editor.open(file)
    scene = CanvasScene(editor)
    try:
        yield scene
    finally:
        scene.detach()


def run(args: argparse.Namespace, catalog: Catalog, out: TextIO) -> int:
    """Render ``args.file`` to ``args.output``; return 0, or raise ``InputError``."""
    target = Path(args.output)
    if target.suffix.lower() not in SUFFIXES:
        raise InputError(target, None, f"cannot export to {target.suffix or 'a file without a suffix'}: "
                         "use .png, .svg, .pdf, .drawio or .vsdx")
    if target.suffix.lower() in EDITABLE:
        doc = load_design(args.file, catalog)
        _app = _ensure_app() if target.suffix.lower() == ".vsdx" else None  # Visio's icons: PNG
        from ..render.editable_export import export_editable

        export_editable(doc, catalog, target, target.suffix.lower().lstrip("."))
        return EXIT_OK
    with headless_scene(args.file, catalog) as scene:
        from ..render.image_export import export_scene

        notes: list[str] = []
        export_scene(scene, target, target.suffix.lower().lstrip("."),
                     scale=args.scale or DEFAULT_SCALE, dpi=args.dpi, page_size=args.page_size,
                     landscape=False if args.portrait else None, grid=args.grid,
                     atlas=True if args.atlas else None, notes=notes)
    for note in notes:
        sys.stderr.write(f"exchange-designer: warning: {note}\n")
    return EXIT_OK
