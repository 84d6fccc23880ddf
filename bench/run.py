"""Benchmark: our designer against a naive QGraphicsScene of the same size, side by side.

    QT_QPA_PLATFORM=offscreen python bench/run.py --nodes 1000 --connections 3000 [--repeat 5]
    QT_QPA_PLATFORM=offscreen python bench/run.py --groups 16   # Mailbox DAGs and DCs of 16 members
    QT_QPA_PLATFORM=offscreen python bench/run.py --only select-all,delete-all,undo-delete-all,drop
    python bench/run.py --scale            # sizes up to 5,000 / 15,000 and the growth slopes

One line per measure: ``measure ours baseline ratio`` (times in ms, memory in MB; ratio is
ours / baseline). Every time is the median of the repeats. The measures:

open     ours: parse the file, analyse, build the scene, place labels, fit to the window and
         paint the first frame. Baseline: build a bare QGraphicsScene holding as many
         rectangles, lines and text labels, fit it and paint the first frame.
parse    the part of "open" that reads the file: ours ``designer.io.load_document`` (safe
         YAML with line numbers, validated into the model); baseline ``yaml.safe_load``.
drag     the median frame while dragging the node with 50 connections at 100 % zoom: a real
         mouse-move event, whatever it triggers (routing, label placement) and the repaint the
         view schedules. Baseline: a movable rect whose ``itemChange`` moves 50 lines' ends.
drop     the mouse release that ends that drag (ours: the Move command, re-analysis, relabel).
role     ours: change the role of that node and back (the command, the incremental re-analysis
         of its 50 connections and what depends on them, relabel) and paint. Baseline: its
         drag frame (so the ratio is in naive frames).
fit      zoom to fit from 100 % and paint the frame.
version  ours: switch the Exchange version (the command, re-analysis, relabel) and paint.
         Baseline: set the text of every label again and paint.
xlsx     ours: the port matrix to XLSX (``render_matrix``). Baseline: XlsxWriter writing as
         many rows of plain strings.
select-all, delete-all, undo-delete-all
         in the whole window (its Inspector and panels hear every selection change): click
         empty canvas, Select All; Delete that selection; Undo the delete; each with the repaint.
         Baseline: one frame of the naive scene (its "fit"), so the ratio is in naive frames.
memory   peak RSS growth in MB of opening the design (ours) or building and painting the
         naive scene (baseline), each in a fresh subprocess, measured from after the imports,
         the QApplication and (ours) the catalog: VmHWM - VmRSS from /proc/self/status.

The view is 1600 x 1000 pixels and shown (offscreen). "Paint" is the repaint the view itself
schedules, processed by the event loop as in the app: open, fit and version stop at the first
frame painted once the labels that frame shows are placed (labels placed in the background
while zoomed out are not counted, and the run waits for them before the next measure); a
drag frame is a mouse move and three turns of the event loop. The run checks that the view
painted. Both sides are painted the same way.

``--only`` measures some of these (to iterate quickly): the open, the drag and the baseline's
fit always run (they are the others' baselines), the rest only when asked for.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.baseline import Baseline  # noqa: E402
from bench.harness import (  # noqa: E402
    VIEW_SIZE, app, design_file, drag_frames, painted, settle, timed, wait,
)

MEASURES = ("open", "parse", "drag", "drop", "role", "fit", "version", "xlsx", "select-all", "delete-all",
            "undo-delete-all", "memory")
SELECTION = ("select-all", "delete-all", "undo-delete-all")


class Ours:
    def __init__(self, path: Path) -> None:
        from designer.catalog import load_catalog

        self.path = path
        self.catalog = load_catalog()

    def open(self):
        from designer.canvas import CanvasScene, CanvasView
        from designer.editor import DocumentEditor

        editor = DocumentEditor(self.catalog)
        scene = CanvasScene(editor)
        view = CanvasView(scene)
        view.resize(*VIEW_SIZE)
        view.show()
        settle()

        def run() -> None:  # what File > Open does: open and fit; then the event loop paints
            editor.open(self.path)
            view.fit()
        return painted(view, run, lambda: foreground(scene)), (editor, scene, view)

    def measure(self, repeat: int, frames: int, only=MEASURES) -> dict[str, float]:
        from designer.io.tables import render_matrix

        opens, state = [], None
        for _ in range(repeat):
            if state is not None:
                state[1].detach()
                state[2].deleteLater()
                settle()
            elapsed, state = self.open()
            opens.append(elapsed)
            wait(lambda: idle(state[1]))
        editor, scene, view = state
        degree = {}
        for conn in editor.document.connections.values():
            for n in conn.between:
                degree[n] = degree.get(n, 0) + 1
        hub = min(degree, key=lambda n: (abs(degree[n] - 50), n))
        item = scene.nodes[hub]
        view.set_zoom(1.0)
        view.centerOn(item)
        settle()
        frame_times, drops, paints = [], [], 0
        for _ in range(repeat if "drop" in only else 1):  # one drop is one sample: the median of several
            scene.clearSelection()
            settle()
            start = view.mapFromScene(item.mapToScene(item.icon_rect().center()))
            times, drop, count = drag_frames(view, start, frames)
            frame_times, paints = frame_times + times, paints + count
            drops.append(drop)
            wait(lambda: idle(scene))
        drop = statistics.median(drops)
        roles = []
        original_role = editor.document.node(hub).role
        for i in range(repeat if "role" in only else 0):  # there and back: the design ends as it was
            for role in ("domain_controller" if original_role != "domain_controller" else "mailbox", original_role):
                roles.append(painted(view, lambda: editor.set_node(hub, role=role), lambda: foreground(scene)))
                wait(lambda: idle(scene))
        fits = []
        for _ in range(repeat if "fit" in only else 0):
            view.set_zoom(1.0)
            settle()
            fits.append(painted(view, view.fit, lambda: foreground(scene)))
            wait(lambda: idle(scene))
        versions = []
        original = editor.document.exchange_version
        for i in range(repeat if "version" in only else 0):  # there and back: the last one restores it
            for target in ("2013" if original != "2013" else "2016", original):
                versions.append(painted(view, lambda: editor.set_exchange_version(target),
                                        lambda: foreground(scene)))
                wait(lambda: idle(scene))
        xlsx = [timed(lambda: render_matrix("xlsx", editor.document, self.catalog, editor.flows))
                for _ in range(repeat if "xlsx" in only else 0)]
        from designer.io import load_document
        parse = [timed(lambda: load_document(self.path, roles=self.catalog.roles.keys()))
                 for _ in range(repeat if "parse" in only else 0)]
        self.rows = len(editor.flows)
        self.shape = (len(editor.document.nodes), len(editor.document.connections))
        self.hub_degree = degree[hub]
        self.paints = paints
        return {"open": statistics.median(opens), "parse": _median(parse),
                "drag": statistics.median(frame_times), "drop": drop, "role": _median(roles),
                "fit": _median(fits), "version": _median(versions), "xlsx": _median(xlsx)}


def _median(values: list[float]) -> float:
    """The median, or NaN for a measure not taken (``--only``)."""
    return statistics.median(values) if values else float("nan")


def foreground(scene) -> bool:
    """Whether label placement for the next frame is still pending (background work is not)."""
    labels = getattr(scene, "labels", None)  # (older versions of the scene had no LabelLayer)
    return labels is not None and (labels.full or bool(labels.dirty))


def idle(scene) -> bool:
    labels = getattr(scene, "labels", None)
    return labels is None or not labels.busy


def selection_measures(catalog, path: Path, repeat: int) -> dict[str, float]:
    """Select All, Delete of everything and its Undo in the main window (median ms)."""
    import tempfile

    from PySide6.QtCore import QSettings

    from designer.editor import DocumentEditor
    from designer.ui.window.main_window import MainWindow

    times: dict[str, list[float]] = {m: [] for m in SELECTION}
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("ETD_USER_DIR", folder)
        window = MainWindow(DocumentEditor(catalog), QSettings(str(Path(folder) / "bench.ini"),
                                                               QSettings.Format.IniFormat))
        window.resize(VIEW_SIZE[0] + 600, VIEW_SIZE[1] + 300)
        window.show()
        settle()
        window.files.open_path(path, ask=False)
        window.view.fit()
        settle()
        wait(lambda: idle(window.scene))
        for _ in range(repeat):
            window.scene.clearSelection()
            settle()
            times["select-all"].append(painted(window.view, window.select_all, lambda: False))
            times["delete-all"].append(painted(window.view, window.delete_selection, lambda: False))
            times["undo-delete-all"].append(painted(window.view, window.editor.undo_stack.undo,
                                                    lambda: foreground(window.scene)))
            wait(lambda: idle(window.scene))
        window.editor.undo_stack.setClean()
        window.close()
        settle()
    return {m: statistics.median(v) for m, v in times.items()}


# ---- memory, in a fresh process for each side
def rss_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child_memory(side: str, path: Path) -> None:
    app()
    if side == "ours":
        ours = Ours(path)
        from designer.canvas import CanvasScene, CanvasView  # noqa: F401 (imports before rss0)
        from designer.editor import DocumentEditor  # noqa: F401
        before = rss_mb("VmRSS")
        _, state = ours.open()
    else:
        base = Baseline(path)
        before = rss_mb("VmRSS")
        _, state = base.open()
    print(json.dumps({"memory": rss_mb("VmHWM") - before}))


def memory(side: str, path: Path) -> float:
    out = subprocess.run([sys.executable, __file__, "--child-memory", side, "--file", str(path)],
                         capture_output=True, text=True, check=True,
                         env={**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")})
    return json.loads(out.stdout.strip().splitlines()[-1])["memory"]


# ---- running
def run(nodes: int, connections: int, repeat: int, frames: int, path: Path | None = None,
        groups: int = 0, only=MEASURES) -> dict:
    app()
    path = path or design_file(nodes, connections, groups=groups)
    ours = Ours(path)
    mine = ours.measure(repeat, frames, only)
    base = Baseline(path).measure(repeat, frames, ours.rows, only)
    if set(SELECTION) & set(only):
        mine.update(selection_measures(ours.catalog, path, repeat))
    else:
        mine.update({m: float("nan") for m in SELECTION})
    base.update({m: base["fit"] for m in SELECTION})  # one naive frame
    base["role"] = base["drag"]  # one naive drag frame
    if "memory" in only:
        mine["memory"], base["memory"] = memory("ours", path), memory("baseline", path)
    else:
        mine["memory"] = base["memory"] = float("nan")
    return {"nodes": ours.shape[0], "connections": ours.shape[1], "flows": ours.rows,
            "hub_degree": ours.hub_degree, "drag_paints": ours.paints, "repeat": repeat,
            "frames": frames, "ours": mine, "baseline": base}


def print_table(result: dict) -> None:
    print(f"# {result['nodes']} nodes, {result['connections']} connections, {result['flows']} flows; "
          f"dragged node: {result['hub_degree']} connections; median of {result['repeat']} "
          f"(drag: {result['frames']} frames a drag, {result['drag_paints']} paints in all)")
    print(f"{'measure':<15} {'ours':>10} {'baseline':>10} {'ratio':>8}")
    for m in MEASURES:
        ours, base = result["ours"][m], result["baseline"][m]
        if math.isnan(ours):  # not measured (--only)
            continue
        unit = "MB" if m == "memory" else "ms"
        ratio = ours / base if base else float("inf")
        print(f"{m:<15} {ours:>8.1f}{unit} {base:>8.1f}{unit} {ratio:>8.2f}")
    frame = result["baseline"]["drag"]
    print(f"drop / baseline drag frame: {result['ours']['drop'] / frame:.2f} "
          "(issue 11: at most 2 at 1,000 / 3,000, 5 at 10,000 / 30,000)")


def slope(xs: list[float], ys: list[float]) -> float:
    """The least-squares slope of log(y) against log(x)."""
    lx, ly = [math.log(x) for x in xs], [math.log(max(y, 1e-6)) for y in ys]
    mx, my = statistics.fmean(lx), statistics.fmean(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly)) / sum((a - mx) ** 2 for a in lx)


def scale(sizes: list[int], ratio: int, repeat: int, frames: int) -> dict:
    """Each size in its own process, one line per size (ours / baseline for every measure);
    then the log-log growth slope of every measure: about 1 is linear, 2 quadratic."""
    results = []
    print(f"{'nodes':>6} {'conns':>6}  " + "  ".join(f"{m:>15}" for m in MEASURES))
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--nodes", str(n), "--connections", str(n * ratio),
                              "--repeat", str(repeat), "--frames", str(frames), "--json"],
                             capture_output=True, text=True, check=True)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        results.append(result)
        print(f"{n:>6} {n * ratio:>6}  " + "  ".join(
            f"{result['ours'][m]:>7.1f}/{result['baseline'][m]:<7.1f}" for m in MEASURES), flush=True)
    print(f"\n{'measure':<8} {'slope ours':>10} {'slope baseline':>15}   (log-log, time against size)")
    slopes = {}
    for m in MEASURES:
        s_ours = slope(sizes, [r["ours"][m] for r in results])
        s_base = slope(sizes, [r["baseline"][m] for r in results])
        slopes[m] = (s_ours, s_base)
        print(f"{m:<8} {s_ours:>10.2f} {s_base:>15.2f}")
    return {"results": results, "slopes": slopes}


def _measures(text: str) -> tuple[str, ...]:
    names = tuple(m.strip() for m in text.split(",") if m.strip())
    unknown = [m for m in names if m not in MEASURES]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown measure {', '.join(unknown)}; choose from {', '.join(MEASURES)}")
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the designer against a naive scene.")
    parser.add_argument("--nodes", type=int, default=1000)
    parser.add_argument("--connections", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--frames", type=int, default=30, help="drag frames")
    parser.add_argument("--file", type=Path, help="a design to open instead of a generated one")
    parser.add_argument("--groups", type=int, default=0,
                        help="generate every Mailbox server (a DAG) and DC as a group of this many members")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--json-out", type=Path, help="also write the result (or the scale run) here")
    parser.add_argument("--scale", action="store_true", help="sizes up to 5,000 nodes, and slopes")
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")],
                        default=[500, 1000, 2000, 5000])
    parser.add_argument("--only", type=_measures, default=MEASURES,
                        help="measure only these (comma-separated, e.g. select-all,delete-all,undo-delete-all,drop)")
    parser.add_argument("--child-memory", choices=("ours", "baseline"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_memory:
        child_memory(args.child_memory, args.file)
        return 0
    if args.scale:
        result = scale(args.sizes, 3, args.repeat, args.frames)
        if args.json_out:
            args.json_out.write_text(json.dumps(result, indent=1))
        return 0
    result = run(args.nodes, args.connections, args.repeat, args.frames, args.file, args.groups, args.only)
    if args.json_out:
        args.json_out.write_text(json.dumps(result, indent=1))
    if args.json:
        print(json.dumps(result))
    else:
        print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
