"""Benchmark: ``exchange-designer verify`` on a generated design against a generated nftables ruleset.

    python bench/verify.py [--nodes 1000] [--connections 3000] [--rules 5000] [--repeat 5]

The design comes from ``bench/generate.py``, with a subnet per zone and an address on every node
outside the Internet zones. The ruleset is ``nft -j list ruleset`` JSON of one forward chain
(policy drop) jumping to a chain per zone boundary: an accept rule for nearly every rule the
design needs (a few left out, so there are gaps), denies on RDP and SMB towards the internal
zones placed first (one of them shadows a needed rule), zone-to-zone rules on subnets, and
filler rules on random hosts and ports up to ``--rules`` rules.

One line per measure: ``measure ours baseline ratio`` (median CPU ms of this process: the work
is single-threaded, so CPU time is what it takes on an idle machine, while wall time on a shared
machine swings with the load; the wall time of ``total`` is printed too). The baseline, measured in
the same run, is reading the two inputs with the fastest parsers at hand (``yaml.safe_load`` of
the design, ``json.loads`` of the ruleset); the ratio says how many times that ``verify`` takes.

read     ``read_rulebase`` (JSON parse and the nftables reader)
load     ``load_document`` (the design, validated)
flows    ``compute_flows``
compare  ``verify`` (every needed rule judged, excess exposure found)
report   the Markdown report
total    the whole command in-process (``main(["verify", ...])``), which the target (2 s) is about
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from designer.analysis import boundary_rules, compute_flows  # noqa: E402
from designer.catalog import load_catalog  # noqa: E402
from designer.model import Document, Node, Zone  # noqa: E402

TARGET_MS = 2000.0
MEASURES = ("read", "load", "flows", "compare", "report", "total")


def addressed(doc: Document) -> Document:
    """The design with a /16 per non-Internet zone and an address on each of its nodes."""
    out = Document(doc.name, doc.exchange_version)
    nets = {}
    for i, zone in enumerate(doc.zones.values(), start=1):
        if zone.kind != "internet":
            nets[zone.id] = (10, i)
        out.add_zone(Zone(zone.id, zone.name, zone.kind, zone.rect, zone.color,
                          subnets=(f"10.{i}.0.0/16",) if zone.id in nets else ()))
    for n, node in enumerate(doc.nodes.values()):
        addresses = ()
        if node.zone in nets:
            addresses = (f"10.{nets[node.zone][1]}.{n // 250}.{n % 250 + 1}",)
        out.add_node(Node(node.id, node.name, node.role, node.zone, node.pos, addresses=addresses))
    for conn in doc.connections.values():
        out.add_connection(conn)
    return out


def _match(proto: str, field: str, right) -> dict:
    return {"match": {"op": "==", "left": {"payload": {"protocol": proto, "field": field}}, "right": right}}


def ruleset(doc: Document, catalog, total: int, seed: int = 1) -> dict:
    """``nft -j list ruleset`` JSON with ``total`` rules (see the module)."""
    rng = random.Random(seed)
    items: list[dict] = [{"metainfo": {"version": "1.0.6", "json_schema_version": 1}},
                         {"table": {"family": "inet", "name": "fw", "handle": 1}}]
    handle = iter(range(10, 10 ** 7))

    def chain(name: str, **hook) -> None:
        items.append({"chain": {"family": "inet", "table": "fw", "name": name, "handle": next(handle), **hook}})

    def rule(chain_name: str, *expr) -> None:
        items.append({"rule": {"family": "inet", "table": "fw", "chain": chain_name, "handle": next(handle),
                               "expr": list(expr)}})

    address = {n.id: n.addresses[0] for n in doc.nodes.values() if n.addresses}
    subnets = {z.id: z.subnets[0] for z in doc.zones.values() if z.subnets}
    internal = [z for z in doc.zones.values() if z.kind == "internal" and z.subnets]
    chain("forward", type="filter", hook="forward", prio=0, policy="drop")
    count = 0
    for zone in internal:  # denies first: RDP and SMB into the internal zones from elsewhere
        prefix = {"prefix": {"addr": zone.subnets[0].split("/")[0], "len": 16}}
        rule("forward", {"match": {"op": "!=", "left": {"payload": {"protocol": "ip", "field": "saddr"}},
                                   "right": prefix}}, _match("ip", "daddr", prefix),
             _match("tcp", "dport", {"set": [3389, 445]}), {"drop": None})
        count += 1
    boundaries = boundary_rules(doc, compute_flows(doc, catalog))
    needed = [(b, r) for b in boundaries for r in b.rules]
    keep = max(0, min(len(needed), total - count - len(boundaries) * 2))
    chosen = needed[:keep]
    left_out = set(rng.sample(range(len(chosen)), min(5, len(chosen))))
    names = {}
    for b in boundaries:
        names[(b.source_zone, b.destination_zone)] = name = f"{b.source_zone}_to_{b.destination_zone}"
        chain(name)
        rule("forward", {"jump": {"target": name}})
    for i, (b, r) in enumerate(chosen):
        if i in left_out:
            continue
        expr = []
        if r.source in address:
            expr.append(_match("ip", "saddr", address[r.source]))
        if r.destination in address:
            expr.append(_match("ip", "daddr", address[r.destination]))
        if not r.port.is_any:
            right = r.port.low if r.port.low == r.port.high else {"range": [r.port.low, r.port.high]}
            expr.append(_match(r.port.transport.lower(), "dport", right))
        rule(names[(b.source_zone, b.destination_zone)], *expr, {"counter": {"packets": 0, "bytes": 0}},
             {"accept": None})
        count += 1
    for b in boundaries:  # zone to zone on subnets, HTTPS
        if b.source_zone in subnets and b.destination_zone in subnets:
            rule(names[(b.source_zone, b.destination_zone)],
                 _match("ip", "saddr", {"prefix": {"addr": subnets[b.source_zone].split("/")[0], "len": 16}}),
                 _match("ip", "daddr", {"prefix": {"addr": subnets[b.destination_zone].split("/")[0], "len": 16}}),
                 _match("tcp", "dport", 443), {"accept": None})
            count += 1
    hosts = list(address.values())
    chain_names = list(names.values())
    while count < total:  # filler: random host pairs and ports
        rule(rng.choice(chain_names), _match("ip", "saddr", rng.choice(hosts)),
             _match("ip", "daddr", rng.choice(hosts)),
             _match(rng.choice(("tcp", "udp")), "dport", rng.randint(1, 65535)), {"accept": None})
        count += 1
    return {"nftables": items}


def timed(func) -> tuple[float, object]:
    """CPU milliseconds of ``func()`` in this process (the work is single-threaded, so this is
    its time on an idle machine; wall time on a shared one swings with the load) and its value."""
    start = time.process_time()
    value = func()
    return (time.process_time() - start) * 1000, value


def run(nodes: int, connections: int, rules: int, repeat: int) -> dict:
    import yaml

    from designer.analysis.verify import verify
    from designer.cli.main import main
    from designer.io import load_document, save_document
    from designer.io.rulebase import read_rulebase
    from designer.io.verify_report import render_verification

    catalog = load_catalog()
    doc = addressed(generate(nodes, connections, catalog=catalog))
    folder = Path(tempfile.mkdtemp(prefix="etd-bench-verify-"))
    design, rulebase = folder / "design.yaml", folder / "ruleset.json"
    save_document(doc, design)
    rulebase.write_text(json.dumps(ruleset(doc, catalog, rules)), encoding="utf-8")
    times: dict[str, list[float]] = {m: [] for m in MEASURES}
    base: list[float] = []
    walls: list[float] = []
    for _ in range(repeat):
        t, rb = timed(lambda: read_rulebase(rulebase, "nft-json"))
        times["read"].append(t)
        t, loaded = timed(lambda: load_document(design, roles=catalog.roles.keys()))
        times["load"].append(t)
        t, flows = timed(lambda: compute_flows(loaded, catalog))
        times["flows"].append(t)
        t, result = timed(lambda: verify(loaded, catalog, flows, rb))
        times["compare"].append(t)
        t, _ = timed(lambda: render_verification("md", loaded, result))
        times["report"].append(t)
        out = io.StringIO()
        wall = time.perf_counter()
        t, code = timed(lambda: main(["verify", str(design), "--rulebase", str(rulebase)], out))
        walls.append((time.perf_counter() - wall) * 1000)
        times["total"].append(t)
        fast = hasattr(yaml, "CSafeLoader")  # the baseline: safe loading, with libyaml where installed
        t, _ = timed(lambda: (yaml.load(design.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader if fast else yaml.SafeLoader),
                              json.loads(rulebase.read_text(encoding="utf-8"))))
        base.append(t)
    return {"nodes": len(doc.nodes), "connections": len(doc.connections), "rules": rb.rule_count,
            "needed": len(result.needs), "gaps": len(result.gaps), "excess": len(result.exposures),
            "exit": code, "repeat": repeat, "ours": {m: statistics.median(v) for m, v in times.items()},
            "baseline": statistics.median(base), "total_wall": statistics.median(walls),
            "load_average": os.getloadavg()[0]}


def print_table(result: dict) -> None:
    print(f"# {result['nodes']} nodes, {result['connections']} connections, {result['rules']} rules; "
          f"{result['needed']} needed rules, {result['gaps']} gaps, {result['excess']} excess, "
          f"exit {result['exit']}; median of {result['repeat']}")
    print(f"# CPU time of this process; wall time of 'total' {result['total_wall']:.0f} ms at load average "
          f"{result['load_average']:.1f}")
    print(f"# baseline: yaml.safe_load of the design + json.loads of the ruleset = {result['baseline']:.1f} ms")
    print(f"{'measure':<10} {'ours':>10} {'baseline':>10} {'ratio':>8}")
    for m in MEASURES:
        ours = result["ours"][m]
        print(f"{m:<10} {ours:>8.1f}ms {result['baseline']:>8.1f}ms {ours / result['baseline']:>8.2f}")
    total = result["ours"]["total"]
    print(f"# target: total within {TARGET_MS / 1000:.0f} s: {'met' if total <= TARGET_MS else 'MISSED'} "
          f"({total / 1000:.2f} s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark exchange-designer verify.")
    parser.add_argument("--nodes", type=int, default=1000)
    parser.add_argument("--connections", type=int, default=3000)
    parser.add_argument("--rules", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    result = run(args.nodes, args.connections, args.rules, args.repeat)
    if args.json:
        print(json.dumps(result))
    else:
        print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
