"""Scenarios to present: the routes a design gives to its main stories. Pure Python + networkx.

A scenario is a chain of hops, and each hop keeps the design's own flows for that hop (for
example ``25/TCP SMTP`` from EDGE01 to EX01). Nothing is invented: a route is the shortest path
in a directed graph whose edges are the design's flows of the scenario's services, and a
scenario the design cannot show (no Edge, no Unified Messaging, ...) is left out.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import networkx as nx

from ..catalog import Catalog
from ..support.i18n import Translate, untranslated
from ..model import Document
from .flows import Flow, authentication_label, compute_flows, encryption_label
from .labels import ports_text

# What each story runs over: (category, service) pairs of the knowledge base.
CLIENT_ACCESS = {("publishing", "HTTPS publishing"), ("publishing", "HTTPS through a load balancer")} | {
    ("client_access", s) for s in ("Autodiscover", "MAPI over HTTP", "Outlook Anywhere", "EWS", "OAB",
                                   "Availability", "Mailbox access")}
MAIL = {("mail_flow", s) for s in ("SMTP", "SMTP (outbound proxy)", "Mail submission (RPC)", "MAPI (RPC)")}
EDGESYNC = {("directory", "EdgeSync")}
TELEPHONY = {("unified_messaging", s) for s in ("SIP", "RTP", "UM control")}
HYBRID_MAIL = MAIL | {("hybrid", "Hybrid SMTP")}
FREE_BUSY = {("hybrid", "Hybrid free/busy, MailTips, message tracking")}
MAILBOX_MOVE = {("hybrid", "Hybrid mailbox moves (MRS proxy)")}

Keep = Callable[[Flow], bool]


@dataclass(frozen=True)
class Hop:
    source: str  # node id
    destination: str  # node id
    connection: str
    flows: tuple[Flow, ...]  # the design's flows of this hop, in flow order


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    description: str
    hops: tuple[Hop, ...]

    @property
    def nodes(self) -> tuple[str, ...]:
        """The route's node ids, from the first source to the last destination."""
        return (self.hops[0].source,) + tuple(h.destination for h in self.hops) if self.hops else ()

    @property
    def connections(self) -> tuple[str, ...]:
        return tuple(h.connection for h in self.hops)


def _services(pairs: set[tuple[str, str]]) -> Keep:
    return lambda flow: (flow.path.category, flow.service) in pairs


def _graph(doc: Document, flows: Iterable[Flow], keep: Keep) -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_nodes_from(doc.nodes)
    for flow in flows:
        if keep(flow) and flow.source != flow.destination:
            g.add_edge(flow.source, flow.destination)
    return g


def _shortest(g: nx.DiGraph, sources: Sequence[str], targets: Sequence[str]) -> list[str] | None:
    """The shortest route from any source to any target; ties go to document order."""
    best: list[str] | None = None
    for source in sources:
        reached = nx.single_source_shortest_path(g, source)
        for target in targets:
            route = reached.get(target)
            if route and len(route) > 1 and (best is None or len(route) < len(best)):
                best = route
    return best


def _via(g: nx.DiGraph, sources: Sequence[str], vias: Sequence[str],
         targets: Sequence[str]) -> list[str] | None:
    """The shortest route that passes through one of ``vias`` (e.g. a UM call router)."""
    best: list[str] | None = None
    for via in vias:
        first, second = _shortest(g, sources, [via]), _shortest(g, [via], targets)
        if first and second and not set(first[:-1]) & set(second):
            route = first + second[1:]
            if best is None or len(route) < len(best):
                best = route
    return best


def _hops(route: list[str], flows: Sequence[Flow], keep: Keep) -> tuple[Hop, ...]:
    hops = []
    for a, b in pairwise(route):
        mine = [f for f in flows if keep(f) and f.source == a and f.destination == b]
        connection = mine[0].connection  # the first connection (document order) that carries them
        hops.append(Hop(a, b, connection, tuple(f for f in mine if f.connection == connection)))
    return tuple(hops)


def _names(doc: Document, ids: Iterable[str], translate: Translate) -> str:
    names = [doc.node(n).name for n in ids]
    if len(names) == 1:
        return names[0]
    return translate("Scenarios", "{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])


def scenarios(doc: Document, catalog: Catalog, flows: list[Flow] | None = None,
              translate: Translate = untranslated) -> list[Scenario]:
    """The scenarios this design can show, in presentation order, their texts in the language
    of ``translate``."""
    flows = flows if flows is not None else compute_flows(doc, catalog)

    def say(text: str, route: list[str]) -> str:
        """``text`` with ``{first}``, ``{last}`` and ``{through}`` (the nodes in between, if any)."""
        middle = route[1:-1]
        through = (translate("Scenarios", " through {nodes}").format(nodes=_names(doc, middle, translate))
                   if middle else "")
        return text.format(first=doc.node(route[0]).name, last=doc.node(route[-1]).name, through=through)

    def role(*roles: str) -> list[str]:
        return [n.id for n in doc.nodes.values() if n.role in roles]

    def tagged(tag: str) -> list[str]:
        return role(*sorted(catalog.roles_with_tag(tag)))

    def make(id_: str, title: str, keep: Keep, route: list[str] | None,
             describe: Callable[[list[str]], str]) -> None:
        if route:
            found.append(Scenario(id_, title, describe(route), _hops(route, flows, keep)))

    found: list[Scenario] = []
    mailboxes, internet_mail = role("mailbox"), role("internet_mail")

    keep = _services(CLIENT_ACCESS)
    g = _graph(doc, flows, keep)
    remote = [n for n in role("outlook") if doc.zone(doc.node(n).zone).kind == "internet"]
    route = _shortest(g, remote, mailboxes) or _shortest(g, remote, role("client_access"))
    make("external_outlook", translate("Scenarios", "An external Outlook user reaches a mailbox"), keep, route,
         lambda r: say(translate("Scenarios", "{first}, on the Internet, reaches the mailbox on {last}{through}."), r))

    keep = _services(MAIL)
    g = _graph(doc, flows, keep)
    make("inbound_mail", translate("Scenarios", "Inbound Internet mail"), keep, _shortest(g, internet_mail, mailboxes),
         lambda r: say(translate("Scenarios", "Mail from {first} reaches the mailbox on {last}{through}."), r))
    make("outbound_mail", translate("Scenarios", "Outbound mail to the Internet"), keep,
         _shortest(g, mailboxes, internet_mail),
         lambda r: say(translate("Scenarios", "Mail from the mailbox on {first} leaves for {last}{through}."), r))

    keep = _services(EDGESYNC)
    g = _graph(doc, flows, keep)
    make("edgesync", translate("Scenarios", "EdgeSync: directory data for the Edge server"), keep,
         _shortest(g, role("mailbox", "hub_transport"), tagged("edge")),
         lambda r: say(translate("Scenarios", "{first} copies recipient and configuration data from Active Directory "
                                       "to {last}{through}."), r))

    online = role("exchange_online")
    keep = _services(HYBRID_MAIL)
    g = _graph(doc, flows, keep)
    make("hybrid_mail_in", translate("Scenarios", "Hybrid mail from Exchange Online to an on-premises mailbox"),
         keep, _shortest(g, online, mailboxes),
         lambda r: say(translate("Scenarios", "A message for an on-premises mailbox leaves {first} and reaches "
                                       "{last}{through}, over the hybrid mail flow."), r))
    make("hybrid_mail_out", translate("Scenarios", "Hybrid mail from an on-premises mailbox to Exchange Online"),
         keep, _shortest(g, mailboxes, online),
         lambda r: say(translate("Scenarios", "A message for a cloud mailbox leaves the mailbox on {first} and "
                                       "reaches {last}{through}."), r))
    keep = _services(FREE_BUSY)
    g = _graph(doc, flows, keep)
    make("hybrid_free_busy", translate("Scenarios", "A free/busy lookup across the hybrid boundary"), keep,
         _shortest(g, online, mailboxes),
         lambda r: say(translate("Scenarios", "{first} asks {last} for an on-premises user's free/busy "
                                       "time{through}, for a cloud user's calendar."), r))
    keep = _services(MAILBOX_MOVE)
    g = _graph(doc, flows, keep)
    make("hybrid_move", translate("Scenarios", "A mailbox move to Exchange Online"), keep,
         _shortest(g, online, mailboxes),
         lambda r: say(translate("Scenarios", "{first} moves a mailbox from {last}{through} through the MRS "
                                       "proxy endpoint."), r))

    keep = _services(TELEPHONY)
    g = _graph(doc, flows, keep)
    pbx, um = role("ip_pbx"), role("unified_messaging", "mailbox")
    route = _via(g, pbx, role("client_access"), um) or _shortest(g, pbx, um)
    make("phone_call", translate("Scenarios", "A phone call into Unified Messaging"), keep, route,
         lambda r: say(translate("Scenarios", "A call from {first} reaches Unified Messaging on {last}{through}."), r))
    return found


# ---- caption text (pure, so the presentation window stays thin)
def hop_details(doc: Document, hop: Hop, translate: Translate = untranslated) -> list[str]:
    """``EDGE01 → EX01 · 25/TCP SMTP · Authentication: … · Encryption: …``; one line per group of
    flows that share service, authentication and encryption (the first line names the hop)."""
    groups: dict[tuple[str, str, str], list] = {}
    for flow in hop.flows:
        auth, enc = authentication_label(flow.path, translate), encryption_label(flow.path.encryption, translate)
        ports = groups.setdefault((flow.service, auth, enc), [])
        if flow.port not in ports:
            ports.append(flow.port)
    line = translate("Scenarios", "{ports} {service} · Authentication: {authentication} · Encryption: {encryption}")
    lines = [line.format(ports=ports_text(tuple(ports), translate), service=service, authentication=auth,
                         encryption=enc)
             for (service, auth, enc), ports in groups.items()]
    head = f"{doc.node(hop.source).name} → {doc.node(hop.destination).name}"
    return [f"{head} · {lines[0]}"] + lines[1:] if lines else [head]


def plain_encryption(kinds: Iterable[str], translate: Translate = untranslated) -> str:
    """Encryption in plain words, for an executive audience."""
    kinds = set(kinds)
    if kinds == {"encrypted"}:
        return translate("Scenarios", "encrypted")
    if kinds <= {"encrypted", "optional", "possible"}:
        return translate("Scenarios", "can be encrypted")
    if kinds == {"none"}:
        return translate("Scenarios", "not encrypted")
    if kinds <= {"unknown"}:
        return translate("Scenarios", "encryption not stated")
    if kinds & {"encrypted", "optional", "possible"}:
        return translate("Scenarios", "partly encrypted")
    if "none" in kinds:
        return translate("Scenarios", "not encrypted")
    return translate("Scenarios", "encryption not stated")


def hop_summary(doc: Document, hop: Hop, translate: Translate = untranslated) -> str:
    """``Internet mail servers → EDGE01: not encrypted`` (no ports, no protocol names)."""
    return (f"{doc.node(hop.source).name} → {doc.node(hop.destination).name}: "
            f"{plain_encryption((f.encryption_kind for f in hop.flows), translate)}")
