"""Analysis: flows, zone boundaries, firewall rules, findings, labels, scenarios. Pure Python + networkx; may import catalog, model and support."""
from .findings import RULES, SEVERITIES, Context, Finding, analyse, rule, today
from . import flow_findings  # noqa: F401,E402 (registers the flow findings, right after those of .findings)
from . import support_findings  # noqa: F401,E402 (registers the version and hybrid findings)
from . import address_findings  # noqa: F401,E402 (registers the address findings)
from . import group_findings  # noqa: F401,E402 (registers the DAG findings)
from .firewall import Boundary, FirewallRule, boundary_rules, host_name
from .flows import (
    NOT_STATED, Flow, FlowCache, authentication_label, compute_flows, connection_flows, connection_matches,
    encryption_label,
)

# The modules of rules beyond .findings: importing one registers its rules, so the order of the
# imports above is the order the rules run in (and findings of one severity are listed in).
_RULE_MODULES = (flow_findings, support_findings, address_findings, group_findings)

__all__ = [
    "Boundary", "Context", "Finding", "FirewallRule", "Flow", "FlowCache", "NOT_STATED", "RULES", "SEVERITIES",
    "analyse", "authentication_label", "boundary_rules", "host_name", "compute_flows", "connection_flows",
    "connection_matches", "encryption_label", "rule", "today",
]
