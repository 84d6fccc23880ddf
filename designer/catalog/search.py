"""Searching the knowledge base's data paths. Pure Python.

One implementation for everything that browses the catalog: ``exchange-designer catalog``
(through :meth:`Catalog.query`) and the window's knowledge base browser.

Filters combine with AND. Free text is split into terms (quotes keep a phrase together) and
every term must match:

- a number (``443``) matches a path that uses that port, on TCP or UDP, including ranges
  (``50000`` matches ``1024-65535/UDP``); a known Exchange version (``2010``) matches the
  paths of that version instead;
- a port with its transport (``443/TCP``, ``5060-5061/tcp``) matches overlapping ports;
- anything else matches, case-insensitively, part of the service, title, protocol, category,
  role ids and names at either end (also in the window's language), authentication, encryption methods, ports, status or the
  source's title, or the start of a word in the notes.
"""
from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from collections.abc import Sequence
from typing import Callable, Protocol

from .model import LEGACY_VERSIONS, VERSIONS, DataPath, Port, Source


class Catalog(Protocol):
    """What a search reads of the knowledge base (:class:`designer.catalog.Catalog` has it, and
    calls this module from ``Catalog.query``: this module does not import it back)."""

    @property
    def paths(self) -> Sequence[DataPath]: ...

    def source(self, source_id: str) -> Source | None: ...

    def role_name(self, role_id: str) -> str: ...

_NUMBER = re.compile(r"^\d{1,5}$")
STATUSES: tuple[str, ...] = ("confirmed", "unconfirmed")


@dataclass(frozen=True)
class PathQuery:
    """What to look for. Empty fields do not filter."""

    text: str = ""
    version: str | None = None   # an Exchange version, "2016"
    port: int | None = None      # a port a path uses, on TCP or UDP
    role: str | None = None      # a role id at either end
    service: str | None = None   # part of a service name, case-insensitive
    status: str | None = None    # "confirmed" or "unconfirmed"


def split_terms(text: str) -> list[str]:
    """The free-text terms; ``"a b"`` in quotes is one term. An unbalanced quote is just text."""
    try:
        terms = shlex.split(text)
    except ValueError:
        terms = text.replace('"', " ").replace("'", " ").split()
    return [t.casefold() for t in terms if t.strip()]


def search_paths(catalog: Catalog, query: PathQuery | None = None,
                 role_name: Callable[[str], str] | None = None) -> list[DataPath]:
    """The catalog's data paths that match ``query``, in catalog order. ``role_name`` gives
    another name free text may match for a role id (the window passes the name in the user's
    language)."""
    query = query or PathQuery()
    terms = split_terms(query.text)
    return [p for p in catalog.paths if _filters_match(p, query) and
            all(_term_matches(catalog, p, t, role_name) for t in terms)]


def uses_port(path: DataPath, port: int) -> bool:
    """Whether the path uses ``port`` on TCP or UDP (ranges included)."""
    return any(p.low <= port <= p.high for p in path.ports)


def _filters_match(path: DataPath, query: PathQuery) -> bool:
    if query.version and query.version not in path.versions:
        return False
    if query.role and query.role not in path.sources_roles and query.role not in path.target_roles:
        return False
    if query.port is not None and not uses_port(path, query.port):
        return False
    if query.service and query.service.strip().casefold() not in path.service.casefold():
        return False
    return not query.status or path.status == query.status


def _term_matches(catalog: Catalog, path: DataPath, term: str, role_name: Callable[[str], str] | None) -> bool:
    if term in VERSIONS or term in LEGACY_VERSIONS:
        return term in path.versions
    if _NUMBER.match(term):
        return uses_port(path, int(term))
    if "/" in term:
        try:
            wanted = Port.parse(term)
        except ValueError:
            pass
        else:
            return any(p.overlaps(wanted) for p in path.ports)
    fields, prose = haystack(catalog, path, role_name)
    return term in fields or re.search(r"(?<!\w)" + re.escape(term), prose) is not None


def haystack(catalog: Catalog, path: DataPath, role_name: Callable[[str], str] | None = None) -> tuple[str, str]:
    """What free text is matched against, case-folded: the entry's fields (any part of them
    matches) and its notes (the start of a word must match, so "um" finds "UM" but not
    "maximum")."""
    roles = path.sources_roles + path.target_roles
    source = catalog.source(path.source)
    fields = [
        path.id, path.service, path.title or "", path.category.replace("_", " "), path.protocol or "",
        *roles, *(catalog.role_name(r) for r in roles), *(role_name(r) for r in roles if role_name),
        path.auth.default or "", *(path.auth.supported or ()), *path.encryption.methods,
        *(str(p) for p in path.ports), path.status, source.title if source else path.source,
    ]
    prose = [path.notes or "", path.advisory or ""]
    return "\n".join(fields).casefold(), "\n".join(prose).casefold()
