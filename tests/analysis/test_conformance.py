"""Conformance: the knowledge base and the findings agree with each other and with the designs
architects draw every day. Every data path of every version can be drawn without a "no data
path" error, and everyday designs check free of errors."""
import pytest

from designer.analysis import analyse
from designer.catalog import VERSIONS
from tests.conftest import build

ERRORS_OF_THE_KB = {"no_data_path", "role_not_in_version", "unknown_role"}


def _cases(catalog):
    for version in VERSIONS:
        for path in catalog.paths:
            if version in path.versions:  # a path may name roles of other versions too
                for a in path.sources_roles:
                    for b in path.target_roles:
                        if catalog.roles[a].available_in(version) and catalog.roles[b].available_in(version):
                            yield version, path.id, a, b


def test_every_data_path_can_be_drawn_in_every_version_it_names(catalog):
    failures = []
    for version, path_id, a, b in _cases(catalog):
        nodes = [("a", a, "lan"), ("b", b, "lan")]
        doc = build(version, [("lan", "internal")], nodes, [("c1", "a", "b")])
        bad = [f for f in analyse(doc, catalog) if f.rule in ERRORS_OF_THE_KB]
        if bad:
            failures.append(f"{version} {path_id} {a}-{b}: {bad[0].message}")
    assert not failures, "\n".join(failures[:20])


ZONES = (("inet", "internet"), ("dmz", "perimeter"), ("lan", "internal"))


def _errors(doc, catalog):
    return [f"{f.rule}: {f.message}" for f in analyse(doc, catalog) if f.severity == "error"]


@pytest.mark.parametrize("version", ["2016", "2019", "SE"])
def test_a_dag_with_a_domain_controller_and_an_admin_workstation_has_no_errors(catalog, version):
    doc = build(version, ZONES,
                [("mbx1", "mailbox", "lan"), ("mbx2", "mailbox", "lan"), ("dc", "domain_controller", "lan"),
                 ("admin", "admin_workstation", "lan")],
                [("c1", "mbx1", "mbx2"), ("c2", "mbx1", "dc"), ("c3", "mbx2", "dc"), ("c4", "admin", "mbx1")])
    assert _errors(doc, catalog) == []


def test_a_2010_organisation_without_edge_has_no_errors(catalog):
    doc = build("2010", ZONES,
                [("net", "internet_mail", "inet"), ("hub", "hub_transport", "lan"), ("dns", "dns_server", "lan"),
                 ("cas", "client_access", "lan"), ("mbx", "mailbox", "lan"), ("dc", "domain_controller", "lan"),
                 ("ol", "outlook", "lan")],
                [("c1", "net", "hub"), ("c2", "hub", "dns"), ("c3", "ol", "cas"), ("c4", "cas", "mbx"),
                 ("c5", "hub", "mbx"), ("c6", "hub", "dc"), ("c7", "cas", "dc"), ("c8", "mbx", "dc")])
    assert _errors(doc, catalog) == []


def test_a_2013_split_of_client_access_and_mailbox_has_no_errors(catalog):
    doc = build("2013", ZONES,
                [("ol", "outlook", "lan"), ("cas", "client_access", "lan"), ("mbx", "mailbox", "lan"),
                 ("dc", "domain_controller", "lan"), ("admin", "admin_workstation", "lan")],
                [("c1", "ol", "cas"), ("c2", "cas", "mbx"), ("c3", "cas", "dc"), ("c4", "mbx", "dc"),
                 ("c5", "admin", "cas")])
    assert _errors(doc, catalog) == []


@pytest.mark.parametrize("version", ["2016", "2019", "SE"])
def test_edge_in_front_of_a_dag_has_no_errors(catalog, version):
    doc = build(version, ZONES,
                [("net", "internet_mail", "inet"), ("edge", "edge_transport", "dmz"),
                 ("mbx1", "mailbox", "lan"), ("mbx2", "mailbox", "lan"), ("dc", "domain_controller", "lan")],
                [("c1", "net", "edge"), ("c2", "edge", "mbx1"), ("c3", "edge", "mbx2"), ("c4", "mbx1", "mbx2"),
                 ("c5", "mbx1", "dc"), ("c6", "mbx2", "dc")])
    assert _errors(doc, catalog) == []


def test_findings_read_well_articles_agree_and_cite_known_pages(catalog):
    """No "a Edge Transport server" or "a Internet mail host"; a cited page is in the knowledge base."""
    import re

    doc = build("2016", ZONES,
                [("edge", "edge_transport", "lan"), ("net", "internet_mail", "dmz"), ("mbx", "mailbox", "dmz"),
                 ("browser", "owa_browser", "inet")],
                [("c1", "net", "edge"), ("c2", "browser", "mbx")])
    findings = analyse(doc, catalog)
    assert findings
    for finding in findings:
        assert not re.search(r"\ba [AEIOU]", finding.message), finding.message
        assert finding.source is None or finding.source in catalog.sources, finding.rule
    kinds = {f.rule for f in findings}
    assert {"expected_zone", "mailbox_exposed"} <= kinds
