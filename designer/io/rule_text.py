"""What a firewall rule says in words, shared by every format that lists rules (the tables,
the scripts, the report): its boundary, the services that need it and the sources that state
them. Pure Python (no Qt)."""
from __future__ import annotations

from ..analysis import Boundary, FirewallRule, Flow
from ..catalog import Catalog
from ..model import Document

REVIEW_NOTE = ("Review every rule before use: the rules come from the design and the knowledge "
               "base, and the addresses of the nodes are not known to the designer.")


def unique(items) -> list:
    """The items in order, without repeats."""
    return list(dict.fromkeys(items))


def boundary_label(doc: Document, boundary: Boundary, arrow: str = "→") -> str:
    return f"{doc.zone(boundary.source_zone).name} {arrow} {doc.zone(boundary.destination_zone).name}"


def flow_reason(flow: Flow) -> str:
    """``"SMTP: Inbound mail (disabled by default)"``: what one flow needs the rule for."""
    path = flow.path
    text = path.service
    if path.title and path.title != path.service:
        text += f": {path.title}"
    flags = [f"status {path.status}"] if path.status != "confirmed" else []
    if path.disabled_by_default:
        flags.append("disabled by default")
    return f"{text} ({', '.join(flags)})" if flags else text


def rule_reasons(rule: FirewallRule) -> list[str]:
    return unique(flow_reason(f) for f in rule.flows)


def source_reference(catalog: Catalog, source_id: str) -> str:
    """``"Title (URL)"``; a source that is not Microsoft's says whose it is."""
    source = catalog.source(source_id)
    if source is None:
        return source_id
    text = f"{source.title} ({source.url})" if source.url else source.title
    return text if source.is_microsoft else f"{text} [{source.publisher}, not Microsoft]"


def rule_sources(catalog: Catalog, rule: FirewallRule) -> list[str]:
    """Every page the rule's flows cite: their ports', authentication's and encryption's, and
    for SE the page that carries a 2019 path into SE."""
    return unique(source_reference(catalog, source_id) for f in rule.flows for source_id in f.source_ids)
