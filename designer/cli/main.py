"""The ``exchange-designer`` command line.

    exchange-designer [FILE]                    open the designer (the start page when no FILE)
    exchange-designer matrix FILE [options]     the port matrix
    exchange-designer check FILE                the findings (exit 1 when there is an error)
    exchange-designer catalog [filters]         browse the knowledge base
    exchange-designer render FILE -o OUT        the diagram as PNG, SVG or PDF (no display needed)
    exchange-designer rules FILE [options]      firewall rules per zone boundary, draft scripts
    exchange-designer report FILE -o OUT        the report for stakeholders, PDF or HTML

Exit codes: 0 success, 1 ``check`` found an error, 2 bad usage or a file that can't be read.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import Sequence, TextIO

from .. import __version__
from . import render as cli_render, report as cli_report, rules as cli_rules
from ..analysis import analyse, compute_flows
from ..catalog import VERSIONS, Catalog, load_catalog
from ..io import load_document
from ..io.atomic import atomic_write_bytes, atomic_write_text
from ..io.tables import FORMATS, render_matrix
from ..model import Document
from ..support.yamlsafe import InputError

PROG = "exchange-designer"
COMMANDS = ("matrix", "check", "catalog", "render", "rules", "report")
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70
log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own name
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Exchange Topology Designer: plan Exchange deployments "
                     "on a zone canvas, with the ports, authentication and encryption of every connection.",
                     epilog="Run '%(prog)s COMMAND --help' for a command's options. With no command, "
                     "'%(prog)s [FILE]' opens the designer.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    matrix = sub.add_parser("matrix", help="print the port matrix of a design",
                            description="Print every flow of a design: ports, authentication, encryption.")
    matrix.add_argument("file", metavar="FILE", help="a topology file (.yaml)")
    matrix.add_argument("--format", "-f", choices=FORMATS, default="md", help="output format (default: md)")
    matrix.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of standard output")
    matrix.add_argument("--crossing-only", action="store_true", help="only flows that cross a zone boundary")

    check = sub.add_parser("check", help="print the findings of a design",
                           description="Print where a design breaks Microsoft's support rules. "
                           "Exit 0 when there is no error, 1 when there is one, 2 when FILE can't be read.")
    check.add_argument("file", metavar="FILE", help="a topology file (.yaml)")
    check.add_argument("--format", "-f", choices=("text", "json"), default="text")

    cat = sub.add_parser("catalog", help="browse the knowledge base",
                         description="Browse the knowledge base: data paths filtered by version, port, "
                         "role or service; or the roles, the Exchange 2010 Windows Firewall rules, and "
                         "the Exchange 2000/2003 port list.")
    cat.add_argument("--version", dest="exchange_version", choices=VERSIONS, help="an Exchange version")
    cat.add_argument("--port", type=_port, help="a port number, e.g. 443")
    cat.add_argument("--role", help="a role id, e.g. unified_messaging (see --roles)")
    cat.add_argument("--service", help="part of a service name, e.g. EdgeSync")
    show = cat.add_mutually_exclusive_group()
    show.add_argument("--roles", action="store_true", help="list the roles")
    show.add_argument("--firewall", action="store_true", help="the Windows Firewall rules of Exchange 2010 setup")
    show.add_argument("--legacy", action="store_true", help="the Exchange 2000/2003 port list")
    cat.add_argument("--format", "-f", choices=("text", "json"), default="text")
    cli_render.add_parser(sub)
    cli_rules.add_parser(sub)
    cli_report.add_parser(sub)
    return parser


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{value} is not within 1-65535")
    return value


def _load(path: str, catalog: Catalog) -> Document:
    return load_document(Path(path), roles=catalog.roles.keys())


def _emit(data: str | bytes, output: str | None, out: TextIO) -> None:
    if output:
        target = Path(output)
        try:
            if isinstance(data, bytes):
                atomic_write_bytes(target, data)
            else:
                atomic_write_text(target, data)
        except OSError as exc:
            raise InputError(target, None, f"cannot write: {exc.strerror or exc}") from None
        return
    if isinstance(data, bytes):
        if out.isatty():
            raise InputError(None, None, "XLSX is binary: write it to a file with -o OUT.xlsx")
        out.flush()
        getattr(out, "buffer", out).write(data)
    else:
        out.write(data)


def cmd_matrix(args: argparse.Namespace, catalog: Catalog, out: TextIO) -> int:
    doc = _load(args.file, catalog)
    flows = compute_flows(doc, catalog)
    if args.crossing_only:
        flows = [f for f in flows if f.crossing]
    _emit(render_matrix(args.format, doc, catalog, flows), args.output, out)
    return EXIT_OK


def cmd_check(args: argparse.Namespace, catalog: Catalog, out: TextIO) -> int:
    doc = _load(args.file, catalog)
    findings = analyse(doc, catalog)
    errors = sum(f.severity == "error" for f in findings)
    if args.format == "json":
        out.write(json.dumps([{
            "severity": f.severity, "rule": f.rule, "message": f.message, "nodes": list(f.nodes),
            "connections": list(f.connections),
            "source": (catalog.source(f.source).url if f.source and catalog.source(f.source) else None),
        } for f in findings], indent=2, ensure_ascii=False) + "\n")
    else:
        for f in findings:
            out.write(f"{f.severity:<8}{f.message}\n")
        counts = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}
        out.write(f"{args.file}: {counts['error']} error(s), {counts['warning']} warning(s), "
                  f"{counts['info']} info\n")
    return EXIT_FINDINGS if errors else EXIT_OK


def cmd_catalog(args: argparse.Namespace, catalog: Catalog, out: TextIO) -> int:
    from .catalog import catalog_listing

    if args.role and args.role not in catalog.roles:
        raise InputError(None, None, f"unknown role {args.role!r}; see '{PROG} catalog --roles'")
    out.write(catalog_listing(catalog, args))
    return EXIT_OK


def cmd_open(file: str | None, catalog: Catalog, out: TextIO) -> int:
    """Open the designer window on FILE (on the start page when none is given)."""
    path = Path(file) if file else None
    if path is not None:
        _load(str(path), catalog)  # a file that can't be read is reported here, the Unix way
    if sys.platform.startswith("linux") and not any(
            os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        raise InputError(None, None, "no display to open the designer on (DISPLAY is not set); "
                         f"'{PROG} matrix FILE' and '{PROG} check FILE' work without one")
    from ..ui.app import run

    return run(catalog, path)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    out = out or sys.stdout
    logging.basicConfig(level=logging.WARNING, format=f"{PROG}: %(message)s")
    try:
        if argv and (argv[0] in COMMANDS or argv[0].startswith("-")):
            args = _parser().parse_args(argv)
            if args.command is None:
                return cmd_open(None, load_catalog(), out)
            catalog = load_catalog()
            handler = {"matrix": cmd_matrix, "check": cmd_check, "catalog": cmd_catalog,
                       "render": cli_render.run, "rules": cli_rules.run,
                       "report": cli_report.run}[args.command]
            return handler(args, catalog, out)
        if len(argv) > 1:
            _parser().error(f"unknown command {argv[0]!r}; expected one of {', '.join(COMMANDS)} or a FILE")
        return cmd_open(argv[0] if argv else None, load_catalog(), out)
    except InputError as exc:
        sys.stderr.write(f"{PROG}: {exc}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # never a traceback for users; the details go to the log
        log.debug("internal error", exc_info=True)
        sys.stderr.write(f"{PROG}: internal error: {exc!r}. Please report it.\n")
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
