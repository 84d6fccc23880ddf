from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# The whole suite, and every program it starts, keeps Qt's settings, recent files and data in a
# folder of its own, never the user's: set before Qt is loaded (QSettings and QStandardPaths
# read these on Linux), and inherited by subprocesses.
SANDBOX = Path(tempfile.mkdtemp(prefix="etd-tests-home-"))
for _var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_var] = str(SANDBOX / _var.lower())
# Findings that depend on the date (the support lifecycle) are judged on a pinned day, before any
# version's end of support, so that no test's outcome depends on when it runs; the lifecycle's
# own tests pin other days (ETD_TODAY, or analyse(..., on=...)).
os.environ["ETD_TODAY"] = "2020-01-01"

from designer.catalog import Catalog, load_catalog

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "data" / "samples").glob("*.yaml"))


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


def build(version: str = "2016", zones=(), nodes=(), connections=()):
    """A document from compact tuples: zones (id, kind), nodes (id, role, zone),
    connections (id, a, b[, services])."""
    from designer.model import Connection, Document, Node, Zone

    doc = Document("Test design", version)
    for zone_id, kind in zones:
        doc.add_zone(Zone(zone_id, zone_id.upper(), kind))
    for node_id, role, zone in nodes:
        doc.add_node(Node(node_id, node_id.upper(), role, zone))
    for conn in connections:
        services = tuple(conn[3]) if len(conn) > 3 else None
        doc.add_connection(Connection(conn[0], (conn[1], conn[2]), services))
    return doc


ZONES = (("inet", "internet"), ("dmz", "perimeter"), ("lan", "internal"))


@pytest.fixture(autouse=True)
def _user_dir(tmp_path_factory, monkeypatch):
    """Recovery files and logs of the code under test go to a temporary folder, never $HOME."""
    monkeypatch.setenv("ETD_USER_DIR", str(tmp_path_factory.mktemp("user")))
