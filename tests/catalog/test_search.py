"""The one search over the knowledge base (the command line and the browser share it). No Qt."""
from __future__ import annotations

from argparse import Namespace

import pytest

from designer.catalog import VERSIONS, PathQuery, load_catalog, search_paths
from designer.catalog.search import haystack, split_terms, uses_port
from designer.cli.catalog import catalog_listing

SMALL = """\
sources:
  ms_page: {title: Network ports for clients, url: 'https://learn.microsoft.com/x', publisher: microsoft}
roles:
  - {id: imap_client, name: IMAP4 client, group: clients, tags: [client], versions: ['2013', '2016']}
  - {id: mailbox, name: Mailbox server, group: exchange, tags: [exchange], versions: ['2013', '2016']}
  - {id: ip_pbx, name: IP PBX, group: telephony, tags: [], versions: ['2013']}
paths:
  - id: imap_tls
    service: IMAP4
    title: Secure IMAP
    category: client_access
    versions: ['2016']
    from: imap_client
    to: mailbox
    ports: [993/TCP]
    protocol: IMAP4 over TLS
    auth: {default: Basic, supported: [Basic, NTLM]}
    encryption: {supported: true, methods: [TLS], default: true}
    source: ms_page
  - id: https_both
    service: Outlook on the web
    category: client_access
    versions: ['2013', '2016']
    from: imap_client
    to: mailbox
    ports: [443/TCP]
    auth: {default: null, supported: null}
    encryption: {supported: true, methods: [HTTPS], default: true}
    notes: Published through the reverse proxy.
    source: ms_page
  - id: rtp
    service: RTP
    category: unified_messaging
    versions: ['2013']
    from: ip_pbx
    to: mailbox
    ports: [1024-65535/UDP]
    auth: {default: null, supported: null}
    encryption: {supported: true, methods: [SRTP], default: false}
    source: ms_page
    status: unconfirmed
"""


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kb")
    (folder / "kb.yaml").write_text(SMALL)
    return load_catalog(folder)


@pytest.fixture(scope="module")
def real():
    return load_catalog()


def ids(paths):
    return [p.id for p in paths]


def test_no_query_returns_every_path_in_catalog_order(small):
    assert ids(search_paths(small)) == ["imap_tls", "https_both", "rtp"]
    assert ids(search_paths(small, PathQuery())) == ["imap_tls", "https_both", "rtp"]


@pytest.mark.parametrize("query, expected", [
    (PathQuery(version="2016"), ["imap_tls", "https_both"]),
    (PathQuery(version="2013"), ["https_both", "rtp"]),
    (PathQuery(port=993), ["imap_tls"]),
    (PathQuery(port=50000), ["rtp"]),           # inside a range
    (PathQuery(port=25), []),
    (PathQuery(role="ip_pbx"), ["rtp"]),
    (PathQuery(role="mailbox"), ["imap_tls", "https_both", "rtp"]),  # either end
    (PathQuery(service="imap"), ["imap_tls"]),  # part of the name, any case
    (PathQuery(service="  IMAP4 "), ["imap_tls"]),
    (PathQuery(status="unconfirmed"), ["rtp"]),
    (PathQuery(status="confirmed", version="2013"), ["https_both"]),
    (PathQuery(version="2016", port=443, role="imap_client", service="web"), ["https_both"]),
    (PathQuery(version="2010"), []),
])
def test_filters(small, query, expected):
    assert ids(search_paths(small, query)) == expected


@pytest.mark.parametrize("text, expected", [
    ("443", ["https_both"]),                 # a number is a port
    ("993/tcp", ["imap_tls"]),               # a port with its transport
    ("993/UDP", []),
    ("5000-6000/UDP", ["rtp"]),              # overlapping ranges
    ("2013", ["https_both", "rtp"]),         # a version, not the port 2013 inside 1024-65535
    ("udp", ["rtp"]),                        # the transport of a port
    ("ntlm", ["imap_tls"]),                  # supported authentication
    ("srtp", ["rtp"]),                       # encryption methods
    ("IP PBX", ["rtp"]),                     # role names; both terms must match
    ("ip_pbx", ["rtp"]),                     # role ids
    ("reverse proxy", ["https_both"]),       # the notes
    ('"secure imap"', ["imap_tls"]),         # a quoted phrase (the title)
    ('"imap secure"', []),
    ("unified messaging", ["rtp"]),          # the category, in words
    ("network ports", ["imap_tls", "https_both", "rtp"]),  # the source's title
    ("https 2016", ["https_both"]),
    ("https 2013 993", []),
    ("   ", ["imap_tls", "https_both", "rtp"]),
    ('imap "unbalanced', []),                # no error, just text
])
def test_free_text(small, text, expected):
    assert ids(search_paths(small, PathQuery(text=text))) == expected


def test_free_text_and_filters_combine(small):
    assert ids(search_paths(small, PathQuery(text="mailbox", version="2016", port=993))) == ["imap_tls"]


def test_split_terms():
    assert split_terms('Edge "mutual TLS"  443') == ["edge", "mutual tls", "443"]
    assert split_terms('say "hello') == ["say", "hello"]
    assert split_terms("") == []


def test_haystack_names_roles_and_source(small):
    fields, prose = haystack(small, small.paths[0])
    assert "imap4 client" in fields and "mailbox server" in fields and "network ports for clients" in fields
    assert not prose.strip()


def test_notes_match_at_the_start_of_a_word(small):
    assert ids(search_paths(small, PathQuery(text="prox"))) == ["https_both"]   # "proxy"
    assert ids(search_paths(small, PathQuery(text="roxy"))) == []               # not inside a word
    assert ids(search_paths(small, PathQuery(text="ublish"))) == []
    assert ids(search_paths(small, PathQuery(text="cure"))) == ["imap_tls"]     # fields: any part ("Secure")


def test_port_443_in_2016_is_https_in_the_real_catalog(real):
    found = search_paths(real, PathQuery(text="443", version="2016"))
    assert found and all(uses_port(p, 443) and "2016" in p.versions for p in found)
    assert {"Outlook on the web", "Exchange ActiveSync", "EWS"} <= {p.service for p in found}


def test_unified_messaging_is_there_in_2010_and_gone_in_2019(real):
    assert search_paths(real, PathQuery(version="2010", role="unified_messaging"))
    assert search_paths(real, PathQuery(version="2019", role="unified_messaging")) == []


def test_every_entry_is_found_by_its_service_and_by_each_of_its_versions(real):
    for path in real.paths:
        assert path in search_paths(real, PathQuery(text=f'"{path.service}"'))
        for version in path.versions:
            assert path in search_paths(real, PathQuery(version=version, service=path.service))


def test_catalog_query_is_the_same_search(real):
    for version in (None, *VERSIONS):
        for port in (None, 25, 443, 5060):
            assert real.query(version, port) == search_paths(real, PathQuery(version=version, port=port))
    assert real.query(role="edge_transport", service="edgesync") == \
        search_paths(real, PathQuery(role="edge_transport", service="EdgeSync"))


def test_the_command_line_lists_what_the_search_finds(real):
    args = Namespace(format="text", roles=False, firewall=False, legacy=False,
                     exchange_version="2016", port=443, role=None, service=None)
    listing = catalog_listing(real, args)
    found = search_paths(real, PathQuery(version="2016", port=443))
    assert listing.rstrip().endswith(f"{len(found)} data path(s).")


def test_free_text_also_matches_the_role_names_the_caller_gives(catalog):
    names = {"mailbox": "Servidor de buzones"}
    found = search_paths(catalog, PathQuery(text="buzones"), role_name=lambda role: names.get(role, role))
    assert found and all("mailbox" in p.sources_roles + p.target_roles for p in found)
    assert search_paths(catalog, PathQuery(text="buzones")) == []
