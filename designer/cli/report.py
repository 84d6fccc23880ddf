"""``exchange-designer report FILE -o OUT.pdf|OUT.html``: the stakeholder report, with no display.

Qt is imported only when the command runs (see :mod:`designer.cli.render`).
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from ..catalog import Catalog
from ..support.yamlsafe import InputError
from .common import EXIT_OK
from .render import headless_scene

SUFFIXES = (".pdf", ".html")


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``report`` on the ``add_subparsers()`` object of the main parser."""
    report = subparsers.add_parser(
        "report", help="write the report for stakeholders as PDF or HTML",
        description="Write one report of a design: a cover, the diagram, the zone boundaries and "
        "their firewall rules, the full port matrix, the findings and the Microsoft sources cited. "
        "PDF or HTML, chosen by OUT's suffix. No display is needed.")
    report.add_argument("file", metavar="FILE", help="a topology file (.yaml)")
    report.add_argument("-o", "--output", metavar="OUT", required=True, help="OUT.pdf or OUT.html")
    return report


def run(args: argparse.Namespace, catalog: Catalog, out: TextIO) -> int:

    target = Path(args.output)
    if target.suffix.lower() not in SUFFIXES:
        raise InputError(target, None, f"cannot write a report as {target.suffix or 'a file without a suffix'}: "
                         "use .pdf or .html")
    with headless_scene(args.file, catalog) as scene:
        from ..render.report_pdf import write_report

        write_report(scene, catalog, target, target.suffix.lower().lstrip("."))
    return EXIT_OK
