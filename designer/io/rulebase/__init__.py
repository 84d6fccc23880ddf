"""Readers of live firewall rulebases, for ``exchange-designer verify``. Pure Python (no Qt).

Three formats, each read into :class:`~designer.analysis.rulebase.Rulebase`:

* ``nft-json``: an nftables ruleset, ``nft -j list ruleset`` (:mod:`.nft_json`);
* ``windows-json``: Windows Firewall rules from the README's PowerShell one-liner (:mod:`.windows_json`);
* ``csv``: source, destination, protocol, port, action (:mod:`.csv_rules`); the rules CSV of
  ``exchange-designer rules`` is one.

A file that is too large, not text, not the format asked for, or malformed raises one
:class:`~designer.support.yamlsafe.InputError` with the file and, where known, the line.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import BinaryIO

from ...analysis.rulebase import Rulebase
from ...support.input_files import InputError, read_limited
from . import csv_rules, nft_json, windows_json

FORMATS = ("nft-json", "windows-json", "csv")
MAX_BYTES = 32 * 1024 * 1024


def decode(data: bytes, file: str) -> str:
    """UTF-8 (with or without a BOM) or UTF-16 with its BOM, as PowerShell 5.1 writes."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(file, None, "not valid UTF-16 text") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError(file, line, "not UTF-8 text: a rulebase is JSON or CSV text") from None


def read_bytes(path: Path) -> bytes:
    """The rulebase file's bytes: a regular file of at most ``MAX_BYTES`` (a device, a pipe or
    a socket is refused at once, never waited on or read without end)."""
    return read_limited(path, MAX_BYTES)


def parse_json(text: str, file: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(file, exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise InputError(file, None, "not a rulebase: JSON nested too deeply") from None


def guess_format(text: str, path: Path, data=None) -> str:
    """``csv`` for a ``.csv`` file or text that isn't JSON; else nft-json or windows-json by content."""
    if path.suffix.lower() == ".csv" or text.lstrip()[:1] not in ("{", "["):
        return "csv"
    data = parse_json(text, str(path)) if data is None else data
    return "nft-json" if isinstance(data, dict) and "nftables" in data else "windows-json"


def read_stream(stream: BinaryIO, name: str) -> bytes:
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(name, None, f"larger than {MAX_BYTES // (1024 * 1024)} MB: too large for a rulebase")
    return data


def read_rulebase(path: str | Path, fmt: str | None = None, stdin: BinaryIO | None = None) -> Rulebase:
    """The rulebase in ``path`` (``-``: ``stdin``), in ``fmt`` (one of :data:`FORMATS`; guessed
    when ``None``)."""
    path = Path(path)
    if str(path) == "-" and stdin is not None:
        file = "<stdin>"
        text = decode(read_stream(stdin, file), file)
    else:
        file = str(path)
        text = decode(read_bytes(path), file)
    if "\x00" in text:
        raise InputError(file, text[:text.index("\x00")].count("\n") + 1, "holds a NUL character: not a rulebase")
    if fmt not in (None, *FORMATS):
        raise ValueError(f"unknown rulebase format {fmt!r}")
    data = None
    if fmt is None and path.suffix.lower() != ".csv" and text.lstrip()[:1] in ("{", "["):
        data = parse_json(text, file)
    fmt = fmt or guess_format(text, path, data)
    if fmt == "csv":
        return csv_rules.read(text, file)
    data = parse_json(text, file) if data is None else data
    try:
        return (nft_json if fmt == "nft-json" else windows_json).read(data, file)
    except RecursionError:
        raise InputError(file, None, "not a rulebase: nested too deeply") from None


__all__ = ["FORMATS", "MAX_BYTES", "read_rulebase"]
