"""Saves survive kill -9 at any instant: a process saves two designs in turn, as fast as it can,
and is killed at random moments; the file is always the old design or the new one, whole."""
from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time

import pytest

from designer.io import dumps_document, load_document, save_document
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


def designs(tmp_path):
    small = build("2016", ZONES, [("edge", "edge_transport", "dmz"), ("ex", "mailbox", "lan")], [("c", "edge", "ex")])
    big = build("2019", ZONES, [(f"n{i}", "mailbox", "lan") for i in range(60)],
                [(f"c{i}", f"n{i}", f"n{i + 1}") for i in range(59)])
    paths = []
    for name, doc in (("a", small), ("b", big)):
        save_document(doc, tmp_path / f"{name}.yaml")
        paths.append(tmp_path / f"{name}.yaml")
    return small.snapshot(), big.snapshot(), paths


@pytest.mark.parametrize("how,kills,pause", [("core", 40, 0.2), ("qt", 15, 0.4)])
def test_kill_9_while_saving_leaves_old_or_new(tmp_path, how, kills, pause):
    old, new, (path_a, path_b) = designs(tmp_path)
    target = tmp_path / "work" / "design.yaml"
    target.parent.mkdir()
    save_document(load_document(path_a), target)
    rng = random.Random(4)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    seen = set()
    for _ in range(kills):
        child = subprocess.Popen([sys.executable, "-c", WRITER[how], str(target), str(path_a), str(path_b)],
                                 cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, pause))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        snapshot = load_document(target).snapshot()  # loadable, whole
        assert snapshot in (old, new)
        seen.add(snapshot == new)
    assert seen == {True, False}, "the kills never caught both designs: the test saw too little"
    # A kill can leave the temporary file of the save it interrupted; nothing else.
    strays = [p.name for p in target.parent.iterdir() if p != target]
    pattern = r"\.design\.yaml\.\w+\.tmp" if how == "core" else r"design\.yaml\.\w+"
    assert all(re.fullmatch(pattern, name) for name in strays), strays
    assert len(strays) <= kills


def test_dumps_is_what_is_saved(tmp_path):
    _, new, (_, path_b) = designs(tmp_path)
    assert load_document(path_b).snapshot() == new
    assert path_b.read_text(encoding="utf-8") == dumps_document(load_document(path_b))
