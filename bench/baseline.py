"""The naive baseline: a bare QGraphicsScene of as many rectangles, lines and text labels as a
design has nodes and connections, shown in a plain QGraphicsView, driven like ours."""
from __future__ import annotations

import io
import statistics
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import (
    QApplication, QGraphicsItem, QGraphicsLineItem, QGraphicsRectItem, QGraphicsScene, QGraphicsSimpleTextItem,
    QGraphicsView,
)

from bench.harness import VIEW_SIZE, PaintCounter, drag_frames, painted, settle, timed


class NaiveNode(QGraphicsRectItem):
    def __init__(self, rect: QRectF) -> None:
        super().__init__(rect)
        self.lines: list[tuple[QGraphicsLineItem, bool]] = []
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsMovable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                      | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)

    def itemChange(self, change, value):  # Qt's name
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            centre = self.sceneBoundingRect().center()
            for line, first in self.lines:
                l = line.line()
                if first:
                    line.setLine(centre.x(), centre.y(), l.x2(), l.y2())
                else:
                    line.setLine(l.x1(), l.y1(), centre.x(), centre.y())
        return super().itemChange(change, value)


class Baseline:
    """A bare QGraphicsScene: a rect and a text per node, a line and a text per connection."""

    LABEL = "→ 443/TCP HTTPS · Negotiate · TLS\n← 25/TCP SMTP · TLS"

    def __init__(self, path: Path) -> None:
        from designer.io import load_document

        self.path = path
        doc = load_document(path)  # only for the same geometry; not timed
        self.positions = {n.id: n.pos for n in doc.nodes.values()}
        self.names = {n.id: n.name for n in doc.nodes.values()}
        self.pairs = [c.between for c in doc.connections.values()]

    def build(self):
        scene = QGraphicsScene()
        nodes = {}
        pen, brush = QPen(QColor("#5b8fbf")), QBrush(QColor("#e6f0f8"))
        for node_id, (x, y) in self.positions.items():
            rect = NaiveNode(QRectF(x - 60, y - 48, 120, 96))
            rect.setPen(pen)
            rect.setBrush(brush)
            scene.addItem(rect)
            text = QGraphicsSimpleTextItem(self.names[node_id])
            text.setPos(x - 50, y + 20)
            scene.addItem(text)
            nodes[node_id] = rect
        labels = []
        line_pen = QPen(QColor("#2e7d32"), 2.2)
        for a, b in self.pairs:
            (x1, y1), (x2, y2) = self.positions[a], self.positions[b]
            line = QGraphicsLineItem(x1, y1, x2, y2)
            line.setPen(line_pen)
            scene.addItem(line)
            nodes[a].lines.append((line, True))
            nodes[b].lines.append((line, False))
            label = QGraphicsSimpleTextItem(self.LABEL)
            label.setPos((x1 + x2) / 2, (y1 + y2) / 2)
            scene.addItem(label)
            labels.append(label)
        return scene, nodes, labels

    def open(self):
        holder = {}
        counter = PaintCounter()

        def run() -> None:
            scene, nodes, labels = self.build()
            view = QGraphicsView(scene)
            view.resize(*VIEW_SIZE)
            view.viewport().installEventFilter(counter)
            view.show()
            view.fitInView(scene.itemsBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio)
            for _ in range(1000):  # until the first frame is painted
                QApplication.processEvents()
                if counter.count:
                    break
            holder.update(scene=scene, nodes=nodes, labels=labels, view=view)
        elapsed = timed(run)
        holder["view"].viewport().removeEventFilter(counter)
        if not counter.count:
            raise RuntimeError("the baseline view did not paint")
        return elapsed, holder

    def measure(self, repeat: int, frames: int, rows: int, only=()) -> dict[str, float]:
        """Every measure; ``only`` (when given) skips the version, xlsx and parse measures it
        does not name (open, drag and fit are the other measures' baselines)."""
        import xlsxwriter

        opens, state = [], None
        for _ in range(repeat):
            if state is not None:
                state["view"].deleteLater()
                settle()
            elapsed, state = self.open()
            opens.append(elapsed)
        scene, nodes, view, labels = state["scene"], state["nodes"], state["view"], state["labels"]
        hub = min(nodes, key=lambda n: (abs(len(nodes[n].lines) - 50), n))
        item = nodes[hub]
        view.resetTransform()
        view.centerOn(item)
        settle()
        frame_times, drops = [], []
        for _ in range(repeat if "drop" in only else 1):  # as ours: the median of several drops
            start = view.mapFromScene(item.sceneBoundingRect().center())
            times, drop, _ = drag_frames(view, start, frames)
            frame_times += times
            drops.append(drop)
        drop = statistics.median(drops)
        fits = []
        for _ in range(repeat):
            view.resetTransform()
            settle()
            fits.append(painted(view, lambda: view.fitInView(scene.itemsBoundingRect(),
                                                             Qt.AspectRatioMode.KeepAspectRatio)))
        versions = []
        for i in range(2 * repeat if not only or "version" in only else 0):
            text = self.LABEL.replace("443", str(444 + i))

            def relabel() -> None:
                for label in labels:
                    label.setText(text)
            versions.append(painted(view, relabel))

        def xlsx() -> None:  # plain strings, about as varied as a matrix's cells
            buffer = io.BytesIO()
            workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
            sheet = workbook.add_worksheet("Port matrix")
            for r in range(rows + 1):
                for c in range(12):
                    sheet.write_string(r, c, f"cell {c} {r % 200}")
            workbook.close()

        def parse() -> None:
            import yaml
            yaml.safe_load(self.path.read_text(encoding="utf-8"))
        nan = float("nan")
        wanted = (lambda m: not only or m in only)
        return {"open": statistics.median(opens), "parse": timed(parse) if wanted("parse") else nan,
                "drag": statistics.median(frame_times),
                "drop": drop, "fit": statistics.median(fits), "version": statistics.median(versions) if versions else nan,
                "xlsx": statistics.median([timed(xlsx) for _ in range(repeat)]) if wanted("xlsx") else nan}
