"""Reading what users give us: the one error they see, and a file read within a byte limit.

:class:`InputError` is the error every reader raises for a file a user gave (a design, the
knowledge base, a rulebase, an output that cannot be written): ``str()`` is one line,
``file:line: what is wrong``, never a traceback. :func:`read_limited` reads a regular file of at
most so many bytes, and refuses devices, pipes and sockets without waiting on them. Safe YAML
reading (``yamlsafe``) builds on both.
"""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path

_LINE_BREAKS = re.compile(r"\s*[\r\n\x85\u2028\u2029]+\s*")


class InputError(Exception):
    """A problem with a file a user gave us: one clear message, never a traceback."""

    def __init__(self, file: str | Path | None, line: int | None, message: str) -> None:
        message = _LINE_BREAKS.sub(" ", message)  # one line, always
        super().__init__(message)
        self.file = str(file) if file is not None else None
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"


_NOT_A_FILE = {
    stat.S_IFCHR: "is a device, not a file",
    stat.S_IFBLK: "is a device, not a file",
    stat.S_IFIFO: "is a pipe (FIFO), not a file",
    stat.S_IFSOCK: "is a socket, not a file",
    stat.S_IFDIR: "is a directory, not a file",
}
_CHUNK = 1 << 20


def _check_regular(path: Path, mode: int) -> None:
    if not stat.S_ISREG(mode):
        raise InputError(path, None, _NOT_A_FILE.get(stat.S_IFMT(mode), "is not a regular file"))


def _too_big(path: Path, size: int, max_bytes: int) -> InputError:
    limit = f"{max_bytes / 1e6:.0f} MB" if max_bytes >= 1_000_000 else f"{max_bytes} bytes"
    if size > max_bytes:  # what the file system says, when it says so
        return InputError(path, None, f"the file is {size / 1e6:.1f} MB; the limit is {limit}")
    return InputError(path, None, f"the file is larger than the limit of {limit}")


def read_limited(path: str | Path, max_bytes: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``max_bytes`` of them, else InputError.

    Devices, pipes (FIFOs) and sockets are refused without waiting on them: the type is checked
    before opening, the file is opened non-blocking, and checked again once open (it may have
    been swapped). A file whose size is over the limit is not read; otherwise the limit counts
    the bytes read, whatever the size said (files in /proc say 0)."""
    path = Path(path)
    try:
        _check_regular(path, os.stat(path).st_mode)
        fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0))
        try:
            info = os.fstat(fd)
            _check_regular(path, info.st_mode)
            if info.st_size > max_bytes:  # refused unread when the size says so
                raise _too_big(path, info.st_size, max_bytes)
            if _O_NONBLOCK:
                os.set_blocking(fd, True)  # a regular file: reads never wait anyway
            chunks, total = [], 0
            while total <= max_bytes:
                chunk = os.read(fd, min(_CHUNK, max_bytes + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
            if total > max_bytes:
                raise _too_big(path, os.fstat(fd).st_size, max_bytes)
            return b"".join(chunks)
        finally:
            os.close(fd)
    except InputError:
        raise
    except IsADirectoryError:
        raise InputError(path, None, "is a directory, not a file") from None
    except FileNotFoundError:
        raise InputError(path, None, "no such file") from None
    except PermissionError:
        raise InputError(path, None, "permission denied") from None
    except OSError as exc:
        raise InputError(path, None, f"cannot read the file: {exc.strerror or exc}") from None
    except ValueError:  # a NUL in the name
        raise InputError(path, None, "the file name holds a NUL character") from None


_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
