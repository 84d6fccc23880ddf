"""The knowledge base as Markdown pages, generated from ``data/catalog`` so they cannot drift.

Pure Python. ``reference_pages(catalog)`` returns the pages (file name -> Markdown);
``write_reference(catalog, directory)`` writes them. The documentation build runs

    python -m designer.io.catalog_reference OUT_DIR [CATALOG_DIR]

The Markdown is MyST (what the Sphinx build reads): ``(label)=`` targets before headings, a
``{toctree}`` on the index page. Everything else is plain CommonMark, and every text that
comes from the catalog is escaped, so a ``|``, ``*`` or ``<`` in a note stays a character.

Pages: ``index.md``; one page per Exchange version (``exchange-2016.md``) with a section per
role, listing each data path at that role's end, then every data path of that version in full
(ports, transport, protocol, authentication, encryption, status, notes, source and the row of
the source's table); ``sources.md``; ``support-rules.md``; ``reference-tables.md`` (the Exchange
2010 Windows Firewall rules and the Exchange 2000/2003 port list).

It sits beside ``catalog_view.py`` rather than in ``catalog/`` because it uses the analysis's
labels ("Not stated", "TLS (optional)"), and the catalog package is below the analysis.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from typing import Iterable, Sequence

from ..analysis import authentication_label, encryption_label
from ..catalog import ROLE_GROUPS, Catalog, CatalogError, DataPath, Role, load_catalog
from .atomic import atomic_write_text

CATEGORY_NAMES = {
    "client_access": "Client access", "mail_flow": "Mail flow", "directory": "Directory",
    "unified_messaging": "Unified Messaging", "management": "Management",
    "replication": "Replication", "publishing": "Publishing", "third_party": "Third-party clients",
    "unrestricted": "Unrestricted internal traffic", "hybrid": "Hybrid with Exchange Online",
    "identity": "Identity (Microsoft Entra Connect, AD FS)",
}
PUBLISHER_NAMES = {
    "microsoft": "Microsoft", "source-document": "the source document (not Microsoft)",
    "third-party": "a third party (not Microsoft)",
}
_SPECIAL = re.compile(r"([\\`*_\[\]<>|{}#&$~!])")


def md(text: object) -> str:
    """Catalog text as inline Markdown that shows exactly that text: whitespace collapsed,
    Markdown and MyST punctuation escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def link(title: str, url: str | None) -> str:
    """``[title](<url>)``, or just the title when there is no URL."""
    if not url:
        return md(title)
    safe = url.strip().replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
    return f"[{md(title)}](<{safe}>)"


def version_page(version: str) -> str:
    return f"exchange-{version}.md"


def path_label(version: str, path: DataPath) -> str:
    """The MyST target of a data path's entry on a version's page."""
    return f"kb-{version}-{path.id}"


def roles_text(catalog: Catalog, role_ids: Iterable[str]) -> str:
    return ", ".join(md(catalog.role_name(r)) for r in role_ids)


def ports_text(path: DataPath) -> str:
    return ", ".join(str(p) for p in path.ports) or "Not stated"


def transports_text(path: DataPath) -> str:
    return ", ".join(dict.fromkeys(p.transport for p in path.ports)) or "Not stated"


def authentication_text(path: DataPath) -> str:
    text = md(authentication_label(path))
    if path.auth.supported:
        text += f" (supported: {', '.join(md(a) for a in path.auth.supported)})"
    return text


def encryption_text(path: DataPath) -> str:
    return md(encryption_label(path.encryption))


def status_text(path: DataPath) -> str:
    if path.status == "confirmed":
        return "confirmed"
    return "**unconfirmed**: check the source before relying on it"


def source_text(catalog: Catalog, source_id: str, address: bool = False) -> str:
    """The source's title, linked to its address; with ``address``, the title and then the
    address itself (for entries a reader may print)."""
    source = catalog.source(source_id)
    if source is None:
        return md(source_id)
    if address and source.url:
        text = f"{md(source.title)}, {link(source.url, source.url)}"
    else:
        text = link(source.title, source.url)
    if not source.is_microsoft:
        text += f" (from {PUBLISHER_NAMES.get(source.publisher, md(source.publisher))})"
    return text


def _cell(text: str) -> str:
    return text.replace("\n", " ")


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def paths_of(catalog: Catalog, version: str) -> list[DataPath]:
    return [p for p in catalog.paths if p.applies_to(version)]


def _roles_in_order(catalog: Catalog) -> list[Role]:
    groups = list(ROLE_GROUPS)
    return sorted(catalog.roles.values(), key=lambda r: groups.index(r.group))


# ---- pages
def index_page(catalog: Catalog) -> str:
    counts = Counter(v for p in catalog.paths for v in p.versions)
    unconfirmed = sum(p.status != "confirmed" for p in catalog.paths)
    lines = [
        "# Knowledge base reference", "",
        "These pages are generated from the knowledge base in `data/catalog/` each time the "
        "documentation is built, so they always say what the designer uses. Each data path is "
        "one service between two roles, with its ports, authentication and encryption, and the "
        "source it comes from. Where the source is silent, the entry says *Not stated*; entries "
        "marked *unconfirmed* rest on evidence that Microsoft's own English page does not "
        "confirm. How to add to the knowledge base is in the contributor's guide.", "",
        f"The knowledge base holds {len(catalog.paths)} data paths ({unconfirmed} unconfirmed), "
        f"{len(catalog.roles)} roles and {len(catalog.sources)} sources.", "",
    ]
    lines += _table(["Exchange version", "Data paths"],
                    [[f"[Exchange {v}]({version_page(v)})", str(counts[v])] for v in catalog.versions])
    lines += ["", "```{toctree}", ":maxdepth: 1", ""]
    lines += [version_page(v)[:-3] for v in catalog.versions]
    lines += ["sources", "support-rules", "reference-tables", "```", ""]
    return "\n".join(lines)


def version_page_text(catalog: Catalog, version: str) -> str:
    paths = paths_of(catalog, version)
    lines = [
        f"# Exchange {version}", "",
        f"{len(paths)} data paths. First, for each role of Exchange {version}, the data paths "
        "at its end (→ the role opens the connection, ← the other end does); then every data "
        "path in full. The encryption column says whether encryption is on by default, optional "
        "(supported but off by default), supported with its default not stated, off (*None*), "
        "or not stated at all; the designer draws the lines the same way.", "",
        "## Roles", "",
    ]
    absent: list[Role] = []
    for role in _roles_in_order(catalog):
        if not role.available_in(version):
            absent.append(role)
            continue
        lines += _role_section(catalog, version, role, paths)
    if absent:
        lines += ["## Roles that are not in this version", ""]
        for role in absent:
            reason = role.unavailable.get(version) or f"{role.name} does not exist in Exchange {version}."
            lines.append(f"- **{md(role.name)}** (`{role.id}`): {md(reason)}")
        lines.append("")
    lines += ["## Data paths", ""]
    for category, title in CATEGORY_NAMES.items():
        in_category = [p for p in paths if p.category == category]
        if not in_category:
            continue
        lines += [f"### {title}", ""]
        for path in in_category:
            lines += _path_entry(catalog, version, path)
    return "\n".join(lines)


def _role_section(catalog: Catalog, version: str, role: Role, paths: list[DataPath]) -> list[str]:
    lines = [f"### {md(role.name)}", "", f"`{role.id}` · {md(ROLE_GROUPS[role.group])}."]
    if role.description:
        lines[-1] += f" {md(role.description)}"
    if role.expected_zone:
        lines[-1] += f" Expected in a {md(role.expected_zone)} zone."
    lines.append("")
    rows = []
    for path in paths:
        service = f"[{md(path.service)}](#{path_label(version, path)})"
        common = [service, ports_text(path), authentication_text(path), encryption_text(path), path.status]
        if role.id in path.sources_roles:
            rows.append(["→", roles_text(catalog, path.target_roles), *common])
        if role.id in path.target_roles:
            rows.append(["←", roles_text(catalog, path.sources_roles), *common])
    if not rows:
        return lines + [f"The knowledge base has no data path for this role in Exchange {version}.", ""]
    header = ["", "Other end", "Service", "Ports", "Authentication", "Encryption", "Status"]
    return lines + _table(header, rows) + [""]


def _path_entry(catalog: Catalog, version: str, path: DataPath) -> list[str]:
    lines = [f"({path_label(version, path)})=", f"#### {md(path.title or path.service)}", "",
             f"`{path.id}` · service {md(path.service)} · Exchange {', '.join(path.versions)}", "",
             f"- **From**: {roles_text(catalog, path.sources_roles)}",
             f"- **To**: {roles_text(catalog, path.target_roles)}",
             f"- **Ports**: {ports_text(path)}",
             f"- **Transport**: {transports_text(path)}",
             f"- **Protocol**: {md(path.protocol) if path.protocol else 'Not stated'}",
             f"- **Authentication**: {authentication_text(path)}",
             f"- **Encryption**: {encryption_text(path)}",
             f"- **Status**: {status_text(path)}"]
    if path.disabled_by_default:
        lines.append("- **Disabled by default**")
    if path.advisory:
        lines.append(f"- **Advisory**: {md(path.advisory)}")
    if path.notes:
        lines.append(f"- **Notes**: {md(path.notes)}")
    source = f"- **Source**: {source_text(catalog, path.source, address=True)}"
    if path.source_rows:
        rows = ", ".join(f"`{r}`" for r in path.source_rows)
        source += f", table row{'s' if len(path.source_rows) > 1 else ''} {rows}"
    lines.append(source)
    if path.auth_source != path.source:
        lines.append(f"- **Authentication source**: {source_text(catalog, path.auth_source, address=True)}")
    if path.encryption_source != path.source:
        lines.append(f"- **Encryption source**: {source_text(catalog, path.encryption_source, address=True)}")
    inherited = path.inherited_source(version)
    if inherited:
        info = catalog.version(version)
        lines.append(f"- **In Exchange {md(version)}**: as in Exchange {md(info.paths_as if info else '')}, "
                     f"{source_text(catalog, inherited, address=True)}")
    return lines + [""]


def sources_page(catalog: Catalog) -> str:
    lines = ["# Sources", "",
             "Every entry of the knowledge base names one of these sources. Most are Microsoft's "
             "pages; the others are marked as such.", ""]
    for source in sorted(catalog.sources.values(), key=lambda s: (not s.is_microsoft, s.title.casefold())):
        lines += [f"## {md(source.title)}", "", f"- **Source id**: `{source.id}`",
                  f"- **Published by**: {PUBLISHER_NAMES.get(source.publisher, md(source.publisher))}"]
        lines.append(f"- **Address**: {link(source.url, source.url)}" if source.url
                     else "- **Address**: none (a document, not a web page)")
        if source.note:
            lines.append(f"- **Note**: {md(source.note)}")
        cited = [p for p in catalog.paths if p.source == source.id]
        if cited:
            by_version = ", ".join(f"[Exchange {v}]({version_page(v)}) ({n})" for v in catalog.versions
                                   if (n := sum(v in p.versions for p in cited)))
            lines.append(f"- **Data paths**: {len(cited)}; {by_version}")
        lines.append("")
    return "\n".join(lines)


def support_rules_page(catalog: Catalog) -> str:
    lines = ["# Support rules", "",
             "Microsoft's support statements that the designer's findings enforce, as the "
             "knowledge base holds them.", ""]
    for rule in catalog.support_rules:
        lines += [f"## `{rule.id}`", "", f"- **Severity**: {md(rule.severity)}",
                  f"- **Applied as**: `{rule.kind}`"]
        if rule.between:
            pairs = "; ".join(f"`{a}` and `{b}`" for a, b in rule.between)
            lines.append(f"- **Between roles tagged**: {pairs}")
        lines += [f"- **Text**: {md(rule.text)}", f"- **Source**: {source_text(catalog, rule.source, address=True)}", ""]
    return "\n".join(lines)


def reference_tables_page(catalog: Catalog) -> str:
    lines = ["# Reference tables", "",
             "Two tables that `exchange-designer catalog --firewall` and `--legacy` print.", "",
             "## Windows Firewall rules that Exchange 2010 Setup creates", ""]
    lines += _table(["Rule", "Roles", "Ports", "Program", "Status", "Source"], [
        [md(r.name), roles_text(catalog, r.roles), md(r.ports or "Not stated"),
         md(r.program or "Not stated"), md(r.status), source_text(catalog, r.source)]
        for r in catalog.firewall_rules])
    lines += ["", "## Exchange 2000 and 2003 ports", ""]
    lines += _table(["Protocol", "Ports", "Versions", "Description", "Status", "Source"], [
        [md(e.protocol), ", ".join(str(p) for p in e.ports) or "Not stated", ", ".join(e.versions),
         md(e.description or ""), md(e.status), source_text(catalog, e.source)]
        for e in catalog.legacy_ports])
    return "\n".join(lines + [""])


def reference_pages(catalog: Catalog) -> dict[str, str]:
    """Every page of the reference: file name -> Markdown."""
    pages = {"index.md": index_page(catalog)}
    pages.update({version_page(v): version_page_text(catalog, v) for v in catalog.versions})
    pages["sources.md"] = sources_page(catalog)
    pages["support-rules.md"] = support_rules_page(catalog)
    pages["reference-tables.md"] = reference_tables_page(catalog)
    return pages


def write_reference(catalog: Catalog, directory: str | Path) -> list[Path]:
    """Write the pages into ``directory`` (created if needed); return the files written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in reference_pages(catalog).items():
        atomic_write_text(directory / name, text)
        written.append(directory / name)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) not in (1, 2) or args[0].startswith("-"):
        print("usage: python -m designer.io.catalog_reference OUT_DIR [CATALOG_DIR]", file=sys.stderr)
        return 2
    try:
        catalog = load_catalog(args[1] if len(args) == 2 else None)
        written = write_reference(catalog, args[0])
    except CatalogError as exc:
        print(f"knowledge base: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"cannot write the reference to {args[0]}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"wrote {len(written)} pages of the knowledge base reference to {args[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
