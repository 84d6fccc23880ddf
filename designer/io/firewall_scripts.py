"""DRAFT firewall scripts from a design: Windows Firewall (PowerShell) and nftables. Pure Python.

Both are drafts for review, marked so at the top. Text from the design file (names) is made
safe for each language: one line in comments (control and line-separator characters become
spaces), PowerShell strings single-quoted with every kind of single quote doubled, nftables
identifiers reduced to ``[A-Za-z0-9_]`` and its ``comment "..."`` strings stripped of quotes
and cut to 120 bytes.

Addresses: a node's ``address`` key in the file (kept in ``Node.extra``) is used when it is an
IP address or network. Otherwise a node in an Internet zone stands for any address, and any
other node gets a placeholder: ``TODO`` in PowerShell (the script refuses to run until it is
filled in) and a TEST-NET address (RFC 5737, matches nothing real) in nftables.
"""
from __future__ import annotations

import ipaddress
import re
import unicodedata
from datetime import date
from typing import Any, Sequence

from .. import __version__
from ..analysis import FirewallRule, Flow, boundary_rules
from ..analysis.firewall import fold_unrestricted
from ..catalog import Catalog
from ..model import Document, Node
from ..support.states import ZoneKind
from .rule_text import REVIEW_NOTE, boundary_label, rule_reasons, rule_sources, unique

GROUP = "Exchange Topology Designer"
#: Roles whose nodes get Windows Firewall rules (Exchange servers are matched by role group).
WINDOWS_ROLES = frozenset({"domain_controller", "dns_server", "ad_rms", "lync_server"})
_PS_QUOTES = "'\u2018\u2019\u201a\u201b"  # PowerShell ends a single-quoted string at any of these
_HOSTNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,62}$")
_TEST_NETS = ("192.0.2", "198.51.100", "203.0.113")
NFT_COMMENT_BYTES = 120  # nftables allows 128


def one_line(value: Any) -> str:
    """The text on one line: control, format and line-separator characters become spaces."""
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in str(value))
    return " ".join(text.split())


def ps_quote(value: Any) -> str:
    """A PowerShell single-quoted string literal; every kind of single quote is doubled."""
    return "'" + re.sub(f"([{_PS_QUOTES}])", r"\1\1", one_line(value)) + "'"


def node_address(node: Node) -> tuple[str | None, int | None]:
    """The node's ``address`` from the file, normalised, and its IP version; else (None, None)."""
    raw = node.extra.get("address") if node.extra else None
    if raw is None:
        return None, None
    text = str(raw).strip()
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        try:
            address = ipaddress.ip_network(text, strict=False)
        except ValueError:
            return None, None
    return str(address), address.version


def is_internet(doc: Document, node: Node) -> bool:
    return doc.zone(node.zone).kind == ZoneKind.INTERNET


def is_windows_server(doc: Document, catalog: Catalog, node: Node) -> bool:
    """An Exchange server or a Windows infrastructure server, outside the Internet zones."""
    role = catalog.role(node.role)
    windows = role is not None and (role.group == "exchange" or role.id in WINDOWS_ROLES)
    return windows and not is_internet(doc, node)


def host_rules(flows: Sequence[Flow]) -> dict[str, list[FirewallRule]]:
    """Every flow, crossing or not, as de-duplicated inbound rules per destination node."""
    rules: dict[tuple, FirewallRule] = {}
    by_host: dict[str, list[FirewallRule]] = {}
    for flow in flows:
        key = (flow.source, flow.destination, flow.port)
        rule = rules.get(key)
        if rule is None:
            rule = rules[key] = FirewallRule(flow.source, flow.destination, flow.port)
            by_host.setdefault(flow.destination, []).append(rule)
        rule.flows.append(flow)
    return {host: fold_unrestricted(rules) for host, rules in by_host.items()}


def rpc_note(rule: FirewallRule) -> list[str]:
    """A warning where 135/TCP serves RPC: the dynamic port that follows is not in the rule."""
    if str(rule.port) == "135/TCP" and any("RPC" in (f.path.protocol or "") for f in rule.flows):
        return [("135/TCP is only the RPC endpoint mapper: the dynamically assigned RPC port that "
                "follows is not in this rule (Windows Firewall keyword: -LocalPort RPC).")]
    return []


def _header(doc: Document, kind: str, today: date) -> list[str]:
    return [f"DRAFT {kind} - REVIEW BEFORE USE",
            f"Design: {one_line(doc.name)} (Exchange {doc.exchange_version})",
            f"Generated {today.isoformat()} by Exchange Topology Designer {__version__}.",
            REVIEW_NOTE]


def _computer_name(node: Node) -> tuple[str, bool]:
    """The NetBIOS name ``$env:COMPUTERNAME`` would have, and whether the node name is one."""
    label = one_line(node.name).split(".")[0]
    if _HOSTNAME.match(label):
        return label[:15], True
    return one_line(node.name), False


def to_powershell(doc: Document, catalog: Catalog, flows: Sequence[Flow], today: date) -> str:
    """A DRAFT script of inbound Windows Firewall rules, one section per server."""
    by_host = host_rules(flows)
    servers = [doc.node(n) for n in by_host if is_windows_server(doc, catalog, doc.node(n))]
    server_ids = {n.id for n in servers}
    skipped = [doc.node(n) for n in by_host if n not in server_ids]
    out = ["#Requires -RunAsAdministrator"]
    out += [f"# {line}" for line in _header(doc, "Windows Firewall rules (PowerShell)", today)]
    out += ["#",
            "# One section per server: a section runs only on the computer of that name, so running",
            "# the script on another server changes nothing there. Each section first removes the",
            f"# rules of the group '{GROUP}' that an earlier run created, then adds its inbound",
            "# Allow rules, one per peer, port and transport; the peer opens the connection. Flows",
            "# inside a zone are included: the host firewall sees them too. Exchange Setup creates",
            "# its own Windows Firewall rules; these add explicit per-peer rules beside them.",
            "# Fill in every TODO in $Address (an IP address, subnet or range) before running.",
            "# Nodes in an Internet zone without an address stand for Any."]
    if skipped:
        out.append("# Not covered (not Windows servers, or in an Internet zone): "
                   + one_line(", ".join(n.name for n in skipped)) + ".")
    out += ["", "Set-StrictMode -Version Latest", "$ErrorActionPreference = 'Stop'",
            f"$Group = {ps_quote(GROUP)}", "$Applied = $false", "",
            "# The address of every peer, by node id."]
    keys = ps_keys(unique(r.source for n in servers for r in by_host[n.id]))
    out.append("$Address = @{")
    for peer_id in keys:
        peer = doc.node(peer_id)
        address, _ = node_address(peer)
        value = address or ("Any" if is_internet(doc, peer) else "TODO")
        out.append(f"    {ps_quote(keys[peer_id])} = {ps_quote(value)}  # {one_line(peer.name)}, "
                   f"{one_line(doc.zone(peer.zone).name)}")
    out += ["}", "",
            "function Assert-Address([string[]]$Ids) {",
            "    $missing = @($Ids | Where-Object { -not $Address[$_] -or $Address[$_] -eq 'TODO' })",
            "    if ($missing) { throw \"Fill in `$Address for: $($missing -join ', ') (this draft stops here).\" }",
            "}"]
    for server in servers:
        out += _ps_section(doc, catalog, server, by_host[server.id], keys)
    if not servers:
        out += ["", "# The design has no inbound flow to a Windows server: no rule to add."]
    out += ["", "if (-not $Applied) {",
            "    Write-Warning \"No section of this draft is for $env:COMPUTERNAME; nothing was changed.\"",
            "}"]
    return "\ufeff" + "\n".join(out) + "\n"  # the BOM makes Windows PowerShell 5.1 read UTF-8


def ps_keys(node_ids: Sequence[str]) -> dict[str, str]:
    """A key per node id for a PowerShell hashtable, whose keys ignore case."""
    keys: dict[str, str] = {}
    used: set[str] = set()
    for node_id in node_ids:
        key, n = node_id, 1
        while key.casefold() in used:
            n += 1
            key = f"{node_id}~{n}"
        used.add(key.casefold())
        keys[node_id] = key
    return keys


def _ps_section(doc: Document, catalog: Catalog, server: Node, rules: list[FirewallRule],
                keys: dict[str, str]) -> list[str]:
    computer, valid = _computer_name(server)
    zone = one_line(doc.zone(server.zone).name)
    out = ["", f"# ==== {one_line(server.name)} ({one_line(catalog.role_name(server.role))}, {zone}) ===="]
    if not valid:
        out.append("# TODO: the node name is not a computer name; put the server's name in the test below.")
    out += [f"if ($env:COMPUTERNAME -eq {ps_quote(computer)}) {{",
            f"    Assert-Address @({', '.join(ps_quote(keys[i]) for i in unique(r.source for r in rules))})",
            "    if (-not $Applied) {  # once, so that two sections for one computer keep each other's rules",
            "        Get-NetFirewallRule -Group $Group -ErrorAction SilentlyContinue | Remove-NetFirewallRule",
            "    }"]
    for rule in rules:
        src = doc.node(rule.source)
        flow = rule.flows[0]
        where = (f"crosses {one_line(doc.zone(flow.source_zone).name)} -> {zone}" if flow.crossing
                 else f"within {zone}")
        out.append(f"    # {one_line(src.name)} -> {one_line(server.name)} {rule.port} ({where})")
        out += [f"    #   Needed by {one_line(r)}" for r in rule_reasons(rule)]
        out += [f"    #   Source: {one_line(s)}" for s in rule_sources(catalog, rule)]
        out += [f"    #   Note: {n}" for n in rpc_note(rule)]
        name = f"ETD {src.name} -> {server.name} {rule.port} {', '.join(rule.services)}"
        port = rule.port.value
        # Microsoft's unrestricted internal traffic: any protocol, any port (no -LocalPort)
        protocol = ("-Protocol Any" if rule.port.is_any
                    else f"-Protocol {rule.port.transport} -LocalPort {ps_quote(port)}")
        out.append(f"    New-NetFirewallRule -DisplayName {ps_quote(name)} -Direction Inbound "
                   f"{protocol} "
                   f"-RemoteAddress $Address[{ps_quote(keys[rule.source])}] -Action Allow -Group $Group | Out-Null")
    out += ["    $Applied = $true", "}"]
    return out


def _ascii_word(text: str, limit: int) -> str:
    return re.sub(r"_+", "_", re.sub(r"[^A-Za-z0-9]", "_", one_line(text))).strip("_")[:limit].strip("_")


def nft_identifier(text: str, used: set[str], upper: bool = False, limit: int = 40) -> str:
    """``[A-Za-z0-9_]`` only, starting with a letter, unique within ``used`` (which it joins)."""
    base = _ascii_word(text, limit) or ("NODE" if upper else "zone")
    base = base.upper() if upper else base.lower()
    if not base[0].isalpha():
        base = ("N_" if upper else "z_") + base
    name, n = base, 1
    while name in used:
        n += 1
        name = f"{base}_{n}"
    used.add(name)
    return name


def nft_comment(text: str) -> str:
    """A double-quoted nftables comment: one line, no quotes or backslashes, at most 120 bytes."""
    clean = one_line(text).replace('"', "'").replace("\\", "/")
    data = clean.encode("utf-8")[:NFT_COMMENT_BYTES]
    return '"' + data.decode("utf-8", errors="ignore").rstrip() + '"'


def _placeholder(index: int) -> str:
    net = _TEST_NETS[(index // 254) % len(_TEST_NETS)]
    return f"{net}.{index % 254 + 1}"


def to_nftables(doc: Document, catalog: Catalog, flows: Sequence[Flow], today: date) -> str:
    """A DRAFT nftables ruleset: a chain per zone boundary, jumped to from a forward hook."""
    boundaries = boundary_rules(doc, list(flows))
    out = ["#!/usr/sbin/nft -f"]
    out += [f"# {line}" for line in _header(doc, "nftables ruleset", today)]
    out += ["#",
            "# One chain per zone boundary; the source node opens the connection. Nothing is",
            "# dropped: the forward chain's policy is accept. After review, restrict each jump to",
            "# the interfaces of its boundary and set the policy to drop. Addresses marked TODO are",
            "# TEST-NET placeholders (RFC 5737) to replace; Internet nodes without an address match any.",
            "# Check with: nft -c -f FILE"]
    names: set[str] = set()
    defines: dict[str, tuple[str, int]] = {}  # node id -> ($NAME, IP version)
    lines = []
    for node_id in unique(n for b in boundaries for r in b.rules for n in (r.source, r.destination)):
        node = doc.node(node_id)
        address, version = node_address(node)
        if address is None and is_internet(doc, node):
            continue
        name = nft_identifier(node.name, names, upper=True)
        where = f"{one_line(node.name)} ({one_line(doc.zone(node.zone).name)})"
        if address is None:
            address, version = _placeholder(len(lines)), 4
            where = f"TODO: the address of {where}"
        defines[node_id] = (name, version)
        lines.append(f"define {name} = {address}  # {where}")
    out += [""] + lines + ["", "table inet exchange_designer", "delete table inet exchange_designer", "",
                           "table inet exchange_designer {"]
    chains: set[str] = {"forward"}
    jumps = []
    for boundary in boundaries:
        label = one_line(boundary_label(doc, boundary, "->"))
        ends = [_ascii_word(doc.zone(z).name, 30) or "zone" for z in (boundary.source_zone, boundary.destination_zone)]
        chain = nft_identifier("_to_".join(ends), chains, limit=70)
        jumps.append(f"\t\tjump {chain}  # TODO: only traffic of {label} (iifname/oifname)")
        out += [f"\tchain {chain} {{", f"\t\t# {label}: {len(boundary.rules)} rule(s)"]
        for rule in boundary.rules:
            out += _nft_rule(doc, catalog, rule, defines)
        out += ["\t}", ""]
    out += ["\tchain forward {", "\t\ttype filter hook forward priority filter; policy accept;",
            "\t\tct state established,related accept"] + jumps + ["\t}", "}"]
    return "\n".join(out) + "\n"


def _nft_rule(doc: Document, catalog: Catalog, rule: FirewallRule,
              defines: dict[str, tuple[str, int]]) -> list[str]:
    src, dst = doc.node(rule.source), doc.node(rule.destination)
    out = [f"\t\t# {one_line(src.name)} -> {one_line(dst.name)} {rule.port}"]
    out += [f"\t\t#   Needed by {one_line(r)}" for r in rule_reasons(rule)]
    out += [f"\t\t#   Source: {one_line(s)}" for s in rule_sources(catalog, rule)]
    out += [f"\t\t#   Note: {n}" for n in rpc_note(rule)]
    ends = [(d, defines.get(n)) for d, n in (("saddr", rule.source), ("daddr", rule.destination))]
    versions = {v[1] for _, v in ends if v}
    if len(versions) > 1:
        return out + ["\t\t# skipped: the two addresses are of different IP versions"]
    family = "ip6" if versions == {6} else "ip"
    match = " ".join(f"{family} {d} ${v[0]}" for d, v in ends if v)
    comment = nft_comment(f"{', '.join(rule.services)}: {src.name} -> {dst.name}")
    if rule.port.is_any:  # Microsoft's unrestricted internal traffic: any protocol, any port
        out.append(f"\t\t{match + ' ' if match else ''}accept comment {comment}")
        return out
    proto = rule.port.transport.lower()
    out.append(f"\t\t{match + ' ' if match else ''}{proto} dport {rule.port.value} accept comment {comment}")
    return out
