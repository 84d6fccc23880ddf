"""Diagram export: PNG, SVG and PDF of the canvas, with a legend and a title block.

The only Qt module of ``designer.io`` (``designer.io`` itself does not import it). It renders the
scene the way Orange's ``grab_svg`` does: the items' bounding rect plus a margin, with the
selection cleared first. Everything the editor adds to the picture is left out while rendering
(selection, connect handles, highlighted matrix rows, a connection being drawn) and put back
afterwards; the grid is not drawn unless asked. The legend and the title block are painted
beneath the drawing (:mod:`designer.render.legend`), not added to the scene.

Text stays text in SVG and PDF (searchable), and Qt escapes it, so names from a file can't
inject markup. The drawing is measured in canvas pixels; every device paints at the screen's
logical DPI, which is what the canvas measured its labels with, so text fits as on screen.
"""
from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QRectF,
    QSize,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtSvg import QSvgGenerator

from .callouts import KeyEntry, tag_hiding_labels
from .legend import APP_NAME, Sheet, TitleBlock
from .print_plan import (PAGE_SIZES, PrintPlan, advice, choose_plan, paint_key_page, paint_overview, paint_part,
                         paint_single, prepare)
from ..support.yamlsafe import InputError
from ..io.atomic import atomic_write_bytes
from ..support.text import xml_safe

FORMATS = ("png", "svg", "pdf")
PAGE_MARGIN_MM = 10.0
MAX_SIDE, MAX_PIXELS = 20000, 200_000_000  # PNG limits (a 200 MP image needs 800 MB)
HOVER, NO_HOVER = "(hover for all)", "(all in the port matrix)"  # paper can't be hovered
_FONT_FAMILY = re.compile(rb'font-family="([^"]*)"')


def export_scene(scene, path: str | Path, fmt: str | None = None, *, selection_only: bool = False,
                 scale: float = 2.0, dpi: float | None = None, page_size: str | None = None,
                 landscape: bool | None = True, fit: bool = True, grid: bool = False, title: str | None = None,
                 version: str | None = None, date: str | None = None, atlas: bool | None = None,
                 notes: list[str] | None = None) -> Path:
    """Write the diagram of ``scene`` (a ``CanvasScene``) to ``path`` and return the path.

    ``fmt`` (png, svg or pdf) defaults to the file's suffix. PNG: ``scale`` output pixels per
    canvas pixel, or ``dpi`` (which sets the scale from the screen's DPI); the PNG records its
    DPI so it prints at the canvas's size. PDF: vector pages with a 10 mm margin, readable on
    paper (:mod:`.print_plan`): without ``page_size`` the smallest page that prints the labels at
    6 pt or more, else an atlas of A4 pages; a ``page_size`` (see ``PAGE_SIZES``) is kept, as one
    page unless ``atlas``, and when its text falls under the readable size ``notes`` (a list)
    gets the advice. ``landscape`` None picks the orientation. ``fit`` scales a single page's
    diagram to fill it, otherwise it is printed at the canvas's size (shrunk only when it would
    not fit). ``selection_only``: the selected items, the nodes of selected
    zones, the end nodes of selected connections and the connections between included nodes.
    ``title``, ``version``, ``date`` default to the design's name, "Exchange <version>", today.
    Raises ``InputError`` (one clear message) for a bad format, option or an unwritable file.
    """
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    data = render_bytes(scene, fmt, selection_only=selection_only, scale=scale, dpi=dpi,
                        page_size=page_size, landscape=landscape, fit=fit, grid=grid, title=title,
                        version=version, date=date, atlas=atlas, notes=notes, _path=path)
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise InputError(path, None, f"cannot write: {exc.strerror or exc}") from None
    return path


def render_bytes(scene, fmt: str, *, selection_only: bool = False, scale: float = 2.0,
                 dpi: float | None = None, page_size: str | None = None, landscape: bool | None = True,
                 fit: bool = True, grid: bool = False, title: str | None = None, version: str | None = None,
                 date: str | None = None, atlas: bool | None = None, notes: list[str] | None = None,
                 _path: Path | None = None) -> bytes:
    """The bytes :func:`export_scene` writes (for the clipboard, or a test)."""
    if fmt not in FORMATS:
        raise InputError(_path, None, f"cannot export to {('.' + fmt) if fmt else 'a file without a suffix'}: "
                         "use .png, .svg or .pdf")
    if fmt == "pdf" and page_size is not None and _page_size(page_size) is None:
        raise InputError(_path, None, f"unknown page size {page_size!r}; use one of {', '.join(PAGE_SIZES)}")
    if fmt == "png" and not (0 < (dpi if dpi is not None else scale) < math.inf):
        raise InputError(_path, None, "the scale and the DPI must be positive numbers")
    doc = scene.document
    info = TitleBlock(title if title is not None else doc.name,
                      version if version is not None else f"Exchange {doc.exchange_version}",
                      date if date is not None else datetime.date.today().isoformat(),
                      "Selection" if selection_only else "Whole design")
    with export_state(scene, selection_only, _path) as key:
        sheet = Sheet(scene, info, grid, key)
        if fmt == "png":
            return _png(sheet, dpi / _screen_dpi() if dpi else scale, _path)
        if fmt == "svg":
            return _svg(sheet)
        size = _page_size(page_size) if page_size is not None else None
        plan = choose_plan(sheet, size, landscape, PAGE_MARGIN_MM, _screen_dpi(), atlas)
        if notes is not None and fit and (message := advice(sheet, plan, PAGE_MARGIN_MM, _screen_dpi())):
            notes.append(message)
        return _pdf(sheet, plan, fit)


def _page_size(name: str) -> str | None:
    """The name in ``PAGE_SIZES`` spelt ``name`` in any case, or None."""
    return next((k for k in PAGE_SIZES if k.lower() == str(name).lower()), None)


def _screen_dpi() -> int:
    """The DPI the canvas measured its text at (``QFontMetricsF`` without a device)."""
    screen = QGuiApplication.primaryScreen()
    return round(screen.logicalDotsPerInchY()) if screen else 96


# ---- the scene, without the editing chrome
def _included(scene) -> set:
    doc, ids = scene.document, set(scene.selected_ids())
    nodes = {i for i in ids if i in doc.nodes} | {n.id for n in doc.nodes.values() if n.zone in ids}
    for conn_id in ids & set(doc.connections):
        nodes |= set(doc.connection(conn_id).between)
    conns = {c.id for c in doc.connections.values() if c.id in ids or set(c.between) <= nodes}
    return ({scene.zones[z] for z in ids if z in scene.zones} | {scene.nodes[n] for n in nodes if n in scene.nodes}
            | {scene.connections[c] for c in conns if c in scene.connections})


@contextmanager
def export_state(scene, selection_only: bool, path: Path | None) -> Iterator[list[KeyEntry]]:
    """Clear the selection, hover and highlights; hide what is not exported; restore it all after.
    Labels that say "hover for all" point to the port matrix instead. A label whose place would
    hide a node or another label is printed as its number; the key's entries are yielded
    (:mod:`.callouts`), for the :class:`Sheet` to print under the drawing.

    The scene's signals are blocked meanwhile, so the window doesn't see the selection flicker.
    """
    items = [*scene.zones.values(), *scene.nodes.values(), *scene.connections.values()]
    keep = _included(scene) if selection_only else set(items)
    if selection_only and not keep:
        raise InputError(path, None, "nothing is selected to export")
    selected = scene.selectedItems()
    hovered = [n for n in scene.nodes.values() if n.hovered]
    highlighted = [c for c in scene.connections.values() if c.highlighted]
    hidden = [i for i in scene.items() if i.parentItem() is None and i.isVisible() and i not in keep]
    scene.place_labels(export=True)  # first, as exported: the labels to relabel are those it shows
    relabelled = {c.label_item: (c.label_item.lines, c.label_item.error)
                  for c in scene.connections.values() if any(HOVER in line for line in c.label_item.lines)}
    blocked = scene.blockSignals(True)
    tagged: dict = {}
    try:
        scene.clearSelection()
        for item in hovered:
            item.hovered = False
        for item in highlighted:
            item.highlighted = False
        for item in hidden:
            item.setVisible(False)
        for label, (lines, error) in relabelled.items():
            label.set_lines([line.replace(HOVER, NO_HOVER) for line in lines], error)
        scene.place_labels(export=True)  # every label at its size, none gives way
        key, tagged = tag_hiding_labels(scene)
        yield key
    finally:
        for label, (lines, error) in tagged.items():
            label.set_lines(lines, error)
        for label, (lines, error) in relabelled.items():
            label.set_lines(lines, error)
        scene.place_labels()  # as the screen shows them again
        for item in hidden:
            item.setVisible(True)
        for item in highlighted:
            item.highlighted = True
        for item in hovered:
            item.hovered = True
        for item in selected:
            item.setSelected(True)
        scene.blockSignals(blocked)
        scene.update()


# ---- the devices
def _png(sheet: Sheet, scale: float, path: Path | None) -> bytes:
    width, height = math.ceil(sheet.width * scale), math.ceil(sheet.height * scale)
    if max(width, height) > MAX_SIDE or width * height > MAX_PIXELS:
        raise InputError(path, None, f"the image would be {width}×{height} pixels: use a smaller scale or DPI")
    image = QImage(width, height, QImage.Format.Format_RGB32)
    _set_dpi(image, _screen_dpi())  # fonts resolve as on the canvas; the scale does the rest
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.scale(scale, scale)
    sheet.paint(painter)
    painter.end()
    _set_dpi(image, _screen_dpi() * scale)  # prints at the canvas's size
    return _written(lambda buffer: image.save(buffer, "PNG"))


def _set_dpi(image: QImage, dpi: float) -> None:
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))


def _written(write: Callable[[QBuffer], None]) -> bytes:
    """What ``write`` writes to an in-memory device (the file is replaced atomically after)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    write(buffer)
    buffer.close()
    return bytes(data)


def _svg(sheet: Sheet) -> bytes:
    def write(buffer: QBuffer) -> None:
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setResolution(_screen_dpi())
        generator.setSize(QSize(math.ceil(sheet.width), math.ceil(sheet.height)))
        generator.setViewBox(QRectF(0, 0, sheet.width, sheet.height))
        generator.setTitle(sheet.info.title)
        generator.setDescription(f"{sheet.info.version} · {sheet.info.date} · {APP_NAME}")
        painter = QPainter(generator)
        sheet.paint(painter)
        painter.end()

    return _portable_fonts(_xml_clean(_written(write)))


_CHAR_REF = re.compile(r"&#(x[0-9a-fA-F]+|[0-9]+);")


def _xml_clean(svg: bytes) -> bytes:
    """The SVG with no character XML 1.0 forbids, raw or as a reference (Qt writes a name's
    control characters as they are): each shown as a symbol, so the file parses."""
    def ref(match: re.Match) -> str:
        code = match.group(1)
        value = int(code[1:], 16) if code[0] in "xX" else int(code)
        char = chr(value) if value <= 0x10FFFF else "\ufffd"
        return match.group() if xml_safe(char) == char else xml_safe(char)

    return _CHAR_REF.sub(ref, xml_safe(svg.decode("utf-8", "replace"))).encode("utf-8")


def _portable_fonts(svg: bytes) -> bytes:
    """Name the font the text was measured with, then a CSS generic: Qt writes the requested
    family (e.g. fontconfig's "Sans Serif"), which a browser doesn't know."""
    families: dict[bytes, bytes] = {}

    def replace(match: re.Match) -> bytes:
        name = match.group(1)
        if name not in families:
            real = QFontInfo(QFont(name.decode("utf-8", "replace"))).family()
            real = re.sub(r"[\"'<>&;]", "", real)
            families[name] = f"font-family=\"'{real}', sans-serif\"".encode()
        return families[name]

    return _FONT_FAMILY.sub(replace, svg)


def _pdf(sheet: Sheet, plan: PrintPlan, fit: bool) -> bytes:
    def write(buffer: QBuffer) -> None:
        writer = QPdfWriter(buffer)
        writer.setResolution(_screen_dpi())
        writer.setTitle(sheet.info.title)
        writer.setCreator(APP_NAME)
        orientation = QPageLayout.Orientation.Landscape if plan.landscape else QPageLayout.Orientation.Portrait
        writer.setPageLayout(QPageLayout(QPageSize(PAGE_SIZES[plan.page_size]), orientation,
                                         QMarginsF(*[PAGE_MARGIN_MM] * 4), QPageLayout.Unit.Millimeter))
        painter = QPainter(writer)
        paint_plan(painter, sheet, plan, writer.width(), writer.height(), fit, first_page=1,
                   new_page=writer.newPage)  # inside the margins
        painter.end()

    return _written(write)


def paint_plan(painter: QPainter, sheet: Sheet, plan: PrintPlan, width: float, height: float, fit: bool = True,
               first_page: int = 1, new_page: Callable[[], object] | None = None,
               after_page: Callable[[int], None] | None = None) -> None:
    """Paint the plan's pages into ``width`` x ``height`` page areas: one page, or the atlas's
    overview then its parts (``new_page`` starts each next page; ``after_page(number)`` adds to a
    page once it is drawn, e.g. the report's footer)."""
    prepare(sheet, plan)
    if not plan.atlas:
        paint_single(painter, sheet, plan, width, height, fit)
        if after_page:
            after_page(first_page)
        return
    paint_overview(painter, sheet, plan, width, height, first_page)
    if after_page:
        after_page(first_page)
    for index in range(len(plan.parts)):
        new_page()
        paint_part(painter, sheet, plan, index, width, first_page)
        if after_page:
            after_page(first_page + 1 + index)
    for index in range(len(plan.key_pages)):
        new_page()
        paint_key_page(painter, sheet, plan, index, width, first_page)
        if after_page:
            after_page(first_page + 1 + len(plan.parts) + index)


def paint_fitted(painter: QPainter, sheet: Sheet, width: float, height: float, fit: bool = True) -> None:
    """Paint ``sheet`` on one ``width`` x ``height`` page area: scaled to fill it when ``fit``,
    else at the canvas's size (shrunk only when it would not fit); the title block in its corner."""
    paint_single(painter, sheet, PrintPlan("A4", True, 1.0), width, height, fit)
