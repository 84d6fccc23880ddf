"""What every command shares: the program's name, the exit codes, reading a design and writing
a result. The commands import it; it imports no command and no Qt."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from ..catalog import Catalog
from ..io import load_document
from ..io.atomic import atomic_write_bytes, atomic_write_text
from ..model import Document
from ..support.text import visible
from ..support.yamlsafe import InputError

PROG = "exchange-designer"
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70


def port_number(text: str) -> int:
    """An argparse type: a port number, 1-65535."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{value} is not within 1-65535")
    return value


def load_design(path: str, catalog: Catalog) -> Document:
    """The design in ``path``, its roles checked against the catalog (``InputError`` if it can't be read)."""
    return load_document(Path(path), roles=catalog.roles.keys(), coexistence=catalog.coexistence_problem)


def emit(data: str | bytes, output: str | None, out: TextIO) -> None:
    """Write ``data`` to the file ``output``, or to ``out`` when there is none or it is ``-``.
    Text for ``out`` holds no control character but tab and LF (each shown as a symbol)."""
    if output and output != "-":
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
        out.write(visible(data, keep_newlines=True))

