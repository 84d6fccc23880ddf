"""Findings: where a design breaks Microsoft's support rules or the source's guidance.

Each rule is one small function registered with ``@rule``. It receives the :class:`Context`
(document, catalog, flows and the flow graph) and yields :class:`Finding` values. Rules that
Microsoft states as data (``support_rules`` in the catalog, a path's ``advisory``, a role's
``expected_zone`` or ``unavailable``) are read from the knowledge base, so many new rules need
only a data entry.

This module holds what every rule shares (:class:`Finding`, :class:`Context`, ``@rule``,
:func:`analyse`) and the rules on roles, connections, zones and a Mailbox server's exposure.
Other rules live by topic in the ``*_findings`` modules (the design's flows, versions and
hybrid, addresses, DAGs); ``designer/analysis/__init__.py`` imports them after this one, and
that order is the order rules run in.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from itertools import combinations
from typing import Any, Callable, Iterable, Iterator

import networkx as nx

from ..catalog import Catalog
from ..support.states import Severity, ZoneKind
from ..support.i18n import QT_TRANSLATE_NOOP, Message, Translate, join, untranslated
from ..model import Document
from .flows import Flow, compute_flows, connection_matches, paths_between

SEVERITIES: tuple[Severity, ...] = tuple(Severity)  # error, warning, info


@dataclass(frozen=True)
class Finding:
    severity: str
    rule: str
    message: str
    nodes: tuple[str, ...] = ()
    connections: tuple[str, ...] = ()
    source: str | None = None  # a catalog source id
    # the message's sentences, to show it in the user's language (``text``); ``message`` is English
    parts: tuple[Message, ...] = field(default=(), compare=False)

    def text(self, translate: Translate = untranslated) -> str:
        """The message in the language of ``translate`` (the Qt layer passes Qt's)."""
        return join(self.parts, translate) if self.parts else self.message


def _say(template: str, **args: Any) -> Message:
    """One sentence of a finding; ``template`` is marked with ``QT_TRANSLATE_NOOP("Findings", ...)``."""
    return Message("Findings", template, tuple(args.items()))


# a zone's kind as a word of a finding's sentence ("a perimeter zone", "... is internal")
ZONE_KIND_WORDS = {ZoneKind.INTERNAL: QT_TRANSLATE_NOOP("Findings", "internal"),
                   ZoneKind.PERIMETER: QT_TRANSLATE_NOOP("Findings", "perimeter"),
                   ZoneKind.INTERNET: QT_TRANSLATE_NOOP("Findings", "internet"),
                   ZoneKind.CLOUD: QT_TRANSLATE_NOOP("Findings", "cloud")}


def _role(name: str) -> Message:
    """A role's name (the knowledge base's), shown in the user's language ("Roles" context)."""
    return Message("Roles", name)


def _kind(kind: str) -> Message:
    return _say(ZONE_KIND_WORDS[kind]) if kind in ZONE_KIND_WORDS else Message.verbatim(kind)


def _finding(severity: str, rule_id: str, parts: Iterable[Message], nodes: Iterable[str] = (),
             connections: Iterable[str] = (), source: str | None = None) -> Finding:
    parts = tuple(parts)
    return Finding(severity, rule_id, join(parts), tuple(nodes), tuple(connections), source, parts)


def today() -> date:
    """The date findings are judged on: ``$ETD_TODAY`` (YYYY-MM-DD) when set, so that a test or
    a review of a design can pin it, else the system's date."""
    pinned = os.environ.get("ETD_TODAY", "").strip()
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            pass
    return date.today()


class Context:
    def __init__(self, doc: Document, catalog: Catalog, flows: list[Flow] | None = None,
                 on: date | None = None) -> None:
        self.doc = doc
        self.catalog = catalog
        self.version = doc.exchange_version
        self.flows = flows if flows is not None else compute_flows(doc, catalog)
        self.today = on or today()

    def zone_kind(self, node_id: str) -> str:
        return self._zone_kinds[node_id]

    @cached_property
    def _zone_kinds(self) -> dict[str, str]:
        zones = self.doc.zones
        return {n.id: zones[n.zone].kind for n in self.doc.nodes.values()}

    def name(self, node_id: str) -> str:
        return self.doc.node(node_id).name

    def tags(self, node_id: str) -> frozenset[str]:
        return self._tags_by_node.get(node_id, frozenset())

    @cached_property
    def _tags_by_node(self) -> dict[str, frozenset[str]]:
        empty: frozenset[str] = frozenset()
        roles = self.catalog.roles
        return {n.id: roles[n.role].tags if n.role in roles else empty for n in self.doc.nodes.values()}

    @cached_property
    def node_order(self) -> dict[str, int]:
        return {n: i for i, n in enumerate(self.doc.nodes)}

    @cached_property
    def connection_order(self) -> dict[str, int]:
        return {c: i for i, c in enumerate(self.doc.connections)}

    @cached_property
    def flows_to(self) -> dict[str, list[Flow]]:
        """Node id -> the flows that end at it, in flow order."""
        index: dict[str, list[Flow]] = {}
        for flow in self.flows:
            index.setdefault(flow.destination, []).append(flow)
        return index

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """Nodes of the design, one edge per flow (key: the flow's index)."""
        g = nx.MultiDiGraph()
        for node in self.doc.nodes.values():
            g.add_node(node.id, role=node.role, zone=node.zone)
        for i, flow in enumerate(self.flows):
            g.add_edge(flow.source, flow.destination, key=i, flow=flow)
        return g


Rule = Callable[[Context], Iterable[Finding]]
RULES: list[Rule] = []


def rule(func: Rule) -> Rule:
    """Register a finding rule (it runs in registration order)."""
    RULES.append(func)
    return func


def analyse(doc: Document, catalog: Catalog, flows: list[Flow] | None = None,
            on: date | None = None) -> list[Finding]:
    """Every finding, errors first, then warnings, then info; judged on the date ``on`` (by
    default :func:`today`)."""
    ctx = Context(doc, catalog, flows, on)
    findings = [f for r in RULES for f in r(ctx)]
    return sorted(findings, key=lambda f: SEVERITIES.index(f.severity))


def _is_smtp(flow: Flow) -> bool:
    return flow.path.category == "mail_flow" and "SMTP" in (flow.path.protocol or flow.service).upper()


def _ids(flows: Iterable[Flow]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    flows = list(flows)
    nodes = tuple(dict.fromkeys(n for f in flows for n in (f.source, f.destination)))
    return nodes, tuple(dict.fromkeys(f.connection for f in flows))


# ---- roles and connections
@rule
def unknown_role(ctx: Context) -> Iterator[Finding]:
    for node in ctx.doc.nodes.values():
        if ctx.catalog.role(node.role) is None:
            yield _finding(Severity.ERROR, "unknown_role", [_say(QT_TRANSLATE_NOOP(
                "Findings", "{node}: the knowledge base has no role {role!r}."), node=node.name, role=node.role)],
                (node.id,))


@rule
def role_not_in_version(ctx: Context) -> Iterator[Finding]:
    for node in ctx.doc.nodes.values():
        role = ctx.catalog.role(node.role)
        if role and not role.available_in(ctx.version):
            reason = role.unavailable.get(ctx.version)  # the knowledge base's words
            say = (_say(QT_TRANSLATE_NOOP("Findings", "{node}: {reason}"), node=node.name, reason=reason)
                   if reason else _say(QT_TRANSLATE_NOOP("Findings", "{node}: {role} does not exist in Exchange "
                                                         "{version}."),
                                       node=node.name, role=_role(role.name), version=ctx.version))
            yield _finding(Severity.ERROR, "role_not_in_version", [say], (node.id,),
                           tuple(c.id for c in ctx.doc.connections_of(node.id)), role.source)


@rule
def no_data_path(ctx: Context) -> Iterator[Finding]:
    client_rules = list(ctx.catalog.rules_of_kind("no_client_paths"))
    with_flows = {f.connection for f in ctx.flows}  # those have a data path
    for conn in ctx.doc.connections.values():
        if conn.id in with_flows:
            continue
        a, b = (ctx.doc.node(n) for n in conn.between)
        if ctx.catalog.role(a.role) is None or ctx.catalog.role(b.role) is None:
            continue
        if connection_matches(ctx.doc, ctx.catalog, conn):
            continue
        names = f"{a.name} ↔ {b.name}"
        role_a, role_b = _role(ctx.catalog.role_name(a.role)), _role(ctx.catalog.role_name(b.role))
        if paths_between(ctx.catalog, ctx.version, a.role, b.role):
            say = _say(QT_TRANSLATE_NOOP("Findings", "{names}: none of the selected services ({services}) runs "
                                         "between {role_a} and {role_b}."),
                       names=names, services=", ".join(conn.services or ()), role_a=role_a, role_b=role_b)
            yield _finding(Severity.ERROR, "no_data_path", [say], conn.between, (conn.id,))
            continue
        parts = [_say(QT_TRANSLATE_NOOP("Findings", "{names}: the knowledge base has no data path between "
                                        "{role_a} and {role_b} in Exchange {version}."),
                      names=names, role_a=role_a, role_b=role_b, version=ctx.version)]
        other = [v for v in ctx.catalog.versions if v != ctx.version
                 and paths_between(ctx.catalog, v, a.role, b.role)]
        if other:
            parts.append(_say(QT_TRANSLATE_NOOP("Findings", "It has one for Exchange {versions}."),
                              versions=", ".join(other)))
        source = None
        tags = {t for n in (a, b) for t in ctx.tags(n.id)}
        if "edge" in tags and "client" in tags:
            for support in client_rules:
                parts.append(Message.verbatim(support.text))
                source = support.source
        yield _finding(Severity.ERROR, "no_data_path", parts, conn.between, (conn.id,), source)


@rule
def unknown_services(ctx: Context) -> Iterator[Finding]:
    for conn in ctx.doc.connections.values():
        if conn.services is None:
            continue
        a, b = (ctx.doc.node(n) for n in conn.between)
        known = set(ctx.catalog.services_between(ctx.version, a.role, b.role))
        unknown = [s for s in conn.services if s not in known]
        if unknown and known:
            say = _say(QT_TRANSLATE_NOOP("Findings", "{a} ↔ {b}: {unknown} is not a service between these roles "
                                         "in Exchange {version}; known: {known}."),
                       a=a.name, b=b.name, unknown=", ".join(unknown), version=ctx.version,
                       known=", ".join(sorted(known)))
            yield _finding(Severity.WARNING, "unknown_service", [say], conn.between, (conn.id,))


@rule
def um_removed(ctx: Context) -> Iterator[Finding]:
    """Telephony wired to Exchange in a 2019 design (a UM server is caught by its role)."""
    if ctx.version not in ("2019", "SE"):
        return
    for conn in ctx.doc.connections.values():
        tags = [ctx.tags(n) for n in conn.between]
        if any("telephony" in t for t in tags) and any("exchange" in t for t in tags):
            a, b = (ctx.name(n) for n in conn.between)
            say = _say(QT_TRANSLATE_NOOP("Findings", "{a} ↔ {b}: Unified Messaging was removed in Exchange 2019; "
                                         "an IP PBX or Lync/Skype for Business cannot use Exchange 2019 for "
                                         "voice mail."), a=a, b=b)
            yield _finding(Severity.ERROR, "um_removed", [say], conn.between, (conn.id,), "ms_ex2013_um_ports")


# ---- zones
@rule
def unsupported_boundary(ctx: Context) -> Iterator[Finding]:
    """Microsoft: restricting traffic between these kinds of server is not supported."""
    for support in ctx.catalog.rules_of_kind("no_boundary_between"):
        wanted = {t for pair in support.between for t in pair}
        by_zone: dict[str, dict[str, set[str]]] = {}  # zone -> tag -> its nodes with that tag
        for node in ctx.doc.nodes.values():
            tagged = by_zone.setdefault(node.zone, {})
            for tag in ctx.tags(node.id) & wanted:
                tagged.setdefault(tag, set()).add(node.id)
        # connections between tagged nodes, by the zones they join: only those can be among
        # the nodes a finding involves
        nodes = ctx.doc.nodes
        among: dict[frozenset, list[tuple[str, tuple[str, str]]]] = {}
        for conn in ctx.doc.connections.values():
            a, b = conn.between
            if ctx.tags(a) & wanted and ctx.tags(b) & wanted:
                key = frozenset((nodes[a].zone, nodes[b].zone))
                among.setdefault(key, []).append((conn.id, conn.between))
        for zone_a, zone_b in combinations(list(by_zone), 2):
            a, b = by_zone[zone_a], by_zone[zone_b]
            involved: set[str] = set()
            for tag_a, tag_b in support.between:
                # x in zone_a and y in zone_b are involved when their tags make the pair
                for x_tag, y_tag in ((tag_a, tag_b), (tag_b, tag_a)):
                    if a.get(x_tag) and b.get(y_tag):
                        involved |= a[x_tag] | b[y_tag]
            if not involved:
                continue
            found = [conn_id for key in (frozenset((zone_a,)), frozenset((zone_a, zone_b)), frozenset((zone_b,)))
                     for conn_id, ends in among.get(key, ()) if ends[0] in involved and ends[1] in involved]
            conns = tuple(sorted(found, key=ctx.connection_order.__getitem__))
            nodes_in = tuple(sorted(involved, key=ctx.node_order.__getitem__))  # document order
            za, zb = ctx.doc.zone(zone_a).name, ctx.doc.zone(zone_b).name
            say = _say(QT_TRANSLATE_NOOP("Findings", "Zones {zone_a} and {zone_b} put a boundary between {nodes}."),
                       zone_a=za, zone_b=zb, nodes=", ".join(ctx.name(n) for n in nodes_in))
            yield _finding(support.severity, support.id, [say, Message.verbatim(support.text)],
                           nodes_in, conns, support.source)


@rule
def expected_zone(ctx: Context) -> Iterator[Finding]:
    supports = list(ctx.catalog.rules_of_kind("expected_zone"))
    for node in ctx.doc.nodes.values():
        role = ctx.catalog.role(node.role)
        if not role or not role.expected_zone or ctx.zone_kind(node.id) == role.expected_zone:
            continue
        text = " ".join(s.text for s in supports) if role.id == "edge_transport" else ""
        say = _say(QT_TRANSLATE_NOOP("Findings", "{node} ({role}) belongs in a zone of kind {expected}, but "
                                     "{zone} is {actual}."), node=node.name, role=_role(role.name),
                   zone=ctx.doc.zone(node.zone).name, expected=_kind(role.expected_zone),
                   actual=_kind(ctx.zone_kind(node.id)))
        yield _finding(Severity.WARNING, "expected_zone", [say, Message.verbatim(text)],
                       (node.id,), (), supports[0].source if supports and text else role.source)


# ---- exposure to the Internet
@rule
def mailbox_exposed(ctx: Context) -> Iterator[Finding]:
    for node in ctx.doc.nodes.values():
        if node.role != "mailbox":
            continue
        flows = [f for f in ctx.flows_to.get(node.id, ()) if ctx.zone_kind(f.source) == ZoneKind.INTERNET]
        first: dict[str, int] = {}
        for f in flows:
            first.setdefault(f.source, len(first))
        flows.sort(key=lambda f: first[f.source])  # grouped by source, like the graph's in-edges
        smtp = [f for f in flows if _is_smtp(f)]
        other = [f for f in flows if not _is_smtp(f)]
        if smtp:  # Microsoft's supported topology without Edge: a recommendation, said as such
            nodes, conns = _ids(smtp)
            ports = ", ".join(dict.fromkeys(f"{f.port} {f.service}" for f in smtp))
            say = _say(QT_TRANSLATE_NOOP("Findings", "{node} (Mailbox) receives Internet mail straight from the "
                                         "Internet zone ({ports}). Recommendation: an Edge Transport server in a "
                                         "perimeter zone in front of it."), node=node.name, ports=ports)
            supports = list(ctx.catalog.rules_of_kind("recommendation"))
            parts = [say] + [Message.verbatim(s.text) for s in supports]
            yield _finding(Severity.INFO, "mailbox_smtp_from_internet", parts, nodes, conns,
                           supports[0].source if supports else None)
        if other:
            nodes, conns = _ids(other)
            ports = ", ".join(dict.fromkeys(f"{f.port} {f.service}" for f in other))
            say = _say(QT_TRANSLATE_NOOP("Findings", "{node} (Mailbox) is reachable straight from the Internet zone "
                                         "({ports}). The source document's firewall guidance puts a reverse proxy "
                                         "or a load balancer in a perimeter zone in front of it."),
                       node=node.name, ports=ports)
            yield _finding(Severity.WARNING, "mailbox_exposed", [say], nodes, conns, "source_doc_firewalls")
