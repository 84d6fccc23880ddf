import os

import pytest

from designer.io import dumps_document, load_document, loads_document, save_document
from designer.support.yamlsafe import InputError
from tests.conftest import SAMPLES

MINIMAL = """\
format: exchange-topology/1
name: Hand-written
exchange_version: 2016
zones:
- {id: dmz, name: DMZ, kind: perimeter}
- {id: lan, name: LAN, kind: internal}
nodes:
- {id: edge, name: EDGE01, role: edge_transport, zone: dmz}
- {id: ex, name: EX01, role: mailbox, zone: lan}
connections:
- {id: c1, between: [edge, ex]}
"""


def test_design_without_geometry_is_valid():
    doc = loads_document(MINIMAL)
    assert doc.exchange_version == "2016"
    assert doc.node("edge").pos is None and doc.zone("dmz").rect is None
    assert doc.connection("c1").services is None


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_samples_round_trip_without_loss(sample, tmp_path, catalog):
    doc = load_document(sample, catalog.roles)
    out = tmp_path / "copy.yaml"
    save_document(doc, out)
    again = load_document(out, catalog.roles)
    assert again.snapshot() == doc.snapshot()
    assert out.read_text() == dumps_document(again)  # deterministic: same bytes twice


def test_unknown_keys_are_kept_and_ids_never_change(tmp_path):
    text = MINIMAL.replace("name: Hand-written", "name: Hand-written\nowner: {team: net, tags: [a, b]}")
    text = text.replace("role: mailbox, zone: lan}", "role: mailbox, zone: lan, rack: R12}")
    text = text.replace("between: [edge, ex]}", "between: [edge, ex], ticket: CHG-1}")
    doc = loads_document(text)
    out = tmp_path / "d.yaml"
    save_document(doc, out)
    saved = out.read_text()
    assert "owner:\n  team: net" in saved and "rack: R12" in saved and "ticket: CHG-1" in saved
    again = load_document(out)
    assert again.snapshot() == doc.snapshot()
    assert list(again.nodes) == ["edge", "ex"] and list(again.connections) == ["c1"]


def test_key_order_is_stable():
    saved = dumps_document(loads_document(MINIMAL))
    keys = [line.split(":")[0] for line in saved.splitlines() if not line.startswith((" ", "-"))]
    assert keys == ["format", "name", "exchange_version", "zones", "nodes", "connections"]
    assert "- id: edge\n  name: EDGE01\n  role: edge_transport\n  zone: dmz\n" in saved


def test_geometry_round_trips():
    text = MINIMAL.replace("kind: perimeter}", "kind: perimeter, rect: [0, 0, 400.5, 300], color: '#ffeedd'}")
    text = text.replace("zone: dmz}", "zone: dmz, position: [120, 80.25]}")
    saved = dumps_document(loads_document(text))
    assert "rect: [0, 0, 400.5, 300]" in saved and "position: [120, 80.25]" in saved
    assert "color: '#ffeedd'" in saved


def test_save_is_atomic_when_the_write_fails(tmp_path, monkeypatch):
    target = tmp_path / "design.yaml"
    target.write_text(MINIMAL)
    doc = loads_document(MINIMAL)
    doc.set_name("Changed")

    def crash(*args):
        raise OSError("disk on fire")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        save_document(doc, target)
    assert target.read_text() == MINIMAL
    assert [p.name for p in tmp_path.iterdir()] == ["design.yaml"]  # no temporary file left


def test_save_keeps_file_permissions(tmp_path):
    target = tmp_path / "design.yaml"
    target.write_text(MINIMAL)
    target.chmod(0o640)
    save_document(loads_document(MINIMAL), target)
    assert target.stat().st_mode & 0o777 == 0o640


# ---- bad input: one clear message with the file and the line
def _error(text: str, roles=None) -> InputError:
    with pytest.raises(InputError) as info:
        loads_document(text, "design.yaml", roles)
    return info.value


def test_syntax_error_names_file_and_line():
    err = _error(MINIMAL.replace("- {id: lan, name: LAN, kind: internal}", "- {id: lan, name: LAN, kind: internal"))
    assert err.file == "design.yaml" and err.line in (6, 7)
    assert str(err).startswith("design.yaml:") and "YAML syntax error" in str(err)


def test_not_a_topology():
    assert "not an Exchange topology" in str(_error("shopping: [milk, eggs]\n"))
    assert "not an Exchange topology" in str(_error("- just\n- a list\n"))
    assert "unknown format" in str(_error("format: visio/3\n"))


def test_newer_format_version():
    err = _error("format: exchange-topology/2\nname: x\n")
    assert err.line == 1 and "newer version" in str(err)


def test_unknown_references_give_the_line():
    err = _error(MINIMAL.replace("role: mailbox", "role: exchange_9000"), roles={"edge_transport", "mailbox"})
    assert err.line == 9 and "unknown role 'exchange_9000'" in str(err)
    err = _error(MINIMAL.replace("role: mailbox, zone: lan", "role: mailbox, zone: cloud"))
    assert err.line == 9 and "unknown zone 'cloud'" in str(err)
    err = _error(MINIMAL.replace("between: [edge, ex]", "between: [edge, ex99]"))
    assert err.line == 11 and "unknown node 'ex99'" in str(err)


def test_duplicate_ids():
    err = _error(MINIMAL.replace("{id: ex, name: EX01", "{id: edge, name: EX01"))
    assert err.line == 9 and "duplicate id 'edge' (first used on line 8)" in str(err)


def test_wrong_types():
    assert "'nodes' must be a list" in str(_error("format: exchange-topology/1\nnodes: 5\n"))
    assert "list of 2 numbers" in str(_error(MINIMAL.replace("zone: dmz}", "zone: dmz, position: [1]}")))
    assert "unknown exchange_version" in str(_error(MINIMAL.replace("2016", "2007")))
    assert "list of two node ids" in str(_error(MINIMAL.replace("between: [edge, ex]", "between: edge")))


def test_unsafe_tags_are_refused():
    err = _error("format: exchange-topology/1\nname: !!python/object/apply:os.system ['echo hi']\n")
    assert "YAML syntax error" in str(err) and err.line == 2


def test_alias_bomb_is_refused():
    bomb = "format: exchange-topology/1\na: &a [x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 10):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [*{chr(96 + i)}, *{chr(96 + i)}, *{chr(96 + i)}]\n"
    err = _error(bomb)
    assert "aliases" in str(err) and err.line == 3


def test_deep_nesting_is_refused():
    err = _error("format: exchange-topology/1\nx: " + "[" * 500 + "]" * 500 + "\n")
    assert "nest" in str(err)


def test_huge_file_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:
        handle.write(b"format: exchange-topology/1\n")
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(InputError) as info:
        load_document(big)
    assert "52.4 MB" in str(info.value) and str(big) in str(info.value)


def test_unreadable_files(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_document(tmp_path / "missing.yaml")
    with pytest.raises(InputError, match="directory"):
        load_document(tmp_path)
    binary = tmp_path / "b.yaml"
    binary.write_bytes(b"format: exchange-topology/1\nname: \xff\xfe\n")
    with pytest.raises(InputError, match="UTF-8") as info:
        load_document(binary)
    assert info.value.line == 2
