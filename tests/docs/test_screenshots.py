"""docs/screenshots.py takes the guide's pictures from the real designer, offscreen.

It runs as its own process, as the documentation build runs it (a window made here would
outlive the test in pytest-qt's application)."""
from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtGui import QImage

from tests.conftest import ROOT

SCRIPT = ROOT / "docs" / "screenshots.py"


def run(*args: str, tmp_path) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ETD_USER_DIR": str(tmp_path / "user")}
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True,
                          env=env, timeout=120, cwd=tmp_path)


def pixels(path) -> set[tuple[int, int, int]]:
    """The distinct colours of a PNG."""
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB888)
    assert not image.isNull(), path
    data, line, width = bytes(image.constBits()), image.bytesPerLine(), image.width() * 3
    rows = (data[y * line:y * line + width] for y in range(image.height()))
    return {(row[i], row[i + 1], row[i + 2]) for row in rows for i in range(0, width, 3)}


def test_shots_are_pictures_of_the_designer(tmp_path):
    out = tmp_path / "shots"
    done = run(str(out), "inspector-connection", "line-styles", "presentation", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["inspector-connection.png", "line-styles.png",
                                                     "presentation.png"]
    assert "This plugin does not support" not in done.stderr
    for name in ("inspector-connection", "line-styles", "presentation"):
        image = QImage(str(out / f"{name}.png"))
        assert image.width() >= 250 and image.height() >= 250, name
        assert len(pixels(out / f"{name}.png")) > 50, name  # drawn, not a blank grab
    drawn = pixels(out / "line-styles.png")
    from designer.render.theme import LIGHT

    for hex_colour in (LIGHT.encrypted, LIGHT.optional, LIGHT.plaintext, LIGHT.unknown):
        # the green, orange, red and grey lines (designer/render/theme.py), give or take smoothing
        colour = tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
        assert any(sum(abs(a - b) for a, b in zip(colour, pixel)) <= 24 for pixel in drawn), colour
    assert not list(tmp_path.glob("*.yaml")), "the work files stay in a temporary folder"


def test_unknown_shot_is_a_usage_error(tmp_path):
    done = run(str(tmp_path / "shots"), "no-such-shot", tmp_path=tmp_path)
    assert done.returncode == 2 and "usage:" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "shots").exists()
