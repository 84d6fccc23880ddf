"""Synthetic but realistic Exchange designs of any size, for the benchmarks.

A design has several *sites*; each site has an Internet, a perimeter (DMZ) and an internal
zone. Roles come from the catalog and are valid for the design's Exchange version: Internet
mail hosts, public DNS and remote clients in the Internet zone, Edge Transport and reverse
proxies in the DMZ, Exchange servers, directory, telephony and office clients inside. Most
connections join roles that have a data path in the knowledge base (so they carry flows), with
an Exchange server at one end as in real designs; a few have none (they show a finding), and
a few are parallel (the same pair twice, with a subset of services).

One Mailbox server (the *hub*) gets exactly ``hub_degree`` connections, for the drag benchmark.

Usable as a module (:func:`generate`) and as a script::

    python bench/generate.py --nodes 1000 --connections 3000 -o big.yaml [--seed 1] [--no-geometry]

Deterministic for a seed. With geometry (the default) zones get rects and nodes positions, the
sites stacked top to bottom; ``--no-geometry`` leaves them out and the designer lays the file
out on open (``designer.model.layout.auto_layout``).
"""
from __future__ import annotations

import argparse
import math
import random
import sys
from dataclasses import replace
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from designer.catalog import Catalog, load_catalog  # noqa: E402
from designer.model import Connection, Document, Member, Node, Rect, Zone  # noqa: E402

# Share of a site's nodes per zone kind, and the roles of each kind with their weights.
ZONE_SHARE = {"internet": 0.12, "perimeter": 0.06, "internal": 0.82}
ZONE_ROLES = {
    "internet": {"internet_mail": 3, "dns_server": 1, "outlook": 3, "owa_browser": 3,
                 "activesync_device": 3, "imap_client": 1, "ews_client": 1},
    "perimeter": {"edge_transport": 2, "reverse_proxy": 2, "dns_server": 1},
    "internal": {"mailbox": 10, "client_access": 2, "hub_transport": 2, "unified_messaging": 1,
                 "domain_controller": 5, "dns_server": 2, "outlook": 18, "owa_browser": 8,
                 "activesync_device": 5, "imap_client": 2, "pop_client": 1, "smtp_client": 3,
                 "ews_client": 2, "thunderbird": 1, "davmail_gateway": 1, "admin_workstation": 3,
                 "ip_pbx": 1, "lync_server": 1, "ad_rms": 1},
}
CELL = (220.0, 160.0)  # a node's cell in a generated zone: room for its lines' labels
ZONE_GAP, SITE_GAP, HEADER, PAD = 200.0, 240.0, 40.0, 40.0
NO_PATH_SHARE = 0.04  # connections between roles without a data path
PARALLEL_SHARE = 0.02  # a second connection over the same pair, with a subset of services
CROSS_SITE_SHARE = 0.15


def _sites_for(nodes: int) -> int:
    return max(1, round(nodes / 250))


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    roles, w = zip(*weights.items())
    return rng.choices(roles, w)[0]


def generate(nodes: int = 1000, connections: int = 3000, *, seed: int = 1, version: str = "2016",
             sites: int | None = None, hub_degree: int = 50, geometry: bool = True,
             catalog: Catalog | None = None, groups: int = 0) -> Document:
    """A design with ``nodes`` nodes and ``connections`` connections (see the module). With
    ``groups`` > 0, every Mailbox server and domain controller is a group node of that many
    members, each with an address (the Mailbox groups are DAGs)."""
    catalog = catalog or load_catalog()
    rng = random.Random(seed)
    sites = sites or _sites_for(nodes)
    doc = Document(f"Synthetic enterprise, {nodes} nodes, {connections} connections", version)
    valid = {kind: {r: w for r, w in roles.items()
                    if catalog.role(r) is not None and catalog.role(r).available_in(version)}
             for kind, roles in ZONE_ROLES.items()}

    # ---- zones and nodes
    by_site: list[list[Node]] = []
    serial = 0
    for s in range(sites):
        site_nodes = nodes // sites + (1 if s < nodes % sites else 0)
        counts = {k: max(1, round(site_nodes * share)) for k, share in ZONE_SHARE.items()}
        counts["internal"] = max(1, site_nodes - counts["internet"] - counts["perimeter"])
        members: list[Node] = []
        for kind, label in (("internet", "Internet"), ("perimeter", "DMZ"), ("internal", "LAN")):
            zone = Zone(f"s{s + 1}_{kind}", f"Site {s + 1} {label}", kind)
            doc.add_zone(zone)
            for i in range(counts[kind]):
                serial += 1
                # every site's first internal nodes are Exchange servers and a DC
                role = ("mailbox", "domain_controller")[i] if kind == "internal" and i < 2 \
                    else _pick(rng, valid[kind])
                node = Node(f"n{serial}", f"{role.split('_')[0].upper()}-{s + 1}-{i + 1:03d}", role,
                            zone.id)
                doc.add_node(node)
                members.append(node)
        by_site.append(members)
    all_nodes = [n for site in by_site for n in site]
    if geometry:
        _place(doc, sites)

    # ---- connections
    partners = _partner_roles(catalog, version, {n.role for n in all_nodes})
    by_role: dict[tuple[int, str], list[Node]] = {}
    for s, members in enumerate(by_site):
        for node in members:
            by_role.setdefault((s, node.role), []).append(node)
    site_of = {n.id: s for s, members in enumerate(by_site) for n in members}
    exchange = [n for n in all_nodes if "exchange" in (catalog.role(n.role).tags or ())]
    pairs: dict[frozenset, int] = {}
    made: list[Connection] = []

    def add(a: Node, b: Node, services: tuple[str, ...] | None = None) -> None:
        made.append(Connection(f"c{len(made) + 1}", (a.id, b.id), services))
        key = frozenset((a.id, b.id))
        pairs[key] = pairs.get(key, 0) + 1

    hub = by_site[0][counts_offset(by_site[0], "internal")]  # the site's first Mailbox server
    hub_partners = [n for n in all_nodes if n.id != hub.id and n.role in partners.get(hub.role, ())]
    rng.shuffle(hub_partners)
    hub_partners.sort(key=lambda n: site_of[n.id] != 0)  # its own site first
    for partner in hub_partners[:min(hub_degree, connections)]:
        add(hub, partner)
    others = [n for n in all_nodes if n.id != hub.id]
    servers = [n for n in exchange if n.id != hub.id] or others
    attempts = 0
    while len(made) < connections and attempts < connections * 50:
        attempts += 1
        roll = rng.random()
        if roll < PARALLEL_SHARE and made:
            base = rng.choice(made)
            a, b = (doc.node(x) for x in base.between)
            if hub.id in base.between:
                continue
            services = catalog.services_between(version, a.role, b.role)
            if len(services) > 1 and pairs[frozenset((a.id, b.id))] < 3:
                add(a, b, tuple(rng.sample(services, max(1, len(services) // 2))))
            continue
        a = rng.choice(servers) if rng.random() < 0.7 else rng.choice(others)
        if roll < PARALLEL_SHARE + NO_PATH_SHARE:
            b = rng.choice(others)
        else:
            roles = partners.get(a.role)
            if not roles:
                continue
            site = site_of[a.id] if rng.random() > CROSS_SITE_SHARE else rng.randrange(sites)
            pool = [n for r in roles for n in by_role.get((site, r), ())]
            if not pool:
                continue
            b = rng.choice(pool)
        if b.id == a.id or b.id == hub.id or frozenset((a.id, b.id)) in pairs:
            continue
        add(a, b) if rng.random() < 0.5 else add(b, a)
    for conn in made:
        doc.add_connection(conn)
    if groups > 0:
        make_groups(doc, groups)
    return doc


def make_groups(doc: Document, size: int) -> None:
    """Every Mailbox server and domain controller becomes a group of ``size`` members."""
    for serial, node in enumerate([n for n in doc.nodes.values() if n.role in GROUP_ROLES]):
        members = tuple(Member(f"{node.name}-{i + 1:02d}", (f"10.{serial // 250 % 250}.{serial % 250}.{i + 1}",))
                        for i in range(size))
        doc.replace_node(replace(node, members=members, dag=node.role == "mailbox"))


GROUP_ROLES = ("mailbox", "domain_controller")


def counts_offset(members: list[Node], kind_suffix: str) -> int:
    """The index of a site's first node in its zone of that kind (``s1_internal``)."""
    return next(i for i, n in enumerate(members) if n.zone.endswith(kind_suffix))


def _partner_roles(catalog: Catalog, version: str, roles: set[str]) -> dict[str, list[str]]:
    """For each role, the roles it has a data path with in ``version``."""
    return {a: [b for b in sorted(roles) if catalog.paths_between(version, a, b)] for a in sorted(roles)}


def _place(doc: Document, sites: int) -> None:
    """Zone rects and node positions: a site per row, Internet | DMZ | internal."""
    y = 0.0
    for s in range(sites):
        x, height = 0.0, 0.0
        zones = [doc.zone(f"s{s + 1}_{k}") for k in ("internet", "perimeter", "internal")]
        members = {z.id: doc.nodes_in_zone(z.id) for z in zones}
        rows = max(4, math.ceil(math.sqrt(len(members[zones[2].id]) * 0.6)))
        for zone in zones:
            count = len(members[zone.id])
            cols = max(2, math.ceil(count / rows))
            width = cols * CELL[0] + 2 * PAD
            height = max(height, rows * CELL[1] + HEADER + 2 * PAD)
            for i, node in enumerate(members[zone.id]):
                c, r = divmod(i, rows)
                pos = (x + PAD + (c + 0.5) * CELL[0], y + HEADER + PAD + (r + 0.5) * CELL[1])
                doc.replace_node(Node(node.id, node.name, node.role, node.zone,
                                      (round(pos[0] / 20) * 20.0, round(pos[1] / 20) * 20.0)))
            doc.replace_zone(Zone(zone.id, zone.name, zone.kind, Rect(x, y, width, 0)))
            x += width + ZONE_GAP
        for zone in zones:
            r = doc.zone(zone.id).rect
            doc.replace_zone(Zone(zone.id, zone.name, zone.kind, Rect(r.x, r.y, r.width, height)))
        y += height + SITE_GAP


def main(argv: list[str] | None = None) -> int:
    from designer.io import save_document

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=1000)
    parser.add_argument("--connections", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--version", default="2016", choices=("2010", "2013", "2016", "2019"))
    parser.add_argument("--sites", type=int, default=None, help="default: one per 250 nodes")
    parser.add_argument("--hub-degree", type=int, default=50)
    parser.add_argument("--no-geometry", action="store_true", help="let the designer lay it out")
    parser.add_argument("--groups", type=int, default=0,
                        help="make every Mailbox server (a DAG) and DC a group of this many members")
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args(argv)
    doc = generate(args.nodes, args.connections, seed=args.seed, version=args.version,
                   sites=args.sites, hub_degree=args.hub_degree, geometry=not args.no_geometry,
                   groups=args.groups)
    save_document(doc, args.output)
    print(f"{args.output}: {len(doc.zones)} zones, {len(doc.nodes)} nodes, "
          f"{len(doc.connections)} connections")
    return 0


if __name__ == "__main__":
    sys.exit(main())
