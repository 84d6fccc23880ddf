"""Windows Firewall rules as JSON, exported by the PowerShell one-liner in the README. Pure Python.

Each object is one rule with the properties of ``Get-NetFirewallRule`` (``DisplayName``,
``Enabled``, ``Direction``, ``Action``), of its port filter (``Protocol``, ``LocalPort``) and of
its address filter (``RemoteAddress``, ``LocalAddress``), and ``Computer``: the server it was
exported on (``$env:COMPUTERNAME``). Enumerations are read as their names or their numbers.

Only enabled inbound rules count. Windows Firewall applies block rules before allow rules and,
by default, blocks inbound traffic that no rule allows; the rulebase is ordered so. A rule's
destination is its computer (matched with the design's node names) or its ``LocalAddress``;
its source is ``RemoteAddress``. Keywords such as ``LocalSubnet`` and the ``RPC`` port are
rules the verifier cannot judge; ``RPCEPMap`` is the RPC endpoint mapper, 135/TCP.
"""
from __future__ import annotations

from typing import Any

from ...analysis.rulebase import (
    ALLOW, ANY_ENDPOINT, DENY, FULL_RANGE, TRANSPORTS, Chain, Endpoint, Rule, Rulebase, merge,
    merge_ranges, parse_interval,
)
from ...support.yamlsafe import InputError

MAX_RULES = 200_000
_ACTIONS = {"allow": ALLOW, "2": ALLOW, "block": DENY, "4": DENY}
_PROTOCOLS = {"tcp": "TCP", "6": "TCP", "udp": "UDP", "17": "UDP"}
_PORT_KEYWORDS = {"rpcepmap": (135, 135)}


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _list(value: Any) -> list[str]:
    if isinstance(value, dict) and "value" in value:  # Windows PowerShell 5.1's wrapped arrays
        value = value["value"]
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [_text(v) for v in items if _text(v)]


def _addresses(values: list[str]) -> Endpoint:
    if not values or any(v.lower() in ("any", "*") for v in values):
        return ANY_ENDPOINT
    found = []
    for value in values:
        interval = parse_interval(value)
        if interval is None:
            return Endpoint(keyword=value[:40])
        found.append(interval)
    return Endpoint(networks=merge(found))


def _ports(protocol: str, local_ports: list[str]) -> tuple[dict | None, str | None]:
    """The rule's ports and, where a keyword hides them, why they can't be judged."""
    proto = _PROTOCOLS.get(protocol.lower())
    if protocol.lower() in ("", "any", "256"):
        transports = list(TRANSPORTS)
    elif proto is None:
        return {}, None  # ICMP and others: no TCP or UDP flow passes
    else:
        transports = [proto]
    ranges, unjudged = [], None
    for value in local_ports or ["Any"]:
        low = value.lower()
        if low in ("any", "*"):
            ranges = list(FULL_RANGE)
            break
        if low in _PORT_KEYWORDS:
            ranges.append(_PORT_KEYWORDS[low])
            continue
        parts = value.split("-")
        if all(p.strip().isdigit() for p in parts) and len(parts) <= 2:
            a, b = int(parts[0]), int(parts[-1])
            if 1 <= a <= b <= 65535:
                ranges.append((a, b))
                continue
        unjudged = f"the local port {value[:30]!r}"
    if protocol.lower() in ("", "any", "256") and ranges == list(FULL_RANGE):
        return None, unjudged
    return {t: merge_ranges(ranges) for t in transports}, unjudged


def read(data: Any, file: str) -> Rulebase:
    items = data if isinstance(data, list) else [data]
    if not items or not all(isinstance(i, dict) and ("Action" in i or "DisplayName" in i) for i in items):
        raise InputError(file, None, "not Windows Firewall rules: expected a JSON list of objects with "
                         "DisplayName, Action, Direction… (see the README's PowerShell one-liner)")
    if len(items) > MAX_RULES:
        raise InputError(file, None, f"more than {MAX_RULES:,} rules: too many to check")
    blocks, allows, computers = [], [], set()
    for n, item in enumerate(items):
        enabled = _text(item.get("Enabled", "True")).lower()
        direction = _text(item.get("Direction", "Inbound")).lower()
        if enabled not in ("true", "1") or direction not in ("inbound", "1"):
            continue
        action = _ACTIONS.get(_text(item.get("Action")).lower())
        if action is None:
            raise InputError(file, None, f"rule {n + 1} ({_text(item.get('DisplayName'))[:60]!r}): the "
                             f"action {_text(item.get('Action'))[:20]!r} is neither Allow nor Block")
        computer = _text(item.get("Computer"))
        local = _addresses(_list(item.get("LocalAddress")))
        if computer:
            computers.add(computer.casefold())
            destination = Endpoint(local.networks, names=frozenset({computer.casefold()}), keyword=local.keyword)
        else:
            destination = local
        source = _addresses(_list(item.get("RemoteAddress")))
        ports, unjudged = _ports(_text(item.get("Protocol")), _list(item.get("LocalPort")))
        reasons = [r for r in (unjudged, f"the remote address {source.keyword!r}" if source.keyword else None,
                               f"the local address {local.keyword!r}" if local.keyword else None) if r]
        name = _text(item.get("DisplayName")) or _text(item.get("Name"))
        where = f"{computer + ': ' if computer else ''}rule {n + 1}"
        rule = Rule(0, action, source, destination, ports, where, name, "; ".join(reasons) or None)
        (blocks if action == DENY else allows).append(rule)
    ordered = [Rule(i, r.action, r.source, r.destination, r.ports, r.where, r.text, r.conditional)
               for i, r in enumerate(blocks + allows)]
    notes = ["Windows Firewall: block rules apply before allow rules, and inbound traffic that no "
             "rule allows is blocked (the default inbound action)."]
    if not computers:
        notes.append("The rules name no Computer: they are taken to protect every Exchange server of the design.")
    return Rulebase(file, "windows-json", [Chain("Windows Firewall, inbound", ordered, DENY)], "host",
                    frozenset(computers), notes)
