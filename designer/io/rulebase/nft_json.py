"""An nftables ruleset, as ``nft -j list ruleset`` prints it (libnftables-json(5)). Pure Python.

The filter chains hooked on ``forward`` (else on ``input``) are read in priority order; a
``jump`` or ``goto`` inlines its target chain under the jump's own conditions, so each base
chain becomes one ordered list of rules. A rule's matches on ``ip``/``ip6`` ``saddr``/``daddr``,
``tcp``/``udp``/``th`` ``dport``, ``meta l4proto`` and ``ip protocol`` are understood with their
values: addresses, prefixes, ranges, anonymous sets and named sets (``@name``, interval and
prefix elements included), ``==`` and ``!=``. ``ct state`` decides whether a rule can see a new
connection at all. Interface matches are taken to hold (the design knows no interfaces), and any
other match makes the rule one the verifier cannot judge. ``accept`` allows; ``drop`` and
``reject`` deny; the chain policy applies when nothing matches.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...analysis.rulebase import (
    ALLOW, ANY_ENDPOINT, DENY, FULL_RANGE, TRANSPORTS, Chain, Endpoint, Interval, Rule, Rulebase,
    merge, merge_ranges, parse_interval, subtract_ranges,
)
from ...support.yamlsafe import InputError

FAMILIES = ("inet", "ip", "ip6")
MAX_DEPTH = 16
_INTERFACE_KEYS = {"iif", "iifname", "oif", "oifname", "iiftype", "oiftype", "iifgroup", "oifgroup"}
_HARMLESS = {"counter", "log", "limit", "quota", "notrack", "meter", "set", "ct count", "xt"}


class _Unjudged(Exception):
    """A value or match the verifier cannot evaluate."""


@dataclass
class _Match:
    """The conditions of one rule (or of the jumps that led to it)."""

    source: Endpoint = ANY_ENDPOINT
    destination: Endpoint = ANY_ENDPOINT
    transports: frozenset[str] | None = None  # None: any protocol
    ports: tuple[tuple[int, int], ...] | None = None  # destination ports; None: any
    conditional: list[str] = field(default_factory=list)
    never: bool = False  # cannot match a new connection (ct state established,related)

    def both(self, other: "_Match") -> "_Match":
        transports = self.transports if other.transports is None else (
            other.transports if self.transports is None else self.transports & other.transports)
        ports = self.ports if other.ports is None else (
            other.ports if self.ports is None else _intersect(self.ports, other.ports))
        return _Match(self.source.restrict(other.source), self.destination.restrict(other.destination),
                      transports, ports, self.conditional + other.conditional, self.never or other.never)

    def rule_ports(self) -> dict[str, tuple[tuple[int, int], ...]] | None:
        if self.transports is None and self.ports is None:
            return None
        transports = sorted(self.transports) if self.transports is not None else list(TRANSPORTS)
        return {t: self.ports if self.ports is not None else FULL_RANGE for t in transports}


def _intersect(a, b):
    out = [(max(x, y), min(p, q)) for x, p in a for y, q in b if max(x, y) <= min(p, q)]
    return merge_ranges(out)


class Reader:
    def __init__(self, data: Any, file: str) -> None:
        self.file = file
        self.notes: list[str] = []
        self.sets: dict[tuple[str, str, str], list[Any]] = {}
        self.chains: dict[tuple[str, str, str], dict] = {}
        self.rules: dict[tuple[str, str, str], list[dict]] = {}
        if not isinstance(data, dict) or not isinstance(data.get("nftables"), list):
            raise InputError(file, None, "not an nftables ruleset: expected a JSON object with an "
                             "'nftables' list, as 'nft -j list ruleset' prints")
        for n, item in enumerate(data["nftables"]):
            if not isinstance(item, dict) or len(item) != 1:
                raise InputError(file, None, f"nftables[{n}] is not an object with one key (libnftables-json)")
            (kind, body), = item.items()
            if kind in ("set", "map", "chain", "rule"):
                if not isinstance(body, dict) or not all(isinstance(body.get(k), str) for k in ("family", "table")):
                    raise InputError(file, None, f"nftables[{n}].{kind} lacks its family or table")
                name = body.get("chain" if kind == "rule" else "name")
                if not isinstance(name, str):
                    raise InputError(file, None, f"nftables[{n}].{kind} lacks its {'chain' if kind == 'rule' else 'name'}")
                key = (body["family"], body["table"], name)
                if kind in ("set", "map"):
                    elems = body.get("elem", [])
                    self.sets[key] = elems if isinstance(elems, list) else [elems]
                elif kind == "chain":
                    self.chains[key] = body
                else:
                    self.rules.setdefault(key, []).append(body)

    # ---- values
    def values(self, expr: Any, family: str, table: str) -> list[Any]:
        """The plain values of a right-hand side: ints, strings, ("range", a, b), ("prefix", a, n)."""
        if isinstance(expr, bool):
            raise _Unjudged("a boolean")
        if isinstance(expr, (int, float)):
            return [int(expr)]
        if isinstance(expr, str):
            if expr.startswith("@"):
                key = (family, table, expr[1:])
                if key not in self.sets:
                    raise _Unjudged(f"the set {expr}, which the ruleset does not define")
                return [v for e in self.sets[key] for v in self.values(e, family, table)]
            return [expr]
        if isinstance(expr, list):
            return [v for e in expr for v in self.values(e, family, table)]
        if isinstance(expr, dict) and len(expr) == 1:
            (kind, body), = expr.items()
            if kind == "set":
                return self.values(body if isinstance(body, list) else [body], family, table)
            if kind == "elem" and isinstance(body, dict) and "val" in body:
                return self.values(body["val"], family, table)
            if kind == "range" and isinstance(body, list) and len(body) == 2:
                low, high = (self.values(b, family, table) for b in body)
                if len(low) == len(high) == 1:
                    return [("range", low[0], high[0])]
            if kind == "prefix" and isinstance(body, dict):
                return [("prefix", body.get("addr"), body.get("len"))]
            raise _Unjudged(f"a value of kind {kind!r}")
        raise _Unjudged("a value of an unknown kind")

    def addresses(self, expr: Any, family: str, table: str) -> tuple[Interval, ...]:
        out = []
        for value in self.values(expr, family, table):
            if isinstance(value, tuple) and value[0] == "range":
                text = f"{value[1]}-{value[2]}"
            elif isinstance(value, tuple):
                text = f"{value[1]}/{value[2]}"
            else:
                text = str(value)
            found = parse_interval(text)
            if found is None:
                raise _Unjudged(f"the address {text[:60]!r}")
            out.append(found)
        return merge(out)

    def port_ranges(self, expr: Any, family: str, table: str) -> tuple[tuple[int, int], ...]:
        out = []
        for value in self.values(expr, family, table):
            low, high = (value[1], value[2]) if isinstance(value, tuple) and value[0] == "range" else (value, value)
            if isinstance(value, tuple) and value[0] == "prefix":
                raise _Unjudged("a port prefix")
            try:
                low, high = int(low), int(high)
            except (TypeError, ValueError):
                raise _Unjudged(f"the port {str(value)[:30]!r}") from None
            if not 0 <= low <= high <= 65535:
                raise _Unjudged(f"the port range {low}-{high}")
            out.append((max(low, 1), high))
        return merge_ranges(out)

    # ---- one rule
    def match(self, body: dict, m: _Match, family: str, table: str) -> None:
        op, left, right = body.get("op", "=="), body.get("left"), body.get("right")
        if op not in ("==", "!=", "in"):
            raise _Unjudged(f"the operator {str(op)[:10]!r}")
        negate = op == "!="
        if isinstance(left, dict) and "payload" in left and isinstance(left["payload"], dict):
            proto, fld = left["payload"].get("protocol"), left["payload"].get("field")
            if proto in ("ip", "ip6") and fld in ("saddr", "daddr"):
                nets = self.addresses(right, family, table)
                ep = Endpoint(excluded=nets) if negate else Endpoint(networks=nets)
                if fld == "saddr":
                    m.source = m.source.restrict(ep)
                else:
                    m.destination = m.destination.restrict(ep)
                return
            if proto in ("tcp", "udp", "th") and fld == "dport":
                ranges = self.port_ranges(right, family, table)
                if negate:
                    ranges = subtract_ranges(FULL_RANGE, ranges)
                m.ports = ranges if m.ports is None else _intersect(m.ports, ranges)
                if proto != "th":
                    self.transport(m, frozenset({proto.upper()}))
                return
            if proto in ("ip", "ip6") and fld in ("protocol", "nexthdr"):
                self.l4(m, right, negate, family, table)
                return
            raise _Unjudged(f"a match on {proto} {fld}")
        if isinstance(left, dict) and "meta" in left and isinstance(left["meta"], dict):
            key = left["meta"].get("key")
            if key == "l4proto":
                self.l4(m, right, negate, family, table)
                return
            if key in ("nfproto", "protocol"):
                return
            if key in _INTERFACE_KEYS:
                self.note_once("Interface matches (iifname, oifname…) are taken to hold: the design "
                               "knows no interfaces.")
                return
            raise _Unjudged(f"a match on meta {key}")
        if isinstance(left, dict) and "ct" in left and isinstance(left["ct"], dict) and left["ct"].get("key") == "state":
            states = {str(v) for v in self.values(right, family, table)}
            if ("new" in states) == negate:
                m.never = True
            return
        if isinstance(left, dict) and len(left) == 1:
            raise _Unjudged(f"a match on {next(iter(left))}")
        raise _Unjudged("a match of an unknown kind")

    def l4(self, m: _Match, right: Any, negate: bool, family: str, table: str) -> None:
        names = {str(v).upper() for v in self.values(right, family, table)}
        names = {{"6": "TCP", "17": "UDP"}.get(n, n) for n in names}
        known = names & set(TRANSPORTS)
        if negate:
            self.transport(m, frozenset(TRANSPORTS) - known)
        else:
            self.transport(m, frozenset(known))

    @staticmethod
    def transport(m: _Match, transports: frozenset[str]) -> None:
        m.transports = transports if m.transports is None else m.transports & transports

    def note_once(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def parse_rule(self, rule: dict, family: str, table: str) -> tuple[_Match, str | None, str | None]:
        """The rule's conditions, its verdict and a jump's target."""
        m = _Match()
        verdict, target = None, None
        exprs = rule.get("expr")
        if not isinstance(exprs, list):
            return m, None, None
        for stmt in exprs:
            if not isinstance(stmt, dict) or len(stmt) != 1:
                m.conditional.append("a statement of an unknown kind")
                continue
            (kind, body), = stmt.items()
            if kind == "match" and isinstance(body, dict):
                try:
                    self.match(body, m, family, table)
                except _Unjudged as exc:
                    m.conditional.append(str(exc))
            elif kind in ("accept", "drop", "reject", "return", "continue"):
                verdict = kind
            elif kind in ("jump", "goto"):
                verdict = kind
                target = body.get("target") if isinstance(body, dict) else None
            elif kind in ("vmap", "map"):
                m.conditional.append("a verdict map")
                verdict = "vmap"
            elif kind not in _HARMLESS:
                m.conditional.append(f"the statement {kind!r}")
        return m, verdict, target

    # ---- chains
    def flatten(self, key: tuple[str, str, str], outer: _Match, path: list[str], out: list[Rule],
                depth: int = 0) -> None:
        family, table, name = key
        for rule in self.rules.get(key, []):
            own, verdict, target = self.parse_rule(rule, family, table)
            m = outer.both(own)
            if m.never or verdict in (None, "continue"):
                continue
            where = f"{' → '.join(path + [name])}, handle {rule.get('handle', '?')}"
            unconditional = own == _Match()
            if verdict in ("jump", "goto"):
                tkey = (family, table, str(target))
                if tkey not in self.chains and tkey not in self.rules:
                    raise InputError(self.file, None, f"{where}: jumps to the chain {str(target)[:60]!r}, "
                                     "which the ruleset does not define")
                if depth >= MAX_DEPTH or str(target) in path + [name]:
                    self.note_once(f"{where}: jumps deeper than {MAX_DEPTH} chains or in a loop; not followed.")
                    continue
                self.flatten(tkey, m, path + [name], out, depth + 1)
                if verdict == "goto" and unconditional:
                    return
                continue
            if verdict == "return":
                if unconditional:
                    return
                self.note_once(f"{where}: a conditional return is not followed; the rest of its chain is "
                               "read as if every packet continued.")
                continue
            if verdict == "vmap":
                verdict = "accept"
            comment = rule.get("comment") if isinstance(rule.get("comment"), str) else ""
            out.append(Rule(len(out), ALLOW if verdict == "accept" else DENY, m.source, m.destination,
                            m.rule_ports(), where, comment,
                            "; ".join(dict.fromkeys(m.conditional)) or None))

    def rulebase(self) -> Rulebase:
        base = [(k, c) for k, c in self.chains.items()
                if k[0] in FAMILIES and isinstance(c.get("hook"), str) and c.get("type", "filter") == "filter"]
        hook = "forward" if any(c["hook"] == "forward" for _, c in base) else "input"
        hooked = sorted(((k, c) for k, c in base if c["hook"] == hook),
                        key=lambda kc: kc[1].get("prio", 0) if isinstance(kc[1].get("prio", 0), int) else 0)
        result = Rulebase(self.file, "nft-json", notes=self.notes)
        if hook == "input" and hooked:
            self.note_once("No filter chain hooks forward: the input chains were read (this host's own firewall).")
        for key, chain in hooked:
            rules: list[Rule] = []
            self.flatten(key, _Match(), [], rules)
            policy = ALLOW if chain.get("policy", "accept") == "accept" else DENY
            result.chains.append(Chain(f"{key[0]} {key[1]} {key[2]} (hook {hook})", rules, policy))
        if not hooked:
            self.note_once("No filter chain hooks forward or input: this ruleset filters nothing.")
            result.chains.append(Chain("(no filter chain)", [], ALLOW))
        return result


def read(data: Any, file: str) -> Rulebase:
    """The rulebase of a parsed ``nft -j list ruleset`` document."""
    return Reader(data, file).rulebase()

