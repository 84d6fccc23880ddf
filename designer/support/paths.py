"""Where the program's own data lives: the knowledge base and samples (``data/``), the icons
(``resources/icons``) and the translations (``translations/``). Every module finds them here.

Three layouts hold them, and :func:`app_root` picks the folder that has them:

* a checkout, or an editable install of one: the repository's top folder, beside the package;
* an installed wheel: ``designer/_bundled/`` inside the package (packaging/wheel_data.py copies
  the folders there when the wheel is built);
* the app built by packaging/build: the bundle folder PyInstaller unpacks (``sys._MEIPASS``,
  ``_internal/`` beside the executable).

``$ETD_DATA_DIR`` replaces ``data/`` (the knowledge base and samples) in all three.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

BUNDLED = "_bundled"  # packaging/wheel_data.py: BUNDLED
PACKAGE_DIR = Path(__file__).resolve().parents[1]  # designer/ (this module is in designer/support/)


def app_root() -> Path:
    """The folder that holds ``data/``, ``resources/`` and ``translations/``."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle)
    bundled = PACKAGE_DIR / BUNDLED
    if (bundled / "data").is_dir():
        return bundled
    return PACKAGE_DIR.parent


def data_dir() -> Path:
    """The ``data/`` folder: ``$ETD_DATA_DIR`` when set, else the program's own."""
    override = os.environ.get("ETD_DATA_DIR")
    return Path(override) if override else app_root() / "data"


def icons_dir() -> Path:
    """``resources/icons``: the role icons and the application icon (SVG)."""
    return app_root() / "resources" / "icons"


def translations_dir() -> Path:
    """``translations/``: the Qt Linguist files, ``designer_<language>.ts``."""
    return app_root() / "translations"


def catalog_dir() -> Path:
    return data_dir() / "catalog"


def samples_dir() -> Path:
    return data_dir() / "samples"


def samples() -> list[Path]:
    """The sample designs, by file name."""
    return sorted(samples_dir().glob("*.yaml"))


def default_sample() -> Path:
    return samples_dir() / "exchange2016-edge.yaml"
