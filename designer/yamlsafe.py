"""Safe YAML reading with line numbers, for files users and contributors write by hand.

Only PyYAML's SafeLoader is used, so no tag can construct arbitrary objects. On top of it:

* aliases are refused (an alias bomb cannot expand, and no design needs them);
* nesting deeper than ``MAX_DEPTH`` is refused;
* files larger than the caller's byte limit are refused before they are read;
* every mapping and sequence remembers the line it starts on, and every mapping the line of
  each of its keys, so validation errors can point at the right line.

Errors are raised as :class:`InputError`, whose ``str()`` is the one message a user sees:
``file:line: what is wrong``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent

MAX_DEPTH = 64


class InputError(Exception):
    """A problem with a file a user gave us: one clear message, never a traceback."""

    def __init__(self, file: str | Path | None, line: int | None, message: str) -> None:
        super().__init__(message)
        self.file = str(file) if file is not None else None
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"


class YDict(dict):
    """A mapping from YAML that remembers its own line and the line of each key."""

    line: int | None = None
    key_lines: dict

    def line_of(self, key: Any) -> int | None:
        return getattr(self, "key_lines", {}).get(key, self.line)


class YList(list):
    """A sequence from YAML that remembers its own line and the line of each item."""

    line: int | None = None
    item_lines: list

    def line_of(self, index: int) -> int | None:
        lines = getattr(self, "item_lines", [])
        return lines[index] if 0 <= index < len(lines) else self.line


def line_of(value: Any, key: Any = None) -> int | None:
    """The line of ``value`` (or of ``value[key]``) when it came from YAML, else None."""
    if key is not None and isinstance(value, (YDict, YList)):
        return value.line_of(key)
    return getattr(value, "line", None)


class _Loader(yaml.SafeLoader):
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):  # noqa: N802 - PyYAML's name
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                None, None, "aliases (*name) are not allowed in this file", event.start_mark
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                event = self.peek_event()
                raise yaml.MarkedYAMLError(
                    None, None, f"nesting is deeper than {MAX_DEPTH} levels", event.start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> YDict:
    result = YDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    yield result
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.MarkedYAMLError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            ) from None
        if key in result:
            raise yaml.MarkedYAMLError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> YList:
    result = YList()
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    yield result
    result.extend(loader.construct_object(child, deep=True) for child in node.value)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def loads(text: str, file: str | Path | None = None) -> Any:
    """Parse YAML text safely; raise InputError naming ``file`` and the line."""
    try:
        loader = _Loader(text)  # a SafeLoader: no tag can construct arbitrary objects
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem and exc.context != exc.problem:
            problem = f"{exc.problem} ({exc.context})"
        raise InputError(file, line, f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as exc:
        raise InputError(file, None, f"YAML error: {exc}") from None
    except RecursionError:
        raise InputError(file, None, "the file is nested too deeply") from None


def load_file(path: str | Path, max_bytes: int) -> Any:
    """Read and parse a YAML file of at most ``max_bytes`` bytes."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                path, None,
                f"the file is {size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB",
            )
        raw = path.read_bytes()
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
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(path, line, "the file is not valid UTF-8 text") from None
    return loads(text, path)


def plain(value: Any) -> Any:
    """A deep copy of YAML data as plain dicts and lists (for keeping unknown keys)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
