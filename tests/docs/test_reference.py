"""The knowledge base reference (designer/catalog_reference.py) says what the catalog says.

The pages are parsed with markdown-it (the parser MyST builds on), so the checks read what a
reader sees: the text of each entry, the cells of each table, the addresses of the links.
"""
from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from designer.analysis import encryption_label
from designer.catalog import VERSIONS, load_catalog
from designer.io.catalog_reference import main, reference_pages

_md = MarkdownIt("commonmark").enable("table")
LABEL = re.compile(r"^\((kb-[^)]+)\)=$", re.MULTILINE)


def plain(markdown: str) -> str:
    """The text a reader sees (inline markup dropped), whitespace collapsed."""
    out = []
    for token in _md.parse(markdown):
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                out.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                out.append(" ")
        if token.type in ("paragraph_close", "list_item_close", "th_close", "td_close", "heading_close"):
            out.append("\n")
    return "\n".join(" ".join(line.split()) for line in "".join(out).split("\n") if line.strip())


def links(markdown: str) -> list[str]:
    found = []
    for token in _md.parse(markdown):
        for child in token.children or ():
            if child.type == "link_open":
                found.append(child.attrs["href"])
    return found


def entries(page: str) -> dict[str, str]:
    """The Markdown of each data path's entry on a version page, by its label."""
    marks = list(LABEL.finditer(page))
    return {m.group(1): page[m.end():marks[i + 1].start() if i + 1 < len(marks) else len(page)]
            for i, m in enumerate(marks)}


def squash(text: str | None) -> str:
    return " ".join((text or "").split())


@pytest.fixture(scope="module")
def pages(catalog):
    return reference_pages(catalog)


def test_there_is_a_page_per_version_and_the_index_lists_them(pages):
    assert set(pages) == {"index.md", "sources.md", "support-rules.md", "reference-tables.md",
                          *(f"exchange-{v}.md" for v in VERSIONS)}
    toctree = pages["index.md"].split("```{toctree}")[1].split("```")[0].splitlines()
    assert {f"{name}.md" for name in toctree if name and not name.startswith(":")} == set(pages) - {"index.md"}


def test_every_data_path_is_on_the_page_of_each_of_its_versions_and_no_other(catalog, pages):
    for version in VERSIONS:
        found = entries(pages[f"exchange-{version}.md"])
        wanted = {f"kb-{version}-{p.id}" for p in catalog.paths if version in p.versions}
        assert set(found) == wanted, version
        assert len(LABEL.findall(pages[f"exchange-{version}.md"])) == len(wanted)  # once each


def test_an_entry_gives_ports_transport_auth_encryption_status_notes_and_source(catalog, pages):
    checked = 0
    by_version = {v: entries(pages[f"exchange-{v}.md"]) for v in VERSIONS}
    for path in catalog.paths:
        for version in path.versions:
            entry = by_version[version][f"kb-{version}-{path.id}"]
            text = plain(entry)
            source = catalog.source(path.source)
            ports = ", ".join(str(p) for p in path.ports) or "Not stated"
            transports = ", ".join(dict.fromkeys(p.transport for p in path.ports)) or "Not stated"
            assert f"Ports: {ports}\n" in text, path.id
            assert f"Transport: {transports}\n" in text, path.id
            assert f"Authentication: {path.auth.default or 'Not stated'}" in text, path.id
            assert f"Encryption: {encryption_label(path.encryption)}\n" in text, path.id
            assert f"Status: {path.status}" in text, path.id
            assert ("unconfirmed: check the source" in text) == (path.status == "unconfirmed"), path.id
            if path.notes:
                assert f"Notes: {squash(path.notes)}\n" in text + "\n", path.id
            assert f"Source: {squash(source.title)}" in text, path.id
            for row in path.source_rows:
                assert row in text, path.id
            if source.url:
                assert source.url in links(entry) and f"{squash(source.title)}, {source.url}" in text, path.id
            checked += 1
    assert checked == sum(len(p.versions) for p in catalog.paths) > 150


def test_each_role_lists_the_paths_at_its_end(catalog, pages):
    page = pages["exchange-2016.md"]
    roles = page.split("## Roles\n")[1].split("## Data paths\n")[0]
    headings = [plain(h) for h in re.findall(r"^### .+$", roles, re.MULTILINE)]
    sections = dict(zip(headings, re.split(r"^### .+$", roles, flags=re.MULTILINE)[1:]))
    absent = plain(page.split("## Roles that are not in this version")[1].split("## Data paths")[0])
    for role in catalog.roles.values():
        if not role.available_in("2016"):
            assert role.name not in sections
            assert f"{role.name} ({role.id}): {squash(role.unavailable['2016'])}" in absent
            continue
        section = sections[role.name]
        targets = links(section)
        expected = [f"#kb-2016-{p.id}" for p in catalog.paths if "2016" in p.versions
                    for end in (p.sources_roles, p.target_roles) if role.id in end]
        assert sorted(targets) == sorted(expected), role.id


def test_a_role_table_row_has_the_path_facts(catalog, pages):
    page = pages["exchange-2016.md"]
    mailbox = page.split("### Mailbox server\n")[1].split("\n### ")[0]
    # the EdgeSync row, Mailbox -> Edge: direction, other end, service, port, auth, encryption, status
    assert ("→\nEdge Transport server\nEdgeSync\n50636/TCP\nEdgeSync replication accounts (supported: EdgeSync "
            "bootstrap replication account (ESBRA), EdgeSync replication accounts (ESRA))\nLDAPS\nconfirmed\n"
            in plain(mailbox))


def test_every_source_and_its_address_is_on_the_sources_page(catalog, pages):
    text, addresses = plain(pages["sources.md"]), links(pages["sources.md"])
    for source in catalog.sources.values():
        assert squash(source.title) in text and source.id in text
        if source.url:
            assert source.url in addresses
    cited = {p.source for p in catalog.paths}
    shown = {href for page in (pages[f"exchange-{v}.md"] for v in VERSIONS) for href in links(page)}
    assert {catalog.source(s).url for s in cited if catalog.source(s).url} <= shown


def test_support_rules_and_reference_tables(catalog, pages):
    rules = plain(pages["support-rules.md"])
    for rule in catalog.support_rules:
        assert rule.id in rules and squash(rule.text) in rules
    tables = plain(pages["reference-tables.md"])
    for fw in catalog.firewall_rules:
        assert squash(fw.name) in tables
    for entry in catalog.legacy_ports:
        assert entry.protocol in tables


HOSTILE = """\
sources:
  src: {title: 'Title | with * pipes _and_ <b>tags</b>', url: 'https://example.com/a (b)', publisher: microsoft}
roles:
  - {id: a, name: 'A | role', group: clients, tags: [client], versions: ['2016']}
  - {id: b, name: 'B *role*', group: exchange, tags: [exchange], versions: ['2016']}
paths:
  - id: p1
    service: 'S|M*T_P'
    title: '# Not a heading {role}`x`'
    category: mail_flow
    versions: ['2016']
    from: a
    to: b
    ports: [25/TCP]
    auth: {default: 'Basic | NTLM', supported: null}
    encryption: {supported: true, methods: [TLS], default: false}
    notes: 'A [link](https://evil.example) and &amp; and <script>x</script> and `code` and $x$ \\\\ end'
    source: src
"""


def test_catalog_text_is_escaped_so_it_reads_as_written(tmp_path):
    (tmp_path / "kb.yaml").write_text(HOSTILE, encoding="utf-8")
    catalog = load_catalog(tmp_path)
    page = reference_pages(catalog)["exchange-2016.md"]
    path = catalog.paths[0]
    text = plain(entries(page)["kb-2016-p1"])
    assert f"Notes: {path.notes}" in text
    assert "Authentication: Basic | NTLM" in text
    assert f"Source: {catalog.source('src').title}" in text
    # no link, HTML or heading was made from the catalog's text
    entry_tokens = [c for t in _md.parse(entries(page)["kb-2016-p1"]) for c in (t.children or ())]
    assert [c.attrs["href"] for c in entry_tokens if c.type == "link_open"] == ["https://example.com/a%20(b)"]
    assert not [c for c in entry_tokens if c.type == "html_inline"]
    tokens = _md.parse(page)
    headings = [plain(tokens[i + 1].content) for i, tok in enumerate(tokens) if tok.type == "heading_open"]
    assert path.title in [plain(h) for h in re.findall(r"^#### (.+)$", page, re.MULTILINE)]
    assert path.title in headings or any(path.title == h for h in headings)
    # the role tables keep their columns although the texts hold pipes
    table = page.split("### A \\| role\n")[1].split("\n### ")[0]
    cells = [t for t in _md.parse(table) if t.type == "td_open"]
    assert len(cells) == 7
    assert "S|M*T_P" in plain(table) and "Basic | NTLM" in plain(table)


def test_the_command_writes_the_pages_and_reports_a_bad_catalog(tmp_path, capsys):
    out = tmp_path / "reference"
    assert main([str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(reference_pages(load_catalog()))
    assert f"wrote {len(reference_pages(load_catalog()))} pages" in capsys.readouterr().out
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "kb.yaml").write_text("paths: [{id: x}]\n", encoding="utf-8")
    assert main([str(tmp_path / "other"), str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "kb.yaml:1" in err and "Traceback" not in err
    assert main([]) == 2 and "usage" in capsys.readouterr().err
