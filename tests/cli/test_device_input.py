"""A device, a pipe (FIFO) or a socket given as a design: one clear message and exit 2, at once.
Never a read of /dev/zero until memory runs out, never a wait on a FIFO nobody writes to. The
size limit counts the bytes read, not the size the file system reports."""
from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from designer.cli import main
from designer.support.yamlsafe import InputError, read_limited
from tests.conftest import ROOT

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


def run(*args: str) -> subprocess.CompletedProcess:
    """The real command in a subprocess, as a user runs it (a wait on the file fails the timeout)."""
    return subprocess.run([sys.executable, "-m", "designer", *args], capture_output=True, text=True,
                          timeout=30, cwd=ROOT)


def assert_refused(path: Path | str, what: str, out: Path) -> None:
    for command in (["check"], ["matrix"], ["render", "-o", str(out / "d.png")], ["report", "-o", str(out / "r.pdf")]):
        args = [command[0], str(path), *command[1:]]
        result = run(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stdout == ""
        assert result.stderr.splitlines() == [f"exchange-designer: {path}: {what}"], args
        # under 2 s, timed in this process (a subprocess's start-up varies with the machine's load)
        start = time.monotonic()
        assert main(args, io.StringIO()) == 2
        assert time.monotonic() - start < 2, args
    assert not list(out.iterdir())


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_is_refused_at_once(tmp_path):
    assert_refused("/dev/zero", "is a device, not a file", tmp_path)


@needs_fifo
def test_a_fifo_nobody_writes_to_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "in" / "design.yaml"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    (tmp_path / "out").mkdir()
    assert_refused(fifo, "is a pipe (FIFO), not a file", tmp_path / "out")


@needs_fifo
def test_a_fifo_with_a_writer_is_refused_too(tmp_path):
    """Even with text waiting in it: a pipe is not a design file."""
    fifo = tmp_path / "design.yaml"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # so that opening the writer does not wait
    writer = os.open(fifo, os.O_WRONLY)
    try:
        os.write(writer, b"format: exchange-topology/1\n")
        with pytest.raises(InputError, match="is a pipe"):
            read_limited(fifo, 1000)
    finally:
        os.close(writer)
        os.close(reader)


@needs_fifo
def test_a_rulebase_that_is_a_fifo_or_a_device_is_refused_at_once(tmp_path):
    """``verify --rulebase`` reads the rulebase as the designs are read: a FIFO nobody writes
    to was waited on for ever, and /dev/zero read to the size limit, before one message."""
    fifo = tmp_path / "rules.json"
    os.mkfifo(fifo)
    design = str(ROOT / "data" / "samples" / "exchange2016-edge.yaml")
    for path, what in ((fifo, "is a pipe (FIFO), not a file"), (Path("/dev/zero"), "is a device, not a file")):
        if not path.exists():
            continue
        result = run("verify", design, "--rulebase", str(path))
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr.splitlines() == [f"exchange-designer: {path}: {what}"]
        start = time.monotonic()
        assert main(["verify", design, "--rulebase", str(path)], io.StringIO()) == 2
        assert time.monotonic() - start < 2


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets")
def test_a_socket_is_refused(tmp_path):
    path = tmp_path / "s.yaml"
    if len(str(path)) > 100:
        pytest.skip("the temporary path is too long for a socket")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(InputError) as error:
            read_limited(path, 1000)
    assert str(error.value) == f"{path}: is a socket, not a file"


def test_the_limit_counts_the_bytes_read_not_the_reported_size(tmp_path, monkeypatch):
    """A file that reports a small size (as /proc files report 0) but holds more is still cut
    off at the limit, and no more than the limit (and one byte) is read."""
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a" * 5000)
    real_fstat = os.fstat

    class Small:
        def __init__(self, result):
            self._result = result
            self.st_size = 10

        def __getattr__(self, name):
            return getattr(self._result, name)

    monkeypatch.setattr(os, "stat", lambda path, *a, **k: Small(os.lstat(path)))
    monkeypatch.setattr(os, "fstat", lambda fd: Small(real_fstat(fd)))
    read = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: read.append(n) or real_read(fd, n))
    with pytest.raises(InputError) as error:
        read_limited(big, 1000)
    assert str(error.value) == f"{big}: the file is larger than the limit of 1000 bytes"
    assert sum(read) <= 1001
    assert read_limited(big, 5000) == b"a" * 5000


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="no /proc")
def test_a_proc_file_of_reported_size_0_is_read_up_to_the_limit():
    assert b"Name:" in read_limited("/proc/self/status", 1_000_000)
    with pytest.raises(InputError, match="larger than the limit"):
        read_limited("/proc/self/status", 10)


def test_a_regular_file_over_the_limit_says_its_size(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a" * 3_000_000)
    with pytest.raises(InputError) as error:
        read_limited(big, 2_000_000)
    assert str(error.value) == f"{big}: the file is 3.0 MB; the limit is 2 MB"
