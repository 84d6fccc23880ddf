"""Benchmark: the whole window against the canvas alone, on the same design.

    QT_QPA_PLATFORM=offscreen python bench/window.py --nodes 1000 --connections 3000 [--repeat 5]

``bench/run.py`` measures the canvas with its editor, against a naive scene. The window adds
the docks: the palette, the inspector, and the findings and port matrix panels, which refresh
after every analysis. This prints one line per measure, ``measure window canvas ratio`` (ms,
median of the repeats; ratio is window / canvas), so what the docks cost shows, and a dock
that gets slow on a large design (a refresh per row of something costly) shows at once:

open     open the file (as *File ▸ Open* does), fit, and paint the first frame.
edit     one undoable edit (move a node a grid step through the editor), the re-analysis,
         every panel's refresh and the repaint.
version  switch the Exchange version and paint.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.harness import VIEW_SIZE, app, design_file, painted, settle, wait  # noqa: E402
from bench.run import foreground, idle  # noqa: E402

MEASURES = ("open", "edit", "version")


def window_side(catalog, settings_file: Path):
    """A shown main window (its own settings file) and its canvas view."""
    from PySide6.QtCore import QSettings

    from designer.editor import DocumentEditor
    from designer.ui.window.main_window import MainWindow

    window = MainWindow(DocumentEditor(catalog), QSettings(str(settings_file), QSettings.Format.IniFormat))
    window.resize(VIEW_SIZE[0] + 600, VIEW_SIZE[1] + 300)
    window.show()
    settle()
    return window.editor, window.scene, window.view, window


def canvas_side(catalog, _settings_file: Path):
    from designer.canvas import CanvasScene, CanvasView
    from designer.editor import DocumentEditor

    editor = DocumentEditor(catalog)
    scene = CanvasScene(editor)
    view = CanvasView(scene)
    view.resize(*VIEW_SIZE)
    view.show()
    settle()
    return editor, scene, view, view


def measure(make, path: Path, repeat: int, catalog, settings_file: Path) -> dict[str, float]:
    times: dict[str, list[float]] = {m: [] for m in MEASURES}
    for _ in range(repeat):
        editor, scene, view, top = make(catalog, settings_file)

        def open_file() -> None:
            editor.open(path)
            view.fit()
        times["open"].append(painted(view, open_file, lambda: foreground(scene)))
        wait(lambda: idle(scene))
        node = min(editor.document.nodes.values(), key=lambda n: n.id)
        x, y = node.pos
        times["edit"].append(painted(view, lambda: editor.move({node.id: (x + 20, y)}), lambda: foreground(scene)))
        wait(lambda: idle(scene))
        original = editor.document.exchange_version
        target = "2013" if original != "2013" else "2016"
        times["version"].append(painted(view, lambda: editor.set_exchange_version(target),
                                        lambda: foreground(scene)))
        wait(lambda: idle(scene))
        editor.undo_stack.setClean()
        if top is view:  # the main window detaches its scene when it closes
            scene.detach()
        top.close()
        top.deleteLater()
        settle()
    return {m: statistics.median(v) for m, v in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the whole window against the canvas alone.")
    parser.add_argument("--nodes", type=int, default=1000)
    parser.add_argument("--connections", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--file", type=Path, help="a design to open instead of a generated one")
    args = parser.parse_args(argv)
    app()
    from designer.catalog import load_catalog

    catalog = load_catalog()
    path = args.file or design_file(args.nodes, args.connections)
    settings_file = Path(os.environ.get("TMPDIR", "/tmp")) / f"etd-bench-window-{os.getpid()}.ini"
    try:
        window = measure(window_side, path, args.repeat, catalog, settings_file)
        canvas = measure(canvas_side, path, args.repeat, catalog, settings_file)
    finally:
        settings_file.unlink(missing_ok=True)
    print(f"# {path.name}; median of {args.repeat}")
    print(f"{'measure':<8} {'window':>10} {'canvas':>10} {'ratio':>8}")
    for m in MEASURES:
        ratio = window[m] / canvas[m] if canvas[m] else float("inf")
        print(f"{m:<8} {window[m]:>8.1f}ms {canvas[m]:>8.1f}ms {ratio:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
