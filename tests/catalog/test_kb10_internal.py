"""Microsoft's rule on internal traffic as knowledge (issue 14): the 2013 and 2016/2019 network
ports pages say traffic between internal Exchange servers, and between them and domain
controllers or Lync/Skype for Business servers, must be unrestricted (any port, any protocol)."""
from __future__ import annotations

import pytest

from designer.analysis import analyse
from designer.catalog import Port
from tests.conftest import build

RULE_PAGE = {"2013": "ms_ex2013_network_ports", "2016": "ms_ex2016_network_ports",
             "2019": "ms_ex2016_network_ports"}
EXCHANGE = {"2013": ("mailbox", "client_access"), "2016": ("mailbox",), "2019": ("mailbox",)}


def _unrestricted(catalog, version, a, b):
    return [m for m in catalog.paths_between(version, a, b) if m.path.category == "unrestricted"]


def _is_any(path) -> bool:
    return len(path.ports) == 1 and path.ports[0].is_any


@pytest.mark.parametrize("version", ["2013", "2016", "2019"])
def test_internal_exchange_traffic_is_unrestricted_in_both_directions(catalog, version):
    exchange = EXCHANGE[version]
    pairs = [(a, b) for a in exchange for b in exchange]
    pairs += [(a, peer) for a in exchange for peer in ("domain_controller", "lync_server")]
    for a, b in pairs:
        matches = _unrestricted(catalog, version, a, b)
        directions = {m.forward for m in matches}
        # both ways, two servers of one role included (each may open the connection)
        assert directions == {True, False}, (version, a, b)
        for match in matches:
            assert _is_any(match.path), match.path.id
            assert match.path.source == RULE_PAGE[version], match.path.id


@pytest.mark.parametrize("version", ["2010", "2013", "2016", "2019"])
def test_edge_transport_is_excluded_from_the_rule(catalog, version):
    for peer in ("mailbox", "client_access", "hub_transport", "domain_controller", "edge_transport"):
        assert not _unrestricted(catalog, version, "edge_transport", peer), (version, peer)


def test_no_2010_page_is_claimed_for_the_rule(catalog):
    assert not [p for p in catalog.paths if p.category == "unrestricted" and "2010" in p.versions]
    assert not [p for p in catalog.paths if "2010" in p.versions and any(x.is_any for x in p.ports)]


@pytest.mark.parametrize("version,page", [("2013", "ms_ex2013_manage_ha"), ("2016", "ms_ex2016_manage_ha"),
                                          ("2019", "ms_ex2016_manage_ha")])
def test_dag_replication_port_is_a_documented_example(catalog, version, page):
    # "By default, all DAGs use TCP port 64327 for continuous replication."
    [dag] = [m.path for m in catalog.paths_between(version, "mailbox", "mailbox")
             if Port.parse("64327/TCP") in m.path.ports]
    assert dag.category == "replication" and dag.source == page
    assert catalog.sources[page].publisher == "microsoft"


def test_transport_between_mailbox_servers_is_a_documented_example(catalog):
    # Receive connectors: Default <ServerName> listens on 2525 and accepts the Transport service on
    # remote Mailbox servers; "the connections are encrypted with the Exchange server's self-signed certificate".
    [smtp] = [m.path for m in catalog.paths_between("2019", "mailbox", "mailbox") if m.path.service == "SMTP"]
    assert smtp.ports == (Port.parse("2525/TCP"),) and smtp.source == "ms_receive_connectors"
    assert smtp.encryption.default is True and "TLS" in smtp.encryption.methods
    assert "Exchange Server authentication" in smtp.auth.supported


def test_two_connected_2019_mailbox_servers_have_a_data_path(catalog):
    zones = (("lan", "internal"),)
    doc = build("2019", zones, [("mbx1", "mailbox", "lan"), ("mbx2", "mailbox", "lan"),
                                ("dc", "domain_controller", "lan"), ("adm", "admin_workstation", "lan")],
                [("c1", "mbx1", "mbx2"), ("c2", "mbx1", "dc"), ("c3", "mbx2", "dc"), ("c4", "adm", "mbx1")])
    missing = [f for f in analyse(doc, catalog) if f.rule == "no_data_path"]
    assert not [f for f in missing if set(f.connections) & {"c1", "c2", "c3"}]
