"""Safe YAML reading with line numbers, for files users and contributors write by hand.

Only PyYAML's safe constructors are used, so no tag can construct arbitrary objects. The text
is scanned and parsed by libyaml when PyYAML has it (about four times faster, and it never
recurses), else by PyYAML's pure-Python parser; the nodes are composed and checked here. On top
of the safe loader:

* aliases are refused (an alias bomb cannot expand, and no design needs them);
* nesting deeper than ``MAX_DEPTH`` is refused;
* files larger than the caller's byte limit are refused: no more than the limit is read, and
  devices, pipes and sockets are refused without waiting on them (:func:`read_limited`);
* a value a constructor cannot make (``2001-13-45``, ``!!int x``, a 5,000-digit number, a lone
  surrogate) is an error at its line, never a ``ValueError`` or the like;
* every mapping and sequence remembers the line it starts on, and every mapping the line of
  each of its keys, so validation errors can point at the right line.

Errors are raised as :class:`~.input_files.InputError` (importable from here too), whose
``str()`` is the one message a user sees, on one line: ``file:line: what is wrong``; the bytes
are read by :func:`~.input_files.read_limited`.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent, DocumentEndEvent, MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent,
    SequenceStartEvent, StreamEndEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from .input_files import InputError, read_limited  # (the readers import InputError from here too)

try:
    from yaml.cyaml import CParser
except ImportError:  # PyYAML built without libyaml
    CParser = None

MAX_DEPTH = 64
_SURROGATE = re.compile("[\ud800-\udfff]")
_YAML_LINES = re.compile("\r\n|[\n\r\x85\u2028\u2029]")  # what YAML counts as line breaks


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


def shorten(value: Any, limit: int = 60) -> str:
    """``repr(value)`` cut to about ``limit`` characters, for messages."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


class _Checks:
    """What the loaders add to PyYAML's: the alias and depth checks while composing, and
    errors at the value's line for values the safe constructors cannot make."""

    _depth = 0

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

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep)
        except (yaml.YAMLError, RecursionError, MemoryError):
            raise
        except Exception:  # ValueError, OverflowError, KeyError... from a constructor
            tag = node.tag.rsplit(":", 1)[-1]
            value = node.value if isinstance(node, yaml.ScalarNode) else "..."
            raise yaml.MarkedYAMLError(
                None, None, f"cannot read {shorten(value)} as {tag}", node.start_mark
            ) from None

    def construct_yaml_str(self, node):  # noqa: N802 - PyYAML's name
        value = self.construct_scalar(node)
        if _SURROGATE.search(value):
            raise yaml.MarkedYAMLError(
                None, None, "the text holds a lone surrogate (\\ud800-\\udfff), which is not a character",
                node.start_mark)
        return value


class _PyLoader(_Checks, yaml.SafeLoader):
    """PyYAML's pure-Python reader, scanner and parser."""


if CParser is not None:
    class _CLoader(_Checks, Composer, CParser, SafeConstructor, Resolver):
        """libyaml's scanner and parser (C); composing and constructing as in PyYAML."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

    _Loader = _CLoader
else:  # pragma: no cover - PyYAML built without libyaml
    _Loader = _PyLoader


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
                None, None, f"duplicate key {shorten(key)}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> YList:
    result = YList()
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    yield result
    result.extend(loader.construct_object(child, deep=True) for child in node.value)


for _cls in {_PyLoader, _Loader}:
    _cls.add_constructor("tag:yaml.org,2002:map", _construct_map)
    _cls.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
    _cls.add_constructor("tag:yaml.org,2002:str", _Checks.construct_yaml_str)


class _Unusual(Exception):
    """The fast reader met something it leaves to the loader (an error, a tag, an anchor...)."""


_MAP_TAGS = (None, "tag:yaml.org,2002:map")
_SEQ_TAGS = (None, "tag:yaml.org,2002:seq")
_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"


def _fast_loads(text: str) -> Any:
    """What ``_CLoader`` gives for the plain YAML a program writes (the designer's own files),
    built straight from libyaml's events: no node tree, no recursion, about three times faster.

    Anything out of the ordinary (any error, an anchor or alias, an explicit tag on a mapping or
    sequence, a merge key, a non-scalar or duplicate key, deep nesting, several documents) raises
    :class:`_Unusual`, and the caller reads the text again with the loader, which says what is
    wrong. Scalars are resolved and constructed by the loader's own resolver and constructors,
    so the data and the lines are the same (a test compares them)."""
    try:
        parser = CParser(text)
    except Exception:  # e.g. a lone surrogate libyaml cannot take: the loader will say
        raise _Unusual from None
    helper = _PyLoader("")  # the safe resolver and constructors, for scalars
    resolve, construct, get_event = helper.resolve, helper.construct_object, parser.get_event
    resolved: dict = {}
    try:
        get_event()  # stream start
        if parser.check_event(StreamEndEvent):
            return None
        get_event()  # document start
        stack: list = []  # per open collection: [container, is_mapping, pending key or _NO_KEY]
        root = _NO_KEY
        while root is _NO_KEY:
            event = get_event()
            kind = type(event)
            line = event.start_mark.line + 1
            if kind is ScalarEvent:
                if event.anchor is not None:
                    raise _Unusual
                tag = event.tag
                if tag is None or tag == "!":
                    implicit = event.implicit
                    key = (event.value, implicit)
                    tag = resolved.get(key)
                    if tag is None:
                        tag = resolved[key] = resolve(ScalarNode, event.value, implicit)
                if tag == _STR_TAG:
                    value = event.value
                    if _SURROGATE.search(value):
                        raise _Unusual
                else:
                    if tag == _MERGE_TAG:
                        raise _Unusual
                    value = construct(ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style))
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                mapping = kind is MappingStartEvent
                if event.anchor is not None or event.tag not in (_MAP_TAGS if mapping else _SEQ_TAGS) \
                        or len(stack) >= MAX_DEPTH - 1:
                    raise _Unusual
                value = YDict() if mapping else YList()
                value.line = line
                if mapping:
                    value.key_lines = {}
                else:
                    value.item_lines = []
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = stack.pop()
                if frame[2] is not _NO_KEY:
                    raise _Unusual
                if not stack:
                    root = frame[0]
                continue
            else:  # an alias, or anything unexpected
                raise _Unusual
            if stack:
                frame = stack[-1]
                container = frame[0]
                if not frame[1]:
                    container.append(value)
                    container.item_lines.append(line)
                elif frame[2] is _NO_KEY:  # this is a key
                    if kind is not ScalarEvent or value in container:
                        raise _Unusual
                    frame[2] = value
                    container.key_lines[value] = line
                else:
                    container[frame[2]] = value
                    frame[2] = _NO_KEY
            elif kind is ScalarEvent:
                root = value
            if kind is not ScalarEvent:
                stack.append([value, mapping, _NO_KEY])
        if not isinstance(get_event(), DocumentEndEvent) or not parser.check_event(StreamEndEvent):
            raise _Unusual
        return root
    except _Unusual:
        raise
    except Exception:  # a syntax error, a value no constructor can make...: the loader will say
        raise _Unusual from None
    finally:
        parser.dispose()


_NO_KEY = object()


def loads(text: str, file: str | Path | None = None, *, loader: type | None = None) -> Any:
    """Parse YAML text safely; raise InputError naming ``file`` and the line.

    ``loader``: the loader class (tests compare the libyaml one with the pure-Python one); by
    default the fast reader is tried first when libyaml is there."""
    if loader is None and CParser is not None:
        try:
            return _fast_loads(text)
        except _Unusual:
            pass
    try:
        parser = (loader or _Loader)(text)  # no tag can construct arbitrary objects
        try:
            return parser.get_single_data()
        finally:
            parser.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem and exc.context != exc.problem:
            problem = f"{exc.problem} ({exc.context})"
        if mark is not None and "tab" not in problem and _char_at(text, mark.line, mark.column) == "\t":
            problem += "; it is a tab: indent YAML with spaces"
        raise InputError(file, line, f"YAML syntax error: {problem}") from None
    except yaml.reader.ReaderError as exc:
        raise _reader_error(text, file, exc.character) from None
    except UnicodeEncodeError as exc:  # text (not from a file) with a lone surrogate, for libyaml
        raise InputError(file, text.count("\n", 0, exc.start) + 1,
                         "the text holds a lone surrogate (\\ud800-\\udfff), which is not a character") from None
    except yaml.YAMLError as exc:
        raise InputError(file, None, f"YAML error: {exc}") from None
    except RecursionError:
        raise InputError(file, None, "the file is nested too deeply") from None


def _char_at(text: str, line: int, column: int) -> str | None:
    """The character at a parser's mark (line and column from 0), if there is one."""
    lines = _YAML_LINES.split(text, maxsplit=line + 1) if line >= 0 else []
    if line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return None


def _reader_error(text: str, file: str | Path | None, character: Any) -> InputError:
    """A character YAML does not allow (a control character, U+FFFE...), at its line."""
    if isinstance(character, int) and 0 <= character <= 0x10FFFF:
        index = text.find(chr(character))
        line = text.count("\n", 0, index) + 1 if index >= 0 else None
        return InputError(file, line, f"the file holds a character YAML does not allow (U+{character:04X})")
    return InputError(file, None, "the file holds a character YAML does not allow")


def load_file(path: str | Path, max_bytes: int) -> Any:
    """Read and parse a YAML file of at most ``max_bytes`` bytes."""
    path = Path(path)
    raw = read_limited(path, max_bytes)
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
