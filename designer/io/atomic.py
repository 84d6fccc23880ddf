"""Atomic file replacement: write a temporary file beside the target, fsync, then rename.

This is the standard POSIX pattern (also what ``QSaveFile`` does): at every instant the target
is either the old file or the new one, whole. The Qt code uses ``QSaveFile``; the core uses this.

The temporary file is hidden and names its target, its host and the process writing it:
``.design.yaml.HOST.PID.RANDOM.tmp``. A process killed while writing (``kill -9``, a power cut)
can leave one behind; the target is untouched. The next save of the same target removes the
temporary files that processes on this host which no longer run left beside it, so they never
pile up; a temporary file of a process that still runs (another window saving the same file)
is never touched.

What is there already is respected (:func:`write_target`): a symbolic link is written through
to its target, as editors do; a character device, FIFO or socket is written to, never replaced;
a read-only file is refused (``PermissionError``), as is a directory.
"""
from __future__ import annotations

import errno
import os
import re
import socket
import stat
import sys
import tempfile
import threading
from pathlib import Path

TEMP_SUFFIX = ".tmp"
_PREFIX_BYTES = 120  # of the target's name in the temporary name: room for the rest in 255
_umask_lock = threading.Lock()


def write_target(path: Path) -> tuple[Path, bool]:
    """Where a save of ``path`` goes and whether it writes through (no temporary file): a
    symbolic link's target; a device, FIFO or socket itself. Raises ``PermissionError`` for a
    read-only file (even for root, as the window's Save), ``IsADirectoryError`` for a folder."""
    real = Path(os.path.realpath(path))
    try:
        info = os.stat(real)
    except FileNotFoundError:
        return real, False
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "it is a folder", str(path))
    if not stat.S_ISREG(info.st_mode):
        return real, True
    if not info.st_mode & 0o222 or not os.access(real, os.W_OK):
        raise PermissionError(errno.EACCES, "the file is read-only", str(path))
    return real, False


def _write_through(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path, through = write_target(Path(path))
    if through:
        _write_through(path, data)
        return
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f"{_temp_stem(path.name)}{_owner()}.", suffix=TEMP_SUFFIX,
                                    dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.chmod(tmp_name, path.stat().st_mode & 0o7777)
        except FileNotFoundError:
            os.chmod(tmp_name, 0o666 & ~_umask())
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    _fsync_directory(directory)
    remove_stale_temp_files(path)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def _temp_stem(name: str) -> str:
    """``.NAME.``: hidden, and saying whose temporary file it is (a long name is shortened)."""
    short = name.encode("utf-8")[:_PREFIX_BYTES].decode("utf-8", errors="ignore")
    return f".{short}."


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:16] or "host"


def _owner() -> str:
    return f"{_host()}.{os.getpid()}"


def temp_files(path: Path) -> list[Path]:
    """The temporary files of saves of ``path`` that are beside it now (finished or not)."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    pattern = re.compile(re.escape(_temp_stem(path.name)) + r"([A-Za-z0-9]+)\.(\d+)\.\w+" + re.escape(TEMP_SUFFIX))
    try:
        names = os.listdir(directory)
    except OSError:
        return []
    return [directory / name for name in names if pattern.fullmatch(name)]


def temp_targets(directory: Path) -> list[Path]:
    """The files in ``directory`` that have temporary files of saves beside them (finished or
    not), for :func:`remove_stale_temp_files` when the target's name is not known (another
    session's file). A name shortened in its temporary names comes back shortened."""
    directory = Path(directory)
    pattern = re.compile(r"\.(.+)\.[A-Za-z0-9]+\.\d+\.\w+" + re.escape(TEMP_SUFFIX))
    try:
        names = os.listdir(directory)
    except OSError:
        return []
    return sorted({directory / match.group(1) for match in map(pattern.fullmatch, names) if match})


def remove_stale_temp_files(path: Path) -> list[Path]:
    """Remove the temporary files of ``path`` left by processes of this host that have ended;
    returns those removed. Never raises: a file that can't be removed stays."""
    path = Path(path)
    host, removed = _host(), []
    for temp in temp_files(path):
        owner_host, pid = temp.name[len(_temp_stem(path.name)):].split(".")[:2]
        if owner_host != host or int(pid) == os.getpid() or _running(int(pid)):
            continue
        try:
            temp.unlink()
            removed.append(temp)
        except OSError:
            pass
    return removed


def _running(pid: int) -> bool:
    if sys.platform == "win32":
        # os.kill(pid, 0) would end the process on Windows; a file still open in another
        # process can't be deleted there, so trying is safe.
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or we can't tell: keep its file
    return True


def _umask() -> int:
    """The process's umask, without changing it while other threads create files."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    with _umask_lock:  # no /proc: the classic set-and-restore, as briefly as possible
        mask = os.umask(0o077)
        os.umask(mask)
    return mask


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
