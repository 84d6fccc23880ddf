"""Findings on the design's traffic: rules whose subject is a flow, or a group of flows, rather
than a node. Pure Python.

- ``plaintext_from_internet``: a flow that crosses from the Internet zone unencrypted (warning)
  or encrypted only when the peers negotiate it (info).
- ``internet_exposure``: flows that open ports to or from the Internet zone beyond the source's
  firewall guidance (``INTERNET_ALLOWED``), grouped by direction and service.
- ``path_advisories``, ``service_choices``, ``unconfirmed_paths``: what the knowledge base says
  of the data paths the design uses (a path's advisory, Microsoft's choices for a service, an
  entry that rests on unconfirmed evidence), once per path or statement.

They run after the rules of :mod:`.findings` (``designer/analysis/__init__.py`` imports this
module right after it), in the order they had there, so the order of findings is unchanged.
The node rule on Internet exposure, ``mailbox_exposed``, stays in :mod:`.findings`.
"""
from __future__ import annotations

from typing import Iterator

from ..support.i18n import QT_TRANSLATE_NOOP, Message
from ..support.states import EncryptionKind, Severity, ZoneKind
from .findings import Context, Finding, _finding, _ids, _say, rule
from .flows import Flow

# The source's firewall guidance: towards the Internet, SMTP 25 and HTTPS 443, plus DNS 53
# where Exchange resolves names itself ("Servidor Exchange y firewalls").
INTERNET_ALLOWED = {(25, "TCP"), (443, "TCP"), (53, "TCP"), (53, "UDP")}


# ---- crossing to or from the Internet
@rule
def plaintext_from_internet(ctx: Context) -> Iterator[Finding]:
    """Plaintext from the Internet is a warning; encryption that is optional is worth a note."""
    for flow in ctx.flows:
        if not flow.crossing or ctx.zone_kind(flow.source) != ZoneKind.INTERNET:
            continue
        kind = flow.encryption_kind
        if kind == EncryptionKind.NONE:
            severity, template = Severity.WARNING, QT_TRANSLATE_NOOP(
                "Findings", "{source} → {destination}: {port} {service} crosses from the Internet zone and is not "
                "encrypted.")
        elif kind == EncryptionKind.OPTIONAL:
            severity, template = Severity.INFO, QT_TRANSLATE_NOOP(
                "Findings", "{source} → {destination}: {port} {service} crosses from the Internet zone and is "
                "encrypted only when the peers negotiate it (not by default).")
        else:
            continue
        say = _say(template, source=ctx.name(flow.source), destination=ctx.name(flow.destination),
                   port=str(flow.port), service=flow.service)
        yield _finding(severity, "plaintext_from_internet", [say],
                       (flow.source, flow.destination), (flow.connection,), flow.path.source)


@rule
def internet_exposure(ctx: Context) -> Iterator[Finding]:
    """The source's guidance: only SMTP 25 and HTTPS 443 (and DNS 53) towards the Internet."""
    groups: dict[tuple[str, str], list[Flow]] = {}
    with_choices = {s for r in ctx.catalog.rules_of_kind("service_choices") for s in r.services}
    for flow in ctx.flows:
        if flow.service in with_choices:  # information with Microsoft's choices instead
            continue
        kinds = (ctx.zone_kind(flow.source), ctx.zone_kind(flow.destination))
        if not flow.crossing or ZoneKind.INTERNET not in kinds or kinds == (ZoneKind.INTERNET, ZoneKind.INTERNET):
            continue
        if (flow.port.low, flow.transport) in INTERNET_ALLOWED and flow.port.low == flow.port.high:
            continue
        direction = "from" if kinds[0] == ZoneKind.INTERNET else "to"
        groups.setdefault((direction, flow.service), []).append(flow)
    for (direction, service), flows in groups.items():
        nodes, conns = _ids(flows)
        ports = ", ".join(dict.fromkeys(str(f.port) for f in flows))
        opens = (QT_TRANSLATE_NOOP("Findings", "{service} opens {ports} from the Internet zone.") if direction == "from"
                 else QT_TRANSLATE_NOOP("Findings", "{service} opens {ports} to the Internet zone."))
        guidance = QT_TRANSLATE_NOOP("Findings", "The source's firewall guidance is to expose only SMTP 25/TCP and "
                                     "HTTPS 443/TCP (and DNS 53 where Exchange resolves names itself).")
        yield _finding(Severity.WARNING, "internet_exposure", [_say(opens, service=service, ports=ports), _say(guidance)],
                       nodes, conns, "source_doc_firewalls")


# ---- knowledge base advisories
@rule
def path_advisories(ctx: Context) -> Iterator[Finding]:
    """A path's advisory (or "disabled by default") whenever the design uses it."""
    by_text: dict[tuple[str, str], list[Flow]] = {}  # (service, advisory or "") -> flows
    for flow in ctx.flows:
        path = flow.path
        if path.advisory or path.disabled_by_default:
            by_text.setdefault((path.service, path.advisory or ""), []).append(flow)
    for (service, advisory), flows in by_text.items():
        nodes, conns = _ids(flows)
        say = (_say(QT_TRANSLATE_NOOP("Findings", "{service}: {advisory}"), service=service, advisory=advisory)
               if advisory else
               _say(QT_TRANSLATE_NOOP("Findings", "{service}: {service} is disabled by default."), service=service))
        yield _finding(Severity.INFO, "advisory", [say], nodes, conns, flows[0].path.source)


@rule
def service_choices(ctx: Context) -> Iterator[Finding]:
    """A service Microsoft gives choices for (open proxy detection): information, once per rule."""
    for support in ctx.catalog.rules_of_kind("service_choices"):
        flows = [f for f in ctx.flows if f.service in support.services]
        if not flows:
            continue
        nodes, conns = _ids(flows)
        say = _say(QT_TRANSLATE_NOOP("Findings", "{services} ({ports}) from {nodes}:"),
                   services=", ".join(support.services),
                   ports=", ".join(dict.fromkeys(str(f.port) for f in flows)),
                   nodes=", ".join(ctx.name(n) for n in dict.fromkeys(f.source for f in flows)))
        yield _finding(support.severity, support.id, [say, Message.verbatim(support.text)], nodes, conns,
                       support.source)


@rule
def unconfirmed_paths(ctx: Context) -> Iterator[Finding]:
    by_path: dict[str, list[Flow]] = {}
    for flow in ctx.flows:
        if flow.path.status == "unconfirmed":
            by_path.setdefault(flow.path.id, []).append(flow)
    for flows in by_path.values():
        path = flows[0].path
        nodes, conns = _ids(flows)
        ports = ", ".join(str(p) for p in path.ports)
        what = path.title or path.service
        template = (QT_TRANSLATE_NOOP("Findings", "{what} ({ports}): this knowledge base entry rests on evidence "
                                      "that is not confirmed by Microsoft's own English page; check it before "
                                      "relying on it.") if ports else
                    QT_TRANSLATE_NOOP("Findings", "{what} (no ports): this knowledge base entry rests on evidence "
                                      "that is not confirmed by Microsoft's own English page; check it before "
                                      "relying on it."))
        yield _finding(Severity.INFO, "unconfirmed", [_say(template, what=what, ports=ports)], nodes, conns, path.source)
