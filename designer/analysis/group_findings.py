"""Findings on group nodes that are Database Availability Groups. Pure Python. Each rule reads
its statement, severity and source from the knowledge base (``support_rules`` of the kinds
``dag_role``, ``dag_size`` and ``dag_witness``).

Group nodes that are DAGs and share a name are one DAG (a DAG stretched across datacenters is
drawn as one group node per datacenter): its size is theirs together, and a witness connected
to any of them is the DAG's."""
from __future__ import annotations

from typing import Iterator

from ..model import Node
from ..support.i18n import QT_TRANSLATE_NOOP, Message
from .findings import Context, Finding, _finding, _say, rule

DAG_MAX_MEMBERS = 16  # "a group of up to 16 Mailbox servers" (the rule dag_at_most_16 cites the page)
WITNESS_TAG = "witness"


def dags(ctx: Context) -> dict[str, list[Node]]:
    """The design's DAGs: name -> its group nodes, in document order."""
    found: dict[str, list[Node]] = {}
    for node in ctx.doc.nodes.values():
        if node.dag:
            found.setdefault(node.name, []).append(node)
    return found


@rule
def dag_role(ctx: Context) -> Iterator[Finding]:
    for support in ctx.catalog.rules_of_kind("dag_role"):
        for node in ctx.doc.nodes.values():
            if node.dag and node.role not in support.roles:
                say = _say(QT_TRANSLATE_NOOP("Findings", "{node} is marked a DAG, but a DAG's members are "
                                             "Mailbox servers."), node=node.name)
                yield _finding(support.severity, support.id, [say, Message.verbatim(support.text)],
                               (node.id,), (), support.source)


@rule
def dag_size(ctx: Context) -> Iterator[Finding]:
    for support in ctx.catalog.rules_of_kind("dag_size"):
        for name, nodes in dags(ctx).items():
            count = sum(len(n.members) for n in nodes)
            if count > DAG_MAX_MEMBERS:
                say = _say(QT_TRANSLATE_NOOP("Findings", "DAG {dag} has {count} members."), dag=name, count=count)
                yield _finding(support.severity, support.id, [say, Message.verbatim(support.text)],
                               tuple(n.id for n in nodes), (), support.source)


@rule
def dag_witness(ctx: Context) -> Iterator[Finding]:
    for support in ctx.catalog.rules_of_kind("dag_witness"):
        for name, nodes in dags(ctx).items():
            count = sum(len(n.members) for n in nodes)
            if count < 2 or count % 2:
                continue
            ids = {n.id for n in nodes}
            witnessed = any(WITNESS_TAG in ctx.tags(conn.other(node_id))
                            for node_id in ids for conn in ctx.doc.connections_of(node_id))
            if not witnessed:
                say = _say(QT_TRANSLATE_NOOP("Findings", "DAG {dag} has an even number of members ({count}) "
                                             "and no connection to a witness server."), dag=name, count=count)
                yield _finding(support.severity, support.id, [say, Message.verbatim(support.text)],
                               tuple(n.id for n in nodes), (), support.source)
