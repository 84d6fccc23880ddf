"""``exchange-designer rules FILE``: the firewall rules per zone boundary.

    exchange-designer rules FILE [--format csv|xlsx|md|html|ps1|nft] [-o OUT]

Without ``--format`` the format comes from OUT's suffix, else Markdown. ``ps1`` (Windows
Firewall) and ``nft`` (nftables) are drafts to review. Pure Python: no Qt.
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from ..analysis import compute_flows
from ..catalog import Catalog
from ..io.firewall_export import FORMATS, render_rules
from ..support.yamlsafe import InputError
from .common import EXIT_OK, emit, load_design

SUFFIX_FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".md": "md", ".markdown": "md", ".html": "html",
                  ".htm": "html", ".ps1": "ps1", ".nft": "nft"}
DEFAULT_FORMAT = "md"


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``rules`` on the ``add_subparsers()`` object of the main parser."""
    rules = subparsers.add_parser(
        "rules", help="the firewall rules per zone boundary",
        description="The firewall rules each zone boundary of a design needs, de-duplicated, each "
        "with the services and sources that justify it; or a DRAFT Windows Firewall script (ps1) "
        "or nftables ruleset (nft) to review.")
    rules.add_argument("file", metavar="FILE", help="a topology file (.yaml)")
    rules.add_argument("--format", "-f", choices=FORMATS, default=None,
                       help=f"output format (default: from OUT's suffix, else {DEFAULT_FORMAT})")
    rules.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of standard output")
    return rules


def output_format(fmt: str | None, output: str | None) -> str:
    """The format asked for, or the one OUT's suffix names, or Markdown."""
    if fmt:
        return fmt
    if not output:
        return DEFAULT_FORMAT
    suffix = Path(output).suffix.lower()
    if suffix not in SUFFIX_FORMATS:
        known = " ".join(sorted(set(SUFFIX_FORMATS)))
        raise InputError(output, None, f"cannot tell the format from {suffix or 'a name without a suffix'}: "
                         f"use --format {{{','.join(FORMATS)}}} or one of {known}")
    return SUFFIX_FORMATS[suffix]


def run(args: argparse.Namespace, catalog: Catalog, out: TextIO) -> int:
    """Write the rules of ``args.file``; return 0, or raise ``InputError``."""
    fmt = output_format(args.format, args.output)
    doc = load_design(args.file, catalog)
    emit(render_rules(fmt, doc, catalog, compute_flows(doc, catalog)), args.output, out)
    return EXIT_OK
