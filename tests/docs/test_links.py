"""Every relative link and image in docs/*.md and README.md points at a file that exists, or at
one the documentation build generates (the screenshots of docs/screenshots.py and the pages of
the knowledge base reference); every file the documentation names in `code` exists; the
toctrees list pages that exist, and every page is in one."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from markdown_it import MarkdownIt

from designer.io.catalog_reference import reference_pages
from tests.conftest import ROOT

DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
FILES = [ROOT / "README.md", *PAGES]
_md = MarkdownIt("commonmark").enable("table")
# `designer/analysis/findings.py`, `data/catalog/`, `tests/catalog/source_tables/`; not `443/TCP`
CITED = re.compile(r"^[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.*-]+)*/?$")
SUFFIXES = {".py", ".yaml", ".yml", ".md", ".svg", ".png", ".toml", ".json", ".txt", ".spec"}


def _screenshot_names() -> set[str]:
    spec = importlib.util.spec_from_file_location("docs_screenshots", DOCS / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # defines the shots; Qt is imported only when they run
    return set(module.SHOTS)


@pytest.fixture(scope="module")
def generated(catalog) -> set[Path]:
    """The files the documentation build adds to docs/ (in its copy of it)."""
    shots = {DOCS / "screenshots" / f"{name}.png" for name in _screenshot_names()}
    return shots | {DOCS / "reference" / name for name in reference_pages(catalog)}


def targets(file: Path) -> list[str]:
    """The addresses of the links and images of a Markdown file (code is not looked into)."""
    found = []
    for token in _md.parse(file.read_text(encoding="utf-8")):
        for child in token.children or ():
            if child.type == "link_open":
                found.append(child.attrs["href"])
            elif child.type == "image":
                found.append(child.attrs["src"])
        if token.type == "html_block":
            found += re.findall(r'(?:src|href)="([^"]+)"', token.content)
    return found


def local(file: Path, target: str) -> Path | None:
    """The file a relative link points at, or None for a web address or an anchor."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return (file.parent / unquote(parts.path)).resolve()


def test_the_pages_have_links_to_check():
    assert len(PAGES) >= 8
    assert sum(len(targets(f)) for f in FILES) >= 15


@pytest.mark.parametrize("file", FILES, ids=lambda f: str(f.relative_to(ROOT)))
def test_relative_links_and_images_point_at_files(file, generated):
    missing = []
    for target in targets(file):
        path = local(file, target)
        if path is not None and not path.exists() and path not in generated:
            missing.append(target)
    assert not missing, f"{file.relative_to(ROOT)} links to missing files: {missing}"


def test_the_guide_shows_every_screenshot_and_only_those(generated):
    shown = {local(f, t) for f in PAGES for t in targets(f)} & {p for p in generated if p.suffix == ".png"}
    assert shown == {p for p in generated if p.suffix == ".png"}


@pytest.mark.parametrize("file", FILES, ids=lambda f: str(f.relative_to(ROOT)))
def test_files_named_in_code_exist(file):
    missing = []
    for token in _md.parse(file.read_text(encoding="utf-8")):
        for child in token.children or ():
            text = child.content.strip().rstrip(".,:")
            if child.type != "code_inline" or "/" not in text or not CITED.match(text):
                continue
            if text.startswith(("..", "build/", "dist/")) or "/" not in text.rstrip("/") or \
                    not (text.endswith("/") or Path(text).suffix in SUFFIXES):
                continue  # outside the checkout, built, a bare folder name, or not a file
            if not (any(ROOT.glob(text)) if "*" in text else (ROOT / text).exists()):
                missing.append(text)
    assert not missing, f"{file.relative_to(ROOT)} names files that do not exist: {missing}"


def toctree_entries() -> dict[str, list[str]]:
    """Each page's toctree entries (document names, relative to the page's folder)."""
    entries = {}
    for page in PAGES:
        names = []
        for block in re.findall(r"^```\{toctree\}\n(.*?)^```", page.read_text(encoding="utf-8"), re.M | re.S):
            names += [line.strip() for line in block.splitlines() if line.strip() and not line.startswith(":")]
        if names:
            entries[str(page.relative_to(DOCS))] = names
    return entries


def test_every_page_is_in_a_toctree_and_every_entry_exists(generated):
    entries = toctree_entries()
    listed = {(DOCS / Path(page).parent / f"{name}.md").resolve() for page, names in entries.items() for name in names}
    for path in listed:
        assert path.exists() or path in generated, path
    assert {p.resolve() for p in PAGES} - {(DOCS / "index.md").resolve()} <= listed
    assert {"catalog-format", "performance", "contributing", "reference/index"} <= set(entries["index.md"])
