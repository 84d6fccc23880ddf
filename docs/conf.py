"""Sphinx configuration of the documentation (built by dev/docs).

dev/docs copies docs/ into build/docs-src/, generates the knowledge base reference
(reference/, from data/catalog) and the screenshots (screenshots/, from the designer) there,
and builds HTML into build/docs/ with warnings as errors. Nothing generated is committed.
"""
from __future__ import annotations

from designer import __version__  # dev/docs installs the package into .venv

project = "Exchange Topology Designer"
author = "The Exchange Topology Designer contributors"
copyright = "the Exchange Topology Designer contributors"
version = release = __version__

extensions = ["myst_parser"]
source_suffix = {".md": "markdown"}
root_doc = "index"
myst_enable_extensions = ["deflist"]
myst_heading_anchors = 3
smartquotes = False  # the knowledge base quotes Microsoft: its quotation marks stay as written

html_theme = "furo"
html_title = f"{project} {release}"
html_static_path: list[str] = []
html_show_sourcelink = False
