"""Group nodes and DAGs: a group is one host group, a DAG runs its own paths among its members."""
from dataclasses import replace

from designer.analysis import FlowCache, boundary_rules, compute_flows
from designer.analysis.firewall import host_name
from designer.io.firewall_export import rule_rows
from designer.io.tables import matrix_rows
from designer.model import Member
from tests.conftest import build

ZONES = (("inet", "internet"), ("dmz", "perimeter"), ("lan", "internal"), ("w3", "internal"))
MEMBERS = tuple(Member(f"EX{i}", (f"10.1.0.{i}",)) for i in range(1, 5))


def _dag(doc, node_id="dag", members=MEMBERS, dag=True):
    doc.replace_node(replace(doc.node(node_id), name="DAG01", members=members, dag=dag))
    return doc


def _design(version="2019", connections=(("c1", "dag", "fsw"), ("c2", "dag", "edge"))):
    doc = build(version, ZONES, [("dag", "mailbox", "lan"), ("fsw", "witness_server", "w3"),
                                 ("edge", "edge_transport", "dmz")], connections)
    return _dag(doc)


def test_a_dag_runs_replication_and_cluster_among_its_members(catalog):
    flows = [f for f in compute_flows(_design(), catalog) if f.within_group]
    ports = {(str(f.port), f.service) for f in flows}
    assert ("64327/TCP", "DAG replication") in ports
    assert ("3343/UDP", "DAG cluster") in ports
    assert all(f.connection == "dag" and f.source == f.destination == "dag" and not f.crossing for f in flows)
    cluster = next(f for f in flows if str(f.port) == "3343/UDP")
    assert cluster.encryption == "DTLS" and "ms_ws_service_ports" in cluster.source_ids
    replication = next(f for f in flows if str(f.port) == "64327/TCP")
    assert replication.authentication == "Kerberos"


def test_a_group_that_is_not_a_dag_or_has_one_member_runs_no_paths_of_its_own(catalog):
    doc = _dag(_design(), dag=False)
    assert not [f for f in compute_flows(doc, catalog) if f.within_group]
    doc = _dag(_design(), members=MEMBERS[:1])
    assert not [f for f in compute_flows(doc, catalog) if f.within_group]


def test_the_witness_is_reached_over_smb_445_with_its_sources(catalog):
    flows = [f for f in compute_flows(_design(), catalog) if f.connection == "c1"]
    assert [(f.source, f.destination, str(f.port)) for f in flows] == [("dag", "fsw", "445/TCP")]
    assert flows[0].authentication == "Kerberos"
    assert {"ms_ex2016_manage_dags", "ms_ws_witness_troubleshooting"} <= set(flows[0].source_ids)
    flows13 = [f for f in compute_flows(_design("2013"), catalog) if f.connection == "c1"]
    assert [str(f.port) for f in flows13] == ["445/TCP"]
    assert "ms_ex2013_manage_dags" in flows13[0].source_ids


def test_rules_name_the_group_once_not_each_member_pair(catalog):
    doc = _design()
    boundaries = boundary_rules(doc, compute_flows(doc, catalog))
    rules = [r for b in boundaries for r in b.rules]
    smb = [r for r in rules if str(r.port) == "445/TCP"]
    assert len(smb) == 1 and (smb[0].source, smb[0].destination) == ("dag", "fsw")
    # Edge <-> DAG: one rule per port and direction, whatever the member count
    edge = [r for r in rules if "edge" in (r.source, r.destination)]
    assert len(edge) == len({(r.source, r.destination, r.port) for r in edge}) == 3
    rows = rule_rows(doc, catalog, boundaries)
    assert any(row[1] == "DAG01 (DAG of 4: EX1, EX2, EX3, EX4)" for row in rows)


def test_the_matrix_names_the_group_with_its_members(catalog):
    doc = _design()
    rows = matrix_rows(doc, catalog, compute_flows(doc, catalog))
    names = {row[0] for row in rows} | {row[1] for row in rows}
    assert "DAG01 (DAG of 4: EX1, EX2, EX3, EX4)" in names
    assert "FSW" in names  # a single server keeps its name


def test_host_name_of_a_plain_group():
    doc = build("2019", ZONES, [("dcs", "domain_controller", "lan")])
    _dag(doc, "dcs", MEMBERS[:2], dag=False)
    assert host_name(doc.node("dcs")) == "DAG01 (group of 2: EX1, EX2)"


def test_flow_cache_follows_member_changes(catalog):
    doc = _design()
    cache = FlowCache(catalog)
    assert cache.compute(doc) == compute_flows(doc, catalog)
    _dag(doc, members=MEMBERS[:1])
    assert cache.compute(doc) == compute_flows(doc, catalog)
    assert "dag" in cache.by_connection and cache.by_connection["dag"] == ()
    _dag(doc, members=MEMBERS)
    assert cache.compute(doc) == compute_flows(doc, catalog)
    assert cache.by_connection["dag"]
    doc.replace_node(replace(doc.node("dag"), dag=False))
    assert cache.compute(doc) == compute_flows(doc, catalog)
    assert "dag" not in cache.by_connection


def test_a_stretched_dag_two_halves_joined_by_a_connection(catalog):
    """The documented drawing: one DAG node per datacenter, the same name, joined by a line."""
    doc = build("2019", ZONES, [("a", "mailbox", "lan"), ("b", "mailbox", "lan")], [("ab", "a", "b")])
    _dag(doc, "a", MEMBERS[:2])
    _dag(doc, "b", MEMBERS[2:])
    flows = compute_flows(doc, catalog)
    between = {(f.source, f.destination, str(f.port)) for f in flows if f.connection == "ab"}
    assert {("a", "b", "64327/TCP"), ("a", "b", "3343/UDP")} <= between
    assert {f.connection for f in flows if f.within_group} == {"a", "b"}


def _rules(doc, catalog):
    from designer.analysis import analyse
    return [f for f in analyse(doc, catalog) if f.rule.startswith("dag_")]


def test_dag_findings_size_role_and_witness(catalog):
    # the witness connected, 4 members: nothing to say
    assert _rules(_design(), catalog) == []
    # no witness and an even number of members: a warning citing the DAG page
    doc = _design(connections=(("c2", "dag", "edge"),))
    found = _rules(doc, catalog)
    assert [(f.rule, f.severity, f.source) for f in found] == [("dag_even_needs_witness", "warning", "ms_ex2016_dags")]
    assert "DAG01 has an even number of members (4)" in found[0].message
    _dag(doc, members=MEMBERS[:3])  # odd: no witness needed
    assert _rules(doc, catalog) == []
    # 17 members, counted over the halves of a stretched DAG (same name)
    doc = build("2019", ZONES, [("a", "mailbox", "lan"), ("b", "mailbox", "lan"), ("w", "witness_server", "w3")],
                [("ab", "a", "b"), ("aw", "a", "w")])
    _dag(doc, "a", tuple(Member(f"A{i}") for i in range(9)))
    _dag(doc, "b", tuple(Member(f"B{i}") for i in range(8)))
    found = _rules(doc, catalog)
    assert [f.rule for f in found] == ["dag_at_most_16"] and set(found[0].nodes) == {"a", "b"}
    assert "17 members" in found[0].message
    # a DAG of domain controllers
    doc = build("2019", ZONES, [("dcs", "domain_controller", "lan")])
    _dag(doc, "dcs", MEMBERS[:3])
    assert [f.rule for f in _rules(doc, catalog)] == ["dag_mailbox_only"]
