"""``-o`` respects the file that is there: ``-`` is standard output, a FIFO is written through,
a symbolic link is written through to its target, a read-only file is refused (exit 2). The
window's save (``DocumentEditor.save``) and the core's writer follow the same rules."""
from __future__ import annotations

import io
import os
import stat
import threading

import pytest

from designer.cli.main import main
from designer.io.atomic import atomic_write_bytes
from designer.support.yamlsafe import InputError
from tests.conftest import ROOT

SAMPLE = str(ROOT / "data" / "samples" / "exchange2016-edge.yaml")


def test_dash_is_standard_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    assert main(["matrix", SAMPLE, "-f", "csv", "-o", "-"], out) == 0
    assert out.getvalue().startswith("Source,Destination") and not (tmp_path / "-").exists()


def read_fifo(path, into: list) -> threading.Thread:
    def reader() -> None:
        with open(path, "rb") as handle:
            into.append(handle.read())
    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    return thread


def test_a_fifo_is_written_through_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    thread = read_fifo(fifo, got)
    assert main(["rules", SAMPLE, "-f", "csv", "-o", str(fifo)], io.StringIO()) == 0
    thread.join(10)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got and got[0].startswith(b"Boundary,")
    assert os.listdir(tmp_path) == ["pipe"]


def test_a_symbolic_link_is_written_through_to_its_target(tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert main(["matrix", SAMPLE, "-f", "csv", "-o", str(link)], io.StringIO()) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text().startswith("Source,Destination")
    assert sorted(os.listdir(tmp_path)) == ["link.csv", "real.csv"]


def test_a_read_only_file_is_refused_with_exit_2(tmp_path, capsys):
    target = tmp_path / "kept.csv"
    target.write_text("precious")
    target.chmod(0o444)
    assert main(["matrix", SAMPLE, "-f", "csv", "-o", str(target)], io.StringIO()) == 2
    assert "kept.csv: cannot write: the file is read-only" in capsys.readouterr().err
    assert target.read_text() == "precious" and os.listdir(tmp_path) == ["kept.csv"]


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(IsADirectoryError):
        atomic_write_bytes(tmp_path, b"x")


def test_the_window_save_follows_the_same_rules(qapp, catalog, tmp_path):
    from designer.editor import DocumentEditor

    editor = DocumentEditor(catalog)
    editor.open(SAMPLE)
    real = tmp_path / "real.yaml"
    real.write_text("old")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    editor.save(link)
    assert link.is_symlink() and real.read_text().startswith("format: exchange-topology/1")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    thread = read_fifo(fifo, got)
    editor.save(fifo)
    thread.join(10)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and got[0].startswith(b"format:")
    real.chmod(0o444)
    with pytest.raises(InputError, match="read-only"):
        editor.save(real)
    assert sorted(os.listdir(tmp_path)) == ["link.yaml", "pipe", "real.yaml"]
