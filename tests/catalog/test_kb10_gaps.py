"""Issue 10, the last gaps: values that Windows Server, Lync Server and the protocol specifications
state where the Exchange pages are silent. Each field names its own Microsoft source, and the value
is what that page says (its words are kept in the source's note)."""
import pytest

from designer.support.states import EncryptionKind

DNS_LOOKUPS = ("ex13_dns_next_hop", "ex13_dns_edge", "ex16_dns_mailbox", "ex16_dns_edge", "id_connect_dns")
MODERN = ("2013", "2016", "2019", "SE")


def _path(catalog, path_id):
    return next(p for p in catalog.paths if p.id == path_id)


def _says(catalog, source_id, words):
    source = catalog.sources[source_id]
    assert source.publisher == "microsoft" and source.url.startswith("https://")
    return words in " ".join((source.note or "").split())


@pytest.mark.parametrize("path_id", DNS_LOOKUPS)
def test_dns_lookups_have_no_authentication_and_no_encryption(catalog, path_id):
    path = _path(catalog, path_id)
    assert path.auth.default == "None" and path.auth.source == "ms_ws_why_dnssec"
    assert path.encryption.kind == EncryptionKind.NONE and path.encryption.source == "ms_ws_dns_encryption"
    assert _says(catalog, "ms_ws_why_dnssec", "an inherent lack of authentication and integrity checking")


def test_the_dag_cluster_authenticates_with_kerberos_and_certificates(catalog):
    path = _path(catalog, "dag13_cluster_service")
    assert path.auth.default.startswith("Kerberos") and path.auth_source == "ms_wsfc_security_settings"
    assert _says(catalog, path.auth_source, "Kerberos and certificate-based authentication is used exclusively")
    assert path.encryption.kind == EncryptionKind.ENCRYPTED  # DTLS, from Windows's port list


@pytest.mark.parametrize("path_id", ["hyb_agent_http_to_mailbox", "hyb13_agent_http_to_cas"])
def test_the_hybrid_agents_port_80_to_exchange_is_remote_powershell(catalog, path_id):
    path = _path(catalog, path_id)
    assert [str(p) for p in path.ports] == ["80/TCP"]
    assert path.auth.default == "Kerberos" and path.auth_source == "ms_exchange_remote_powershell"
    assert path.encryption.methods == ("Kerberos",) and path.encryption_source == "ms_winrm_security"


def test_um_reaches_lync_servers_over_mutual_tls(catalog):
    path = _path(catalog, "um_lync_av_authentication")
    assert path.auth.default == "mutual TLS" and path.encryption.kind == EncryptionKind.ENCRYPTED
    assert path.auth_source == path.encryption_source == "ms_lync2013_tls_mtls"
    assert _says(catalog, "ms_lync2013_tls_mtls", "All SIP communications between servers occur over MTLS")


def test_entra_connects_endpoint_mapper_query_and_ad_web_services(catalog):
    epm = _path(catalog, "id_connect_msrpc")
    assert epm.encryption.kind == EncryptionKind.NONE and epm.encryption_source == "ms_rpce"
    assert _says(catalog, "ms_rpce", "This query is performed anonymously")
    adws = _path(catalog, "id_connect_adws")
    assert adws.encryption.kind == EncryptionKind.POSSIBLE  # the protection level is negotiated
    assert "TLS" in adws.encryption.methods and adws.encryption_source == "ms_addm_endpoints"


def test_a_modern_field_that_names_its_own_source_names_a_microsoft_page(catalog):
    for path in catalog.paths:
        if not set(MODERN) & set(path.versions) or path.category == "third_party":
            continue
        for own in (path.auth.source, path.encryption.source):
            if own:
                assert catalog.sources[own].publisher == "microsoft", (path.id, own)


def test_the_hybrid_agents_crl_and_ocsp_downloads_are_anonymous(catalog):
    path = _path(catalog, "hyb_agent_http_out")
    assert [str(p) for p in path.ports] == ["80/TCP"] and path.encryption.kind == EncryptionKind.NONE
    assert path.auth.default == "Anonymous" and path.auth.supported == ("Anonymous",)
    assert path.auth_source == "ms_entra_connector_proxy_servers"
    assert _says(catalog, path.auth_source, "allow the connector anonymous access to the Internet destinations")
    assert _says(catalog, path.auth_source, "The connector uses these URLs to verify certificates")
    for version in MODERN:  # SE takes the path through its relation to 2019
        assert path.id in {p.id for p in catalog.query(version=version, port=80)}, version


@pytest.mark.parametrize("path_id", ["id_connect_to_entra_crl", "id_connect_to_adfs_crl"])
def test_entra_connects_crl_downloads_are_anonymous(catalog, path_id):
    path = _path(catalog, path_id)
    assert [str(p) for p in path.ports] == ["80/TCP"] and path.encryption.kind == EncryptionKind.NONE
    assert path.auth.default == "Anonymous" and path.auth.supported == ("Anonymous",)
    assert path.auth_source == "ms_whfb_entra_joined_sso"
    assert _says(catalog, path.auth_source,
                 "certificate validation doesn't provide an opportunity to authenticate prior to reading the CRL")
    # the chain from Entra Connect to Windows' certificate validation, each link on its own page
    assert _says(catalog, "ms_entra_connect_tshoot_connectivity", "these two are .NET applications")
    assert _says(catalog, "ms_kb_cryptoapi_crl_download", "The Crypto API internally uses the WinHTTP API")
    for source_id in ("ms_entra_connect_tshoot_connectivity", "ms_kb_cryptoapi_crl_download"):
        assert source_id in path.notes
