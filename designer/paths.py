"""Where the program's own data lives (the knowledge base, samples, icons)."""
from __future__ import annotations

import os
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The ``data/`` folder: ``$ETD_DATA_DIR`` when set, else the one beside the package."""
    override = os.environ.get("ETD_DATA_DIR")
    return Path(override) if override else _ROOT / "data"


def catalog_dir() -> Path:
    return data_dir() / "catalog"


def samples_dir() -> Path:
    return data_dir() / "samples"


def default_sample() -> Path:
    return samples_dir() / "exchange2016-edge.yaml"
