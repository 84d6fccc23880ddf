"""DRAFT firewall scripts from a design: Windows Firewall (PowerShell) and nftables. Pure Python.

Both are drafts for review, marked so at the top. Text from the design file (names) is made
safe for each language: one line in comments (control and line-separator characters become
spaces), PowerShell strings single-quoted with every kind of single quote doubled, nftables
identifiers reduced to ``[A-Za-z0-9_]`` and its ``comment "..."`` strings stripped of quotes
and cut to 120 bytes.

Addresses come from the design (``addresses:`` of a node, and of a group's members; see
:mod:`designer.model.addresses`); malformed ones are left out (a finding names them). A node in
an Internet zone without any address stands for any address. Any other node without a usable
address is marked TODO, never guessed: in PowerShell its ``$Address`` entry is ``'TODO'`` (the
script refuses to run until it is filled in); in nftables its named set is declared empty with a
TODO comment, so that its rules match nothing until its elements are filled in.

nftables: every node of a rule has a named set per IP version (``set EX01 { type ipv4_addr;
flags interval; ... }``, ``EX01_V6`` for IPv6), and every zone with subnets one too
(``zone_lan``, ``zone_lan_v6``); each set's comment names its node or zone by id. A rule
matches ``ip saddr @SRC ip daddr @DST`` (``ip6`` for IPv6); a boundary's chain is jumped to for
the traffic between its two zones' subnets when both zones have subnets of the same IP
versions, else unconditionally with a TODO.
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
from ..model.addresses import Network, node_address_texts, node_networks, zone_networks
from ..support.states import ZoneKind
from .rule_text import (REVIEW_NOTE, address_text, boundary_label, node_addresses, rule_reasons, rule_sources,
                        unique)

GROUP = "Exchange Topology Designer"
#: Roles whose nodes get Windows Firewall rules (Exchange servers are matched by role group).
WINDOWS_ROLES = frozenset({"domain_controller", "dns_server", "ad_rms", "lync_server"})
_PS_QUOTES = "'\u2018\u2019\u201a\u201b"  # PowerShell ends a single-quoted string at any of these
_HOSTNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,62}$")
NFT_COMMENT_BYTES = 120  # nftables allows 128


def one_line(value: Any) -> str:
    """The text on one line: control, format and line-separator characters become spaces."""
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in str(value))
    return " ".join(text.split())


def ps_quote(value: Any) -> str:
    """A PowerShell single-quoted string literal; every kind of single quote is doubled."""
    return "'" + re.sub(f"([{_PS_QUOTES}])", r"\1\1", one_line(value)) + "'"


def has_address_text(node: Node) -> bool:
    """Whether the design gives the node any address at all, well-formed or not."""
    return any(True for _ in node_address_texts(node))


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
        out.append(f"    {ps_quote(keys[peer_id])} = {ps_address(doc, peer)}  # {one_line(peer.name)}, "
                   f"{one_line(doc.zone(peer.zone).name)}")
    out += ["}", "",
            "function Assert-Address([string[]]$Ids) {",
            "    $missing = @($Ids | Where-Object { -not $Address[$_] -or @($Address[$_]) -contains 'TODO' })",
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


def ps_address(doc: Document, node: Node) -> str:
    """The PowerShell value of a peer's ``$Address`` entry: its addresses (one string, or an
    array of several), ``'Any'`` for an Internet node the design gives no address, else
    ``'TODO'``."""
    known = node_addresses(node)
    if len(known) == 1:
        return ps_quote(known[0])
    if known:
        return "@(" + ", ".join(ps_quote(a) for a in known) + ")"
    return ps_quote("Any" if is_internet(doc, node) and not has_address_text(node) else "TODO")


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


IP = {4: "ip", 6: "ip6"}
ADDR_TYPE = {4: "ipv4_addr", 6: "ipv6_addr"}


def collapsed(nets: Sequence[Network], version: int) -> list[str]:
    """The networks of one IP version, merged where they overlap or touch (an interval set
    refuses overlapping elements), as text."""
    return [address_text(n) for n in ipaddress.collapse_addresses(n for n in nets if n.version == version)]


class NftSets:
    """The named sets of a draft: declared on first use, one per node or zone and IP version."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.used: set[str] = set()
        self.lines: list[str] = []
        self._names: dict[tuple[str, str, int], str] = {}  # (kind, id, version) -> set name
        self._base: dict[tuple[str, str], str] = {}

    def _name(self, kind: str, item_id: str, label: str, version: int) -> str:
        base = self._base.get((kind, item_id))
        if base is None:
            text = label if kind == "node" else f"zone {label}"
            base = self._base[(kind, item_id)] = nft_identifier(text, self.used, upper=kind == "node")
        if version == 4:
            return base
        return nft_identifier(base + ("_V6" if kind == "node" else "_v6"), self.used, upper=kind == "node")

    def node(self, node: Node, version: int) -> str:
        key = ("node", node.id, version)
        if key in self._names:
            return self._names[key]
        name = self._names[key] = self._name("node", node.id, node.name, version)
        elements = collapsed(node_networks(node), version)
        where = f"{one_line(node.name)} ({one_line(self.doc.zone(node.zone).name)})"
        if not elements:
            self.lines.append(f"\t# TODO: the IPv{version} addresses of {where} are not in the design; fill in")
            self.lines.append("\t# this set's elements. Until then the rules that use it match nothing.")
        self._declare(name, version, elements, f"node {node.id}: {node.name}"
                      + ("" if elements else " (TODO: no address in the design)"))
        return name

    def zone(self, zone_id: str, version: int) -> str:
        key = ("zone", zone_id, version)
        if key in self._names:
            return self._names[key]
        zone = self.doc.zone(zone_id)
        name = self._names[key] = self._name("zone", zone_id, zone.name, version)
        self._declare(name, version, collapsed(zone_networks(zone), version), f"zone {zone_id}: {zone.name}")
        return name

    def _declare(self, name: str, version: int, elements: list[str], comment: str) -> None:
        body = f"type {ADDR_TYPE[version]}; flags interval; "
        if elements:
            body += "elements = { " + ", ".join(elements) + " }; "
        self.lines.append(f"\tset {name} {{ {body}comment {nft_comment(comment)}; }}")


def _versions(nets: Sequence[Network]) -> set[int]:
    return {n.version for n in nets}


def to_nftables(doc: Document, catalog: Catalog, flows: Sequence[Flow], today: date) -> str:
    """A DRAFT nftables ruleset: a chain per zone boundary, jumped to from a forward hook."""
    boundaries = boundary_rules(doc, list(flows))
    out = ["#!/usr/sbin/nft -f"]
    out += [f"# {line}" for line in _header(doc, "nftables ruleset", today)]
    out += ["#",
            "# One chain per zone boundary; the source node opens the connection. Nothing is",
            "# dropped: the forward chain's policy is accept. After review, restrict each jump",
            "# marked TODO to the interfaces of its boundary and set the policy to drop. Each node",
            "# and each zone with subnets has a named set per IP version; a set marked TODO is",
            "# empty because the design gives no address: fill in its elements. Internet nodes",
            "# without an address match any address.",
            "# Check with: nft -c -f FILE"]
    sets = NftSets(doc)
    chains: set[str] = {"forward"}
    body, jumps = [], []
    for boundary in boundaries:
        label = one_line(boundary_label(doc, boundary, "->"))
        ends = [_ascii_word(doc.zone(z).name, 30) or "zone" for z in (boundary.source_zone, boundary.destination_zone)]
        chain = nft_identifier("_to_".join(ends), chains, limit=70)
        jumps += _nft_jumps(doc, sets, boundary.source_zone, boundary.destination_zone, chain, label)
        body += [f"\tchain {chain} {{", f"\t\t# {label}: {len(boundary.rules)} rule(s)"]
        for rule in boundary.rules:
            body += _nft_rule(doc, catalog, rule, sets)
        body += ["\t}", ""]
    out += ["", "table inet exchange_designer", "delete table inet exchange_designer", "",
            "table inet exchange_designer {"]
    out += sets.lines + ([""] if sets.lines else []) + body
    out += ["\tchain forward {", "\t\ttype filter hook forward priority filter; policy accept;",
            "\t\tct state established,related accept"] + jumps + ["\t}", "}"]
    return "\n".join(out) + "\n"


def _nft_jumps(doc: Document, sets: NftSets, source_zone: str, destination_zone: str, chain: str,
               label: str) -> list[str]:
    """The jumps to a boundary's chain: for the traffic between the two zones' subnets when both
    have subnets of the same IP versions, else every packet, with a TODO."""
    a, b = (zone_networks(doc.zone(z)) for z in (source_zone, destination_zone))
    versions = _versions(a)
    if not a or versions != _versions(b):
        return [f"\t\tjump {chain}  # TODO: only traffic of {label} (iifname/oifname)"]
    return [f"\t\t{IP[v]} saddr @{sets.zone(source_zone, v)} {IP[v]} daddr @{sets.zone(destination_zone, v)} "
            f"jump {chain}  # {label}" for v in sorted(versions)]


def _nft_ends(doc: Document, node: Node) -> tuple[set[int], bool]:
    """The IP versions of the node's addresses, and whether it stands for any address (an
    Internet node the design gives no address)."""
    versions = _versions(node_networks(node))
    return versions, not versions and is_internet(doc, node) and not has_address_text(node)


def _nft_rule(doc: Document, catalog: Catalog, rule: FirewallRule, sets: NftSets) -> list[str]:
    src, dst = doc.node(rule.source), doc.node(rule.destination)
    out = [f"\t\t# {one_line(src.name)} -> {one_line(dst.name)} {rule.port}"]
    out += [f"\t\t#   Needed by {one_line(r)}" for r in rule_reasons(rule)]
    out += [f"\t\t#   Source: {one_line(s)}" for s in rule_sources(catalog, rule)]
    out += [f"\t\t#   Note: {n}" for n in rpc_note(rule)]
    (src_v, src_any), (dst_v, dst_any) = _nft_ends(doc, src), _nft_ends(doc, dst)
    if src_v and dst_v:
        versions = src_v & dst_v
        if not versions:
            return out + ["\t\t# skipped: the two ends' addresses are of different IP versions"]
    else:
        versions = src_v or dst_v or ({4} if not (src_any and dst_any) else {0})
    comment = nft_comment(f"{', '.join(rule.services)}: {src.name} -> {dst.name}")
    if rule.port.is_any:  # Microsoft's unrestricted internal traffic: any protocol, any port
        what = "accept"
    else:
        what = f"{rule.port.transport.lower()} dport {rule.port.value} accept"
    for version in sorted(versions):
        match = []
        if version:
            if not src_any:
                match.append(f"{IP[version]} saddr @{sets.node(src, version)}")
            if not dst_any:
                match.append(f"{IP[version]} daddr @{sets.node(dst, version)}")
        out.append(f"\t\t{' '.join(match + [what])} comment {comment}")
    return out
