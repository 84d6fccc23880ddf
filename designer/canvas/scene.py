"""The canvas scene: it observes the document and mirrors it with items (id -> item maps).

Edits never happen here: gestures are previewed on items and committed through the editor on
release, as one command, by the active tool (:mod:`.tools`), to which the scene hands every
mouse and key event.

It stays light on large designs: each change touches only the items it concerns (an index of
connections by node and by pair of nodes replaces scans of the document), labels are placed by
:class:`~.label_layer.LabelLayer`, which re-places only what moved, and tooltips are built on
hover. The handlers of the document's changes and of batches (:mod:`.scene_mirror`), line
routing (:mod:`.scene_routing`) and the queries and selection (:mod:`.scene_selection`) are
mixins of their own.
"""
from __future__ import annotations

import weakref

import shiboken6

from PySide6.QtCore import QCoreApplication, QRectF, Signal
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneHelpEvent, QGraphicsSceneMouseEvent

from ..analysis.labels import tooltip_html
from ..editor import DocumentEditor
from ..model import Document, Rect
from ..model.routing import ROUTE_LIMIT, Router
from .drag_layer import DragLayer, MovingLines
from .settling import Settling, raise_lines
from .connection_item import ConnectionItem
from .items import NodeItem, ZoneItem
from .label_item import LabelItem, label_pixmap
from .label_layer import LabelLayer
from .retired import RetiredItems
from .legible import readable_zoom
from ..render import style
from ..render.style import icon_pixmap
from ..render.theme import LIGHT, CanvasTheme
from .scene_mirror import SceneMirror
from .scene_routing import SceneRouting
from .scene_selection import SceneSelection
from .tools import ConnectTool, Drag, SelectTool, Tool

SCENE_RECT = QRectF(-2000, -2000, 8000, 6000)  # the least room a scene has to scroll in
MARGIN = 2000.0  # room around a larger design


def _weak_slot(scene: "CanvasScene"):
    """``scene.edited`` for the undo stack's ``indexChanged``, without keeping the scene alive:
    the stack outlives scenes (and emits while it is destroyed), so the slot must not call a
    scene that is gone."""
    ref = weakref.ref(scene)

    def edited(index: int) -> None:
        target = ref()
        if target is not None and shiboken6.isValid(target):
            target.edited(index)
    return edited


class CanvasScene(SceneMirror, SceneSelection, SceneRouting, QGraphicsScene):
    connection_activated = Signal(str)
    tool_changed = Signal(str)  # the active tool's name: "select" or "connect"
    DRAG_LAYER_MIN_ITEMS = 400  # nodes + connections from which a node drag uses a drag layer

    def __init__(self, editor: DocumentEditor, parent=None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.document: Document | None = None
        self.nodes: dict[str, NodeItem] = {}
        self.zones: dict[str, ZoneItem] = {}
        self.connections: dict[str, ConnectionItem] = {}
        self.snap_to_grid = True
        self.show_grid = True
        self.theme: CanvasTheme = LIGHT  # on screen; exports paint LIGHT (theme.painting_theme)
        self.tool: Tool = SelectTool(self)
        self._by_node: dict[str, list[str]] = {}  # node id -> its connections
        self._by_pair: dict[frozenset, list[str]] = {}  # parallels, in document order
        self._version = ""
        self.labels = LabelLayer(self)
        self.router = Router()  # node boxes: lines are routed around the nodes they don't join
        self._moved: set[str] = set()  # nodes moved by an edit: lines they now block are re-routed
        self._left: dict[str, tuple] = {}  # where those nodes were: detours round them may straighten
        self.drag_layer: DragLayer | None = None  # while nodes are dragged
        self.settling: Settling | None = None  # from a drop until its frame is painted
        self.raised = 0  # node drops so far: each stacks its lines higher (settling.raise_lines)
        self._selection_dirty = False  # a removed item was selected: one selectionChanged after the edit
        # items removed by the last two edits, by id: the undo of a large delete puts them back
        # instead of building thousands of items again
        self._spare: dict[str, NodeItem | ConnectionItem] = {}
        self._spare_before: dict[str, NodeItem | ConnectionItem] = {}
        self._batch = 0  # inside an editor batch (see DocumentEditor.batch): routing waits for its end
        self._batch_pairs: set[frozenset] = set()  # pairs of nodes whose lines the batch changed
        self._batch_nodes: dict[str, None] = {}  # nodes the batch added, in order: put in at its end
        self._batch_added: dict[str, None] = {}  # connections the batch added, in order: put in at its end
        self._leaving: dict[int, object] = {}  # items the batch removes: taken out at its end, in Qt's order
        self._added = 0  # items put in the scene so far (their order, for _leaving)
        self.retired = RetiredItems(self)  # spares a batch hid instead of taking them out
        self.setSceneRect(SCENE_RECT)
        editor.document_replaced.connect(self.set_document)
        editor.batch_started.connect(self.begin_batch)
        editor.batch_finished.connect(self.end_batch)
        self._edited_hook = _weak_slot(self)
        editor.undo_stack.indexChanged.connect(self._edited_hook)
        self.selectionChanged.connect(self.end_settling)  # (the drop's picture shows the old one)
        self.set_document(editor.document)

    # ---- mirroring the document
    def set_document(self, doc: Document) -> None:
        self.drop_drag_layer()
        self.end_settling()
        if self.document is not None:
            self.document.changed.unsub(self._on_change)
        self.clear()
        self.retired.clear()
        self.nodes, self.zones, self.connections = {}, {}, {}
        self._by_node, self._by_pair = {}, {}
        self._spare, self._spare_before = {}, {}
        self._batch_pairs, self._leaving, self._batch_nodes, self._batch_added = set(), {}, {}, {}
        self.document = doc
        self._version = doc.exchange_version
        self.labels.reset()
        self.router, self._moved, self._left = Router(), set(), {}
        for zone in doc.zones.values():
            self._add_zone(zone.id)
        for node in doc.nodes.values():
            self._add_node(node.id)
        for conn in doc.connections.values():
            self._index_connection(conn.id, conn.between)
        for conn in doc.connections.values():
            self._add_item(conn.id)
        for conn in doc.connections.values():
            self._route(conn.id)
        self._fit_scene_rect()
        doc.changed.sub(self._on_change)

    def itemsBoundingRect(self) -> QRectF:  # Qt's name
        """The items' bounds, as Qt's, but without the items a batch hid (see retired.py)."""
        return self.retired.bounds() if self.retired.hidden else super().itemsBoundingRect()

    def _fit_scene_rect(self) -> None:
        bounds = self.itemsBoundingRect()
        rect = SCENE_RECT if bounds.isEmpty() else SCENE_RECT.united(
            bounds.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))
        if rect != self.sceneRect():
            self.setSceneRect(rect)

    def detach(self) -> None:
        """Stop observing the editor and its document (before the scene goes away)."""
        self.editor.document_replaced.disconnect(self.set_document)
        self.editor.batch_started.disconnect(self.begin_batch)
        self.editor.batch_finished.disconnect(self.end_batch)
        self.editor.undo_stack.indexChanged.disconnect(self._edited_hook)
        if self.document is not None:
            self.document.changed.unsub(self._on_change)
            self.document = None

    def edited(self, _index: int = 0) -> None:
        """After each edit (and undo, redo): place the labels it touched before the next paint."""
        if self._moved and self._drag is None:
            if len(self.document.connections) <= ROUTE_LIMIT:
                self._reroute_around()
            self._moved, self._left = set(), {}
        if self.document is not None and self.labels.pending:
            self.labels.flush()
        if self._selection_dirty:  # the selection lost items: the panels hear it once per edit
            self._selection_dirty = False
            self.selectionChanged.emit()
        self.retired.repainting = False
        self.retired.release(self._spare_before.values())  # no undo brings these back now
        self._spare_before, self._spare = self._spare, {}

    def set_theme(self, theme: CanvasTheme) -> None:
        """Paint the views in ``theme`` from now on (view state, like the zoom: the document is
        untouched). The label pixmaps of the other theme are dropped and everything repaints."""
        if theme == self.theme:
            return
        self.drop_drag_layer()  # its picture is of the other theme
        self.end_settling()
        self.theme = theme
        label_pixmap.cache_clear()
        icon_pixmap.cache_clear()
        self.update()

    # ---- labels
    def place_labels(self, export: bool = False) -> None:
        """Place every label now (see :class:`LabelLayer`), for the screen or for an ``export``
        (every label at its size); edits re-place only what moved."""
        self.labels.for_export(export)
        self.labels.place_all()

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:  # Qt's name
        """Build a connection's tooltip (every flow with its source) when it is first asked for."""
        for item in self.items(event.scenePos()):
            conn = item.parentItem() if isinstance(item, LabelItem) else item
            if isinstance(conn, ConnectionItem) and conn.tooltip_pending and self.document is not None:
                conn.set_tooltip(tooltip_html(self.document, self.editor.catalog, conn.connection_id,
                                              QCoreApplication.translate))
            if item.toolTip():
                break
        super().helpEvent(event)

    @property
    def label_min_zoom(self) -> float:
        """The zoom from which labels are painted on screen. A small design's labels show
        further out, painted larger (``legible.label_magnify``: never under ``MIN_TEXT_PX``)
        and as port summaries; a large design's only from where their text is readable at its
        size (so zooming never re-places thousands of labels)."""
        if len(self.connections) <= style.SMALL_DESIGN:
            return style.SMALL_LABEL_MIN_ZOOM
        return max(style.label_min_zoom(len(self.connections)), readable_zoom(8))

    @property
    def name_min_zoom(self) -> float:
        return style.name_min_zoom(len(self.nodes))

    @property
    def dragging(self) -> bool:
        """Whether items are being dragged (moved or resized) right now."""
        return self._drag is not None

    @property
    def _drag(self) -> Drag | None:
        return getattr(self.tool, "drag", None)

    # ---- the tools (see tools.py)
    def set_tool(self, tool: Tool | None) -> None:
        """Make ``tool`` the active one (``None``: the select tool); the last one is cancelled."""
        self.tool.cancel()
        self.tool = tool or SelectTool(self)
        self.tool_changed.emit(self.tool.name)

    @property
    def connect_mode(self) -> bool:
        """Whether the Connect tool is active."""
        return isinstance(self.tool, ConnectTool) and not self.tool.once

    @connect_mode.setter
    def connect_mode(self, on: bool) -> None:
        if on != self.connect_mode:
            self.set_tool(ConnectTool(self) if on else None)

    def drag_frame(self, drag: Drag) -> None:
        """A frame of a move: the drag layer starts, or its lines follow; labels are placed."""
        if not drag.layered:
            self._start_drag_layer(drag)
        elif self.drag_layer is not None and self.drag_layer.lines is not None:
            self.drag_layer.lines.reroute()  # once a frame, however many nodes moved
        if self.labels.pending and not self.labels.full:
            self.labels.flush()  # in this frame, not in the next

    def drop(self, drag: Drag) -> None:
        """The end of a move or resize: commit it as one edit. After a drag with a layer, the
        drop's frame is painted from the layer's picture where it still holds (settling.py)."""
        drag.snap_nodes()
        settling = self.drop_drag_layer(settle=True)
        if settling is not None:  # its lines above the others, as its frame paints them
            raise_lines(self, [self.connections[c] for c in settling.moved if c in self.connections])
        drag.commit()
        for node_id in drag.start_nodes:  # the labels the dropped nodes cover move aside
            if node_id in self.nodes:
                pos = self.nodes[node_id].pos()
                self.labels.node_placed(node_id, pos.x(), pos.y())
        self._moved.update(n for n in drag.start_nodes if n in self.nodes)
        self.edited()
        if settling is not None and self.settling is settling and not settling.seal():  # (nothing ended it)
            self.end_settling()

    # ---- the drag layer (see drag_layer.py)
    def _start_drag_layer(self, drag: Drag) -> None:
        drag.layered = True
        if self.settling is not None:  # a drag right after a drop: its pictures show every item
            if self.settling.painted:
                self.finish_settling()
            else:
                self.end_settling()
        if not drag.start_nodes or drag.start_zones or \
                len(self.nodes) + len(self.connections) < self.DRAG_LAYER_MIN_ITEMS:
            return
        moving = {self.nodes[node_id] for node_id in drag.start_nodes}
        spots = self.labels.spots
        lines = {conn_id: (self.connections[conn_id], self._bend(conn_id), spots.get(conn_id, (0,))[0])
                 for node_id in drag.start_nodes for conn_id in self._by_node.get(node_id, ())
                 if conn_id in self.connections}
        views = [v for v in self.views() if hasattr(v, "drag_layer_ready")]
        if views:
            self.drag_layer = DragLayer(self, views, moving, MovingLines(lines, self.nodes))

    def drop_drag_layer(self, settle: bool = False) -> Settling | None:
        """End the drag layer: the views repaint in full, or (``settle``, at a drop) the drop's
        frame is painted from its picture where it can be (the settling, returned)."""
        if self.drag_layer is None:
            return None
        layer, self.drag_layer = self.drag_layer, None
        moved, settling = layer.settle() if settle else (layer.drop(), None)
        if settling is not None:  # (none is left from an earlier drop: the drag began by ending it)
            settling.moved = moved
            self.settling = settling
        for conn_id in moved:  # their items waited: route them where the nodes are
            if conn_id in self.connections:
                self._route(conn_id)
        return settling

    # ---- the drop's frame (see settling.py)
    def changing(self, item) -> None:
        """``item`` is about to look different: during a drop its area is painted anew; after
        the drop (before its frame), the frame cannot be trusted and the views repaint in full."""
        settling = self.settling
        if settling is not None:
            if not settling.sealed:
                settling.touch(item)
            elif item in settling.quiet or item.clip_to is not None:
                self.end_settling()

    def end_settling(self) -> None:
        """Paint every item as usual again, and repaint the views in full."""
        if self.settling is not None:
            settling, self.settling = self.settling, None
            settling.end()

    def finish_settling(self) -> None:
        """The drop's frame is painted: every item paints as usual again, with no repaint."""
        if self.settling is not None and self.settling.painted:
            settling, self.settling = self.settling, None
            settling.finish()

    def render(self, *args, **kwargs) -> None:  # Qt's name
        self.end_settling()  # (an export paints every item)
        super().render(*args, **kwargs)

    # ---- previews from items
    def node_moved(self, node_id: str) -> None:
        if self.document is None or node_id not in self.nodes:
            return
        pos = self.nodes[node_id].pos()
        self.labels.node_placed(node_id, pos.x(), pos.y(), cover=self._drag is None)
        self._left.setdefault(node_id, self.router.boxes.get(node_id))
        self.router.place(node_id, (pos.x(), pos.y()))
        self._moved.add(node_id)
        layer = self.drag_layer
        for conn_id in self._by_node.get(node_id, ()):
            if conn_id in self.connections and not (layer and layer.moves(conn_id)):
                self._route(conn_id)

    # ---- gestures: the active tool takes them, Qt gets what it leaves
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # Qt's name
        if not self.tool.press(event):
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # Qt's name
        if not self.tool.move(event):
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # Qt's name
        if not self.tool.release(event):
            super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:  # Qt's name
        if not self.tool.key(event):
            super().keyPressEvent(event)

    def nudge(self, dx: float, dy: float) -> None:
        """Move the selection; consecutive nudges of the same items are one undo step."""
        doc = self.document
        ids = self.selected_ids()
        zones = [z for z in ids if z in doc.zones]
        nodes = {n for n in ids if n in doc.nodes} | {n.id for n in doc.nodes.values() if n.zone in zones}
        positions = {n: (doc.node(n).pos[0] + dx, doc.node(n).pos[1] + dy) for n in nodes if doc.node(n).pos}
        rects = {z: Rect(r.x + dx, r.y + dy, r.width, r.height) for z in zones if (r := doc.zone(z).rect)}
        self.editor.move(positions, rects, merge_key="nudge:" + ",".join(sorted(ids)))

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # Qt's name
        super().mouseDoubleClickEvent(event)
        for item in self.items(event.scenePos()):
            if isinstance(item, ConnectionItem):
                self.connection_activated.emit(item.connection_id)
                return

