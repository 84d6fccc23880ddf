"""The knowledge base's versions (lifecycle, SE through 2019), per-field sources and any-port
paths: the loader's rules on small catalogs, and what the shipped catalog says."""
from datetime import date

import pytest

from designer.catalog import ANY_PORT, CatalogError, Port, load_catalog

BASE = """\
sources:
  ms_ports: {title: Ports page, url: 'https://learn.microsoft.com/ports', publisher: microsoft}
  ms_auth: {title: Auth page, url: 'https://learn.microsoft.com/auth', publisher: microsoft}
  ms_tls: {title: TLS page, url: 'https://learn.microsoft.com/tls', publisher: microsoft}
  ms_se: {title: SE page, url: 'https://learn.microsoft.com/se', publisher: microsoft}
  ms_life: {title: Lifecycle, url: 'https://learn.microsoft.com/life', publisher: microsoft}
roles:
  - {id: a, name: A, group: exchange, tags: [exchange], versions: ['2019']}
  - {id: b, name: B, group: exchange, tags: [exchange], versions: ['2019']}
paths:
  - id: smtp
    service: SMTP
    category: mail_flow
    versions: ['2019']
    from: a
    to: b
    ports: [25/TCP]
    auth: {default: Exchange Server auth, supported: [ExchangeServer], source: ms_auth}
    encryption: {supported: true, methods: [TLS], default: true, label: mutual TLS, source: ms_tls}
    source: ms_ports
  - id: any
    service: Unrestricted
    category: unrestricted
    versions: ['2019']
    from: a
    to: b
    ports: [any]
    auth: {default: null, supported: null}
    encryption: {supported: null, methods: [], default: null}
    source: ms_ports
versions:
  - {id: '2019', name: Exchange Server 2019, end_of_support: 2025-10-14, lifecycle: fixed, source: ms_life}
  - id: SE
    name: Exchange Server Subscription Edition
    end_of_support: null
    lifecycle: modern
    source: ms_life
    paths_as: '2019'
    paths_as_source: ms_se
    except:
      - {path: any, source: ms_se, note: an example of a path SE left out}
"""


def _load(tmp_path, text):
    (tmp_path / "kb.yaml").write_text(text)
    return load_catalog(tmp_path)


def test_fields_carry_their_own_sources(tmp_path):
    catalog = _load(tmp_path, BASE)
    smtp = next(p for p in catalog.paths if p.id == "smtp")
    assert (smtp.source, smtp.auth_source, smtp.encryption_source) == ("ms_ports", "ms_auth", "ms_tls")
    assert smtp.encryption.label == "mutual TLS" and smtp.auth.default == "Exchange Server auth"
    assert smtp.source_ids("2019") == ("ms_ports", "ms_auth", "ms_tls")
    # a field without a source of its own has the path's
    anyp = next(p for p in catalog.paths if p.id == "any")
    assert anyp.auth_source == anyp.encryption_source == "ms_ports"


def test_se_takes_the_paths_of_2019_with_its_own_source_except_what_it_excepts(tmp_path):
    catalog = _load(tmp_path, BASE)
    assert [m.path.id for m in catalog.paths_between("SE", "a", "b")] == ["smtp"]
    assert [m.path.id for m in catalog.paths_between("2019", "a", "b")] == ["smtp", "any"]
    smtp = next(p for p in catalog.paths if p.id == "smtp")
    assert smtp.inherited_source("SE") == "ms_se" and smtp.inherited_source("2019") is None
    assert smtp.source_ids("SE") == ("ms_ports", "ms_auth", "ms_tls", "ms_se")
    assert catalog.roles["a"].available_in("SE")
    se = catalog.version("SE")
    assert se.lifecycle == "modern" and se.end_of_support is None and se.supported_on(date(2030, 1, 1))
    old = catalog.version("2019")
    assert old.end_of_support == date(2025, 10, 14)
    assert old.supported_on(date(2025, 10, 14)) and not old.supported_on(date(2025, 10, 15))


def test_any_port_means_any_port_and_protocol(tmp_path):
    catalog = _load(tmp_path, BASE)
    anyp = next(p for p in catalog.paths if p.id == "any")
    assert anyp.unrestricted and anyp.ports == (ANY_PORT,)
    assert str(ANY_PORT) == "any" and ANY_PORT.value == "any"
    assert ANY_PORT.overlaps(Port.parse("64327/TCP")) and Port.parse("ANY") == ANY_PORT


@pytest.mark.parametrize("change,message", [
    (("source: ms_auth}", "source: nowhere}"), "auth source 'nowhere' is not defined"),
    (("label: mutual TLS, source: ms_tls}", "source: gone}"), "encryption source 'gone' is not defined"),
    (("end_of_support: 2025-10-14", "end_of_support: soon"), "'end_of_support' must be a date"),
    (("{path: any,", "{path: nothing,"), "'except' names unknown path 'nothing'"),
    (("paths_as: '2019'", "paths_as: '2007'"), "'paths_as' must be another version"),
    (("lifecycle: modern", "lifecycle: forever"), "'lifecycle' is 'forever'"),
    (("- {id: '2019', name", "- {id: '2021', name"), "unknown version '2021'"),
])
def test_mistakes_in_versions_and_fields_are_reported(tmp_path, change, message):
    with pytest.raises(CatalogError) as info:
        _load(tmp_path, BASE.replace(*change))
    assert message in str(info.value) and "kb.yaml" in str(info.value) and info.value.line


def test_the_shipped_catalog_has_every_version_with_its_lifecycle(catalog):
    assert set(catalog.version_info) == {"2010", "2013", "2016", "2019", "SE"}
    assert catalog.version("2016").end_of_support == date(2025, 10, 14)
    assert catalog.version("2019").end_of_support == date(2025, 10, 14)
    se = catalog.version("SE")
    assert se.paths_as == "2019" and se.lifecycle == "modern"
    # SE has the 2019 paths through the relation, none copied
    for path in catalog.paths:
        if "SE" in path.versions and "2019" in path.versions:
            assert path.inherited_source("SE") == se.paths_as_source
    assert catalog.paths_between("SE", "edge_transport", "mailbox")
