"""Findings from Microsoft's support statements on versions and hybrid deployments: the support
lifecycle, which versions may share an organization, which can host a hybrid deployment, the
roles that can't sit in a perimeter network, and the hybrid rules with Exchange Online. Pure
Python. Each rule reads its statement, its severity and its source from the knowledge base
(``support_rules`` of these kinds), so the words and the page are Microsoft's."""
from __future__ import annotations

from itertools import combinations
from typing import Iterator

from ..catalog import VERSIONS
from ..support.i18n import QT_TRANSLATE_NOOP, Message
from ..support.states import ZoneKind
from .findings import Context, Finding, _finding, _ids, _say, rule

CLOUD_ROLES = ("exchange_online", "entra_id")


def _order(version: str) -> int:
    return VERSIONS.index(version) if version in VERSIONS else len(VERSIONS)


def exchange_versions(ctx: Context) -> dict[str, list[str]]:
    """Version -> the Exchange servers of the design on it (a node's own version, else the
    design's); the design's version is always there."""
    found: dict[str, list[str]] = {ctx.version: []}
    for node in ctx.doc.nodes.values():
        if "exchange" in ctx.tags(node.id):
            found.setdefault(node.version or ctx.version, []).append(node.id)
    return found


@rule
def out_of_support(ctx: Context) -> Iterator[Finding]:
    supports = list(ctx.catalog.rules_of_kind("lifecycle"))
    if not supports:
        return
    support = supports[0]
    for version, nodes in exchange_versions(ctx).items():
        info = ctx.catalog.version(version)
        if info is None or info.supported_on(ctx.today):
            continue
        parts = [_say(QT_TRANSLATE_NOOP("Findings", "Exchange {version} has been out of support since {date} "
                                        "(Microsoft Lifecycle); Microsoft no longer supports a design on it."),
                      version=version, date=info.end_of_support.isoformat())]
        if info.upgrade:
            parts.append(_say(QT_TRANSLATE_NOOP("Findings", "The way forward:")))
            parts.append(Message.verbatim(info.upgrade.text))
        yield _finding(support.severity, "out_of_support", parts, tuple(nodes), (), info.source)


@rule
def unsupported_coexistence(ctx: Context) -> Iterator[Finding]:
    present = exchange_versions(ctx)
    for older, newer in combinations(sorted(present, key=_order), 2):
        support, allowed = ctx.catalog.coexistence_rule(older, newer)
        if allowed or support is None:
            continue
        nodes = tuple(present[older] + present[newer])
        say = _say(QT_TRANSLATE_NOOP("Findings", "Exchange {older} and Exchange {newer} can't share one "
                                     "organization ({nodes})."), older=older, newer=newer,
                   nodes=", ".join(ctx.name(n) for n in nodes) or ctx.doc.name)
        yield _finding(support.severity, support.id, [say, Message.verbatim(support.text)], nodes, (),
                       support.source)


def _cloud_nodes(ctx: Context) -> list[str]:
    return [n.id for n in ctx.doc.nodes.values() if n.role == "exchange_online"]


@rule
def hybrid_host(ctx: Context) -> Iterator[Finding]:
    online = _cloud_nodes(ctx)
    if not online:
        return
    for support in ctx.catalog.rules_of_kind("hybrid_host"):
        allowed = support.allowed.get("*", ())
        if ctx.version in allowed:
            continue
        say = _say(QT_TRANSLATE_NOOP("Findings", "Exchange {version} can't host a hybrid deployment with "
                                     "Exchange Online."), version=ctx.version)
        yield _finding(support.severity, support.id, [say, Message.verbatim(support.text)], tuple(online), (),
                       support.source)


@rule
def role_in_perimeter(ctx: Context) -> Iterator[Finding]:
    for support in ctx.catalog.rules_of_kind("no_perimeter_role"):
        for node in ctx.doc.nodes.values():
            if node.role in support.roles and ctx.zone_kind(node.id) == ZoneKind.PERIMETER:
                role = ctx.catalog.role(node.role)
                say = _say(QT_TRANSLATE_NOOP("Findings", "{node} ({role}) is in the perimeter zone {zone}."),
                           node=node.name, role=Message("Roles", role.name if role else node.role),
                           zone=ctx.doc.zone(node.zone).name)
                yield _finding(support.severity, support.id, [say, Message.verbatim(support.text)], (node.id,),
                               (), support.source)


def _hybrid_https(ctx: Context):
    online = set(_cloud_nodes(ctx))
    return [f for f in ctx.flows if f.source in online and f.path.category == "hybrid"
            and not f.port.is_any and f.port.low == 443 and f.transport == "TCP"]


@rule
def hybrid_https_endpoint(ctx: Context) -> Iterator[Finding]:
    flows = _hybrid_https(ctx)
    for support in ctx.catalog.rules_of_kind("hybrid_https_not_to_mailbox"):
        wrong = [f for f in flows if ctx.doc.node(f.destination).role not in support.roles]
        if wrong:
            nodes, conns = _ids(wrong)
            say = _say(QT_TRANSLATE_NOOP("Findings", "Inbound hybrid HTTPS from Exchange Online ends on {nodes}, "
                                         "not on a Mailbox server."),
                       nodes=", ".join(dict.fromkeys(ctx.name(f.destination) for f in wrong)))
            yield _finding(support.severity, support.id, [say, Message.verbatim(support.text)], nodes, conns,
                           support.source)


@rule
def hybrid_edge_without_edgesync(ctx: Context) -> Iterator[Finding]:
    online = set(_cloud_nodes(ctx))
    edges = {f.destination if f.source in online else f.source for f in ctx.flows
             if f.path.category == "hybrid" and (f.source in online or f.destination in online)
             and ctx.doc.node(f.destination if f.source in online else f.source).role == "edge_transport"}
    synced = {n for f in ctx.flows if f.service == "EdgeSync" for n in (f.source, f.destination)}
    for support in ctx.catalog.rules_of_kind("hybrid_edge_without_edgesync"):
        for edge in sorted(edges - synced, key=ctx.node_order.__getitem__):
            say = _say(QT_TRANSLATE_NOOP("Findings", "{node} carries hybrid mail flow with Exchange Online but "
                                         "has no EdgeSync connection to a Mailbox server."), node=ctx.name(edge))
            yield _finding(support.severity, support.id, [say, Message.verbatim(support.text)], (edge,), (),
                           support.source)


@rule
def hybrid_preauthentication(ctx: Context) -> Iterator[Finding]:
    endpoints = {f.destination for f in _hybrid_https(ctx)}
    if not endpoints:
        return
    for support in ctx.catalog.rules_of_kind("hybrid_preauth_unsupported"):
        for conn in ctx.doc.connections.values():
            a, b = (ctx.doc.node(n) for n in conn.between)
            for hop, end in ((a, b), (b, a)):
                if hop.role in support.roles and end.id in endpoints:
                    say = _say(QT_TRANSLATE_NOOP("Findings", "{hop} stands in front of {endpoint}, an endpoint "
                                                 "of hybrid HTTPS from Exchange Online: it must not "
                                                 "pre-authenticate."), hop=hop.name, endpoint=end.name)
                    yield _finding(support.severity, support.id, [say, Message.verbatim(support.text)],
                                   (hop.id, end.id), (conn.id,), support.source)


@rule
def online_without_directory_sync(ctx: Context) -> Iterator[Finding]:
    online = _cloud_nodes(ctx)
    if not online:
        return
    cloud = {n.id for n in ctx.doc.nodes.values() if n.role in CLOUD_ROLES}
    for support in ctx.catalog.rules_of_kind("exo_without_dirsync"):
        syncing = any(ctx.doc.node(f.source).role in support.roles and f.destination in cloud
                      for f in ctx.flows)
        if not syncing:
            say = _say(QT_TRANSLATE_NOOP("Findings", "{nodes}: no directory synchronization path (Microsoft "
                                         "Entra Connect to Microsoft 365) in the design."),
                       nodes=", ".join(ctx.name(n) for n in online))
            yield _finding(support.severity, support.id, [say, Message.verbatim(support.text)], tuple(online), (),
                           support.source)
