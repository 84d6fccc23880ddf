"""Issue 14, knowledge-base part for Exchange 2010 and Microsoft's rule on internal traffic.

The expected values are Microsoft's: the Exchange 2010 "Exchange Network Port Reference" rows
(read from the structured extract beside the project when it is at hand), the 2010 pages on
RPC Client Access, Outlook Anywhere and SSL, and the ground rules of the 2013 and 2016/2019
network ports pages.
"""
from __future__ import annotations

import yaml

import pytest

from designer.analysis import analyse
from designer.catalog import Port
from tests.catalog.test_source_tables import REFERENCE
from tests.conftest import build

HTTP_ROWS = ("autodiscover", "availability_service", "outlook_oab", "owa", "cas_to_cas_activesync",
             "cas_to_cas_owa", "um_web_service")


def _between(catalog, version, a, b):
    return [m.path for m in catalog.paths_between(version, a, b)]


def _ports(paths):
    return {port for p in paths for port in p.ports}


def _by_id(catalog, path_id):
    [path] = [p for p in catalog.paths if p.id == path_id]
    return path


# ---------------------------------------------------------------- 2010 without Edge Transport
def test_2010_hub_transport_reaches_the_internet_and_dns_without_edge(catalog):
    to_internet = _between(catalog, "2010", "internet_mail", "hub_transport")
    assert Port.parse("25/TCP") in _ports(to_internet)
    assert {p.sources_roles for p in to_internet} == {("internet_mail",), ("hub_transport",)}  # both ways
    assert all(p.source == "ms_ex2010_hub_transport_overview" for p in to_internet)
    assert catalog.sources["ms_ex2010_hub_transport_overview"].publisher == "microsoft"
    dns = _between(catalog, "2010", "hub_transport", "dns_server")
    assert {Port.parse("53/UDP"), Port.parse("53/TCP")} <= _ports(dns)


def test_a_2010_organisation_without_edge_has_no_missing_data_path(catalog):
    zones = (("inet", "internet"), ("lan", "internal"))
    doc = build("2010", zones, [("mx", "internet_mail", "inet"), ("hub", "hub_transport", "lan"),
                                ("dns", "dns_server", "lan")],
                [("c1", "mx", "hub"), ("c2", "hub", "dns")])
    assert not [f for f in analyse(doc, catalog) if f.rule == "no_data_path"]


# ------------------------------------------------------------------- Outlook to Client Access
def test_2010_outlook_has_its_rpc_connection_to_client_access(catalog):
    rpc = _by_id(catalog, "ex10_outlook_rpc_client_access")
    assert rpc.sources_roles == ("outlook",) and rpc.target_roles == ("client_access",)
    assert rpc.ports == (Port.parse("135/TCP"),)  # the RPC endpoint mapper; then dynamic RPC
    assert rpc.encryption.methods == ("RPC encryption",)
    assert catalog.sources[rpc.source].publisher == "microsoft"
    services = catalog.services_between("2010", "outlook", "client_access")
    assert {"Autodiscover", "Availability", "OAB", "UM Web service", "MAPI (RPC)", "Outlook Anywhere"} <= set(services)


@pytest.mark.parametrize("client,service", [("outlook", "Outlook Anywhere"),
                                            ("activesync_device", "Exchange ActiveSync"),
                                            ("ews_client", "EWS")])
def test_2010_web_services_draw_flows_on_443(catalog, client, service):
    paths = [p for p in _between(catalog, "2010", client, "client_access") if p.service == service]
    assert Port.parse("443/TCP") in _ports(paths)
    assert all(catalog.sources[p.source].publisher == "microsoft" for p in paths)


def test_outlook_anywhere_and_activesync_are_ssl_by_default(catalog):
    # "Understanding Digital Certificates and SSL" (Exchange 2010): OWA, EAS and Outlook Anywhere
    # client traffic is SSL-encrypted by default; POP3 and IMAP4 are not configured for SSL.
    for path_id in ("ex10_outlook_anywhere_https", "ex10_activesync_https"):
        path = _by_id(catalog, path_id)
        assert path.encryption.default is True and path.ports == (Port.parse("443/TCP"),)


# ------------------------------------------------------------------------ 80/TCP is plain HTTP
def test_no_2010_path_calls_port_80_encrypted(catalog):
    port_80 = [p for p in catalog.paths if "2010" in p.versions and Port.parse("80/TCP") in p.ports]
    assert port_80
    for path in port_80:
        assert path.ports == (Port.parse("80/TCP"),), path.id  # never shares a path with 443
        if path.encryption.source == "ms_winrm_security":
            # Exchange remote PowerShell (http://<server>/PowerShell/): WinRM encrypts the
            # messages itself with Kerberos over plain HTTP, as that page says; HTTP is not TLS.
            assert path.encryption.methods == ("Kerberos",) and "TLS" not in (path.encryption.label or ""), path.id
            continue
        assert path.encryption.supported is False and path.encryption.default is False, path.id
        assert path.encryption.methods == (), path.id


@pytest.mark.parametrize("row", HTTP_ROWS)
def test_http_rows_are_split_into_80_and_443(catalog, row):
    paths = [p for p in catalog.paths if row in p.source_rows and p.source == "ms_ex2010_port_reference"]
    by_port = {p.ports: p for p in paths}
    assert set(by_port) == {(Port.parse("80/TCP"),), (Port.parse("443/TCP"),)}
    http, https = by_port[(Port.parse("80/TCP"),)], by_port[(Port.parse("443/TCP"),)]
    assert http.auth == https.auth  # the row's authentication cells hold for both ports
    assert https.encryption.supported is True and https.encryption.methods


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="the reference extracts are not beside the project")
def test_443_paths_carry_the_tables_encryption_cells(catalog):
    data = yaml.safe_load((REFERENCE / "exchange-2010-ports.yaml").read_text(encoding="utf-8"))
    rows = {r["id"]: r for section in ("client_access_data_paths", "unified_messaging_data_paths")
            for r in data[section] if r["id"] in HTTP_ROWS}
    assert set(rows) == set(HTTP_ROWS)
    for row_id, row in rows.items():
        [https] = [p for p in catalog.paths if row_id in p.source_rows and Port.parse("443/TCP") in p.ports]
        assert https.auth.default == row["default_auth"], row_id
        assert https.encryption.default == row["encrypted_by_default"], row_id
        methods = {m.strip() for m in (row["encryption_method"] or "").split(",")}
        assert methods <= set(https.encryption.methods), row_id


# ----------------------------------------------------------------------------- data faults
def test_publishing_paths_without_a_microsoft_page_are_unconfirmed(catalog):
    publishing = [p for p in catalog.paths if p.category == "publishing"]
    assert publishing
    for path in publishing:
        if catalog.sources[path.source].publisher != "microsoft":
            assert path.status == "unconfirmed", path.id


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="the reference extracts are not beside the project")
def test_2010_clustering_matches_the_table(catalog):
    data = yaml.safe_load((REFERENCE / "exchange-2010-ports.yaml").read_text(encoding="utf-8"))
    [row] = [r for r in data["mailbox_data_paths"] if r["id"] == "mailbox_clustering"]
    path = _by_id(catalog, "ex10_mailbox_clustering")
    assert {str(p) for p in path.ports} == {f"{e['port']}/{e['transport']}" for e in row["ports"]}
    assert path.auth.default == row["default_auth"]
    assert path.encryption.default == row["encrypted_by_default"]
    assert not any(p.low == 3343 for p in path.ports)  # only a third-party summary names 3343


# ------------------------------------------------------------------ per-field sources (2010)
def test_2010_auth_and_encryption_cite_microsoft(catalog):
    ex10 = [p for p in catalog.paths if p.id.startswith("ex10_")]
    assert len(ex10) > 60
    for path in ex10:
        if path.auth.default is not None or path.auth.supported is not None:
            assert catalog.sources[path.auth_source].publisher == "microsoft", path.id
        if path.encryption.supported is not None:
            assert catalog.sources[path.encryption_source].publisher == "microsoft", path.id


def test_2010_fields_from_other_pages_name_those_pages(catalog):
    anywhere = _by_id(catalog, "ex10_outlook_anywhere_https")
    assert anywhere.auth_source == "ms_ex2010_outlook_anywhere_recommendations"
    assert set(anywhere.auth.supported) == {"NTLM", "Basic"}  # NTLM over SSL, or Basic over SSL
    assert anywhere.encryption_source == "ms_ex2010_digital_certs_ssl"
    assert _by_id(catalog, "ex10_activesync_https").encryption_source == "ms_ex2010_digital_certs_ssl"
    assert _by_id(catalog, "ex10_outlook_rpc_client_access").encryption_source == \
        "ms_ex2010_rpc_client_access_encryption"
    # the transport notes: "Mutual TLS is used as the authentication and encryption mechanism"
    for path_id in ("ex10_hub_to_edge_smtp", "ex10_edge_to_hub_smtp"):
        assert _by_id(catalog, path_id).encryption.label == "mutual TLS"
