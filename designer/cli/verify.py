"""``exchange-designer verify FILE --rulebase RULES``: check a live firewall rulebase against the design.

    exchange-designer verify FILE --rulebase RULES|- [--rulebase-format nft-json|windows-json|csv]
                             [--format md|html|xlsx|json] [-o OUT]

Exit codes: 0 every required flow is allowed, 1 gaps (or flows that can't be checked), 2 a
file that can't be read. Without ``--format`` the format comes from OUT's suffix, else
Markdown; without ``--rulebase-format`` it comes from the rulebase's content. Pure Python.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from ..analysis import compute_flows
from ..analysis.verify import verify
from ..catalog import Catalog
from ..io.rulebase import FORMATS as RULEBASE_FORMATS, read_rulebase
from ..io.verify_report import FORMATS, render_verification
from ..support.yamlsafe import InputError
from .common import EXIT_FINDINGS, EXIT_OK, emit, load_design

SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json",
                  ".xlsx": "xlsx"}
DEFAULT_FORMAT = "md"


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``verify`` on the ``add_subparsers()`` object of the main parser."""
    parser = subparsers.add_parser(
        "verify", help="check a live firewall rulebase against the design",
        description="Compare an existing firewall rulebase with the flows the design needs, per zone "
        "boundary: required flows it does not allow, allowances towards Exchange servers that no flow "
        "needs, and needed rules shadowed by an earlier deny. Exit 0 when every required flow is "
        "allowed, 1 when some are not (or cannot be checked), 2 when a file cannot be read.")
    parser.add_argument("file", metavar="FILE", help="a topology file (.yaml)")
    parser.add_argument("--rulebase", "-r", required=True, metavar="RULES",
                        help="the rulebase: 'nft -j list ruleset' JSON, Windows Firewall JSON (see the "
                        "README's one-liner) or CSV; - for standard input")
    parser.add_argument("--rulebase-format", choices=RULEBASE_FORMATS, default=None,
                        help="the rulebase's format (default: from its content)")
    parser.add_argument("--format", "-f", choices=FORMATS, default=None,
                        help=f"output format (default: from OUT's suffix, else {DEFAULT_FORMAT})")
    parser.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of standard output")
    return parser


def output_format(fmt: str | None, output: str | None) -> str:
    if fmt:
        return fmt
    if not output or output == "-":
        return DEFAULT_FORMAT
    suffix = Path(output).suffix.lower()
    if suffix not in SUFFIX_FORMATS:
        raise InputError(output, None, f"cannot tell the format from {suffix or 'a name without a suffix'}: "
                         f"use --format {{{','.join(FORMATS)}}} or one of {' '.join(sorted(SUFFIX_FORMATS))}")
    return SUFFIX_FORMATS[suffix]


def run(args: argparse.Namespace, catalog: Catalog, out: TextIO) -> int:
    """Write the check; return 0 (all allowed) or 1 (gaps), or raise ``InputError``."""
    fmt = output_format(args.format, args.output)
    doc = load_design(args.file, catalog)
    rulebase = read_rulebase(args.rulebase, args.rulebase_format, stdin=getattr(sys.stdin, "buffer", None))
    result = verify(doc, catalog, compute_flows(doc, catalog), rulebase)
    emit(render_verification(fmt, doc, result), args.output, out)
    return EXIT_OK if result.ok else EXIT_FINDINGS
