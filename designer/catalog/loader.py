"""Load ``data/catalog/*.yaml`` into a :class:`Catalog`, with precise errors.

The catalog is written by contributors, so every mistake is reported with its file and line:
an unknown role, a port that does not parse, a source that is not defined, a duplicate id.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, Callable

from ..support.paths import catalog_dir
from ..support.yamlsafe import InputError, YDict, line_of, load_file
from .catalog import Catalog
from .model import (
    LEGACY_VERSIONS, ROLE_GROUPS, VERSIONS, Auth, DataPath, Encryption, FirewallRule,
    LegacyPort, Port, Role, Source, SupportRule, Upgrade, VersionInfo,
)

MAX_CATALOG_BYTES = 5_000_000
TOP_LEVEL_KEYS = {"sources", "roles", "paths", "support_rules", "firewall_rules", "legacy_ports",
                  "versions"}
LIFECYCLES = {"fixed", "modern"}
PUBLISHERS = {"microsoft", "source-document", "third-party"}
STATUSES = {"confirmed", "unconfirmed"}
SEVERITIES = {"error", "warning", "info"}
CATEGORIES = {
    "client_access", "mail_flow", "directory", "unified_messaging", "management",
    "replication", "publishing", "third_party", "unrestricted", "hybrid", "identity",
}


class CatalogError(InputError):
    """A mistake in the knowledge base files."""


class _Reader:
    """Typed access to one YAML mapping, raising CatalogError with file and line."""

    def __init__(self, file: Path, data: Any, what: str) -> None:
        if not isinstance(data, dict):
            raise CatalogError(file, line_of(data), f"{what} must be a mapping")
        self.file, self.data, self.what = file, data, what

    def fail(self, key: str | None, message: str) -> CatalogError:
        line = line_of(self.data, key) if key is not None else line_of(self.data)
        return CatalogError(self.file, line, f"{self.what}: {message}")

    def str(self, key: str, required: bool = True) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.fail(None, f"'{key}' is required")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise self.fail(key, f"'{key}' must be text")
        return str(value)

    def bool(self, key: str, default: bool | None = None) -> bool | None:
        value = self.data.get(key, default)
        if value is not None and not isinstance(value, bool):
            raise self.fail(key, f"'{key}' must be true, false or null")
        return value

    def strings(self, key: str, required: bool = True, allow_null: bool = False) -> tuple[str, ...] | None:
        value = self.data.get(key)
        if value is None:
            if allow_null:
                return None
            if required:
                raise self.fail(None, f"'{key}' is required")
            return ()
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            return (str(value),)
        if not isinstance(value, list) or not all(
            isinstance(v, (str, int)) and not isinstance(v, bool) for v in value
        ):
            raise self.fail(key, f"'{key}' must be a text or a list of texts")
        return tuple(str(v) for v in value)

    def choice(self, key: str, allowed: set[str], default: str | None = None) -> str:
        value = self.data.get(key, default)
        if value not in allowed:
            raise self.fail(key, f"'{key}' is {value!r}; expected one of {', '.join(sorted(allowed))}")
        return value

    def ports(self, key: str) -> tuple[Port, ...]:
        texts = self.strings(key, required=False) or ()
        result = []
        for i, text in enumerate(texts):
            try:
                result.append(Port.parse(text))
            except ValueError as exc:
                items = self.data.get(key)
                line = line_of(items, i) if isinstance(items, list) else line_of(self.data, key)
                raise CatalogError(self.file, line, f"{self.what}: {exc}") from None
        return tuple(result)

    def versions(self, key: str = "versions", allowed: tuple[str, ...] = VERSIONS) -> tuple[str, ...]:
        versions = self.strings(key)
        for v in versions:
            if v not in allowed:
                raise self.fail(key, f"unknown version {v!r}; expected {', '.join(allowed)}")
        return versions

    def sub(self, key: str) -> "_Reader":
        value = self.data.get(key)
        if value is None:
            value = YDict()
            value.line = line_of(self.data, key)
        return _Reader(self.file, value, f"{self.what} {key}")


def _source(file: Path, key: str, data: Any) -> Source:
    r = _Reader(file, data, f"source {key!r}")
    return Source(
        id=str(key), title=r.str("title"), url=r.str("url", required=False),
        publisher=r.choice("publisher", PUBLISHERS), note=r.str("note", required=False),
    )


def _role(file: Path, data: Any) -> Role:
    r = _Reader(file, data, "role")
    role_id = r.str("id")
    r.what = f"role {role_id!r}"
    unavailable = data.get("unavailable") or {}
    if not isinstance(unavailable, dict):
        raise r.fail("unavailable", "'unavailable' must map versions to reasons")
    return Role(
        id=role_id, name=r.str("name"), group=r.choice("group", set(ROLE_GROUPS)),
        tags=frozenset(r.strings("tags", required=False)), versions=r.versions(),
        unavailable={str(k): str(v) for k, v in unavailable.items()},
        expected_zone=r.str("expected_zone", required=False),
        description=r.str("description", required=False), source=r.str("source", required=False),
    )


def _path(file: Path, data: Any) -> DataPath:
    r = _Reader(file, data, "path")
    path_id = r.str("id")
    r.what = f"path {path_id!r}"
    auth, enc = r.sub("auth"), r.sub("encryption")
    return DataPath(
        id=path_id, service=r.str("service"), title=r.str("title", required=False),
        category=r.choice("category", CATEGORIES), versions=r.versions(),
        sources_roles=r.strings("from"), target_roles=r.strings("to"), ports=r.ports("ports"),
        protocol=r.str("protocol", required=False),
        auth=Auth(default=auth.str("default", required=False),
                  supported=auth.strings("supported", allow_null=True),
                  source=auth.str("source", required=False)),
        encryption=Encryption(supported=enc.bool("supported"),
                              methods=enc.strings("methods", required=False),
                              default=enc.bool("default"), label=enc.str("label", required=False),
                              source=enc.str("source", required=False)),
        source=r.str("source"), source_rows=r.strings("source_row", required=False),
        status=r.choice("status", STATUSES, "confirmed"),
        disabled_by_default=bool(r.bool("disabled_by_default", False)),
        advisory=r.str("advisory", required=False), notes=r.str("notes", required=False),
    )


def _support_rule(file: Path, data: Any) -> SupportRule:
    r = _Reader(file, data, "support rule")
    rule_id = r.str("id")
    r.what = f"support rule {rule_id!r}"
    pairs = data.get("between") or []
    if not isinstance(pairs, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(t, str) for t in p) for p in pairs
    ):
        raise r.fail("between", "'between' must be a list of [tag, tag] pairs")
    allowed = data.get("allowed") or {}
    if isinstance(allowed, list):
        allowed = {"*": allowed}
    if not isinstance(allowed, dict) or not all(
        isinstance(v, list) and all(isinstance(x, (str, int)) and not isinstance(x, bool) for x in v)
        for v in allowed.values()
    ):
        raise r.fail("allowed", "'allowed' must be a list of versions, or map a version to a list")
    allowed_map = {str(k): tuple(str(x) for x in v) for k, v in allowed.items()}
    for key, values in allowed_map.items():
        for v in (key, *values):
            if v != "*" and v not in VERSIONS:
                raise r.fail("allowed", f"unknown version {v!r}; expected {', '.join(VERSIONS)}")
    return SupportRule(
        id=rule_id, kind=r.str("kind"), severity=r.choice("severity", SEVERITIES),
        text=r.str("text"), source=r.str("source"), between=tuple(tuple(p) for p in pairs),
        roles=r.strings("roles", required=False), allowed=allowed_map,
        services=r.strings("services", required=False),
    )


def _version(file: Path, data: Any) -> VersionInfo:
    r = _Reader(file, data, "version")
    version_id = r.str("id")
    r.what = f"version {version_id!r}"
    if version_id not in VERSIONS:
        raise r.fail("id", f"unknown version {version_id!r}; expected {', '.join(VERSIONS)}")
    end = data.get("end_of_support")
    if end is not None and not isinstance(end, date):
        if isinstance(end, str):
            try:
                end = date.fromisoformat(end)
            except ValueError:
                raise r.fail("end_of_support", "'end_of_support' must be a date like 2025-10-14") from None
        else:
            raise r.fail("end_of_support", "'end_of_support' must be a date like 2025-10-14")
    paths_as = r.str("paths_as", required=False)
    if paths_as is not None and (paths_as not in VERSIONS or paths_as == version_id):
        raise r.fail("paths_as", f"'paths_as' must be another version; expected {', '.join(VERSIONS)}")
    excepted = []
    for index, item in enumerate(data.get("except") or []):
        e = _Reader(file, item, f"{r.what} except[{index}]")
        excepted.append((e.str("path"), e.str("source"), e.str("note", required=False)))
    upgrade = None
    if data.get("upgrade") is not None:
        u = r.sub("upgrade")
        upgrade = Upgrade(text=u.str("text"), source=u.str("source"))
    return VersionInfo(
        id=version_id, name=r.str("name"), end_of_support=end,
        lifecycle=r.choice("lifecycle", LIFECYCLES), source=r.str("source"),
        paths_as=paths_as,
        paths_as_source=r.str("paths_as_source", required=paths_as is not None),
        excepted=tuple(excepted), upgrade=upgrade,
    )


def _firewall_rule(file: Path, data: Any) -> FirewallRule:
    r = _Reader(file, data, "firewall rule")
    rule_id = r.str("id")
    r.what = f"firewall rule {rule_id!r}"
    return FirewallRule(
        id=rule_id, name=r.str("name"), versions=r.versions(), roles=r.strings("roles"),
        ports=r.str("ports", required=False), program=r.str("program", required=False),
        source=r.str("source"), status=r.choice("status", STATUSES, "confirmed"),
        notes=r.str("notes", required=False),
    )


def _legacy_port(file: Path, data: Any) -> LegacyPort:
    r = _Reader(file, data, "legacy port")
    entry_id = r.str("id")
    r.what = f"legacy port {entry_id!r}"
    return LegacyPort(
        id=entry_id, protocol=r.str("protocol"), ports=r.ports("ports"),
        versions=r.versions(allowed=LEGACY_VERSIONS),
        description=r.str("description", required=False), source=r.str("source"),
        status=r.choice("status", STATUSES, "confirmed"),
    )


_LIST_SECTIONS: dict[str, Callable[[Path, Any], Any]] = {
    "roles": _role, "paths": _path, "support_rules": _support_rule,
    "firewall_rules": _firewall_rule, "legacy_ports": _legacy_port, "versions": _version,
}


def load_catalog(directory: str | Path | None = None) -> Catalog:
    """Read every YAML file of the catalog folder; raise CatalogError on the first mistake."""
    directory = Path(directory) if directory is not None else catalog_dir()
    files = sorted(directory.rglob("*.yaml"))
    if not files:
        raise CatalogError(directory, None, "no knowledge base files (*.yaml) found")
    sources: dict[str, Source] = {}
    sections: dict[str, list] = {key: [] for key in _LIST_SECTIONS}
    where: dict[tuple[str, str], tuple[Path, int | None]] = {}  # (section, id) -> first place

    def remember(section: str, item_id: str, file: Path, line: int | None) -> None:
        if (section, item_id) in where:
            first, first_line = where[(section, item_id)]
            raise CatalogError(file, line, f"duplicate {section} id {item_id!r} "
                                           f"(first defined in {first.name}:{first_line})")
        where[(section, item_id)] = (file, line)

    for file in files:
        data = load_file(file, MAX_CATALOG_BYTES)
        if data is None:
            continue
        if not isinstance(data, dict):
            raise CatalogError(file, line_of(data), "a catalog file must be a mapping")
        for key, value in data.items():
            if key not in TOP_LEVEL_KEYS:
                raise CatalogError(file, line_of(data, key), f"unknown top-level key {key!r}; "
                                   f"expected {', '.join(sorted(TOP_LEVEL_KEYS))}")
            if key == "sources":
                if not isinstance(value, dict):
                    raise CatalogError(file, line_of(data, key), "'sources' must be a mapping")
                for source_id, body in value.items():
                    remember("source", str(source_id), file, line_of(value, source_id))
                    sources[str(source_id)] = _source(file, source_id, body)
                continue
            if not isinstance(value, list):
                raise CatalogError(file, line_of(data, key), f"'{key}' must be a list")
            for index, item in enumerate(value):
                obj = _LIST_SECTIONS[key](file, item)
                remember(key, obj.id, file, line_of(value, index))
                sections[key].append((file, line_of(value, index), obj))

    versions = {v.id: v for _, _, v in sections["versions"]}
    _check_versions(versions, sections)
    catalog = Catalog(
        sources=sources,
        roles={role.id: _role_in_related(role, versions) for _, _, role in sections["roles"]},
        paths=tuple(_path_in_related(p, versions) for _, _, p in sections["paths"]),
        version_info=versions,
        support_rules=tuple(r for _, _, r in sections["support_rules"]),
        firewall_rules=tuple(r for _, _, r in sections["firewall_rules"]),
        legacy_ports=tuple(r for _, _, r in sections["legacy_ports"]),
    )
    _check_references(catalog, sections)
    return catalog


def _check_versions(versions: dict[str, VersionInfo], sections: dict[str, list]) -> None:
    path_ids = {p.id: p for _, _, p in sections["paths"]}
    for file, line, info in sections["versions"]:
        for path_id, _source, _note in info.excepted:
            path = path_ids.get(path_id)
            if path is None:
                raise CatalogError(file, line, f"version {info.id!r}: 'except' names unknown path {path_id!r}")
            if info.paths_as not in path.versions:
                raise CatalogError(file, line, f"version {info.id!r}: path {path_id!r} is not a path of "
                                               f"{info.paths_as}, so there is nothing to except")


def _related(versions: dict[str, VersionInfo], have: tuple[str, ...], path_id: str | None = None):
    """The versions that take an entry of ``have`` through ``paths_as``, with their source."""
    for info in versions.values():
        if info.paths_as in have and info.id not in have:
            if path_id is not None and any(p == path_id for p, _, _ in info.excepted):
                continue
            yield info


def _path_in_related(path: DataPath, versions: dict[str, VersionInfo]) -> DataPath:
    """A path of 2019 applies to SE too (SE's own source says why), unless SE excepts it."""
    extra = list(_related(versions, path.versions, path.id))
    if not extra:
        return path
    return replace(path, versions=path.versions + tuple(v.id for v in extra),
                   inherited=tuple((v.id, v.paths_as_source) for v in extra))


def _role_in_related(role: Role, versions: dict[str, VersionInfo]) -> Role:
    extra = list(_related(versions, role.versions))
    return replace(role, versions=role.versions + tuple(v.id for v in extra)) if extra else role


def _check_references(catalog: Catalog, sections: dict[str, list]) -> None:
    roles = catalog.roles
    for key in ("paths", "firewall_rules", "legacy_ports", "support_rules", "versions"):
        for file, line, obj in sections[key]:
            if obj.source not in catalog.sources:
                raise CatalogError(file, line, f"{obj.id}: source {obj.source!r} is not defined")
    for file, line, path in sections["paths"]:
        for field_name, source_id in (("auth", path.auth.source), ("encryption", path.encryption.source)):
            if source_id is not None and source_id not in catalog.sources:
                raise CatalogError(file, line, f"{path.id}: {field_name} source {source_id!r} is not defined")
    for file, line, info in sections["versions"]:
        cited = [info.paths_as_source] + [s for _, s, _ in info.excepted]
        cited += [info.upgrade.source] if info.upgrade else []
        for source_id in cited:
            if source_id is not None and source_id not in catalog.sources:
                raise CatalogError(file, line, f"version {info.id!r}: source {source_id!r} is not defined")
    for file, line, rule in sections["support_rules"]:
        for role_id in rule.roles:
            if role_id not in roles:
                raise CatalogError(file, line, f"support rule {rule.id!r}: unknown role {role_id!r}")
    for file, line, role in sections["roles"]:
        if role.source and role.source not in catalog.sources:
            raise CatalogError(file, line, f"role {role.id!r}: source {role.source!r} is not defined")
    for file, line, path in sections["paths"]:
        for role_id in path.sources_roles + path.target_roles:
            if role_id not in roles:
                raise CatalogError(file, line, f"path {path.id!r}: unknown role {role_id!r}")
    for file, line, rule in sections["firewall_rules"]:
        for role_id in rule.roles:
            if role_id not in roles:
                raise CatalogError(file, line, f"firewall rule {rule.id!r}: unknown role {role_id!r}")
    tags = {tag for role in roles.values() for tag in role.tags}
    for file, line, rule in sections["support_rules"]:
        for pair in rule.between:
            for tag in pair:
                if tag not in tags:
                    raise CatalogError(file, line, f"support rule {rule.id!r}: no role has tag {tag!r}")
