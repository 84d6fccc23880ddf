"""The legend's line styles survive a greyscale print and colour-blind readers: each meaning has
its own pattern (read back from a greyscale rendering of the legend), and the print colours stay
apart under simulated protanopia, deuteranopia and tritanopia (Machado et al. 2009, severity 1)."""
from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from designer.render import legend, style
from designer.render.legend import CAPTION, PAD, ROW, SAMPLE, Footer, TitleBlock
from designer.render.theme import LIGHT, contrast_ratio
from tests.conftest import ROOT

ZOOM = 4  # pixels per canvas pixel of the rendering
CVD = {  # linear-RGB simulation matrices
    "protan": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deutan": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritan": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


def swatches(footer: Footer) -> list[tuple[tuple[bool, ...], float]]:
    """Each legend row's line sample in greyscale: where along it there is ink (the pattern)
    and how thick the ink is on average (the width)."""
    width = footer.min_width()
    image = QImage(int(width * ZOOM), int(legend.HEIGHT * ZOOM), QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.scale(ZOOM, ZOOM)
    footer.paint(painter, QRectF(0, 0, width, legend.HEIGHT))
    painter.end()
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    out = []
    for row in range(len(footer.rows)):
        top = (PAD + CAPTION + row * ROW) * ZOOM
        thickness = []
        for x in range(int((PAD + 4) * ZOOM), int((PAD + SAMPLE - 4) * ZOOM)):
            thickness.append(sum(grey.pixelColor(x, y).red() < 200 for y in range(int(top + 2 * ZOOM),
                                                                                  int(top + (ROW - 2) * ZOOM))))
        ink = [t for t in thickness if t]
        out.append((tuple(t > 0 for t in thickness), sum(ink) / max(len(ink), 1)))
    return out


def test_every_legend_entry_differs_in_greyscale(qapp):
    footer = Footer(TitleBlock("t", "Exchange 2016", "2020-01-01"))
    assert len(footer.rows) == len(style.ENCRYPTION_STYLES) + 1  # and the error line
    samples = swatches(footer)
    for (a, (pattern_a, width_a)), (b, (pattern_b, width_b)) in itertools.combinations(enumerate(samples), 2):
        differing = sum(x != y for x, y in zip(pattern_a, pattern_b)) / len(pattern_a)
        assert differing > 0.1 or abs(width_a - width_b) > 0.3 * max(width_a, width_b), \
            (footer.rows[a][1], footer.rows[b][1])


def test_each_meaning_has_its_own_pattern_on_the_canvas_too():
    pens = [style.connection_pen(kind) for kind in style.ENCRYPTION_STYLES] + [style.connection_pen("", error=True)]
    signatures = {(p.style(), tuple(p.dashPattern()) if p.style() == p.style().CustomDashLine else (), p.widthF())
                  for p in pens}
    assert len(signatures) == len(pens)


def _linear(colour: str) -> list[float]:
    values = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    return [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in values]


def _lab(rgb: list[float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x, y, z = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.9505, 0.2126 * r + 0.7152 * g + 0.0722 * b, \
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.089

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


@pytest.mark.parametrize("deficiency", CVD)
def test_the_print_colours_stay_apart_for_colour_blind_readers(deficiency):
    matrix = CVD[deficiency]
    seen = {}
    for kind in style.ENCRYPTION_STYLES:
        rgb = _linear(LIGHT.line_color(kind))
        simulated = [min(1.0, max(0.0, sum(m * c for m, c in zip(line, rgb)))) for line in matrix]
        seen[kind] = _lab(simulated)
    for (a, lab_a), (b, lab_b) in itertools.combinations(seen.items(), 2):
        assert sum((x - y) ** 2 for x, y in zip(lab_a, lab_b)) ** 0.5 > 10, (deficiency, a, b)


def test_each_meaning_has_its_own_colour_with_contrast():
    colours = [LIGHT.line_color(kind) for kind in style.ENCRYPTION_STYLES]
    assert len(set(colours)) == len(colours)
    for colour in colours:
        for back in (LIGHT.background, *LIGHT.zone_fills):
            assert contrast_ratio(colour, back) >= 3.0


def test_the_legend_shows_the_styles_the_diagram_uses(open_scene):
    scene = open_scene(ROOT / "data" / "samples" / "exchange2016-edge.yaml")
    used = legend.used_styles(scene)
    footer = legend.Sheet(scene, TitleBlock("t", "v", "d"), False).footer
    assert [text for _, text in footer.rows] == [meaning for kind, (_, _, meaning) in style.ENCRYPTION_STYLES.items()
                                                 if kind in used] + ([legend.ERROR_TEXT] if "error" in used else [])
    assert used == {c.kind for c in scene.connections.values()}
    assert len(footer.rows) < len(style.ENCRYPTION_STYLES) + 1  # this design uses some styles only
