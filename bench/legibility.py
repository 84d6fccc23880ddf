"""Legibility: how each sample (and a generated 200-node design) reads when it opens.

    QT_QPA_PLATFORM=offscreen python bench/legibility.py [--size 1366x768] [--extra FILE ...]

Each design opens in the main window of that size as *File ▸ New from template* opens it (the
Fit view), and one row says, at that opening zoom:

zoom      the opening zoom.
text px   the smallest text painted on screen, in pixels (the font's pixel size times the
          zoom, never under ``legible.MIN_TEXT_PX``: smaller text is not painted).
labels    the connection labels painted: ``full`` (flows and details where they fit, port
          summaries elsewhere), or ``hidden`` (they would be smaller than ``MIN_TEXT_PX``).
compact   how many labels show only their port summary (a line per service's ports) ...
brief     ... of which show only a line per direction (its first ports and "+N").
through   lines that pass through a node they do not join.
overlaps  labels (where they are placed, painted or not) that overlap a node, plus pairs of
          labels that overlap each other.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.harness import app, design_file, settle, wait  # noqa: E402

SAMPLES = ROOT / "data" / "samples"
STEPS = 64  # points along a curved line, to test it against the nodes


def node_rect(item):
    return item.mapRectToScene(item.icon_rect().united(item.text_rect()))


def _points(conn):
    """The line of a connection as a polyline in scene coordinates."""
    if conn.segment is not None:
        x0, y0, x1, y1 = conn.segment
        return [(x0, y0), (x1, y1)]
    path = conn.path
    elements = [path.elementAt(i) for i in range(path.elementCount())]
    if all(e.isMoveTo() or e.isLineTo() for e in elements):  # routed round nodes: a polyline
        return [(e.x, e.y) for e in elements]
    return [(p.x(), p.y()) for p in (conn.path.pointAtPercent(i / STEPS) for i in range(STEPS + 1))]


def lines_through_nodes(scene) -> int:
    from designer.model.placement import clip_segment

    rects = {node_id: node_rect(item) for node_id, item in scene.nodes.items()}
    count = 0
    for conn in scene.connections.values():
        points = _points(conn)
        hit = False
        for node_id, r in rects.items():
            if node_id in conn.ends:
                continue
            box = (r.left() + 2, r.top() + 2, r.right() - 2, r.bottom() - 2)
            if any(clip_segment(*a, *b, box) is not None for a, b in zip(points, points[1:])):
                hit = True
                break
        count += hit
    return count


def label_overlaps(scene, zoom: float) -> int:
    labels = [c.label_item.sceneBoundingRect() for c in scene.connections.values()
              if c.label_item.lines and c.label_item.isVisible()]
    # nodes as painted at the zoom: the icon and the name (larger than its size zoomed out)
    nodes = [item.mapRectToScene(item.icon_rect().united(item.name_rect(zoom))) for item in scene.nodes.values()]
    count = 0
    for i, label in enumerate(labels):
        count += sum(1 for n in nodes if _area(label, n) > 1)
        count += sum(1 for other in labels[i + 1:] if _area(label, other) > 1)
    return count


def _area(a, b) -> float:
    r = a.intersected(b)
    return r.width() * r.height() if not r.isEmpty() else 0.0


def smallest_text(scene, zoom: float) -> float:
    from designer.canvas.legible import MIN_TEXT_PX, pixel_size, readable_zoom

    sizes = [max(MIN_TEXT_PX, pixel_size(11, True) * zoom)]  # zone titles
    if zoom >= scene.name_min_zoom:
        sizes.append(max(MIN_TEXT_PX, pixel_size(9, True) * zoom))
    if zoom >= readable_zoom(8):
        sizes.append(pixel_size(8) * zoom)  # zone kinds
    shown = [c.label_item for c in scene.connections.values() if c.label_item.isVisible() and c.label_item.lines]
    if zoom >= scene.label_min_zoom and shown:
        sizes.append(min(pixel_size(8) * zoom * label.magnify for label in shown))
    return min(sizes)


def measure(path: Path, size: tuple[int, int], catalog, settings_file: Path) -> dict:
    from PySide6.QtCore import QSettings

    from designer.editor import DocumentEditor
    from designer.ui.dialogs.start_page import TEMPLATE, Choice
    from designer.ui.window.main_window import MainWindow

    editor = DocumentEditor(catalog)
    window = MainWindow(editor, QSettings(str(settings_file), QSettings.Format.IniFormat))
    window.resize(*size)
    window.show()
    settle()
    window.files.open_choice(Choice(TEMPLATE, path, path.stem, ""))
    settle()
    scene, view = window.scene, window.view
    scene.place_labels()
    wait(lambda: scene.labels.settled)
    zoom = view.zoom()
    shown = [c for c in scene.connections.values() if c.label_item.isVisible() and c.label_item.lines] \
        if zoom >= scene.label_min_zoom else []
    row = {"design": path.stem, "nodes": len(scene.nodes), "zoom": zoom,
           "text": smallest_text(scene, zoom), "labels": f"{len(shown)}/{len(scene.connections)}",
           "compact": sum(c.compact for c in shown), "brief": sum(c.brief for c in shown),
           "through": lines_through_nodes(scene),
           "overlaps": label_overlaps(scene, zoom),
           "view": f"{view.viewport().width()}x{view.viewport().height()}"}
    editor.undo_stack.setClean()
    window.close()
    window.deleteLater()
    settle()
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="How each sample reads at its opening zoom.")
    parser.add_argument("--size", default="1366x768", help="the window's size, WIDTHxHEIGHT")
    parser.add_argument("--extra", type=Path, nargs="*", default=[], help="more designs to measure")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)
    size = tuple(int(v) for v in args.size.lower().split("x"))
    app()
    from designer.catalog import load_catalog

    catalog = load_catalog()
    paths = sorted(SAMPLES.glob("*.yaml")) + list(args.extra)
    paths.append(design_file(200, 400, geometry=False))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in paths:
            rows.append(measure(path, size, catalog, Path(tmp) / "settings.ini"))
    cols = ("design", "nodes", "view", "zoom", "text", "labels", "compact", "brief", "through", "overlaps")
    heads = ("design", "nodes", "view px", "zoom", "text px", "labels", "compact", "brief", "through", "overlaps")
    cells = [[r["design"], str(r["nodes"]), r["view"], f"{r['zoom']:.0%}", f"{r['text']:.1f}", r["labels"],
              str(r["compact"]), str(r["brief"]), str(r["through"]), str(r["overlaps"])] for r in rows]
    if args.markdown:
        print("| " + " | ".join(heads) + " |")
        print("|" + "---|" * len(cols))
        for c in cells:
            print("| " + " | ".join(c) + " |")
    else:
        widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(heads)]
        print("  ".join(h.ljust(w) for h, w in zip(heads, widths)))
        for c in cells:
            print("  ".join(v.ljust(w) for v, w in zip(c, widths)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
