"""The ``exchange-designer`` command line: the entry point, which hands each command to its module.

    exchange-designer [FILE]                    open the designer (the start page when no FILE)
    exchange-designer matrix FILE [options]     the port matrix
    exchange-designer check FILE                the findings (exit 1 when there is an error)
    exchange-designer catalog [filters]         browse the knowledge base
    exchange-designer render FILE -o OUT        the diagram as PNG, SVG or PDF (no display needed)
    exchange-designer rules FILE [options]      firewall rules per zone boundary, draft scripts
    exchange-designer report FILE -o OUT        the report for stakeholders, PDF or HTML
    exchange-designer diff OLD NEW [options]    the change request between two designs (exit 1: changes)
    exchange-designer verify FILE --rulebase R  check a live firewall rulebase (exit 1 on gaps)

Exit codes: 0 success, 1 ``check`` found an error, 2 bad usage or a file that can't be read.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import Sequence, TextIO

from .. import __version__
from ..catalog import Catalog, load_catalog
from ..support.text import visible
from ..support.yamlsafe import InputError
from . import catalog as catalog_command, check, matrix, render, report, rules, verify
from . import diff as diff_command
from .common import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, PROG, load_design

COMMANDS = {"matrix": matrix, "check": check, "catalog": catalog_command, "render": render, "rules": rules,
            "report": report, "diff": diff_command, "verify": verify}  # each module: add_parser(subparsers) and run(args, catalog, out)
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
    parser.add_argument("--template", metavar="FILE",
                        help="open the designer on a copy of FILE as a new, untitled design "
                        "(Save asks where, so FILE is never overwritten)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in COMMANDS.values():
        command.add_parser(sub)
    return parser


def cmd_open(file: str | None, catalog: Catalog, out: TextIO, template: bool = False) -> int:
    """Open the designer window on FILE (on the start page when none is given); with
    ``template``, on a copy of FILE as a new design that has no file yet."""
    path = Path(file) if file else None
    if path is not None:
        load_design(str(path), catalog)  # a file that can't be read is reported here, the Unix way
    if sys.platform.startswith("linux") and not any(
            os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        raise InputError(None, None, "no display to open the designer on (DISPLAY is not set); "
                         f"'{PROG} matrix FILE' and '{PROG} check FILE' work without one")
    from ..ui.app import run

    return run(catalog, path, template=template)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    out = out or sys.stdout
    logging.basicConfig(level=logging.WARNING, format=f"{PROG}: %(message)s")
    try:
        if argv and (argv[0] in COMMANDS or argv[0].startswith("-")):
            args = _parser().parse_args(argv)
            if args.command is None:
                return cmd_open(args.template, load_catalog(), out, template=args.template is not None)
            return COMMANDS[args.command].run(args, load_catalog(), out)
        if len(argv) > 1:
            _parser().error(f"unknown command {argv[0]!r}; expected one of {', '.join(COMMANDS)} or a FILE")
        return cmd_open(argv[0] if argv else None, load_catalog(), out)
    except InputError as exc:
        sys.stderr.write(f"{PROG}: {visible(str(exc))}\n")
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
