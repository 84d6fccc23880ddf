"""packaging/make_icons.py: the application icon at every size a desktop needs, drawn by Qt from
resources/icons/app.svg, and the .ico and .icns read back by Pillow."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from designer.ui.app import DESKTOP_ID

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("make_icons", ROOT / "packaging" / "make_icons.py")
make_icons = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_icons)


@pytest.fixture(scope="module")
def icons(tmp_path_factory, qapp):  # the generator paints; Qt wants an application
    out = tmp_path_factory.mktemp("icons")
    written = make_icons.make_icons(out)
    return out, written


def _alpha(image: QImage, x: int, y: int) -> int:
    return image.pixelColor(x, y).alpha()


def test_the_icon_is_named_by_the_desktop_id():
    assert make_icons.APP_ID == DESKTOP_ID
    assert make_icons.SIZES == (16, 24, 32, 48, 64, 128, 256, 512)


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_each_size_is_drawn_at_that_size(icons, size):
    out, written = icons
    path = out / "hicolor" / f"{size}x{size}" / "apps" / f"{DESKTOP_ID}.png"
    assert path in written
    image = QImage(str(path))
    assert not image.isNull(), f"{path} is not a readable PNG"
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()
    opaque = sum(_alpha(image, x, y) == 255 for x in range(size) for y in range(size))
    assert opaque > 0.7 * size * size, "the icon is mostly transparent"
    assert _alpha(image, 0, 0) == 0, "the rounded corner should be transparent"
    centre = image.pixelColor(size // 2, size // 2)
    assert centre.alpha() == 255
    colours = {image.pixel(x, y) for x in range(size) for y in range(size)}
    assert len(colours) > 4, "the icon is a flat fill"


def test_the_scalable_icon_is_the_svg(icons):
    out, _ = icons
    scalable = out / "hicolor" / "scalable" / "apps" / f"{DESKTOP_ID}.svg"
    assert scalable.read_bytes() == (ROOT / "resources" / "icons" / "app.svg").read_bytes()


def test_the_large_sizes_are_drawn_not_scaled(icons):
    """512 is rendered from the vector art: its edges are sharp, not the blur of an upscale."""
    out, _ = icons
    big = QImage(str(out / "hicolor" / "512x512" / "apps" / f"{DESKTOP_ID}.png"))
    row = [big.pixelColor(x, 256).alpha() for x in range(40)]
    partial = [a for a in row if 0 < a < 255]
    assert len(partial) <= 3, f"a soft edge {partial} suggests a scaled-up bitmap"


def test_the_windows_ico_holds_every_size(icons):
    from PIL import Image

    out, _ = icons
    with Image.open(out / "app.ico") as ico:
        assert ico.format == "ICO"
        assert ico.info["sizes"] == {(s, s) for s in make_icons.ICO_SIZES}
        ico.size = (48, 48)
        ico.load()
        assert ico.convert("RGBA").getpixel((24, 24))[3] == 255


def test_the_macos_icns_holds_32_to_1024(icons):
    from PIL import Image

    out, _ = icons
    with Image.open(out / "app.icns") as icns:
        assert icns.format == "ICNS"
        sizes = {(w * scale, h * scale) for w, h, scale in icns.info["sizes"]}
        assert sizes == {(s, s) for s in (32, 64, 128, 256, 512, 1024)}
        icns.load()  # the largest
        assert icns.size == (1024, 1024) and icns.convert("RGBA").getpixel((512, 512))[3] == 255


def test_a_file_that_is_not_svg_is_one_clear_error(tmp_path, icons, capsys):
    bad = tmp_path / "broken.svg"
    bad.write_text("<svg><unclosed", encoding="utf-8")
    with pytest.raises(make_icons.IconError, match="not a readable SVG"):
        make_icons.render(bad, 16)
    assert make_icons.main([str(tmp_path / "out"), "--svg", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "broken.svg: not a readable SVG" in err and "Traceback" not in err
