"""What part of the design each finding rule reads, for the incremental analysis. Pure Python.

:mod:`.incremental` runs a rule again after an edit over only what the edit touched; this is
what it must know of a rule to do so, by the rule's name:

* ``NODE_RULES``: every finding comes from one node (the rule's loop over the design's nodes);
  it reads that node, its zone, its connections, their flows and far ends;
* ``CONNECTION_RULES``: every finding comes from one connection (the loop over its
  connections, or over their flows); it reads the connection, its flows and its two nodes;
* ``FLOW_FILTERS``: rules over the design's flows, each with what a flow must be for the rule
  to read it (the rule sees only those flows, in flow order; it may still read every node).
  :func:`chosen_flows` applies a filter to the flows of some connections.

A rule in none of them is global: it runs again over the whole design after any edit, so a
new rule is correct from the start and only slower.
"""
from __future__ import annotations

from typing import Callable

from ..support.states import ZoneKind
from .findings import Context
from .flows import Flow

# Rules whose every finding comes from one node (the loop over the design's nodes) ...
NODE_RULES = frozenset({"unknown_role", "role_not_in_version", "expected_zone", "role_in_perimeter",
                        "mailbox_exposed"})
# ... or from one connection (the loop over its connections, or over its flows).
CONNECTION_RULES = frozenset({"no_data_path", "unknown_services", "um_removed", "plaintext_from_internet"})
CLOUD_ROLES = frozenset({"exchange_online", "entra_id"})


def _crosses_internet(ctx: Context, flow: Flow) -> bool:
    return flow.source_zone != flow.destination_zone and ZoneKind.INTERNET in (
        ctx.zone_kind(flow.source), ctx.zone_kind(flow.destination))


def _advisory(ctx: Context, flow: Flow) -> bool:
    return bool(flow.path.advisory or flow.path.disabled_by_default)


def _with_choices(ctx: Context, flow: Flow) -> bool:
    return flow.service in ctx.services_with_choices


def _unconfirmed(ctx: Context, flow: Flow) -> bool:
    return flow.path.status == "unconfirmed"


def _hybrid(ctx: Context, flow: Flow) -> bool:
    nodes = ctx.doc.nodes
    return (flow.path.category == "hybrid" or flow.service == "EdgeSync"
            or nodes[flow.source].role in CLOUD_ROLES or nodes[flow.destination].role in CLOUD_ROLES)


# Rules over the design's flows, each with what a flow must be for the rule to read it (the
# rule sees only those flows, in flow order; it may still read every node).
FLOW_FILTERS: dict[str, Callable[[Context, Flow], bool]] = {
    "internet_exposure": _crosses_internet,
    "path_advisories": _advisory,
    "service_choices": _with_choices,
    "unconfirmed_paths": _unconfirmed,
    "hybrid_https_endpoint": _hybrid,
    "hybrid_edge_without_edgesync": _hybrid,
    "hybrid_preauthentication": _hybrid,
    "online_without_directory_sync": _hybrid,
}


_BY_PATH = frozenset({_advisory, _with_choices, _unconfirmed})  # filters that read only flow.path


def _path_answer(known: dict, keep, ctx: Context, flow: Flow) -> bool:
    answer = known.get(id(flow.path))
    if answer is None:
        answer = known[id(flow.path)] = keep(ctx, flow)
    return answer


def chosen_flows(keep: Callable[[Context, Flow], bool], ctx: Context, conn_ids: list[str],
                 by_connection: dict[str, tuple[Flow, ...]], by_path: dict) -> dict[str, tuple[Flow, ...]]:
    """Connection -> its flows that the filter ``keep`` chooses, for the connections with any.
    A filter whose answer depends on the flow's data path only is asked once per path: its
    answers are kept in ``by_path`` (filter -> id(data path) -> answer; the catalog's paths live
    on)."""
    if keep in _BY_PATH:
        known = by_path.setdefault(keep, {})
        return {c: chosen for c in conn_ids
                if (chosen := tuple(f for f in by_connection[c] if _path_answer(known, keep, ctx, f)))}
    return {c: chosen for c in conn_ids if (chosen := tuple(f for f in by_connection[c] if keep(ctx, f)))}
