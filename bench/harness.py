"""What the benchmarks share: the Qt application, paints, timing, a scripted mouse drag."""
from __future__ import annotations

import math
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEvent, QObject, QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QGraphicsView  # noqa: E402

VIEW_SIZE = (1600, 1000)
CACHE = Path(tempfile.gettempdir()) / "exchange-designer-bench"


def app() -> QApplication:
    return QApplication.instance() or QApplication([])


def settle(rounds: int = 3) -> None:
    for _ in range(rounds):
        QApplication.processEvents()


def timed(func) -> float:
    start = time.perf_counter()
    func()
    return (time.perf_counter() - start) * 1000


def painted(view: QGraphicsView, action, busy=None) -> float:
    """Milliseconds from ``action()`` until the view has painted its next frame (the event
    loop runs as in the app) and ``busy()`` says no work is left for that frame; background
    work after it is not counted."""
    counter = PaintCounter()
    view.viewport().installEventFilter(counter)
    start = time.perf_counter()
    action()
    for _ in range(1000):
        QApplication.processEvents()
        if counter.count and not (busy and busy()):
            break
    elapsed = (time.perf_counter() - start) * 1000
    view.viewport().removeEventFilter(counter)
    if not counter.count:
        raise RuntimeError("the view did not paint during a measure")
    return elapsed


def wait(condition, limit: float = 120.0) -> None:
    """Run the event loop until ``condition()`` holds (background work done)."""
    end = time.perf_counter() + limit
    while not condition() and time.perf_counter() < end:
        QApplication.processEvents()


def design_file(nodes: int, connections: int, seed: int = 1, geometry: bool = True, groups: int = 0) -> Path:
    """The generated design for a size (cached in the temp directory); ``groups``: every
    Mailbox server (a DAG) and DC a group of that many members."""
    from bench.generate import generate
    from designer.io import save_document

    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"design-{nodes}-{connections}-{seed}{'' if geometry else '-nogeo'}{f'-g{groups}' if groups else ''}.yaml"
    if not path.exists():
        save_document(generate(nodes, connections, seed=seed, geometry=geometry, groups=groups), path)
    return path


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, obj, event) -> bool:  # Qt's name
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def drag_frames(view: QGraphicsView, start: QPoint, frames: int) -> tuple[list[float], float, int]:
    """Press at ``start``, move ``frames`` times (a small circle), release: frame times (ms),
    the release time (ms) and how many paints happened."""
    vp = view.viewport()
    counter = PaintCounter()
    vp.installEventFilter(counter)
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    settle()
    times = []
    for i in range(1, frames + 1):
        angle = i * 2 * math.pi / 12
        pos = start + QPoint(round(40 * math.cos(angle)) - 40 + 8 * (i % 2), round(40 * math.sin(angle)))

        def frame() -> None:
            QTest.mouseMove(vp, pos)
            settle()
        times.append(timed(frame))

    def release() -> None:
        QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
        settle()
    drop = timed(release)
    vp.removeEventFilter(counter)
    return times, drop, counter.count


# ---- ours
