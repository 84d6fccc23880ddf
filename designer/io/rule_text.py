"""What a firewall rule says in words, shared by every format that lists rules (the tables,
the scripts, the report): its boundary, the services that need it and the sources that state
them. Pure Python (no Qt)."""
from __future__ import annotations

from ..analysis import Boundary, FirewallRule, Flow
from ..analysis.sites import sites_label
from ..catalog import Catalog
from ..model import Document, Node
from ..model.addresses import Network, node_address_texts, node_networks
from ..support.states import ZoneKind

REVIEW_NOTE = ("Review every rule before use: the rules come from the design and the knowledge "
               "base, and the addresses from the design; an address the design does not give is "
               "marked missing, never guessed.")
#: What an address cell says when the design gives no usable address for a node.
MISSING_ADDRESS = "missing: not in the design"
MALFORMED_ADDRESS = "missing: the design's address is malformed"
ANY_ADDRESS = "any (Internet zone, no address in the design)"


def unique(items) -> list:
    """The items in order, without repeats."""
    return list(dict.fromkeys(items))


def boundary_label(doc: Document, boundary: Boundary, arrow: str = "→") -> str:
    return f"{doc.zone(boundary.source_zone).name} {arrow} {doc.zone(boundary.destination_zone).name}"


def boundary_title(doc: Document, boundary: Boundary, arrow: str = "→") -> str:
    """The boundary's label, and the sites it crosses when its zones are in different sites."""
    label = boundary_label(doc, boundary, arrow)
    sites = sites_label(doc, boundary.source_zone, boundary.destination_zone, arrow)
    return f"{label} (crossing sites {sites})" if sites else label


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


def address_text(net: Network) -> str:
    """``10.0.0.5`` for one host, ``10.0.0.0/24`` for a network."""
    return str(net.network_address) if net.num_addresses == 1 and net.prefixlen == net.max_prefixlen else str(net)


def node_addresses(node: Node) -> list[str]:
    """The node's well-formed addresses (a group's own, then its members'), as text, in order."""
    return [address_text(n) for n in node_networks(node)]


def address_cell(doc: Document, node: Node) -> str:
    """A rules table's address cell: the addresses, or plainly why there is none."""
    known = node_addresses(node)
    if known:
        return "; ".join(known)
    if any(True for _ in node_address_texts(node)):
        return MALFORMED_ADDRESS
    return ANY_ADDRESS if doc.zone(node.zone).kind == ZoneKind.INTERNET else MISSING_ADDRESS
