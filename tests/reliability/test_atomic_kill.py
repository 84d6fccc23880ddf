"""Saves survive ``kill -9`` at any instant.

A child process saves two different designs in turn to one file, as fast as it can, and is
killed with SIGKILL at random moments, dozens of times. After each kill the file must load and
be one of the two designs, whole. Two ways of saving are tested: the core's atomic writes
(:func:`designer.io.save_document`, used by the command line, exports and autosave) and the
editor's (:meth:`DocumentEditor.save`, the window's File > Save), which uses the same writer.

Temporary files: a kill can leave the temporary file of the save it interrupted. The core names
it ``.design.yaml.HOST.PID.RANDOM.tmp`` (hidden, naming its target) and the next save of the same
file removes those of processes that have ended, so at most one is ever left, and none after a
save. The editor's saves do the same (``QSaveFile`` left ``design.yaml.XXXXXX`` behind, a name
no later save could tell from a user's file).
"""
from __future__ import annotations

import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from designer.io import dumps_document, load_document, save_document
from designer.io.atomic import atomic_write_bytes, remove_stale_temp_files, temp_files
from tests.conftest import ROOT, ZONES, build

WRITER = {
    "core": """
import sys
from designer.io import loads_document, save_document
a, b = (loads_document(open(p, encoding="utf-8").read()) for p in sys.argv[2:4])
ready = False
while True:
    save_document(a, sys.argv[1])
    save_document(b, sys.argv[1])
    if not ready:  # one whole round first: the kills then fall anywhere in the loop
        print("ready", flush=True)
        ready = True
""",
    "qt": """
import sys
from PySide6.QtCore import QCoreApplication
from designer.catalog import load_catalog
from designer.editor import DocumentEditor
from designer.io import loads_document
app = QCoreApplication([])
editor = DocumentEditor(load_catalog())
a, b = (loads_document(open(p, encoding="utf-8").read()) for p in sys.argv[2:4])
ready = False
while True:
    for doc in (a, b):
        editor.document = doc
        editor.save(sys.argv[1])
    if not ready:
        print("ready", flush=True)
        ready = True
""",
}
HOST = re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:16] or "host"


def designs(tmp_path: Path):
    """Two different valid designs of about the same size (so that a kill is as likely to find
    either one in the file), saved beside the test."""
    small = build("2016", ZONES, [("edge", "edge_transport", "dmz")] + [(f"m{i}", "mailbox", "lan") for i in range(50)],
                  [("c", "edge", "m0")] + [(f"d{i}", f"m{i}", f"m{i + 1}") for i in range(49)])
    big = build("2019", ZONES, [(f"n{i}", "mailbox", "lan") for i in range(60)],
                [(f"c{i}", f"n{i}", f"n{i + 1}") for i in range(59)])
    big.name = "A larger design " + "x" * 500
    paths = []
    for name, doc in (("a", small), ("b", big)):
        save_document(doc, tmp_path / f"{name}.yaml")
        paths.append(tmp_path / f"{name}.yaml")
    return small.snapshot(), big.snapshot(), paths


def kill_loop(how: str, tmp_path: Path, kills: int, pause: float, check_strays) -> Path:
    old, new, (path_a, path_b) = designs(tmp_path)
    target = tmp_path / "work" / "design.yaml"
    target.parent.mkdir()
    save_document(load_document(path_a), target)
    rng = random.Random(os.environ.get("ETD_KILL_SEED", "4"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    seen = set()
    for _ in range(kills):
        child = subprocess.Popen([sys.executable, "-c", WRITER[how], str(target), str(path_a), str(path_b)],
                                 cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        try:
            assert child.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0.0, pause))
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
            child.stdout.close()
        assert child.returncode == -signal.SIGKILL
        snapshot = load_document(target).snapshot()  # loadable, whole
        assert snapshot in (old, new)
        seen.add(snapshot == new)
        check_strays(target, child.pid)
    assert seen == {True, False}, "the kills never caught both designs: the test saw too little"
    return target


def strays(target: Path) -> list[str]:
    return sorted(p.name for p in target.parent.iterdir() if p != target)


def test_core_save_survives_kill_9(tmp_path):
    def check(target: Path, pid: int) -> None:
        # At most the one temporary file of the save the kill interrupted: the killed child's.
        # Those of earlier children were removed by the next child's first save.
        left = strays(target)
        assert len(left) <= 1, left
        for name in left:
            assert re.fullmatch(rf"\.design\.yaml\.{HOST}\.{pid}\.\w+\.tmp", name), name
        assert [p.name for p in temp_files(target)] == left

    target = kill_loop("core", tmp_path, kills=40, pause=0.15, check_strays=check)
    save_document(load_document(target), target)  # the next save cleans up after the last kill
    assert strays(target) == []


def test_qt_save_survives_kill_9(tmp_path):
    def check(target: Path, pid: int) -> None:
        # As the core: at most the killed child's temporary file, of the writer's own naming.
        left = strays(target)
        assert len(left) <= 1, left
        for name in left:
            assert re.fullmatch(rf"\.design\.yaml\.{HOST}\.{pid}\.\w+\.tmp", name), name

    target = kill_loop("qt", tmp_path, kills=12, pause=0.3, check_strays=check)
    save_document(load_document(target), target)  # the next save cleans up after the last kill
    assert strays(target) == []


# ---- the temporary files, one rule at a time
def test_temporary_file_is_hidden_names_its_target_and_goes_away(tmp_path, monkeypatch):
    target = tmp_path / "design.yaml"
    seen = []
    real_replace = os.replace

    def spy(src, dst):
        seen.append(Path(src).name)
        assert strays(target) == [Path(src).name]  # written beside the target, under this name
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    atomic_write_bytes(target, b"one")
    monkeypatch.undo()
    assert re.fullmatch(rf"\.design\.yaml\.{HOST}\.{os.getpid()}\.\w+\.tmp", seen[0]), seen
    assert target.read_bytes() == b"one" and strays(target) == []


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_next_save_removes_only_what_ended_processes_of_this_host_left(tmp_path):
    target = tmp_path / "design.yaml"
    target.write_text("old")
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        dead = tmp_path / f".design.yaml.{HOST}.{_dead_pid()}.abc123.tmp"
        alive = tmp_path / f".design.yaml.{HOST}.{sleeper.pid}.def456.tmp"  # another window saving now
        elsewhere = tmp_path / f".design.yaml.otherhost{HOST}.{_dead_pid()}.ghi789.tmp"  # a shared folder
        other_file = tmp_path / f".other.yaml.{HOST}.{_dead_pid()}.jkl012.tmp"  # another file's save
        users = tmp_path / "design.yaml.tmp"  # not ours: never touched
        for path in (dead, alive, elsewhere, other_file, users):
            path.write_text("partial")
        save_document(build("2016", ZONES), target)
        assert not dead.exists()
        assert alive.exists() and elsewhere.exists() and other_file.exists() and users.exists()
        assert load_document(target).snapshot() == build("2016", ZONES).snapshot()
    finally:
        sleeper.kill()
        sleeper.wait()
    assert remove_stale_temp_files(target) == [alive]


def test_a_long_file_name_still_saves(tmp_path):
    # The temporary name is longer than the target's; the target's name may be up to 255 bytes.
    target = tmp_path / ("é" * 60 + "x" * 125 + ".yaml")
    assert len(target.name.encode("utf-8")) == 250
    save_document(build("2016", ZONES), target)
    assert load_document(target).snapshot() == build("2016", ZONES).snapshot()
    assert strays(target) == []


def test_a_new_file_gets_the_umask_and_an_existing_file_keeps_its_mode(tmp_path):
    old = os.umask(0o027)
    try:
        fresh = tmp_path / "fresh.yaml"
        save_document(build("2016", ZONES), fresh)
        assert fresh.stat().st_mode & 0o777 == 0o640
        kept = tmp_path / "kept.yaml"
        kept.write_text("x")
        kept.chmod(0o604)
        save_document(build("2016", ZONES), kept)
        assert kept.stat().st_mode & 0o777 == 0o604
    finally:
        os.umask(old)


def test_a_failed_save_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "design.yaml"
    save_document(build("2016", ZONES), target)
    before = target.read_bytes()

    class Boom(Exception):
        pass

    def failing_fsync(fd):
        raise Boom()

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(Boom):
        atomic_write_bytes(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == before and strays(target) == []


def test_what_is_saved_is_what_dumps_gives(tmp_path):
    _, new, (_, path_b) = designs(tmp_path)
    assert load_document(path_b).snapshot() == new
    assert path_b.read_text(encoding="utf-8") == dumps_document(load_document(path_b))
