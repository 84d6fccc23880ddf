"""Large changes in the incremental analysis: the results from before a large delete are put back
when its undo brings back exactly that design (and the redo's too), never otherwise; whatever
happens, the results equal a full analysis."""
from __future__ import annotations

from dataclasses import replace

import pytest

from bench.generate import generate
from designer.analysis import incremental as inc
from designer.analysis.incremental import IncrementalAnalysis
from designer.model import Document
from tests.analysis.test_incremental import assert_same_as_full


def delete(doc: Document, fraction: float = 1.0) -> list:
    """Remove the first ``fraction`` of the nodes with their connections, as the editor's delete
    does (connections, then nodes, highest index first); returns what its undo re-adds, in order."""
    nodes = list(doc.nodes)[:round(len(doc.nodes) * fraction)]
    chosen = set(nodes)
    removed = []
    for table, ids, remove in ((doc.connections, [c.id for c in doc.connections.values() if set(c.between) & chosen],
                                doc.remove_connection), (doc.nodes, nodes, doc.remove_node)):
        places = {item_id: i for i, item_id in enumerate(table)}
        for item_id in sorted(ids, key=places.__getitem__, reverse=True):
            removed.append((table[item_id], places[item_id]))
            remove(item_id)
    return removed


def undo(doc: Document, removed: list) -> None:
    for element, index in reversed(removed):
        (doc.add_connection if hasattr(element, "between") else doc.add_node)(element, index)


@pytest.fixture()
def design(catalog):
    doc = generate(120, 330, seed=7, catalog=catalog)
    engine = IncrementalAnalysis(catalog)
    engine.reset(doc)
    return doc, engine


@pytest.fixture()
def computed(monkeypatch):
    """Counts the connections whose flows the engine computes, and full analyses."""
    counts = {"flows": 0, "all": 0}
    real_flows, real_all = inc._flows.connection_flows, IncrementalAnalysis._compute_all

    def flows(*args):
        counts["flows"] += 1
        return real_flows(*args)

    def compute_all(self):
        counts["all"] += 1
        return real_all(self)
    monkeypatch.setattr(inc._flows, "connection_flows", flows)
    monkeypatch.setattr(IncrementalAnalysis, "_compute_all", compute_all)
    return counts


@pytest.mark.parametrize("fraction", [1.0, 0.7])
def test_the_undo_and_redo_of_a_large_delete_put_the_results_back(design, catalog, computed, fraction):
    doc, engine = design
    before = (engine.flows, engine.findings)
    removed = delete(doc, fraction)
    assert len(removed) > inc.LARGE
    assert engine.update()
    assert_same_as_full(engine, doc, catalog)
    after = (engine.flows, engine.findings)
    computed.update(flows=0, all=0)
    undo(doc, removed)
    assert engine.update()
    assert (engine.flows, engine.findings) == before and engine.flows is before[0]  # put back, not recomputed
    assert computed == {"flows": 0, "all": 0}
    assert_same_as_full(engine, doc, catalog)
    computed.update(flows=0, all=0)  # (the full analysis above computed flows)
    for element, _ in removed:  # the redo
        (doc.remove_connection if hasattr(element, "between") else doc.remove_node)(element.id)
    assert engine.update()
    assert engine.flows is after[0] and engine.findings is after[1] and computed == {"flows": 0, "all": 0}
    assert_same_as_full(engine, doc, catalog)
    undo(doc, removed)  # and back again: the results stay right however often
    assert engine.update() and engine.flows is before[0]
    assert_same_as_full(engine, doc, catalog)


def test_results_are_not_put_back_for_a_design_that_differs(design, catalog):
    """Another version, a node changed meanwhile, or the elements back in another order: the
    results from before are not those of the design now."""
    doc, engine = design
    removed = delete(doc)
    engine.update()
    doc.set_exchange_version("2013" if doc.exchange_version != "2013" else "2016")
    engine.update()
    undo(doc, removed)
    engine.update()
    assert_same_as_full(engine, doc, catalog)

    removed = delete(doc, 0.8)
    engine.update()
    remaining = next(iter(doc.nodes.values()))
    doc.replace_node(replace(remaining, role="domain_controller" if remaining.role != "domain_controller" else "mailbox"))
    engine.update()
    undo(doc, removed)
    engine.update()
    assert_same_as_full(engine, doc, catalog)

    removed = delete(doc)
    engine.update()
    for element, _ in sorted(removed, key=lambda pair: hasattr(pair[0], "between")):  # nodes first, all appended
        (doc.add_connection if hasattr(element, "between") else doc.add_node)(element)
    engine.update()
    assert_same_as_full(engine, doc, catalog)


def test_a_node_moved_meanwhile_still_gets_the_results_back(design, catalog, computed):
    """Positions are not analysed: the design is the same one."""
    doc, engine = design
    before = engine.findings
    removed = delete(doc, 0.8)
    engine.update()
    remaining = next(iter(doc.nodes.values()))
    doc.replace_node(replace(remaining, pos=(remaining.pos[0] + 40, remaining.pos[1])))
    engine.update()
    computed.update(flows=0, all=0)
    undo(doc, removed)
    engine.update()
    assert engine.findings is before and computed == {"flows": 0, "all": 0}
    assert_same_as_full(engine, doc, catalog)
