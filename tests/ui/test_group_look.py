"""A group node on the canvas: a stacked icon and a badge with its member count, from the model."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from designer.canvas import CanvasScene
from designer.canvas.group_look import GroupLook, STACK_DEPTH, STACK_STEP, badge_rect
from designer.editor import DocumentEditor
from designer.model import Member
from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "samples" / "exchange2016-edge.yaml"
TWO_DC = ROOT / "data" / "samples" / "exchangeSE-two-datacenters.yaml"


def _image_of(item) -> QImage:
    """The item painted alone (as an export paints it: vector, no widget) on white."""
    rect = item.boundingRect()
    image = QImage(int(rect.width()), int(rect.height()), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.translate(-rect.left(), -rect.top())
    item.paint(painter, None, None)
    painter.end()
    return image


def _inked(image: QImage, rect: QRectF, origin: QPointF) -> int:
    """How many pixels of ``rect`` (item coordinates) are not white."""
    count = 0
    for x in range(int(rect.left()), int(rect.right())):
        for y in range(int(rect.top()), int(rect.bottom())):
            px, py = int(x - origin.x()), int(y - origin.y())
            if 0 <= px < image.width() and 0 <= py < image.height() and image.pixelColor(px, py) != QColor("white"):
                count += 1
    return count


def test_a_group_node_is_stacked_and_badged_and_a_single_server_is_not(qapp, catalog):
    editor = DocumentEditor(catalog)
    editor.open(SAMPLE)
    scene = CanvasScene(editor)
    try:
        item = scene.nodes["ex01"]
        assert item.group is None
        single = _image_of(item)
        editor.set_group("ex01", members=[Member(f"EX{i}") for i in range(1, 5)], dag=True)
        assert item.group == GroupLook(4, True) and item.group.text == "DAG 4"
        assert "EX3" in item.toolTip()
        group = _image_of(item)
        origin = item.boundingRect().topLeft()
        icon = item.icon_rect()
        # the farthest copy's strip above the icon: ink only on the group
        strip = QRectF(icon.left() + STACK_STEP * STACK_DEPTH, icon.top() - STACK_STEP * STACK_DEPTH,
                       icon.width() - STACK_STEP * STACK_DEPTH, STACK_STEP * STACK_DEPTH - 1)
        assert _inked(single, strip, origin) == 0
        assert _inked(group, strip, origin) > 20
        badge = badge_rect(item.group, icon)
        assert _inked(group, badge, origin) > _inked(single, badge, origin)
        editor.undo_stack.undo()  # the model says single server again: so does the canvas
        assert item.group is None
    finally:
        scene.detach()


def test_the_sample_s_groups_show_their_counts(qapp, catalog):
    editor = DocumentEditor(catalog)
    editor.open(TWO_DC)
    scene = CanvasScene(editor)
    try:
        looks = {node_id: item.group for node_id, item in scene.nodes.items() if item.group}
        assert looks == {"dag01_dc1": GroupLook(2, True), "dag01_dc2": GroupLook(2, True),
                         "dcs1": GroupLook(2, False), "dcs2": GroupLook(2, False)}
    finally:
        scene.detach()


def test_the_svg_export_shows_the_badges(qapp, catalog):
    from designer.render.image_export import render_bytes

    editor = DocumentEditor(catalog)
    editor.open(TWO_DC)
    scene = CanvasScene(editor)
    try:
        svg = render_bytes(scene, "svg").decode("utf-8")
        assert svg.count(">DAG 2<") == 2 and svg.count(">2<") >= 2
    finally:
        scene.detach()
