"""``exchange-designer matrix FILE``: the port matrix of a design. Pure Python: no Qt."""
from __future__ import annotations

import argparse
from typing import TextIO

from ..analysis import compute_flows
from ..catalog import Catalog
from ..io.tables import FORMATS, render_matrix
from .common import EXIT_OK, emit, load_design


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``matrix`` on the ``add_subparsers()`` object of the main parser."""
    matrix = subparsers.add_parser("matrix", help="print the port matrix of a design",
                                   description="Print every flow of a design: ports, authentication, encryption.")
    matrix.add_argument("file", metavar="FILE", help="a topology file (.yaml)")
    matrix.add_argument("--format", "-f", choices=FORMATS, default="md", help="output format (default: md)")
    matrix.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of standard output")
    matrix.add_argument("--crossing-only", action="store_true", help="only flows that cross a zone boundary")
    return matrix


def run(args: argparse.Namespace, catalog: Catalog, out: TextIO) -> int:
    doc = load_design(args.file, catalog)
    flows = compute_flows(doc, catalog)
    if args.crossing_only:
        flows = [f for f in flows if f.crossing]
    emit(render_matrix(args.format, doc, catalog, flows), args.output, out)
    return EXIT_OK
