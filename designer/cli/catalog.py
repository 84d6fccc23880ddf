"""``exchange-designer catalog``: text and JSON listings of the knowledge base. Pure Python: no Qt."""
from __future__ import annotations

import json
import argparse
from argparse import Namespace
from typing import TextIO

from ..analysis import authentication_label, encryption_label
from ..catalog import ROLE_GROUPS, VERSIONS, Catalog, DataPath, PathQuery, search_paths
from ..support.text import visible
from ..support.yamlsafe import InputError
from .common import EXIT_OK, PROG, port_number


def _ends(catalog: Catalog, roles: tuple[str, ...]) -> str:
    return ", ".join(catalog.role_name(r) for r in roles)


def _path_record(catalog: Catalog, path: DataPath) -> dict:
    source = catalog.source(path.source)
    return {
        "id": path.id, "service": path.service, "versions": list(path.versions),
        "from": list(path.sources_roles), "to": list(path.target_roles),
        "ports": [str(p) for p in path.ports], "protocol": path.protocol,
        "authentication": path.auth.default, "supported_authentication":
            list(path.auth.supported) if path.auth.supported is not None else None,
        "encryption": encryption_label(path.encryption), "status": path.status,
        "disabled_by_default": path.disabled_by_default, "notes": path.notes,
        "source": source.title if source else path.source, "url": source.url if source else None,
    }


def _path_text(catalog: Catalog, path: DataPath) -> str:
    source = catalog.source(path.source)
    ports = ", ".join(str(p) for p in path.ports) or "ports not stated"
    lines = [
        f"{path.service}  [{', '.join(path.versions)}]  {ports}",
        f"  {_ends(catalog, path.sources_roles)} → {_ends(catalog, path.target_roles)}",
        f"  authentication: {authentication_label(path)}"
        + (f" (supported: {', '.join(path.auth.supported)})" if path.auth.supported else ""),
        f"  encryption: {encryption_label(path.encryption)}",
    ]
    if path.disabled_by_default:
        lines.append("  disabled by default")
    if path.status != "confirmed":
        lines.append("  UNCONFIRMED: check the source before relying on it")
    if source:
        lines.append(f"  source: {source.title}" + (f" <{source.url}>" if source.url else "")
                     + ("" if source.is_microsoft else f" ({source.publisher}, not Microsoft)"))
    return "\n".join(lines)


def catalog_listing(catalog: Catalog, args: Namespace) -> str:
    as_json = args.format == "json"
    if getattr(args, "coverage", False):
        from ..catalog.coverage import coverage, coverage_report

        if as_json:
            return json.dumps([{"version": c.version, "paths": c.paths,
                                "without_authentication": list(c.without_auth),
                                "without_encryption": list(c.without_encryption)}
                               for c in (coverage(catalog, v) for v in catalog.versions)], indent=2) + "\n"
        return coverage_report(catalog)
    if args.roles:
        roles = list(catalog.roles.values())
        if as_json:
            return json.dumps([{"id": r.id, "name": r.name, "group": r.group, "versions": list(r.versions)}
                               for r in roles], indent=2) + "\n"
        return "".join(f"{r.id:<20}{r.name:<34}{ROLE_GROUPS[r.group]:<30}{', '.join(r.versions)}\n"
                       for r in roles)
    if args.firewall:
        rules = [r for r in catalog.firewall_rules
                 if not args.role or args.role in r.roles]
        if as_json:
            return json.dumps([{"name": r.name, "roles": list(r.roles), "ports": r.ports,
                                "program": r.program, "status": r.status} for r in rules], indent=2) + "\n"
        return "".join(f"{r.name}\n  roles: {_ends(catalog, r.roles)}\n  ports: {r.ports or 'not stated'}"
                       f"  program: {r.program or 'not stated'}\n" for r in rules)
    if args.legacy:
        entries = [e for e in catalog.legacy_ports
                   if args.port is None or any(p.low <= args.port <= p.high for p in e.ports)]
        if as_json:
            return json.dumps([{"protocol": e.protocol, "ports": [str(p) for p in e.ports],
                                "description": e.description} for e in entries], indent=2) + "\n"
        return "".join(f"{', '.join(str(p) for p in e.ports) or '?':<16}{e.protocol:<22}{e.description or ''}\n"
                       for e in entries)
    paths = search_paths(catalog, PathQuery(version=args.exchange_version, port=args.port,
                                            role=args.role, service=args.service))
    if as_json:
        return json.dumps([_path_record(catalog, p) for p in paths], indent=2, ensure_ascii=False) + "\n"
    if not paths:
        return "No data path matches.\n"
    return "\n\n".join(_path_text(catalog, p) for p in paths) + f"\n\n{len(paths)} data path(s).\n"


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register ``catalog`` on the ``add_subparsers()`` object of the main parser."""
    cat = subparsers.add_parser("catalog", help="browse the knowledge base",
                                description="Browse the knowledge base: data paths filtered by version, port, "
                                "role or service; or the roles, the Exchange 2010 Windows Firewall rules, and "
                                "the Exchange 2000/2003 port list.")
    cat.add_argument("--version", dest="exchange_version", choices=VERSIONS, help="an Exchange version")
    cat.add_argument("--port", type=port_number, help="a port number, e.g. 443")
    cat.add_argument("--role", help="a role id, e.g. unified_messaging (see --roles)")
    cat.add_argument("--service", help="part of a service name, e.g. EdgeSync")
    show = cat.add_mutually_exclusive_group()
    show.add_argument("--roles", action="store_true", help="list the roles")
    show.add_argument("--firewall", action="store_true", help="the Windows Firewall rules of Exchange 2010 setup")
    show.add_argument("--legacy", action="store_true", help="the Exchange 2000/2003 port list")
    show.add_argument("--coverage", action="store_true",
                      help="per version, how many data paths state no authentication or no encryption")
    cat.add_argument("--format", "-f", choices=("text", "json"), default="text")
    return cat


def run(args: argparse.Namespace, catalog: Catalog, out: TextIO) -> int:
    if args.role and args.role not in catalog.roles:
        raise InputError(None, None, f"unknown role {args.role!r}; see '{PROG} catalog --roles'")
    out.write(visible(catalog_listing(catalog, args), keep_newlines=True))
    return EXIT_OK
