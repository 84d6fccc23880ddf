"""A kill during an autosave loses nothing and leaves no litter.

A child process autosaves a design over and over (as the window does, through its
:class:`Autosaver`) and is killed with SIGKILL at random moments. After each kill, the recovery
file it was replacing is whole; a temporary file of the write the kill interrupted may be beside
it (``.recovery-….yaml.HOST.PID.RANDOM.tmp``). The next start (which looks for recoveries) or
the next autosave of any window removes it, and the recovery file is still there, whole, and
offered.
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

from PySide6.QtCore import QCoreApplication

from designer.editor import DocumentEditor
from designer.io import load_document, save_document
from designer.ui.dialogs.recovery import Autosaver, find_recoveries, remove_stale_temporaries, user_dir
from tests.conftest import ROOT, ZONES, build

CHILD = """
import sys
from PySide6.QtCore import QCoreApplication
from designer.catalog import load_catalog
from PySide6.QtCore import QCoreApplication

from designer.editor import DocumentEditor
from designer.ui.dialogs import recovery
from designer.ui.dialogs.recovery import Autosaver, user_dir

# Serializing takes most of an autosave's time; the two texts are made once, so that the kills
# fall mostly in what this test is about: the writes.
texts, dumps = {}, recovery.dumps_document
recovery.dumps_document = lambda doc: texts.get(doc.name) or texts.setdefault(doc.name, dumps(doc))
app = QCoreApplication([])
editor = DocumentEditor(load_catalog())
editor.open(sys.argv[1])
saver = Autosaver(editor, user_dir(), 0)
round = 0
while True:
    editor.set_document_name(f"Round {round % 2}")
    assert saver.save_now()
    if round == 0:  # one whole autosave first: there is a recovery file to lose
        print("ready", flush=True)
    round += 1
"""
HOST = re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:16] or "host"


def temporaries() -> list[str]:
    return sorted(p.name for p in user_dir().iterdir() if p.name.startswith(".recovery-") and p.name.endswith(".tmp"))


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_kill_during_an_autosave_leaves_no_temporary_after_the_next_start_or_autosave(qtbot, catalog, tmp_path):
    design = tmp_path / "big.yaml"
    nodes = [(f"n{i}", "mailbox", "lan") for i in range(400)]
    save_document(build("2019", ZONES, nodes, [(f"c{i}", f"n{i}", f"n{i + 1}") for i in range(399)]), design)
    names = {"Round 0", "Round 1"}
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ETD_USER_DIR=str(user_dir()))
    rng = random.Random(os.environ.get("ETD_KILL_SEED", "17"))
    editor = DocumentEditor(catalog)  # the next session, here
    editor.open(design)
    saver = Autosaver(editor, user_dir(), 0, editor)
    caught = 0
    for kill in range(30):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(design)], cwd=ROOT, env=env,
                                 stdout=subprocess.PIPE, text=True)
        try:
            assert child.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0.0, 0.4))
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
            child.stdout.close()
        assert child.returncode == -signal.SIGKILL
        left = temporaries()
        assert len(left) <= 1, left  # only the write the kill interrupted
        for name in left:
            assert re.fullmatch(rf"\.recovery-{child.pid}-\w+\.(yaml|json)\.{HOST}\.{child.pid}\.\w+\.tmp", name), name
        caught += bool(left)

        if kill % 2:  # the next autosave of a window that runs
            editor.set_document_name(f"Here {kill}")
            assert saver.save_now()
            assert temporaries() == []
            found = find_recoveries(user_dir())
        else:  # the next start
            found = find_recoveries(user_dir())
            assert temporaries() == []
        # The recovery file the killed autosave was replacing is there, whole, and offered.
        assert [r.design.name.split("-")[1] for r in found] == [str(child.pid)]
        assert load_document(found[0].design).name in names
        assert found[0].name in names | {"Untitled design"}  # killed between the .yaml and its .json note
        found[0].discard()
    saver.discard()
    # The editor and its saver go with this test: nothing may call the saver after it.
    QCoreApplication.instance().aboutToQuit.disconnect(saver.wait)
    editor.undo_stack.indexChanged.disconnect(saver._changed)
    editor.clean_changed.disconnect(saver._clean_changed)
    editor.document_replaced.disconnect(saver._replaced)
    assert caught, "no kill fell during a write: the test saw nothing"
    assert sorted(p.name for p in user_dir().iterdir()) == []


def test_only_stale_autosave_temporaries_are_removed(qtbot):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    folder = user_dir()
    try:
        dead = folder / f".recovery-12-abc.yaml.{HOST}.{_dead_pid()}.x1.tmp"
        dead_note = folder / f".recovery-12-abc.json.{HOST}.{_dead_pid()}.x2.tmp"
        alive = folder / f".recovery-13-abc.yaml.{HOST}.{sleeper.pid}.x3.tmp"  # another window writing now
        elsewhere = folder / f".recovery-14-abc.yaml.other{HOST}.{_dead_pid()}.x4.tmp"  # another host's
        not_recovery = folder / f".notes.yaml.{HOST}.{_dead_pid()}.x5.tmp"  # not an autosave's
        users = folder / "recovery-15-abc.yaml.tmp"
        for path in (dead, dead_note, alive, elsewhere, not_recovery, users):
            path.write_text("recovery: cut sh")
        assert find_recoveries(folder) == []  # a temporary is never offered
        assert not dead.exists() and not dead_note.exists()
        assert alive.exists() and elsewhere.exists() and not_recovery.exists() and users.exists()
    finally:
        sleeper.kill()
        sleeper.wait()
    assert remove_stale_temporaries(folder) == [alive]
