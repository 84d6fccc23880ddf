"""The loaded knowledge base and the questions the rest of the program asks it."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from .model import VERSIONS, DataPath, FirewallRule, LegacyPort, Role, Source, SupportRule, VersionInfo
from .search import PathQuery, search_paths


@dataclass(frozen=True)
class PathMatch:
    """A data path that runs over a connection, oriented for that connection."""

    path: DataPath
    forward: bool  # True: flows from the connection's first node to its second


@dataclass
class Catalog:
    sources: dict[str, Source]
    roles: dict[str, Role]
    paths: tuple[DataPath, ...]
    support_rules: tuple[SupportRule, ...] = ()
    firewall_rules: tuple[FirewallRule, ...] = ()
    legacy_ports: tuple[LegacyPort, ...] = ()
    version_info: dict[str, VersionInfo] = field(default_factory=dict)
    _index: dict = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        index: dict[tuple[str, str, str], list[DataPath]] = defaultdict(list)
        for path in self.paths:
            for version in path.versions:
                for src in path.sources_roles:
                    for dst in path.target_roles:
                        index[(version, src, dst)].append(path)
        self._index = dict(index)

    # ---- roles
    def role(self, role_id: str) -> Role | None:
        return self.roles.get(role_id)

    def role_name(self, role_id: str) -> str:
        role = self.roles.get(role_id)
        return role.name if role else role_id

    def roles_with_tag(self, tag: str) -> set[str]:
        return {r.id for r in self.roles.values() if tag in r.tags}

    # ---- data paths
    def paths_between(self, version: str, role_a: str, role_b: str) -> list[PathMatch]:
        """Every path between two roles in a version, in either direction, in catalog order."""
        found = [PathMatch(p, True) for p in self._index.get((version, role_a, role_b), ())]
        if role_a != role_b:
            found += [PathMatch(p, False) for p in self._index.get((version, role_b, role_a), ())]
        else:  # two servers of one role: Microsoft's unrestricted traffic runs both ways
            found += [PathMatch(p, False) for p in self._index.get((version, role_a, role_b), ()) if p.unrestricted]
        order = {p.id: i for i, p in enumerate(self.paths)}
        found.sort(key=lambda m: (order[m.path.id], not m.forward))
        return found

    def services_between(self, version: str, role_a: str, role_b: str) -> list[str]:
        """The distinct service names available between two roles, in catalog order."""
        seen: dict[str, None] = {}
        for match in self.paths_between(version, role_a, role_b):
            seen.setdefault(match.path.service, None)
        return list(seen)

    def query(
        self,
        version: str | None = None,
        port: int | None = None,
        role: str | None = None,
        service: str | None = None,
    ) -> list[DataPath]:
        """Browse the paths: by version, by a port they use, by a role at either end, by part of
        a service name (see :mod:`designer.catalog.search`, which the browser shares)."""
        return search_paths(self, PathQuery(version=version, port=port, role=role, service=service))

    def source(self, source_id: str) -> Source | None:
        return self.sources.get(source_id)

    def rules_of_kind(self, kind: str) -> Iterable[SupportRule]:
        return (r for r in self.support_rules if r.kind == kind)

    @property
    def versions(self) -> tuple[str, ...]:
        return VERSIONS

    def version(self, version_id: str) -> VersionInfo | None:
        """A version's lifecycle and relations, when the knowledge base has them."""
        return self.version_info.get(version_id)

    def coexistence_rule(self, older: str, newer: str) -> tuple[SupportRule | None, bool]:
        """The coexistence rule that decides whether ``older`` may share an organization with
        ``newer`` (the newer version's list decides), and its answer; (None, True) when the
        knowledge base has no rule for ``newer``."""
        for rule in self.rules_of_kind("coexistence"):
            if newer in rule.allowed:
                return rule, older in rule.allowed[newer]
        return None, True

    def coexistence_problem(self, design: str, node: str) -> str | None:
        """Why a server on ``node`` can't be part of an organization on ``design`` (None when it
        can)."""
        order = {v: i for i, v in enumerate(VERSIONS)}
        older, newer = sorted((design, node), key=lambda v: order.get(v, len(order)))
        rule, allowed = self.coexistence_rule(older, newer)
        if allowed or rule is None:
            return None
        return (f"Exchange {older} and Exchange {newer} can't share one organization; "
                f"Exchange {newer} coexists with {', '.join(rule.allowed[newer])}")

    def version_name(self, version_id: str) -> str:
        info = self.version_info.get(version_id)
        return info.name if info else f"Exchange {version_id}"
