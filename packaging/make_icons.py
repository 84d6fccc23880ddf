"""Render the application icon, resources/icons/app.svg, into the files a packaged app needs.

    python packaging/make_icons.py OUT_DIR

writes, under OUT_DIR:

    hicolor/NxN/apps/APP_ID.png     N in SIZES, for Linux desktops (the freedesktop icon theme)
    hicolor/scalable/apps/APP_ID.svg
    app.ico                         Windows, every size in ICO_SIZES (needs Pillow)
    app.icns                        macOS, 32 to 1024 pixels (needs Pillow)

packaging/build runs it at build time; nothing it writes is committed. Qt's QSvgRenderer draws
each size from the vector art (no scaling of a bitmap); Pillow only packs the PNGs into the .ico
and .icns containers.
"""
from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
APP_SVG = ROOT / "resources" / "icons" / "app.svg"
APP_ID = "io.github.exchange_topology_designer"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an .ico holds
ICNS_SIZES = (32, 64, 128, 256, 512, 1024)  # what Pillow writes; macOS draws 16 from 32


class IconError(Exception):
    """The SVG can't be rendered, or a file can't be written."""


def render(svg: Path, size: int) -> QImage:
    """The SVG drawn into a transparent ``size`` x ``size`` image (ARGB32)."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise IconError(f"{svg}: not a readable SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def _png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise IconError("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def write_hicolor(svg: Path, out: Path, app_id: str = APP_ID) -> list[Path]:
    """The PNG at every size in SIZES, and the SVG itself, in a hicolor icon-theme tree."""
    written = []
    for size in SIZES:
        path = out / "hicolor" / f"{size}x{size}" / "apps" / f"{app_id}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_png_bytes(render(svg, size)))
        written.append(path)
    scalable = out / "hicolor" / "scalable" / "apps" / f"{app_id}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable)
    return [*written, scalable]


def _pil_images(svg: Path, sizes: tuple[int, ...]) -> list:
    from PIL import Image

    return [Image.open(io.BytesIO(_png_bytes(render(svg, size)))) for size in sizes]


def write_ico(svg: Path, path: Path) -> Path:
    """A Windows icon holding each of ICO_SIZES, each drawn at its size."""
    images = _pil_images(svg, ICO_SIZES)
    largest = images[-1]
    largest.save(path, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=images[:-1])
    return path


def write_icns(svg: Path, path: Path) -> Path:
    """A macOS icon holding each of ICNS_SIZES, each drawn at its size."""
    images = _pil_images(svg, ICNS_SIZES)
    largest = images[-1]
    largest.save(path, format="ICNS", append_images=images[:-1])
    return path


def make_icons(out: Path, svg: Path = APP_SVG, app_id: str = APP_ID,
               platform_icons: bool = True) -> list[Path]:
    """Everything listed in the module's docstring; ``platform_icons`` adds .ico and .icns."""
    out.mkdir(parents=True, exist_ok=True)
    written = write_hicolor(svg, out, app_id)
    if platform_icons:
        written += [write_ico(svg, out / "app.ico"), write_icns(svg, out / "app.icns")]
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the icons into")
    parser.add_argument("--svg", type=Path, default=APP_SVG, help="the source SVG (default: app.svg)")
    parser.add_argument("--app-id", default=APP_ID, help=f"the icon name (default: {APP_ID})")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (keeps Qt alive)
    try:
        import PIL  # noqa: F401
    except ImportError:
        platform = False
        print("make_icons: Pillow is not installed, so no .ico or .icns "
              "(pip install -e '.[package]')", file=sys.stderr)
    else:
        platform = True
    try:
        written = make_icons(args.out, args.svg, args.app_id, platform_icons=platform)
    except (IconError, OSError) as exc:
        print(f"make_icons: {exc}", file=sys.stderr)
        return 1
    print(f"make_icons: {len(written)} files in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
