"""Diagram export to the formats others edit: draw.io (``.drawio``) and Visio (``.vsdx``).

The files are written by the Qt-free :mod:`designer.io.drawio` and :mod:`designer.io.vsdx`; this
module only adds what needs Qt: the role icons as PNG for Visio (draw.io embeds the SVG itself).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QImage, QPainter

from ..catalog import Catalog
from ..io.atomic import atomic_write_bytes
from ..io.drawio import render_drawio
from ..io.vsdx import render_vsdx
from ..model import Document
from ..support.i18n import Translate, untranslated
from ..support.yamlsafe import InputError
from .style import ICONS, icon_renderer

FORMATS = ("drawio", "vsdx")
ICON_PIXELS = 224  # 4x the canvas's 56-pixel icon: sharp when zoomed in or printed


@lru_cache(maxsize=None)
def icon_png(role: str) -> bytes | None:
    """A role's icon as a PNG, ``ICON_PIXELS`` square with a transparent background; None when
    the role has no icon."""
    if not (ICONS / f"{role}.svg").is_file():
        return None
    image = QImage(ICON_PIXELS, ICON_PIXELS, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    icon_renderer(role).render(painter, QRectF(0, 0, ICON_PIXELS, ICON_PIXELS))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def editable_bytes(doc: Document, catalog: Catalog, fmt: str, translate: Translate = untranslated) -> bytes:
    """The ``.drawio`` or ``.vsdx`` file of ``doc``, as bytes."""
    if fmt == "drawio":
        return render_drawio(doc, catalog, translate).encode("utf-8")
    if fmt == "vsdx":
        return render_vsdx(doc, catalog, icon_png, translate)
    raise InputError(None, None, f"cannot export the diagram as {fmt!r}: use .drawio or .vsdx")


def export_editable(doc: Document, catalog: Catalog, path: str | Path, fmt: str | None = None,
                    translate: Translate = untranslated) -> Path:
    """Write ``doc``'s diagram to ``path`` as draw.io or Visio (``fmt``, else the suffix)."""
    path = Path(path)
    data = editable_bytes(doc, catalog, (fmt or path.suffix.lstrip(".")).lower(), translate)
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise InputError(path, None, f"cannot write: {exc.strerror or exc}") from None
    return path
