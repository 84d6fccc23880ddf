"""Where the program's own data lives (the knowledge base, samples, icons)."""
from __future__ import annotations

import os
import sys
from pathlib import Path


def app_root() -> Path:
    """The folder that holds ``data/`` and ``resources/``: the checkout (beside the package), or
    in the app built by packaging/build, the bundle folder PyInstaller unpacks (``sys._MEIPASS``,
    ``_internal/`` beside the executable)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle)
    return Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """The ``data/`` folder: ``$ETD_DATA_DIR`` when set, else the one beside the package."""
    override = os.environ.get("ETD_DATA_DIR")
    return Path(override) if override else app_root() / "data"


def icons_dir() -> Path:
    """``resources/icons``: the role icons and the application icon (SVG)."""
    return app_root() / "resources" / "icons"


def catalog_dir() -> Path:
    return data_dir() / "catalog"


def samples_dir() -> Path:
    return data_dir() / "samples"


def default_sample() -> Path:
    return samples_dir() / "exchange2016-edge.yaml"
