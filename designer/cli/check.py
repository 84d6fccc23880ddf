"""``exchange-designer check FILE``: the findings of a design (exit 1 when there is an error).
Pure Python: no Qt."""
from __future__ import annotations

import argparse
from typing import TextIO

from ..analysis import analyse
from ..catalog import Catalog
from ..io.tables import json_text
from ..support.text import visible
from .common import EXIT_FINDINGS, EXIT_OK, load_design


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``check`` on the ``add_subparsers()`` object of the main parser."""
    check = subparsers.add_parser("check", help="print the findings of a design",
                                  description="Print where a design breaks Microsoft's support rules. "
                                  "Exit 0 when there is no error, 1 when there is one, 2 when FILE can't be read.")
    check.add_argument("file", metavar="FILE", help="a topology file (.yaml)")
    check.add_argument("--format", "-f", choices=("text", "json"), default="text")
    return check


def run(args: argparse.Namespace, catalog: Catalog, out: TextIO) -> int:
    doc = load_design(args.file, catalog)
    findings = analyse(doc, catalog)
    errors = sum(f.severity == "error" for f in findings)
    if args.format == "json":
        out.write(json_text([{
            "severity": f.severity, "rule": f.rule, "message": f.message, "nodes": list(f.nodes),
            "connections": list(f.connections),
            "source": (catalog.source(f.source).url if f.source and catalog.source(f.source) else None),
        } for f in findings]))
    else:
        for f in findings:
            out.write(f"{f.severity:<8}{visible(f.message)}\n")  # one finding, one line, no control byte
        counts = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}
        out.write(f"{visible(args.file)}: {counts['error']} error(s), {counts['warning']} warning(s), "
                  f"{counts['info']} info\n")
    return EXIT_FINDINGS if errors else EXIT_OK
