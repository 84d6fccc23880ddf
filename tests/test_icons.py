"""The icon set: one self-contained SVG per catalog role, plus the application and tool glyphs."""
from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from designer.catalog import load_catalog

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG_NS = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
EXTRA = ("app", "zone", "connection")

ROLE_IDS = sorted(load_catalog().roles)


def _icon_names() -> list[str]:
    return ROLE_IDS + list(EXTRA)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def test_catalog_has_roles():
    assert ROLE_IDS, "the catalog lists no roles"


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_every_role_has_an_icon(role_id):
    assert (ICONS / f"{role_id}.svg").is_file(), f"resources/icons/{role_id}.svg is missing"


@pytest.mark.parametrize("name", _icon_names())
def test_icon_is_a_self_contained_svg(name):
    path = ICONS / f"{name}.svg"
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG_NS}svg", f"{path.name}: root is {root.tag}, not an SVG <svg>"
    assert root.get("viewBox") == "0 0 64 64", f"{path.name}: viewBox is {root.get('viewBox')!r}"

    for element in root.iter():
        tag = _local(element.tag)
        assert tag not in {"script", "foreignObject"}, f"{path.name}: has a <{tag}>"
        assert tag not in {"text", "tspan"}, f"{path.name}: uses text; draw glyphs as shapes"
        assert tag != "image", f"{path.name}: embeds an image"
        for attr in ("href", XLINK_HREF):
            ref = element.get(attr)
            assert ref is None or ref.startswith("#"), f"{path.name}: external reference {ref!r}"
        for attr, value in element.attrib.items():
            assert not _local(attr).startswith("on"), f"{path.name}: event handler {attr}"
            assert "url(" not in value or "url(#" in value, f"{path.name}: external url() in {attr}"

    text = path.read_text(encoding="utf-8")
    assert "http://" not in text.replace("http://www.w3.org/", ""), f"{path.name}: external http reference"
    assert "https://" not in text, f"{path.name}: external https reference"


def test_icons_render_with_qt():
    """Every icon loads in QSvgRenderer and paints something (run apart, Qt-free test session)."""
    pytest.importorskip("PySide6.QtSvg")

    code = (
        "import sys\n"
        "from PySide6.QtCore import QRectF\n"
        "from PySide6.QtGui import QGuiApplication, QImage, QPainter, QColor\n"
        "from PySide6.QtSvg import QSvgRenderer\n"
        "app = QGuiApplication([])\n"
        "bad = []\n"
        "for path in sys.argv[1:]:\n"
        "    renderer = QSvgRenderer(path)\n"
        "    if not renderer.isValid():\n"
        "        bad.append(path + ': invalid'); continue\n"
        "    image = QImage(32, 32, QImage.Format_ARGB32)\n"
        "    image.fill(QColor(0, 0, 0, 0))\n"
        "    painter = QPainter(image)\n"
        "    renderer.render(painter, QRectF(0, 0, 32, 32))\n"
        "    painter.end()\n"
        "    painted = sum(1 for x in range(32) for y in range(32) if image.pixelColor(x, y).alpha() > 0)\n"
        "    if painted < 50:\n"
        "        bad.append(f'{path}: only {painted} pixels painted')\n"
        "print('\\n'.join(bad))\n"
        "sys.exit(1 if bad else 0)\n"
    )
    paths = [str(ICONS / f"{name}.svg") for name in _icon_names()]
    result = subprocess.run([sys.executable, "-c", code, *paths], capture_output=True, text=True,
                            timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stdout + result.stderr
