"""The text shown on a connection's line: pure functions, tested without Qt.

One label line per data path, e.g. ``25/TCP SMTP · Kerberos · TLS``, with its direction relative
to the connection (``forward``: from the connection's first node to its second). The canvas
turns the direction into an arrow that matches the line as drawn, so labels stay upright.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass

from ..catalog import Catalog, Port
from ..support.states import WEAKEST_FIRST, EncryptionKind
from ..support.i18n import QT_TRANSLATE_NOOP, Translate, untranslated
from ..model import Document
from .flows import connection_matches, connection_version, encryption_label

MAX_LINES = 4


@dataclass(frozen=True)
class LabelLine:
    forward: bool
    text: str
    encryption: str  # encrypted | optional | possible | none | unknown


@dataclass(frozen=True)
class ConnectionLabel:
    lines: tuple[LabelLine, ...]
    error: str | None = None  # why there is no data path
    more: int = 0  # lines left out (shown as "+N more")
    all_lines: tuple[LabelLine, ...] = ()
    compact: tuple[LabelLine, ...] = ()  # per direction, one line per service's ports: the summary
    brief: tuple[LabelLine, ...] = ()  # one line per direction: its first ports and "+N" (zoomed far out)

    @property
    def encryption(self) -> str:
        """The weakest protection over all of the connection's flows, shown or left out as
        "+N more", which styles the line."""
        return weakest_encryption(line.encryption for line in (self.all_lines or self.lines))


def weakest_encryption(kinds) -> EncryptionKind:
    """The weakest of encryption kinds (plaintext, then not stated, then supported with no
    stated default, then optional, then encrypted); ``unknown`` for none at all."""
    kinds = list(kinds)
    return min(kinds, key=WEAKEST_FIRST.index) if kinds else EncryptionKind.UNKNOWN


def ports_text(ports: tuple[Port, ...], translate: Translate = untranslated) -> str:
    """``443/TCP``; ``53/UDP+TCP``; ``389, 3268/TCP · 389/UDP``; ``ports not stated``."""
    if not ports:
        return translate("Labels", "ports not stated")
    if any(port.is_any for port in ports):
        return translate("Labels", "any port/protocol")
    values = {}
    for port in ports:
        values.setdefault(port.transport, []).append(str(port.value))
    if len(values) == 2 and values["TCP"] == values["UDP"]:
        return f"{', '.join(values['TCP'])}/{'+'.join(values)}"
    return " · ".join(f"{', '.join(v)}/{t}" for t, v in values.items())


def short_encryption(kind: str, methods: tuple[str, ...], translate: Translate = untranslated,
                     label: str | None = None) -> str:
    """The encryption as a label says it: the knowledge base's own wording where it has one
    ("opportunistic TLS"), else the methods, marked optional or uncertain as the kind says."""
    joined = label or "/".join(methods)
    if kind == EncryptionKind.ENCRYPTED:
        return joined or translate("Labels", "encrypted")
    if kind == EncryptionKind.OPTIONAL:
        return (translate("Labels", "{methods} optional").format(methods=joined) if joined
                else translate("Labels", "encryption optional"))
    if kind == EncryptionKind.POSSIBLE:
        return f"{joined}?" if joined else translate("Labels", "encryption?")
    if kind == EncryptionKind.NONE:
        return translate("Labels", "plaintext")
    return translate("Labels", "encryption not stated")


_LABELS: dict[int, tuple[weakref.ref, dict]] = {}
# what a cited page states for a path (the tooltip and the report name them)
SOURCE_FIELDS = (QT_TRANSLATE_NOOP("Labels", "Ports"), QT_TRANSLATE_NOOP("Labels", "Authentication"),
                 QT_TRANSLATE_NOOP("Labels", "Encryption"), QT_TRANSLATE_NOOP("Labels", "Version"))


def clear_label_cache() -> None:
    """Forget the labels built so far: their words follow the translators installed when they
    were built (the window's language is fixed for a run; the tests switch it)."""
    _LABELS.clear()


def connection_label(doc: Document, catalog: Catalog, connection_id: str,
                     max_lines: int = MAX_LINES, translate: Translate = untranslated) -> ConnectionLabel:
    """The label of a connection, its words in the language of ``translate``. It depends only on
    the version, the two roles and the selected services, so it is built once per catalog for
    each such combination."""
    conn = doc.connection(connection_id)
    a, b = (doc.node(n) for n in conn.between)
    entry = _LABELS.get(id(catalog))
    if entry is None or entry[0]() is not catalog:
        entry = _LABELS[id(catalog)] = (weakref.ref(catalog), {})
    key = (connection_version(doc, conn), a.role, b.role, conn.services, max_lines, translate)
    label = entry[1].get(key)
    if label is None:
        label = entry[1][key] = _build_label(doc, catalog, connection_id, max_lines, translate)
    return label


def _build_label(doc: Document, catalog: Catalog, connection_id: str, max_lines: int,
                 translate: Translate) -> ConnectionLabel:
    conn = doc.connection(connection_id)
    matches = connection_matches(doc, catalog, conn)
    if not matches:
        a, b = (doc.node(n) for n in conn.between)
        reason = translate("Labels", "No data path between {role_a} and {role_b} in Exchange {version}").format(
            role_a=translate("Roles", catalog.role_name(a.role)), role_b=translate("Roles", catalog.role_name(b.role)),
            version=connection_version(doc, conn))
        return ConnectionLabel((), error=reason)
    lines: list[LabelLine] = []
    for match in matches:
        path = match.path
        parts = [ports_text(path.ports, translate), path.service]
        if path.auth.default:
            parts.append(f"· {path.auth.default}")
        enc = path.encryption
        parts.append(f"· {short_encryption(enc.kind, enc.methods, translate, enc.label)}")
        line = LabelLine(match.forward, " ".join(parts), path.encryption.kind)
        if line not in lines:
            lines.append(line)
    shown = lines[:max_lines]
    compact: list[LabelLine] = []  # per direction, one line per service's ports (services on the same ports share it)
    brief: list[LabelLine] = []
    for forward in (True, False):
        texts: dict[str, list[str]] = {}
        for m in matches:
            if m.forward == forward:
                texts.setdefault(ports_text(m.path.ports, translate), []).append(m.path.encryption.kind)
        same_way = [LabelLine(forward, text, weakest_encryption(kinds)) for text, kinds in texts.items()]
        compact.extend(same_way)
        if same_way:
            ports = [port for m in matches if m.forward == forward for port in m.path.ports]
            brief.append(LabelLine(forward, brief_ports(ports, translate),
                                   weakest_encryption(line.encryption for line in same_way)))
    return ConnectionLabel(tuple(shown), more=len(lines) - len(shown), all_lines=tuple(lines),
                           compact=tuple(compact), brief=tuple(brief))


def brief_ports(ports: list[Port], translate: Translate = untranslated) -> str:
    """The first port and how many more there are: ``443/TCP +6``, ``389/TCP+UDP +4``; or
    ``any port/protocol``, which covers the rest."""
    if not ports or any(port.is_any for port in ports):
        return ports_text(tuple(ports), translate)
    values = list(dict.fromkeys(port.value for port in ports))
    text = ports_text(tuple(dict.fromkeys(port for port in ports if port.value == values[0])), translate)
    return f"{text} +{len(values) - 1}" if len(values) > 1 else text  # no words: nothing to translate


def tooltip_html(doc: Document, catalog: Catalog, connection_id: str, translate: Translate = untranslated) -> str:
    """Full detail of a connection with its sources, for the hover tooltip."""
    import html

    conn = doc.connection(connection_id)
    a, b = (doc.node(n) for n in conn.between)
    rows = [f"<b>{html.escape(a.name)} ↔ {html.escape(b.name)}</b>"]
    matches = connection_matches(doc, catalog, conn)
    if not matches:
        rows.append(html.escape(connection_label(doc, catalog, connection_id, translate=translate).error or ""))
    for match in matches:
        path = match.path
        src, dst = (a, b) if match.forward else (b, a)
        auth = path.auth.default or translate("Labels", "not stated")
        if path.auth.supported:
            auth += " " + translate("Labels", "(supported: {methods})").format(methods=", ".join(path.auth.supported))
        rows.append(
            f"<p><b>{html.escape(src.name)} → {html.escape(dst.name)}: {html.escape(path.service)}</b> "
            f"{html.escape(ports_text(path.ports, translate))}<br>"
            + html.escape(translate("Labels", "Authentication: {value}").format(value=auth)) + "<br>"
            + html.escape(translate("Labels", "Encryption: {value}").format(
                value=encryption_label(path.encryption, translate)))
            + ("<br><i>" + html.escape(translate("Labels", "Unconfirmed entry")) + "</i>"
               if path.status != "confirmed" else "")
            + _sources_html(catalog, path, connection_version(doc, conn), translate)
            + "</p>")
    return "".join(rows)


def path_sources(catalog: Catalog, path, version: str) -> list[tuple[str, object]]:
    """What each cited page states, for one path in one version: ``[(what, Source)]`` with
    "Ports", "Authentication", "Encryption" (merged where one page states several) and, for a
    version that takes the path from another (SE from 2019), the page that says why."""
    fields: dict[str, list[str]] = {}
    for what, source_id in ((SOURCE_FIELDS[0], path.source), (SOURCE_FIELDS[1], path.auth_source),
                            (SOURCE_FIELDS[2], path.encryption_source),
                            (SOURCE_FIELDS[3], path.inherited_source(version))):
        if source_id:
            fields.setdefault(source_id, []).append(what)
    result = []
    for source_id, whats in fields.items():
        source = catalog.source(source_id)
        if source is not None:
            result.append((", ".join(whats), source))
    return result


def _sources_html(catalog: Catalog, path, version: str, translate: Translate) -> str:
    import html

    parts = []
    for what, source in path_sources(catalog, path, version):
        words = ", ".join(translate("Labels", w) for w in what.split(", "))
        parts.append("<br>" + html.escape(translate("Labels", "Source ({what}): {title}").format(
            what=words, title=source.title))
            + (f"<br><small>{html.escape(source.url)}</small>" if source.url else ""))
    return "".join(parts)
