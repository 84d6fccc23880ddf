"""Table-driven checks of the knowledge base against Microsoft's tables.

Each file in ``source_tables/`` transcribes one source table, row by row, from the structured
extracts of Microsoft's pages. Every row must be in the catalog with the same ports,
default authentication and encryption; where the table states no value, the catalog may take it
from another page that the field cites as its own source. When the extracts themselves are at hand
(``../shared/reference`` beside the project, or ``$ETD_REFERENCE_DIR``), the transcriptions are
also checked to cover every row of the extract.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from designer.catalog import Port

TABLES = Path(__file__).parent / "source_tables"
TABLE_FILES = sorted(TABLES.glob("*.yaml"))
REFERENCE = Path(os.environ.get("ETD_REFERENCE_DIR", Path(__file__).parents[3] / "shared" / "reference"))


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _ports(texts) -> set[Port]:
    return {Port.parse(t) for t in texts or ()}


def _path_cases():
    for file in TABLE_FILES:
        table = _load(file)
        if table.get("kind", "paths") != "paths":
            continue
        for index, row in enumerate(table["rows"]):
            yield pytest.param(table, row, id=f"{file.stem}:{row['row']}:{index}")


def test_there_are_source_tables():
    assert len(TABLE_FILES) >= 8


def _agrees(value, stated, field, table) -> bool:
    """The catalog says what the table says. Where the table is silent (``null``: the ports
    tables have no authentication column), a field may carry a value from another page, which
    the field then names as its own source (``auth.source``, ``encryption.source``)."""
    own = getattr(field, "source", None)
    return value == stated or (stated is None and own not in (None, table["source"]))


@pytest.mark.parametrize("table,row", list(_path_cases()))
def test_row_is_in_catalog(catalog, table, row):
    by_row = [p for p in catalog.paths if row["row"] in p.source_rows and p.source == table["source"]]
    assert by_row, f"no catalog path has source_row {row['row']!r} and source {table['source']!r}"
    expected_ports = _ports(row["ports"])
    matching = [p for p in by_row if set(p.ports) & expected_ports] if expected_ports else by_row
    assert matching, f"no path of row {row['row']} carries {sorted(map(str, expected_ports))}"
    assert expected_ports <= {port for p in matching for port in p.ports}
    in_version = [p for p in matching if set(p.versions) & set(row["versions"])]
    assert in_version, f"no path of row {row['row']} applies to {row['versions']}"
    assert set(row["versions"]) <= {v for p in in_version for v in p.versions}
    for path in in_version:
        assert _agrees(path.auth.default, row["default_auth"], path.auth, table), path.id
        assert _agrees(path.encryption.default, row["encryption_default"], path.encryption, table), path.id
        assert set(row.get("encryption_methods") or ()) <= set(path.encryption.methods), path.id


def _rows_by_id():
    for file in TABLE_FILES:
        table = _load(file)
        if table.get("kind", "paths") != "paths":
            continue
        rows: dict[str, set[Port]] = {}
        for row in table["rows"]:
            rows.setdefault(row["row"], set()).update(_ports(row["ports"]))
        for row_id, ports in rows.items():
            yield pytest.param(table["source"], row_id, ports, id=f"{file.stem}:{row_id}")


@pytest.mark.parametrize("source,row_id,ports", list(_rows_by_id()))
def test_row_has_no_extra_ports(catalog, source, row_id, ports):
    carried = {port for p in catalog.paths if row_id in p.source_rows and p.source == source for port in p.ports}
    assert carried == ports


def test_firewall_rules_match(catalog):
    table = _load(TABLES / "ms_2010_firewall.yaml")
    by_name = {r.name: r for r in catalog.firewall_rules}
    assert len(table["rows"]) == len(catalog.firewall_rules)
    for row in table["rows"]:
        rule = by_name.get(row["row"])
        assert rule is not None, row["row"]
        assert set(row["roles"]) == set(rule.roles), row["row"]
        assert row["ports"] == rule.ports, row["row"]
        assert row.get("program") == rule.program, row["row"]


def test_legacy_ports_match(catalog):
    table = _load(TABLES / "ms_kb_278339.yaml")
    entries = [e for e in catalog.legacy_ports if e.source == table["source"]]
    assert len(entries) == len(table["rows"])
    for entry, row in zip(entries, table["rows"]):
        assert entry.protocol == row["row"]
        assert set(entry.ports) == _ports(row["ports"])


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="the reference extracts are not beside the project")
def test_transcriptions_cover_every_extract_row():
    ours: dict[str, set[str]] = {}
    for file in TABLE_FILES:
        table = _load(file)
        if table.get("extract"):
            ours.setdefault(table["extract"], set()).update(r["row"] for r in table["rows"])
    assert ours
    for extract, rows in ours.items():
        name, _, key = extract.partition("#")
        data = yaml.safe_load((REFERENCE / name).read_text(encoding="utf-8"))
        for part in key.split("."):
            data = data[part]
        if isinstance(data, dict):
            data = data.get("rules") or data.get("entries")
        ids = [r.get("id") or r.get("rule_name") or r.get("protocol") for r in data]
        missing = [i for i in ids if i not in rows]
        assert not missing, f"{extract}: no transcription of rows {missing}"
