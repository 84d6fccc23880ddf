"""The setuptools build step that puts the program's data into the wheel (pyproject.toml's
``[tool.setuptools] cmdclass``).

The repository keeps the knowledge base (``data/``), the icons (``resources/``) and the
translations (``translations/``) at its top, beside the package. A wheel installs only packages,
so this step copies those folders into the package as ``designer/_bundled/``, where
designer/support/paths.py looks first. They are added to build_py's data files, so the wheel's RECORD and
the sdist list them too. An editable install needs nothing: the package reads the checkout's.
"""
from __future__ import annotations

from pathlib import Path

from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "designer"
BUNDLED = "_bundled"  # designer/support/paths.py: BUNDLED
FILES = ("data/catalog/*.yaml", "data/samples/*.yaml", "resources/icons/*.svg", "resources/icons/toolbar/*.svg",
         "translations/*.ts")


def bundled_files(root: Path = ROOT) -> list[str]:
    """The files to ship, relative to ``root`` (with "/"), sorted."""
    return sorted({path.relative_to(root).as_posix() for pattern in FILES for path in root.glob(pattern)
                   if path.is_file()})


class BuildPy(build_py):
    """build_py that also copies the data folders into ``designer/_bundled``."""

    def _get_data_files(self):  # setuptools' name
        files = list(super()._get_data_files())
        if getattr(self, "editable_mode", False):
            return files
        names = bundled_files()
        if not any(name.startswith("data/catalog/") for name in names):
            raise RuntimeError(f"{ROOT / 'data' / 'catalog'}: no knowledge base files (*.yaml) to ship")
        target = Path(self.build_lib, PACKAGE, BUNDLED)
        files.append((PACKAGE, str(ROOT), str(target), names))
        return files
