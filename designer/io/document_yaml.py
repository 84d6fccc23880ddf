"""Read and write topology documents (``format: exchange-topology/1``). Pure Python.

Reading is safe (see :mod:`designer.support.yamlsafe`) and strict: each mistake is reported once, with
the file and line. Writing is deterministic (fixed key order, ids kept) and atomic.
"""
from __future__ import annotations

import ipaddress
import math
import re
from enum import StrEnum
from pathlib import Path
from typing import Any, Callable, Collection

import yaml

from ..model import (EXCHANGE_VERSIONS, FORMAT, ZONE_KINDS, Connection, Document, Member, ModelError, Node,
                     Rect, Zone)
from ..support.text import forbidden
from ..support.yamlsafe import InputError, line_of, load_file, loads, plain, shorten
from ..support.states import ZoneKind
from .atomic import atomic_write_text

MAX_DOCUMENT_BYTES = 16_000_000
_FORMAT_RE = re.compile(r"exchange-topology/([0-9]+)")
_TOP_KEYS = ("format", "name", "exchange_version", "zones", "nodes", "connections")
_ZONE_KEYS = ("id", "name", "kind", "rect", "color", "site", "subnets")
_NODE_KEYS = ("id", "name", "role", "zone", "position", "version", "fqdn", "addresses", "dag", "members")
_MEMBER_KEYS = ("name", "addresses")
_CONNECTION_KEYS = ("id", "between", "services")


class DocumentError(InputError):
    """A topology file that cannot be opened."""


def load_document(path: str | Path, roles: Collection[str] | None = None,
                  coexistence: Callable[[str, str], str | None] | None = None) -> Document:
    """Open a topology file. ``roles``: the known role ids, to reject unknown roles;
    ``coexistence(design version, node version)``: why a node's own version can't be in the
    design's organization (``Catalog.coexistence_problem``), to reject it."""
    data = load_file(path, MAX_DOCUMENT_BYTES)
    return _build(data, path, roles, coexistence)


def loads_document(text: str, file: str | Path | None = None,
                   roles: Collection[str] | None = None,
                   coexistence: Callable[[str, str], str | None] | None = None) -> Document:
    return _build(loads(text, file), file, roles, coexistence)


class _Builder:
    def __init__(self, file: str | Path | None, roles: Collection[str] | None) -> None:
        self.file = file
        self.roles = roles
        self.seen: dict[str, int | None] = {}

    def fail(self, container: Any, key: Any, message: str) -> DocumentError:
        return DocumentError(self.file, line_of(container, key), message)

    def text(self, item: dict, key: str, what: str, default: str | None = None) -> str:
        value = item.get(key, default)
        if value is None:
            raise self.fail(item, None, f"{what}: '{key}' is required")
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise self.fail(item, key, f"{what}: '{key}' must be text")
        return self.plain_text(item, key, what, str(value))

    def plain_text(self, item: Any, key: Any, what: str, value: str) -> str:
        """``value`` when it holds no control character (tab aside) nor bidi control."""
        bad = forbidden(value)
        if bad:
            field = f"'{key}'" if isinstance(key, str) else "an entry"
            raise self.fail(item, key, f"{what}: {field} holds the control character {bad}; "
                            "names and other text are one line of plain text")
        return value

    def new_id(self, item: dict, what: str) -> str:
        item_id = self.text(item, "id", what)
        if not item_id:
            raise self.fail(item, "id", f"{what}: 'id' must not be empty")
        if item_id in self.seen:
            first = self.seen[item_id]
            where = f" (first used on line {first})" if first else ""
            raise self.fail(item, "id", f"duplicate id {shorten(item_id)}{where}")
        self.seen[item_id] = line_of(item, "id")
        return item_id

    def numbers(self, item: dict, key: str, count: int, what: str) -> tuple[float, ...] | None:
        value = item.get(key)
        if value is None:
            return None
        numbers = None
        if isinstance(value, list) and len(value) == count and all(
                isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
            try:
                numbers = tuple(float(v) for v in value)  # a huge int overflows
            except OverflowError:
                numbers = None
        if numbers is None or not all(math.isfinite(v) for v in numbers):
            raise self.fail(item, key, f"{what}: '{key}' must be a list of {count} numbers")
        # As a save writes them (two decimals), so that what opens is what the next save keeps.
        return tuple(float(_num(v)) for v in numbers)

    def optional_text(self, item: dict, key: str, what: str) -> str | None:
        return self.text(item, key, what) if item.get(key) is not None else None

    def texts(self, item: dict, key: str, what: str, lines: dict, owner: str, path: str) -> tuple[str, ...]:
        """A list of one-line texts (addresses, subnets), each entry's line kept in ``lines``
        under (owner, "path[i]") so that a finding about it can name the line."""
        value = item.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.fail(item, key, f"{what}: '{key}' must be a list such as [10.0.0.5, 10.0.1.0/24]")
        out = []
        for index, entry in enumerate(value):
            if isinstance(entry, bool) or not isinstance(entry, (str, int)):
                raise self.fail(value, index, f"{what}: each entry of '{key}' must be text such as 10.0.0.5")
            out.append(self.plain_text(value, index, what, str(entry)))
            line = line_of(value, index)
            if line:
                lines[(owner, f"{path}[{index}]")] = line
        return tuple(out)

    def members(self, item: dict, what: str, lines: dict, owner: str) -> tuple[Member, ...]:
        members = []
        for index, entry in enumerate(self.items(item, "members")):
            who = f"{what}: member {index + 1}"
            name = self.text(entry, "name", who)
            addresses = self.texts(entry, "addresses", f"{what}: member {shorten(name)}", lines, owner,
                                   f"members[{index}].addresses")
            if _extra(entry, _MEMBER_KEYS, self.file):
                unknown = next(k for k in entry if k not in _MEMBER_KEYS)
                raise self.fail(entry, unknown, f"{who}: unknown key {shorten(str(unknown))}; "
                                f"a member has {', '.join(_MEMBER_KEYS)}")
            members.append(Member(name, addresses))
        return tuple(members)

    def items(self, data: dict, key: str) -> list:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(data, key, f"'{key}' must be a list")
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                raise self.fail(value, index, f"each entry of '{key}' must be a mapping")
        return value


def _extra(item: dict, known: tuple[str, ...], file: str | Path | None) -> dict:
    """The keys this version does not know, kept as they are (their names as text)."""
    extra: dict[str, Any] = {}
    for key, value in item.items():
        if key in known:
            continue
        name = str(key)
        if name in extra or name in known:  # ``1:`` and ``'1':``: one key once written back
            raise DocumentError(file, line_of(item, key), f"duplicate key {shorten(name)}")
        extra[name] = plain(value)
    return extra


def _check_format(data: Any, file: str | Path | None) -> None:
    if not isinstance(data, dict) or "format" not in data:
        raise DocumentError(file, line_of(data), "this is not an Exchange topology file "
                            f"(it has no 'format: {FORMAT}' line)")
    match = _FORMAT_RE.fullmatch(data["format"]) if isinstance(data["format"], str) else None
    if not match:
        raise DocumentError(file, line_of(data, "format"),
                            f"unknown format {shorten(data['format'])}; expected {FORMAT}")
    if int(match.group(1)) > 1:
        raise DocumentError(file, line_of(data, "format"),
                            f"this file uses {shorten(data['format'])[1:-1]}, written by a newer version of "
                            f"Exchange Topology Designer; this version reads {FORMAT}")


def _build(data: Any, file: str | Path | None, roles: Collection[str] | None,
           coexistence: Callable[[str, str], str | None] | None = None) -> Document:
    _check_format(data, file)
    try:
        return _build_checked(data, file, roles, coexistence)
    except ModelError as exc:  # a case the checks below missed: still one clear message
        raise DocumentError(file, None, str(exc)) from None


def _build_checked(data: dict, file: str | Path | None, roles: Collection[str] | None,
                   coexistence: Callable[[str, str], str | None] | None = None) -> Document:
    b = _Builder(file, roles)
    version = data.get("exchange_version", "2016")
    version = str(version) if isinstance(version, (str, int)) and not isinstance(version, bool) else version
    if version not in EXCHANGE_VERSIONS:
        raise b.fail(data, "exchange_version", f"unknown exchange_version {shorten(version)}; "
                     f"expected one of {', '.join(EXCHANGE_VERSIONS)}")
    name = b.text(data, "name", "the design", default="Untitled design")
    doc = Document(name, version, extra=_extra(data, _TOP_KEYS, file))

    for item in b.items(data, "zones"):
        zone_id = b.new_id(item, "zone")
        what = f"zone {shorten(zone_id)}"
        kind = b.text(item, "kind", what, default=ZoneKind.INTERNAL)
        if kind not in ZONE_KINDS:
            raise b.fail(item, "kind", f"{what}: unknown kind {shorten(kind)}; expected one of {', '.join(ZONE_KINDS)}")
        rect = b.numbers(item, "rect", 4, what)
        if rect and (rect[2] <= 0 or rect[3] <= 0):
            raise b.fail(item, "rect", f"{what}: 'rect' must have a positive width and height "
                         "(0.01 at least)")
        color = item.get("color")
        if color is not None and not isinstance(color, str):
            raise b.fail(item, "color", f"{what}: 'color' must be text such as '#d0e4f5'")
        if color is not None:
            b.plain_text(item, "color", what, color)
        _keep_line(doc, zone_id, item)
        subnets = b.texts(item, "subnets", what, doc.source_lines, zone_id, "subnets")
        doc.add_zone(Zone(zone_id, b.text(item, "name", what, default=zone_id), kind,
                          Rect(*rect) if rect else None, color, _extra(item, _ZONE_KEYS, file),
                          subnets, b.optional_text(item, "site", what)))

    for item in b.items(data, "nodes"):
        node_id = b.new_id(item, "node")
        what = f"node {shorten(node_id)}"
        role = b.text(item, "role", what)
        if roles is not None and role not in roles:
            raise b.fail(item, "role", f"{what}: unknown role {shorten(role)}")
        zone = b.text(item, "zone", what)
        if zone not in doc.zones:
            raise b.fail(item, "zone", f"{what}: unknown zone {shorten(zone)}")
        pos = b.numbers(item, "position", 2, what)
        node_version = item.get("version")
        if node_version is not None:
            node_version = (str(node_version) if isinstance(node_version, (str, int))
                            and not isinstance(node_version, bool) else node_version)
            if node_version not in EXCHANGE_VERSIONS:
                raise b.fail(item, "version", f"{what}: unknown version {shorten(node_version)}; "
                             f"expected one of {', '.join(EXCHANGE_VERSIONS)}")
            problem = coexistence(version, node_version) if coexistence else None
            if problem:
                raise b.fail(item, "version", f"{what}: version {node_version} in an Exchange {version} "
                             f"organization: {problem}")
        dag = item.get("dag", False)
        if not isinstance(dag, bool):
            raise b.fail(item, "dag", f"{what}: 'dag' must be true or false")
        _keep_line(doc, node_id, item)
        addresses = b.texts(item, "addresses", what, doc.source_lines, node_id, "addresses")
        extra = _extra(item, _NODE_KEYS, file)
        addresses = _legacy_address(doc, node_id, item, extra, addresses)
        members = b.members(item, what, doc.source_lines, node_id)
        doc.add_node(Node(node_id, b.text(item, "name", what, default=node_id), role, zone,
                          pos, extra, node_version, addresses,
                          b.optional_text(item, "fqdn", what), members, dag))

    for item in b.items(data, "connections"):
        conn_id = b.new_id(item, "connection")
        what = f"connection {shorten(conn_id)}"
        between = item.get("between")
        if (not isinstance(between, list) or len(between) != 2
                or not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in between)):
            raise b.fail(item, "between" if "between" in item else None,
                         f"{what}: 'between' must be a list of two node ids")
        ends = (str(between[0]), str(between[1]))
        for end in ends:
            if end not in doc.nodes:
                raise b.fail(item, "between", f"{what}: unknown node {shorten(end)}")
        if ends[0] == ends[1]:
            raise b.fail(item, "between", f"{what}: joins node {shorten(ends[0])} to itself")
        services = item.get("services")
        if services is not None:
            if not isinstance(services, list) or not all(isinstance(s, str) for s in services):
                raise b.fail(item, "services", f"{what}: 'services' must be a list of service names")
            for index, service in enumerate(services):
                b.plain_text(services, index, f"{what}: 'services'", service)
            services = tuple(services)
        _keep_line(doc, conn_id, item)
        doc.add_connection(Connection(conn_id, ends, services, _extra(item, _CONNECTION_KEYS, file)))
    return doc


def _legacy_address(doc: Document, node_id: str, item: dict, extra: dict, addresses: tuple) -> tuple:
    """The undocumented ``address:`` of older files joins ``addresses`` when it reads as an IP
    address or network (``10.0.0.5/24`` too: the malformed-address finding then says what is
    wrong); anything else stays an unknown key, kept as it was."""
    value = extra.get("address")
    if not isinstance(value, str):
        return addresses
    text = value.strip()
    try:
        ipaddress.ip_interface(text)
    except ValueError:
        return addresses
    del extra["address"]
    if text in addresses:
        return addresses
    line = line_of(item, "address")
    if line:
        doc.source_lines[(node_id, f"addresses[{len(addresses)}]")] = line
    return (*addresses, text)


def _keep_line(doc: Document, item_id: str, item: dict) -> None:
    line = line_of(item)
    if line:
        doc.source_lines[(item_id, "")] = line


# ---- writing
def _num(value: float) -> int | float:
    """A coordinate as the file holds it: an integer, or two decimals (diffs stay clean)."""
    value = round(float(value), 2)
    return int(value) if value.is_integer() else value


class _Flow(list):
    """A list dumped in flow style: ``[120, 80]``."""


class _Dumper(yaml.SafeDumper):
    pass


_NEEDS_ESCAPES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Line and paragraph separators and control characters survive only in double quotes.
    style = '"' if _NEEDS_ESCAPES.search(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)
# a typed state (support.states: ZoneKind, ...) is written as the string it stands for
_Dumper.add_multi_representer(StrEnum, lambda dumper, value: _represent_str(dumper, str(value)))
_Dumper.add_representer(_Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))


def document_to_data(doc: Document) -> dict:
    """The document as plain data in the file's key order."""
    zones = []
    for z in doc.zones.values():
        item: dict[str, Any] = {"id": z.id, "name": z.name, "kind": z.kind}
        if z.rect:
            item["rect"] = _Flow([_num(z.rect.x), _num(z.rect.y), _num(z.rect.width), _num(z.rect.height)])
        if z.color:
            item["color"] = z.color
        if z.site:
            item["site"] = z.site
        if z.subnets:
            item["subnets"] = _Flow(list(z.subnets))
        item.update(z.extra)
        zones.append(item)
    nodes = []
    for n in doc.nodes.values():
        item = {"id": n.id, "name": n.name, "role": n.role, "zone": n.zone}
        if n.pos:
            item["position"] = _Flow([_num(n.pos[0]), _num(n.pos[1])])
        if n.version:
            item["version"] = n.version
        if n.fqdn:
            item["fqdn"] = n.fqdn
        if n.addresses:
            item["addresses"] = _Flow(list(n.addresses))
        if n.dag:
            item["dag"] = True
        if n.members:
            item["members"] = [{"name": m.name, **({"addresses": _Flow(list(m.addresses))} if m.addresses else {})}
                               for m in n.members]
        item.update(n.extra)
        nodes.append(item)
    connections = []
    for c in doc.connections.values():
        item = {"id": c.id, "between": _Flow(list(c.between))}
        if c.services is not None:
            item["services"] = _Flow(list(c.services))
        item.update(c.extra)
        connections.append(item)
    data: dict[str, Any] = {"format": FORMAT, "name": doc.name, "exchange_version": doc.exchange_version}
    data.update({"zones": zones, "nodes": nodes, "connections": connections})
    data.update(doc.extra)
    return data


def dumps_document(doc: Document) -> str:
    return yaml.dump(document_to_data(doc), Dumper=_Dumper, sort_keys=False,
                     allow_unicode=True, default_flow_style=False, width=100)


def save_document(doc: Document, path: str | Path) -> None:
    """Write the document atomically: a crash leaves the old file or the new one, whole."""
    atomic_write_text(Path(path), dumps_document(doc))
