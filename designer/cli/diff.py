"""``exchange-designer diff OLD NEW``: the change request between two designs.

    exchange-designer diff OLD.yaml NEW.yaml [--format md|html|xlsx|json] [-o OUT]
    git show HEAD~1:design.yaml | exchange-designer diff - design.yaml

The firewall rules and flows added, removed or changed per zone boundary, each with its
justification and sources, and the zones, nodes and connections that changed. ``-`` reads a
design from standard input. Exit codes as diff(1): 0 no change, 1 changes, 2 a design that
can't be read (one message, no traceback). Pure Python: no Qt.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import BinaryIO, TextIO

from ..analysis.diff import diff_designs
from ..catalog import Catalog
from ..io.diff_export import FORMATS, render_diff
from ..io.document_yaml import MAX_DOCUMENT_BYTES, loads_document
from ..model import Document
from ..support.yamlsafe import InputError
from .common import EXIT_FINDINGS, EXIT_OK, emit, load_design

STDIN, STDIN_NAME = "-", "<stdin>"
SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".xlsx": "xlsx",
                  ".json": "json"}
DEFAULT_FORMAT = "md"
EXIT_CHANGES = EXIT_FINDINGS  # diff(1): 1 when the inputs differ


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``diff`` on the ``add_subparsers()`` object of the main parser."""
    diff = subparsers.add_parser(
        "diff", help="the change request between two designs",
        description="The firewall rules and flows that are added, removed or changed between two designs, "
        "per zone boundary, each with its justification and sources; and the zones, nodes and connections "
        "that changed. '-' reads a design from standard input (git show REV:design.yaml | "
        "%(prog)s - design.yaml). Exit 0 when nothing changes, 1 when something does, 2 when a design "
        "can't be read.")
    diff.add_argument("old", metavar="OLD", help="the design as it is (.yaml, or - for standard input)")
    diff.add_argument("new", metavar="NEW", help="the design as it will be (.yaml, or - for standard input)")
    diff.add_argument("--format", "-f", choices=FORMATS, default=None,
                      help=f"output format (default: from OUT's suffix, else {DEFAULT_FORMAT})")
    diff.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of standard output")
    return diff


def output_format(fmt: str | None, output: str | None) -> str:
    """The format asked for, or the one OUT's suffix names, or Markdown."""
    if fmt:
        return fmt
    if not output or output == "-":
        return DEFAULT_FORMAT
    suffix = Path(output).suffix.lower()
    if suffix not in SUFFIX_FORMATS:
        raise InputError(output, None, f"cannot tell the format from {suffix or 'a name without a suffix'}: "
                         f"use --format {{{','.join(FORMATS)}}} or one of {' '.join(sorted(SUFFIX_FORMATS))}")
    return SUFFIX_FORMATS[suffix]


def read_stdin(stream: TextIO | BinaryIO | None, catalog: Catalog) -> Document:
    """A design from standard input, with the limits and messages a file gets."""
    if stream is None:  # started without one (pythonw, a service)
        raise InputError(STDIN_NAME, None, "there is no standard input to read a design from")
    source = getattr(stream, "buffer", stream)
    try:
        raw = source.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as exc:
        raise InputError(STDIN_NAME, None, f"cannot read standard input: {exc.strerror or exc}") from None
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise InputError(STDIN_NAME, None, f"the input is larger than the limit of {MAX_DOCUMENT_BYTES / 1e6:.0f} MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(STDIN_NAME, raw[: exc.start].count(b"\n") + 1, "the input is not valid UTF-8 text") from None
    if not text.strip():
        raise InputError(STDIN_NAME, None, "standard input is empty: expected a design")
    return loads_document(text, STDIN_NAME, roles=catalog.roles.keys(), coexistence=catalog.coexistence_problem)


def read_design(name: str, catalog: Catalog, stdin: TextIO | BinaryIO) -> Document:
    return read_stdin(stdin, catalog) if name == STDIN else load_design(name, catalog)


def label(name: str) -> str:
    return "standard input" if name == STDIN else name


def run(args: argparse.Namespace, catalog: Catalog, out: TextIO, stdin: TextIO | BinaryIO | None = None) -> int:
    """Write the change request; return 0 (no change) or 1 (changes), or raise ``InputError``."""
    if args.old == STDIN and args.new == STDIN:
        raise InputError(None, None, "only one of OLD and NEW can be read from standard input (-)")
    fmt = output_format(args.format, args.output)
    stdin = stdin if stdin is not None else sys.stdin
    old = read_design(args.old, catalog, stdin)
    new = read_design(args.new, catalog, stdin)
    diff = diff_designs(old, new, catalog)
    emit(render_diff(fmt, diff, catalog, label(args.old), label(args.new)), args.output, out)
    return EXIT_CHANGES if diff.changed else EXIT_OK
