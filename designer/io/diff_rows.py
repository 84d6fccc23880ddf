"""A change request's rows and records: what each format of :mod:`.diff_export` lists. Pure Python.

Rows are for people (names, the justification and the sources in words); records are the JSON
form (ids and keys as well). Nothing here is escaped: each format escapes its own cells.
"""
from __future__ import annotations

from typing import Any, Sequence

from ..analysis.diff import DesignDiff, ElementChange, FieldChange, FlowChange, RuleChange
from ..catalog import Catalog
from .rule_text import flow_reason, rule_reasons, rule_sources, source_reference, unique

NONE = "(none)"
RULE_HEADERS = ("Change", "Boundary", "Source", "Source addresses", "Destination", "Destination addresses",
                "Protocol", "Port", "What changed", "Services", "Authentication", "Encryption",
                "Justification", "Sources")
FLOW_HEADERS = ("Change", "Boundary", "Source", "Destination", "Service", "Ports", "Authentication",
                "Encryption", "What changed", "Justification", "Sources")
ELEMENT_HEADERS = ("Change", "Kind", "Name", "What changed")
UNKNOWN_ADDRESS = "not known"


def field_text(fields: Sequence[FieldChange]) -> str:
    """``"addresses: 10.1.0.10 → 10.2.0.10; encryption: TLS → None"``."""
    return "; ".join(f"{f.field}: {f.old or NONE} → {f.new or NONE}" for f in fields)


def boundary_text(source_zone: str, destination_zone: str) -> str:
    return f"{source_zone} → {destination_zone}" if source_zone != destination_zone else f"within {source_zone}"


def addresses_text(networks: Sequence[str]) -> str:
    return ", ".join(networks) if networks else UNKNOWN_ADDRESS


def rule_row(catalog: Catalog, change: RuleChange) -> list[Any]:
    rule = change.rule
    return [change.status, boundary_text(change.source_zone, change.destination_zone), change.source,
            addresses_text(change.source_networks), change.destination, addresses_text(change.destination_networks),
            rule.port.transport, rule.port.value, field_text(change.fields), ", ".join(rule.services),
            "; ".join(unique(f.authentication for f in rule.flows)),
            "; ".join(unique(f.encryption for f in rule.flows)),
            "; ".join(rule_reasons(rule)), "; ".join(rule_sources(catalog, rule))]


def flow_sources(catalog: Catalog, change: FlowChange) -> list[str]:
    return unique(source_reference(catalog, s) for f in change.flows for s in f.source_ids)


def flow_row(catalog: Catalog, change: FlowChange) -> list[Any]:
    first = change.flows[0]
    return [change.status, boundary_text(change.source_zone, change.destination_zone), change.source,
            change.destination, change.service, change.ports, first.authentication, first.encryption,
            field_text(change.fields), flow_reason(first), "; ".join(flow_sources(catalog, change))]


def element_row(change: ElementChange) -> list[Any]:
    return [change.status, change.kind, change.name, field_text(change.fields)]


def version_note(diff: DesignDiff) -> str | None:
    """What a reader must know when the two designs are on different Exchange versions."""
    if not diff.versions_differ:
        return None
    return (f"The designs are on different Exchange versions ({diff.old.exchange_version} → "
            f"{diff.new.exchange_version}): each design's flows follow its own version's data paths, "
            "so some changes come from the version alone.")


def summary_lines(diff: DesignDiff) -> list[str]:
    """One line per kind of change, e.g. ``"Firewall rules: 2 added, 1 removed, 16 changed"``."""
    counts = diff.counts()
    titles = (("rules", "Firewall rules"), ("flows", "Flows"), ("zone", "Zones"), ("node", "Nodes"),
              ("connection", "Connections"))
    return [f"{title}: {counts[k]['added']} added, {counts[k]['removed']} removed, {counts[k]['changed']} changed"
            for k, title in titles]


def _fields(fields: Sequence[FieldChange]) -> list[dict[str, str]]:
    return [{"field": f.field, "old": f.old, "new": f.new} for f in fields]


def _side(diff: DesignDiff, which: str, label: str) -> dict[str, Any]:
    doc = diff.old if which == "old" else diff.new
    return {"file": label, "name": doc.name, "exchange_version": doc.exchange_version}


def records(diff: DesignDiff, catalog: Catalog, old_label: str, new_label: str) -> dict[str, Any]:
    """The whole change request as JSON data (see the README for its keys)."""
    rules = []
    for c in diff.rules:
        rule = c.rule
        rules.append({
            "status": c.status, "boundary": {"source_zone": c.source_zone, "destination_zone": c.destination_zone,
                                             "source_zone_key": c.boundary[0], "destination_zone_key": c.boundary[1]},
            "source": c.source, "destination": c.destination, "source_node": rule.source,
            "destination_node": rule.destination,
            "source_addresses": list(c.source_networks), "destination_addresses": list(c.destination_networks),
            "transport": rule.port.transport, "port": rule.port.value, "services": rule.services,
            "authentication": unique(f.authentication for f in rule.flows),
            "encryption": unique(f.encryption for f in rule.flows),
            "changes": _fields(c.fields), "justification": rule_reasons(rule),
            "sources": unique(s for f in rule.flows for s in f.source_ids),
            "references": rule_sources(catalog, rule),
        })
    flows = []
    for c in diff.flows:
        first = c.flows[0]
        flows.append({
            "status": c.status, "boundary": {"source_zone": c.source_zone, "destination_zone": c.destination_zone},
            "connection": first.connection, "source": c.source, "destination": c.destination,
            "source_node": first.source, "destination_node": first.destination, "service": c.service,
            "data_path": first.path.id, "ports": [str(f.port) for f in c.flows],
            "authentication": first.authentication, "encryption": first.encryption,
            "changes": _fields(c.fields), "justification": flow_reason(first),
            "sources": unique(s for f in c.flows for s in f.source_ids), "references": flow_sources(catalog, c),
        })
    return {
        "format": "exchange-designer-diff/1",
        "old": _side(diff, "old", old_label), "new": _side(diff, "new", new_label),
        "changed": diff.changed, "versions_differ": diff.versions_differ, "note": version_note(diff),
        "summary": diff.counts(), "design": _fields(diff.design),
        "elements": [{"kind": e.kind, "status": e.status, "old_id": e.old_id, "new_id": e.new_id, "name": e.name,
                      "changes": _fields(e.fields)} for e in diff.elements],
        "rules": rules, "flows": flows,
    }
