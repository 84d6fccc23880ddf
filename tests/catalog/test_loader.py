import pytest

from designer.catalog import VERSIONS, CatalogError, load_catalog

GOOD = """\
sources:
  ms_page: {title: A page, url: 'https://learn.microsoft.com/x', publisher: microsoft}
roles:
  - {id: a, name: A, group: clients, tags: [client], versions: ['2016']}
  - {id: b, name: B, group: exchange, tags: [exchange], versions: ['2016']}
paths:
  - id: p1
    service: SMTP
    category: mail_flow
    versions: ['2016']
    from: a
    to: [b]
    ports: [25/TCP]
    auth: {default: null, supported: null}
    encryption: {supported: true, methods: [TLS], default: false}
    source: ms_page
"""


def _load(tmp_path, text):
    (tmp_path / "kb.yaml").write_text(text)
    return load_catalog(tmp_path)


def test_small_catalog_loads(tmp_path):
    catalog = _load(tmp_path, GOOD)
    [match] = catalog.paths_between("2016", "b", "a")
    assert match.forward is False and match.path.encryption.kind == "optional"
    assert catalog.services_between("2016", "a", "b") == ["SMTP"]
    assert catalog.paths_between("2019", "a", "b") == []


@pytest.mark.parametrize("change,line,message", [
    (("to: [b]", "to: [zz]"), 7, "unknown role 'zz'"),
    (("ports: [25/TCP]", "ports: [25/SCTP]"), 13, "not a port like 443/TCP"),
    (("ports: [25/TCP]", "ports: [70000/TCP]"), 13, "within 1-65535"),
    (("source: ms_page", "source: nowhere"), 7, "source 'nowhere' is not defined"),
    (("versions: ['2016']\n    from", "versions: ['2007']\n    from"), 10, "unknown version '2007'"),
    (("category: mail_flow", "category: misc"), 9, "'category' is 'misc'"),
    (("id: b,", "id: a,"), 5, "duplicate roles id 'a'"),
    (("paths:", "pathz:"), 6, "unknown top-level key 'pathz'"),
    (("    service: SMTP\n", ""), 7, "'service' is required"),
])
def test_mistakes_are_reported_with_file_and_line(tmp_path, change, line, message):
    with pytest.raises(CatalogError) as info:
        _load(tmp_path, GOOD.replace(*change))
    assert info.value.line == line, str(info.value)
    assert message in str(info.value) and "kb.yaml" in str(info.value)


def test_real_catalog_is_consistent(catalog):
    assert set(catalog.roles) >= {
        "outlook", "owa_browser", "activesync_device", "imap_client", "pop_client", "smtp_client",
        "ews_client", "thunderbird", "davmail_gateway", "reverse_proxy", "mailbox", "client_access",
        "hub_transport", "edge_transport", "domain_controller", "unified_messaging", "ip_pbx",
        "dns_server", "internet_mail"}
    assert len({p.id for p in catalog.paths}) == len(catalog.paths)
    for path in catalog.paths:
        assert set(path.versions) <= set(VERSIONS)
        source = catalog.source(path.source)
        assert source is not None
        if path.category != "third_party" and path.category != "publishing":
            assert source.is_microsoft, f"{path.id} must cite Microsoft"
        if source.is_microsoft:
            assert source.url and source.url.startswith("https://"), path.id


def test_versions_share_paths_instead_of_copying_them(catalog):
    """What one Microsoft page gives for several versions is one entry, not one per version."""
    rows = {}
    for path in catalog.paths:
        key = (path.source, path.service, path.sources_roles, path.target_roles, path.ports, path.auth, path.encryption)
        rows.setdefault(key, []).append(path)
    copies = [paths for paths in rows.values() if len(paths) > 1]
    assert not copies, [[p.id for p in paths] for paths in copies]


def test_coverage_of_the_source_document(catalog):
    def ports(version, a, b):
        return {str(port) for m in catalog.paths_between(version, a, b) for port in m.path.ports}

    assert "50636/TCP" in ports("2016", "mailbox", "edge_transport")
    assert {"143/TCP", "993/TCP"} <= ports("2019", "imap_client", "mailbox")
    assert {"110/TCP", "995/TCP"} <= ports("2013", "pop_client", "client_access")
    assert "587/TCP" in ports("2016", "smtp_client", "mailbox")
    assert {"53/UDP", "53/TCP"} <= ports("2016", "edge_transport", "dns_server")
    assert {"1081/TCP", "1080/TCP", "23/TCP", "6588/TCP", "3128/TCP", "80/TCP"} == {
        str(p) for p in next(m.path for m in catalog.paths_between("2016", "edge_transport", "internet_mail")
                             if m.path.service == "Open proxy detection").ports}
    for version in VERSIONS:
        assert "389/TCP" in ports(version, "mailbox", "domain_controller"), version
    assert {"1143/TCP", "1025/TCP", "1080/TCP", "1389/TCP"} <= ports("2010", "thunderbird", "davmail_gateway")
    assert "443/TCP" in ports("2010", "davmail_gateway", "client_access")
    assert "443/TCP" in ports("2016", "evolution", "mailbox")
    assert "443/TCP" in ports("2016", "outlook", "reverse_proxy")
    assert "443/TCP" in ports("2016", "reverse_proxy", "mailbox")
    assert "5061/TCP" in ports("2010", "ip_pbx", "unified_messaging")
    assert "5061/TCP" in ports("2013", "ip_pbx", "client_access")
    assert ports("2019", "ip_pbx", "mailbox") == set()
    assert catalog.firewall_rules and catalog.legacy_ports
    services = {p.service for p in catalog.query(version="2016")}
    for name in ("Autodiscover", "Exchange ActiveSync", "EWS", "OAB", "Outlook Anywhere",
                 "MAPI over HTTP", "Outlook on the web", "IMAP4", "POP3"):
        assert name in services, name


def test_imap_and_pop_are_disabled_by_default(catalog):
    for path in catalog.query(version="2016"):
        if path.service in ("IMAP4", "POP3"):
            assert path.disabled_by_default, path.id


def test_texts_for_readers_name_no_internal_ids(catalog):
    """Notes reach reports and tooltips: they may point to another path, but by its title."""
    ids = {p.id for p in catalog.paths}
    texts = [(p.id, p.notes or "") for p in catalog.paths]
    texts += [(r.name, getattr(r, "notes", None) or "") for r in catalog.firewall_rules]
    leaks = [(owner, i) for owner, text in texts for i in ids if i in text]
    assert not leaks
