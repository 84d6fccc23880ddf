"""A generic CSV rulebase: one rule per row, columns found by their names. Pure Python.

Columns (case and spacing ignored; any order; others are ignored):

* source and destination: a node name (``Source``, ``Destination``) and/or its addresses (a
  column whose name holds ``source``/``destination`` and ``address``, ``ip``, ``subnet``,
  ``network`` or ``cidr``): IPs, prefixes or ranges separated by ``;``, ``,`` or spaces, or
  ``any``; an address column wins where it holds addresses, else the name is matched with the
  design's node names (and the ``Source zone``/``Destination zone`` column, if any);
* ``Protocol`` (``TCP``, ``UDP``, ``any``) and ``Port`` (``443``, ``1024-65535``, ``25;587``,
  ``any``);
* ``Action`` (``allow``/``accept``/``permit``/``pass`` or ``deny``/``drop``/``reject``/``block``):
  without it every row allows, as in the rules CSV that ``exchange-designer rules`` writes.

Rows are evaluated in order, first match wins, and what no row allows is denied. Cells that
the exports neutralised for spreadsheets (a leading ``'`` before ``=+-@``) are read back as
they were.
"""
from __future__ import annotations

import csv
import re

from ...analysis.rulebase import (
    ALLOW, ANY_ENDPOINT, DENY, FULL_RANGE, TRANSPORTS, Chain, Endpoint, Rule, Rulebase, merge,
    merge_ranges, parse_interval,
)
from ...support.yamlsafe import InputError

MAX_ROWS = 200_000
_ANY = {"any", "*", "all", "0.0.0.0/0", "::/0"}
_ALLOW = {"allow", "accept", "permit", "pass", "yes"}
_DENY = {"deny", "drop", "reject", "block", "no"}
_SPLIT = re.compile(r"[;,\s]+")
_ADDRESS_WORDS = ("address", "addr", "ip", "subnet", "network", "cidr")


def _key(header: str) -> str:
    return " ".join(re.sub(r"[_\-.]+", " ", header.strip().lower()).split())


def _side(key: str) -> str | None:
    words = key.split()
    if words and words[0] in ("source", "src", "from"):
        return "source"
    if words and words[0] in ("destination", "dest", "dst", "to", "target"):
        return "destination"
    return None


def columns(headers: list[str]) -> dict[str, int]:
    """The role of each known column: source, source_address, source_zone, destination…,
    protocol, port, action."""
    found: dict[str, int] = {}
    for i, header in enumerate(headers):
        key = _key(header)
        side = _side(key)
        words = set(key.split())
        if key in ("protocol", "transport", "proto"):
            found.setdefault("protocol", i)
        elif key in ("port", "ports", "destination port", "dport", "service port", "dst port"):
            found.setdefault("port", i)
        elif key in ("action", "verdict", "permission", "decision"):
            found.setdefault("action", i)
        elif side:
            rest = key.split()[1:]
            if rest in ([], ["name"], ["host"], ["node"], ["object"]):
                found.setdefault(side, i)
            elif rest == ["zone"]:
                found.setdefault(f"{side}_zone", i)
            elif any(w.startswith(_ADDRESS_WORDS) for w in rest) and not (words & {"port", "ports"}):
                found.setdefault(f"{side}_address", i)
    return found


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    text = row[index].strip()
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@", "\t", "\r"):
        text = text[1:]  # the exports' spreadsheet neutralising, undone
    return text


def addresses(text: str) -> tuple | None | bool:
    """Intervals for an address cell, ``None`` for any, ``False`` when it is not addresses."""
    tokens = [t for t in _SPLIT.split(text) if t]
    if not tokens:
        return False
    if any(t.lower() in _ANY for t in tokens):
        return None
    found = [parse_interval(t) for t in tokens]
    if any(f is None for f in found):
        return False
    return merge(found)  # type: ignore[arg-type]


def _endpoint(name: str, address: str, zone: str) -> Endpoint:
    nets = addresses(address) if address else False
    if nets is None:
        return ANY_ENDPOINT
    by_name = addresses(name) if name else False
    if by_name is None and nets is False:
        return ANY_ENDPOINT
    if nets is False and by_name is not False:
        nets = by_name  # the name column holds addresses
        name = ""
    names = frozenset({name.casefold()}) if name else frozenset()
    if nets is False:
        if not names:
            return ANY_ENDPOINT
        return Endpoint(names=names, zone=zone.casefold() or None)
    return Endpoint(networks=nets, names=names, zone=zone.casefold() or None)  # type: ignore[arg-type]


def _ports(protocol: str, port: str, file: str, line: int) -> dict | None:
    proto = protocol.strip().upper()
    if proto in ("", "ANY", "*", "ALL", "IP", "TCP/UDP", "TCP;UDP", "TCP,UDP", "TCP UDP"):
        transports = list(TRANSPORTS)
        any_proto = proto in ("", "ANY", "*", "ALL", "IP")
    else:
        transports = [{"6": "TCP", "17": "UDP"}.get(proto, proto)]
        any_proto = False
    ranges = []
    tokens = [t for t in _SPLIT.split(port.strip()) if t]
    for token in tokens:
        token = token.split("/")[0]
        if token.lower() in _ANY:
            ranges = list(FULL_RANGE)
            break
        m = re.fullmatch(r"(\d{1,5})(?:-(\d{1,5}))?", token)
        if not m or not 1 <= int(m.group(1)) <= int(m.group(2) or m.group(1)) <= 65535:
            raise InputError(file, line, f"the port {token[:40]!r} is not a port (1-65535), a range "
                             "like 1024-65535, or any")
        ranges.append((int(m.group(1)), int(m.group(2) or m.group(1))))
    if not tokens:
        ranges = list(FULL_RANGE)
    if any_proto and ranges == list(FULL_RANGE):
        return None
    return {t: merge_ranges(ranges) for t in transports if t in TRANSPORTS}


def read(text: str, file: str) -> Rulebase:
    reader = csv.reader(text.splitlines(keepends=True))
    try:
        headers = next(reader)
    except StopIteration:
        raise InputError(file, None, "empty: expected a CSV rulebase with a header row") from None
    except csv.Error as exc:
        raise InputError(file, 1, f"not valid CSV: {exc}") from None
    cols = columns(headers)
    ends = {"source", "source_address", "destination", "destination_address"}
    if "port" not in cols or not (ends & set(cols)):
        shown = ", ".join(repr(h[:30]) for h in headers[:12])
        raise InputError(file, 1, "not a rulebase CSV: expected columns for source, destination, "
                         f"protocol, port and (optionally) action; the header has {shown}")
    result = Rulebase(file, "csv")
    if "action" not in cols:
        result.notes.append("No Action column: every row allows, and what no row allows is denied.")
    rules = []
    try:
        for row in reader:
            line = reader.line_num
            if not any(c.strip() for c in row):
                continue
            if len(rules) >= MAX_ROWS:
                raise InputError(file, line, f"more than {MAX_ROWS:,} rules: too many to check")
            action = ALLOW
            if "action" in cols:
                word = _cell(row, cols["action"]).lower()
                if word in _ALLOW:
                    action = ALLOW
                elif word in _DENY:
                    action = DENY
                else:
                    raise InputError(file, line, f"the action {word[:30]!r} is neither allow (accept, "
                                     "permit) nor deny (drop, reject, block)")
            src = _endpoint(_cell(row, cols.get("source")), _cell(row, cols.get("source_address")),
                            _cell(row, cols.get("source_zone")))
            dst = _endpoint(_cell(row, cols.get("destination")), _cell(row, cols.get("destination_address")),
                            _cell(row, cols.get("destination_zone")))
            ports = _ports(_cell(row, cols.get("protocol")), _cell(row, cols["port"]), file, line)
            text = " ".join(c for c in (_cell(row, cols.get("source")), "→",
                                        _cell(row, cols.get("destination"))) if c)
            rules.append(Rule(len(rules), action, src, dst, ports, f"{file}:{line}", text))
    except csv.Error as exc:
        raise InputError(file, reader.line_num, f"not valid CSV: {exc}") from None
    result.chains.append(Chain("CSV rows", rules, DENY))
    return result
