"""Which autosave sessions are still running, for :mod:`.recovery`: a session holds an OS lock on
its ``recovery-<pid>-<token>.lock`` while it has recovery files (:class:`SessionLock`), and
:func:`session_alive` says whether the session behind a recovery file is still there.

The OS drops a lock when its process dies, even by ``kill -9``, so a free lock means a dead
session even where its process id was reused since. A session that left no lock file is judged
by its process id; the autosavers of this process count as alive. Plain files, no Qt.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)


def _try_lock(fd: int) -> bool:
    """Take the OS lock on ``fd`` without waiting; False when another process holds it."""
    try:
        if os.name == "nt":
            import msvcrt
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    if os.name == "nt":  # POSIX drops the lock on close
        import msvcrt
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass


class SessionLock:
    """The lock a live session holds on its lock file; the OS releases it when the process dies."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        if self._fd is None:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError:
                log.warning("cannot create the lock %s", self.path)
                return False
            if not _try_lock(fd):
                os.close(fd)
                return False
            self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None
            try:
                self.path.unlink(missing_ok=True)
            except OSError:
                log.warning("cannot remove %s", self.path)


def _pid_of(path: Path) -> int | None:
    parts = path.stem.split("-")
    return int(parts[1]) if len(parts) == 3 and parts[1].isdigit() else None


_OWN_SESSIONS: set[str] = set()  # the file stems of this process's autosavers


def add_own_session(stem: str) -> None:
    """Count the session of file stem ``stem`` (an autosaver of this process) as alive."""
    _OWN_SESSIONS.add(stem)


def session_alive(stem: Path) -> bool:
    """Whether the session that owns ``recovery-<pid>-<token>.*`` is still running."""
    if stem.stem in _OWN_SESSIONS:
        return True  # another window of this process
    pid = _pid_of(stem)
    if pid == os.getpid():
        return False  # a process that died before this one got its id (a container's pid 1)
    lock = stem.with_suffix(".lock")
    try:
        fd = os.open(lock, os.O_RDWR)
    except FileNotFoundError:
        pass  # written without a lock: fall back to the process id
    except OSError:
        return True  # not ours to judge
    else:
        try:
            return not _try_lock(fd)
        finally:
            _unlock(fd)
            os.close(fd)  # the file stays: it goes with its recovery
    if pid is None or os.name == "nt":  # os.kill(pid, 0) is not a probe on Windows
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: leave its files alone
    return True

