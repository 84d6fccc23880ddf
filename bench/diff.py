"""Benchmark: ``exchange-designer diff`` on large designs, against a baseline measured in the same run.

    python bench/diff.py --nodes 1000 --connections 3000 [--repeat 5] [--seed 1]

The old design is a generated one (``bench/generate.py``) with an address on every node and a
subnet on every zone; the new one is the same design after a round of realistic edits: 3 % of
the nodes re-addressed (a move to another subnet), 2 % removed with their connections, 2 %
added with a connection each, 2 % renamed, and one service unticked on 3 % of the connections.

One line per measure: ``measure ours baseline ratio`` (median milliseconds; ratio is ours /
baseline):

diff      ours: the whole command in this process, as a user runs it (read both files, compute
          both designs' flows and rules, compare, write Markdown to a file). Baseline: what the
          change request replaces, exporting both designs' firewall rules
          (``exchange-designer rules`` twice, Markdown to a file).
json, xlsx, html
          ours: the same command in that format. Baseline: the same two ``rules`` exports.
compare   ours: ``diff_designs`` alone on designs already read, flows computed (what File ▸
          Compare With… costs after each edit). Baseline: ``boundary_rules`` of both designs'
          flows (grouping the rules, without comparing them).

``ours cpu`` is the CPU time of this process for the same measure: on a busy machine the wall
clock also counts the time other programs had the processor. The target (issue 11): at 1,000
nodes / 3,000 connections, ``diff`` within 2 s; the last line says whether it holds, with the
load average it was measured under.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from designer.model import Connection, Document, Node  # noqa: E402

FORMATS = ("md", "json", "xlsx", "html")
TARGET_MS = 2000.0


def addressed(doc: Document) -> None:
    """A /16 per zone and an address per node (in place)."""
    for z, zone in enumerate(list(doc.zones.values())):
        doc.replace_zone(replace(zone, subnets=(f"10.{z % 250}.0.0/16",)))
    counters: dict[str, int] = {}
    zone_index = {zone_id: z for z, zone_id in enumerate(doc.zones)}
    for node in list(doc.nodes.values()):
        n = counters[node.zone] = counters.get(node.zone, 0) + 1
        z = zone_index[node.zone] % 250
        doc.replace_node(replace(node, addresses=(f"10.{z}.{n // 250}.{n % 250 + 1}",)))


def edited(doc: Document, seed: int) -> Document:
    """A copy of ``doc`` after the round of edits the module describes."""
    from designer.io import dumps_document, loads_document

    new = loads_document(dumps_document(doc))
    rng = random.Random(seed)
    nodes = list(new.nodes.values())
    for node in rng.sample(nodes, max(1, len(nodes) * 3 // 100)):
        new.replace_node(replace(node, addresses=(f"172.16.{rng.randrange(250)}.{rng.randrange(1, 250)}",)))
    for node in rng.sample(nodes, max(1, len(nodes) * 2 // 100)):
        if node.id in new.nodes:
            new.replace_node(replace(new.node(node.id), name=node.name + "-renamed"))
    for node in rng.sample(nodes, max(1, len(nodes) * 2 // 100)):
        for conn in list(new.connections_of(node.id)):
            new.remove_connection(conn.id)
        new.remove_node(node.id)
    left = list(new.nodes.values())
    for i in range(max(1, len(nodes) * 2 // 100)):
        peer = rng.choice(left)
        new.add_node(Node(f"bench_new_{i}", f"NEW{i:04d}", "mailbox", peer.zone, pos=peer.pos))
        new.add_connection(Connection(f"bench_new_c{i}", (f"bench_new_{i}", peer.id)))
    conns = list(new.connections.values())
    for conn in rng.sample(conns, max(1, len(conns) * 3 // 100)):
        new.replace_connection(replace(conn, services=("SMTP",)))
    return new


def design_pair(nodes: int, connections: int, seed: int) -> tuple[Path, Path]:
    from bench.generate import generate
    from designer.io import save_document

    folder = Path(tempfile.gettempdir()) / "exchange-designer-bench"
    folder.mkdir(exist_ok=True)
    old, new = (folder / f"diff-{nodes}-{connections}-{seed}-{side}.yaml" for side in ("old", "new"))
    if not (old.exists() and new.exists()):
        doc = generate(nodes, connections, seed=seed)
        addressed(doc)
        save_document(doc, old)
        save_document(edited(doc, seed), new)
    return old, new


CPU: dict[str, float] = {}  # measure -> median CPU milliseconds of this process (ours)


def median_ms(func, repeat: int, cpu_key: str | None = None) -> float:
    """The median wall-clock milliseconds of ``func()``; with ``cpu_key``, its median CPU time too."""
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        func()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    if cpu_key:
        CPU[cpu_key] = statistics.median(cpu)
    return statistics.median(times)


def run(nodes: int, connections: int, repeat: int, seed: int = 1, files: tuple[Path, Path] | None = None) -> dict:
    from designer.analysis import boundary_rules, compute_flows
    from designer.analysis.diff import diff_designs
    from designer.catalog import load_catalog
    from designer.cli.main import main
    from designer.io import load_document

    old, new = files or design_pair(nodes, connections, seed)
    catalog = load_catalog()
    out = Path(tempfile.mkdtemp(prefix="etd-bench-diff-"))

    def command(*argv: str) -> int:
        return main(list(argv))

    ours: dict[str, float] = {}
    base: dict[str, float] = {}
    codes = set()
    for fmt in FORMATS:
        target = str(out / f"change.{fmt}")
        measure = "diff" if fmt == "md" else fmt
        ours[measure] = median_ms(
            lambda: codes.add(command("diff", str(old), str(new), "-f", fmt, "-o", target)), repeat, measure)
    if codes != {1}:
        raise SystemExit(f"diff exited with {sorted(codes)}, expected 1 (changes)")
    rules = median_ms(lambda: (command("rules", str(old), "-f", "md", "-o", str(out / "old.md")),
                               command("rules", str(new), "-f", "md", "-o", str(out / "new.md"))), repeat)
    for measure in ("diff", *FORMATS[1:]):
        base[measure] = rules
    docs = [load_document(p, roles=catalog.roles.keys()) for p in (old, new)]
    flows = [compute_flows(d, catalog) for d in docs]
    ours["compare"] = median_ms(lambda: diff_designs(docs[0], docs[1], catalog, flows[0], flows[1]), repeat,
                                "compare")
    base["compare"] = median_ms(lambda: [boundary_rules(d, list(f)) for d, f in zip(docs, flows)], repeat)
    diff = diff_designs(docs[0], docs[1], catalog, flows[0], flows[1])
    return {"nodes": len(docs[0].nodes), "connections": len(docs[0].connections), "repeat": repeat,
            "exit_codes": sorted(codes), "counts": diff.counts(), "ours": ours, "baseline": base,
            "ours_cpu": dict(CPU), "load": _load()}


def _load() -> float | None:
    """The system's 1-minute load average (other work on the machine slows the wall clock)."""
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def print_table(result: dict) -> None:
    counts = result["counts"]
    print(f"# {result['nodes']} nodes, {result['connections']} connections; median of {result['repeat']}; "
          f"rules +{counts['rules']['added']} -{counts['rules']['removed']} ~{counts['rules']['changed']}, "
          f"nodes +{counts['node']['added']} -{counts['node']['removed']} ~{counts['node']['changed']}")
    print(f"{'measure':<10} {'ours':>10} {'baseline':>10} {'ratio':>8} {'ours cpu':>10}")
    for measure, ours in result["ours"].items():
        base, cpu = result["baseline"][measure], result["ours_cpu"].get(measure, float("nan"))
        print(f"{measure:<10} {ours:>8.1f}ms {base:>8.1f}ms {ours / base if base else float('inf'):>8.2f} "
              f"{cpu:>8.1f}ms")
    verdict = "holds" if result["ours"]["diff"] <= TARGET_MS else "MISSED"
    load = result.get("load")
    print(f"# target: diff within {TARGET_MS:.0f} ms: {verdict} ({result['ours']['diff']:.0f} ms wall clock, "
          f"{result['ours_cpu']['diff']:.0f} ms CPU" + (f"; load average {load:.1f}" if load is not None else "")
          + ")")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark exchange-designer diff.")
    parser.add_argument("--nodes", type=int, default=1000)
    parser.add_argument("--connections", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--files", type=Path, nargs=2, metavar=("OLD", "NEW"), help="two designs to compare instead")
    args = parser.parse_args(argv)
    print_table(run(args.nodes, args.connections, args.repeat, args.seed, tuple(args.files) if args.files else None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
