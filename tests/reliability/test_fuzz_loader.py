"""Hostile files: opening any text or bytes ends in a design or in one clear error.

"Clear" means an :class:`InputError` (a ``DocumentError`` for the design's own rules) whose
``str()`` is one short line ``FILE[:LINE]: message`` with the line inside the text: never a
``KeyError``, ``TypeError``, ``RecursionError``... nor a hang (each load runs under an alarm)
nor a flood of memory (the big cases run in a child process with a timeout, which reports the
growth of its peak resident memory). A design that loads must save and load again unchanged.

Hypothesis generates the malformed documents (about 2,000 in all): token soup, valid designs
mutated by hand-style edits, valid designs with wrong types put at every level, and raw bytes.
The worst cases are written out once: alias bombs, deep nesting, huge scalars, a document
of 100,000 YAML nodes and a design of 100,000 nodes. ``ETD_FUZZ_SCALE=10`` runs ten times the examples.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from designer.support import yamlsafe
from designer.io import dumps_document, load_document, loads_document
from designer.io.document_yaml import MAX_DOCUMENT_BYTES
from designer.model import Document
from designer.support.yamlsafe import InputError, plain
from tests.conftest import ROOT, SAMPLES

SCALE = float(os.environ.get("ETD_FUZZ_SCALE", "1"))
HANG = 5.0  # seconds: a load that takes longer is a hang (ordinary cases take milliseconds)
SLOW = 2.0  # seconds: and one that takes longer than this fails the time check
ROLES = ("mailbox", "edge_transport", "client_access", "hub_transport", "outlook", "domain_controller")
LINE_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def fuzz(examples: int):
    return settings(max_examples=max(1, int(examples * SCALE)), deadline=None,
                    suppress_health_check=list(HealthCheck))


class Hang(BaseException):
    """Raised by the alarm: not an Exception, so no ``except Exception`` in the code hides it."""


@contextlib.contextmanager
def time_limit(seconds: float):
    def alarm(signum, frame):
        raise Hang(f"still loading after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check_error(exc: InputError, file: str, text: str | None) -> None:
    """One line naming the file (and a line inside the text), a short message."""
    shown = str(exc)
    assert "\n" not in shown and "\r" not in shown, shown
    assert shown.startswith(f"{file}:"), shown
    assert exc.message and len(exc.message) < 400, shown
    if exc.line is not None:
        assert exc.line >= 1, shown
        if text is not None:
            assert exc.line <= len(LINE_BREAKS.split(text)) + 1, (shown, text)  # + 1: the end of the text


def check_design(doc: Document) -> None:
    """A design that opened saves and opens again with nothing lost."""
    assert isinstance(doc, Document)
    text = dumps_document(doc)
    text.encode("utf-8")  # what save_document writes: no lone surrogate can stop a save
    again = loads_document(text, "again.yaml")
    assert repr(again.snapshot()) == repr(doc.snapshot())  # repr: a NaN in extra equals itself
    assert dumps_document(again) == text


def outcome(load, file: str, text: str | None):
    """Run ``load()``; the design, or the InputError it raised, after checking either."""
    start = time.perf_counter()
    try:
        with time_limit(HANG):
            result = load()
    except InputError as exc:
        check_error(exc, file, text)
        result = exc
    elapsed = time.perf_counter() - start
    assert elapsed < SLOW, f"{elapsed:.1f} s to load {text[:200] if text else ''!r}"
    if isinstance(result, Document):
        check_design(result)
    return result


def load_text(text: str, roles=ROLES):
    return outcome(lambda: loads_document(text, "bad.yaml", roles=roles), "bad.yaml", text)


# ---- generated documents
TOKENS = [
    "format: exchange-topology/1\n", "format: exchange-topology/2\n", "name: ", "exchange_version: ",
    "'2016'", "zones:\n", "nodes:\n", "connections:\n", "- ", "id: ", "id: z", "kind: perimeter",
    "role: mailbox", "zone: z", "between: [a, b]", "rect: [0, 0, 10, 10]", "position: [1, 2]",
    "services: [SMTP]", "{", "}", "[", "]", ", ", ": ", ":", "\n", "  ", "    ", "\t", "&a ", "*a",
    "!!str ", "!!int ", "!!binary ", "!!set ", "!!omap ", "!!timestamp ", "!!python/object:os.system ",
    "!foo ", "<<: ", "? ", "---\n", "...\n", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "'", '"', "#",
    "|", ">-", "\ufeff", "\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028", "\r", "\r\n", "\\", "\\u",
    "~", "null", "true", "no", "1e400", "0x1F", "0o7", "1_000", "190:20:30", "9" * 60, "2001-13-45",
    "2001-12-14", ".nan", "-.inf", "é", "😀", "\ud800", "\udfff", "\ufffe", "\u202e", "=cmd", "a", "b",
]
soup = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=6)), max_size=50).map("".join)

BASES = [p.read_text(encoding="utf-8") for p in SAMPLES] + [
    "format: exchange-topology/1\nname: Tiny\nexchange_version: '2019'\nzones:\n- {id: z, name: Z, kind: internal}\n"
    "- {id: d, name: D, kind: perimeter, rect: [0, 0, 400, 300], color: '#d0e4f5'}\nnodes:\n"
    "- {id: a, name: A, role: mailbox, zone: z, position: [10, 20], x_note: kept}\n"
    "- {id: b, name: B, role: edge_transport, zone: d}\nconnections:\n- {id: c, between: [a, b], services: [SMTP]}\n"
    "x_future: {nested: [1, 2.5, true, null]}\n",
]


@st.composite
def mutated(draw):
    """A valid design after a few edits of the kind a hand, a merge or a disk makes."""
    text = draw(st.sampled_from(BASES))
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        op = draw(st.sampled_from(("cut", "insert", "line", "duplicate", "swap", "indent", "truncate", "flip")))
        at = draw(st.integers(0, max(len(text) - 1, 0)))
        if op == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        elif op == "insert":
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
        elif op == "line":
            i = draw(st.integers(0, len(lines) - 1))
            lines[i] = draw(soup)
            text = "\n".join(lines)
        elif op == "duplicate":
            i = draw(st.integers(0, len(lines) - 1))
            text = "\n".join(lines[:i + 1] + lines[i:])
        elif op == "swap":
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif op == "indent":
            i = draw(st.integers(0, len(lines) - 1))
            lines[i] = draw(st.sampled_from((" ", "\t", "  ", "      "))) + lines[i]
            text = "\n".join(lines)
        elif op == "truncate":
            text = text[:at]
        else:
            text = text[:at] + chr(draw(st.integers(0, 0x10FFFF))) + text[at + 1:]
    return text


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(10 ** 30, 10 ** 60), st.floats(),
    st.text(max_size=12), st.text(st.characters(max_codepoint=0x1F) | st.sampled_from("\u2028\x85\ufeff\u202e"),
                                  max_size=4),
    st.dates(), st.binary(max_size=4), st.just(""), st.sampled_from(("mailbox", "z", "a", "internal", "2016")),
)
junk = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.one_of(st.text(max_size=6), st.integers(), st.booleans(), st.none()),
                                      inner, max_size=3), max_leaves=6)


def paths(data, prefix=()):
    """Every place in the data: the whole, each key's value and each list item, at every level."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths(value, prefix + (index,))


def put(data, path, value):
    if not path:
        return value
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return data


@st.composite
def wrong_types(draw):
    """A valid design as data, with a wrong value (a list for a mapping, a number for a name,
    null, a date...) at one to three places, or a key removed, or a strange key added; as YAML."""
    data = plain(yamlsafe.loads(draw(st.sampled_from(BASES))))
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(list(paths(data))))
        op = draw(st.sampled_from(("replace", "replace", "remove", "add")))
        if op == "replace":
            data = put(data, where, draw(junk))
        elif op == "remove" and where:
            parent = data
            for step in where[:-1]:
                parent = parent[step]
            del parent[where[-1]]
        elif op == "add":
            target = data
            for step in where:
                target = target[step]
            if isinstance(target, dict):
                target[draw(st.one_of(st.text(max_size=6), st.integers(), st.booleans(), st.none()))] = draw(junk)
            elif isinstance(target, list):
                target.append(draw(junk))
    return yaml.safe_dump(data, allow_unicode=draw(st.booleans()), sort_keys=False,
                          default_flow_style=draw(st.sampled_from((False, None, True))))


@fuzz(600)
@given(soup)
def test_token_soup(text):
    load_text(text)


@fuzz(600)
@given(mutated())
def test_mutated_designs(text):
    load_text(text)


@fuzz(500)
@given(wrong_types())
def test_wrong_types_at_every_level(text):
    load_text(text, roles=draw_roles(text))


def draw_roles(text):
    return ROLES if len(text) % 2 else None  # both with and without the catalog's roles


@fuzz(200)
@given(wrong_types())
def test_libyaml_and_pure_python_read_well_formed_yaml_alike(text):
    """The pure-Python fallback (PyYAML without libyaml) reads what a YAML writer wrote just as
    libyaml does: the same data, or both an error."""
    results = []
    for loader in (yamlsafe._PyLoader, yamlsafe._Loader):
        try:
            with time_limit(HANG):
                results.append(("data", repr(yamlsafe.loads(text, "x.yaml", loader=loader))))
        except InputError as exc:
            check_error(exc, "x.yaml", text)
            results.append(("error", exc.line))
    assert results[0][0] == results[1][0] and (results[0][0] == "error" or results[0] == results[1]), results


@pytest.fixture(scope="module")
def folder():
    path = Path(tempfile.mkdtemp(prefix="etd-fuzz-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


encodings = st.sampled_from(("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252"))


@fuzz(300)
@given(data=st.one_of(
    st.binary(max_size=300),
    st.tuples(st.sampled_from(BASES) | soup, encodings).map(lambda t: t[0].encode(t[1], errors="replace")),
    st.tuples(st.sampled_from(BASES), st.binary(max_size=8), st.integers(0, 2000)).map(
        lambda t: t[0].encode()[:t[2]] + t[1] + t[0].encode()[t[2]:]),
))
def test_bytes_from_disk(folder, data):
    path = folder / "bad.yaml"
    path.write_bytes(data)
    outcome(lambda: load_document(path, roles=ROLES), str(path), None)


# ---- the worst cases, written out
LAUGHS = "format: exchange-topology/1\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
HEAD = "format: exchange-topology/1\n"
ZONE = "zones:\n- {id: z, name: Z, kind: internal}\n"
NODES = ZONE + "nodes:\n- {id: a, name: A, role: mailbox, zone: z}\n- {id: b, name: B, role: mailbox, zone: z}\n"

NASTY = {
    # name: (text, expected: a piece of the error message, or None for "it opens")
    "billion laughs": (LAUGHS, "aliases"),
    "an alias as a name": (HEAD + "x_a: &n Fred\nname: *n\n", "aliases"),
    "an alias as a key": (HEAD + "x_a: &k id\nzones:\n- {*k : z}\n", "aliases"),
    "a merge of an alias": (HEAD + "x_a: &m {name: A}\nzones:\n- <<: *m\n  id: z\n", "aliases"),
    "an anchor alone opens": (HEAD + "name: &n Fred\n", None),
    "a merge key": (HEAD + "zones:\n- <<: {name: Merged, kind: perimeter}\n  id: z\n", None),
    "a merge key that repeats a key": (HEAD + "zones:\n- <<: {id: y}\n  id: z\n", "duplicate key"),
    "a merge of a scalar": (HEAD + "zones:\n- <<: 5\n  id: z\n", "expected a mapping"),
    "flow nesting 65 deep": (HEAD + "x_a: " + "[" * 65 + "]" * 65 + "\n", "nest"),
    "flow nesting 64 deep opens": (HEAD + "x_a: " + "[" * 63 + "]" * 63 + "\n", None),
    "flow nesting 100,000 deep": (HEAD + "x_a: " + "[" * 100_000 + "\n", "nest"),
    "mapping nesting 10,000 deep": (HEAD + "x_a: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n", "nest"),
    "block nesting 500 deep": (HEAD + "x_a:\n" + "".join(" " * i + "- \n" for i in range(1, 500)), "nest"),
    "block mappings 500 deep": (HEAD + "".join(" " * i + f"k{i}:\n" for i in range(500)), "nest"),
    "a lone surrogate, escaped": (HEAD + 'name: "\\ud800"\n', "Unicode"),
    "a lone surrogate in the text": (HEAD + "name: a\udc00b\n", "surrogate"),
    "a NUL character": (HEAD + "name: a\x00b\n", "U+0000"),
    "an escape character": (HEAD + "name: a\x1bb\n", "U+001B"),
    "U+FFFE": (HEAD + "name: a\ufffeb\n", "U+FFFE"),
    "escaped control characters are refused": (HEAD + 'name: "a\\x00\\x1b\\x85\\u2028b"\n', "U+0000"),
    "an escaped C1 control is refused": (HEAD + 'name: "a\\x9bb"\n', "U+009B"),
    "a bidi override is refused": (HEAD + "name: 'evil \u202egnp.exe'\n", "U+202E"),
    "a BOM first opens": ("\ufeff" + HEAD + "name: BOM\n", None),
    "a BOM in a name opens": (HEAD + "name: a\ufeffb\n", None),
    "a tab indent": (HEAD + "zones:\n\t- {id: z}\n", "tab"),
    "tabs inside a line open": (HEAD + "name:\tTabbed\tname\n", None),
    "CR line ends open": (HEAD.replace("\n", "\r") + "name: Old Mac\r", None),
    "CRLF line ends open": ((HEAD + NODES).replace("\n", "\r\n"), None),
    "a duplicate top-level key": (HEAD + "name: a\nname: b\n", "duplicate key"),
    "a duplicate key in a zone": (HEAD + "zones:\n- {id: z, id: y}\n", "duplicate key"),
    "1 and '1' as keys": (HEAD + "1: a\n'1': b\n", "duplicate key"),
    "a list as a key": (HEAD + "? [a, b]\n: c\n", "plain value"),
    "a mapping as a key": (HEAD + "{a: 1}: c\n", "plain value"),
    "a python tag": (HEAD + "name: !!python/object/apply:os.system [ls]\n", "constructor"),
    "an unknown tag": (HEAD + "name: !secret x\n", "constructor"),
    "an impossible date": (HEAD + "x_a: 2001-13-45\n", "timestamp"),
    "a 5,000-digit number": (HEAD + "x_a: " + "9" * 5000 + "\n", "int"),
    "a 5,000-digit number in a rect": (HEAD + "zones:\n- {id: z, rect: [0, 0, 1, " + "9" * 4000 + "]}\n", "rect"),
    "a huge hex number in a rect": (HEAD + "zones:\n- {id: z, rect: [0, 0, 1, 0x" + "f" * 400 + "]}\n", "rect"),
    "an infinite rect": (HEAD + "zones:\n- {id: z, rect: [0, 0, .inf, 1]}\n", "rect"),
    "!!int of a word": (HEAD + "x_a: !!int abc\n", "int"),
    "!!bool of a word": (HEAD + "x_a: !!bool maybe\n", "bool"),
    "bad base64": (HEAD + "x_a: !!binary a\n", "base64"),
    "an empty id": (HEAD + "zones:\n- {id: ''}\n", "empty"),
    "a null id": (HEAD + "zones:\n- {id: null}\n", "required"),
    "a list as a name": (HEAD + "name: [a]\n", "must be text"),
    "a number as a name opens": (HEAD + "name: 42\n", None),
    "null zones open": (HEAD + "zones: null\n", None),
    "zones as a mapping": (HEAD + "zones: {z: {kind: internal}}\n", "must be a list"),
    "a zone as a list": (HEAD + "zones:\n- [z, internal]\n", "mapping"),
    "a node in no zone": (HEAD + ZONE + "nodes:\n- {id: a, role: mailbox}\n", "required"),
    "a node's zone as a list": (HEAD + ZONE + "nodes:\n- {id: a, role: mailbox, zone: [z]}\n", "must be text"),
    "a connection to itself": (HEAD + NODES + "connections:\n- {id: c, between: [a, a]}\n", "itself"),
    "a connection with three ends": (HEAD + NODES + "connections:\n- {id: c, between: [a, b, a]}\n", "two node ids"),
    "services as text": (HEAD + NODES + "connections:\n- {id: c, between: [a, b], services: SMTP}\n", "services"),
    "the document is a list": ("- format: exchange-topology/1\n", "not an Exchange topology file"),
    "the document is null": ("~\n", "not an Exchange topology file"),
    "an empty file": ("", "not an Exchange topology file"),
    "only comments": ("# nothing\n# here\n", "not an Exchange topology file"),
    "two documents": (HEAD + "---\n" + HEAD, "single document"),
    "format as a list": ("format: [exchange-topology/1]\n", "unknown format"),
    "a newer format": ("format: exchange-topology/2\n", "newer version"),
    "a format in other digits": ("format: exchange-topology/\u0661\n", "unknown format"),
    "a format with a line break": ('format: "exchange-topology/1\\n"\n', "unknown format"),
    "a very long line": (HEAD + "name: " + "x" * 1_000_000 + "\n", None),
    "a very long unknown kind": (HEAD + "zones:\n- {id: z, kind: " + "k" * 100_000 + "}\n", "unknown kind"),
    "a very long line of keys": (HEAD + "x_a: {" + ", ".join(f"k{i}: {i}" for i in range(20_000)) + "}\n", None),
    "unicode everywhere opens": (HEAD + "name: 'Ünïcödé 设计 😀 \u200fgnp.exe'\n" + ZONE.replace("Z", "区"), None),
}


@pytest.mark.parametrize("name", list(NASTY))
def test_nasty_document(name):
    text, expected = NASTY[name]
    result = load_text(text)
    if expected is None:
        assert isinstance(result, Document), result
    else:
        assert isinstance(result, InputError), f"{name} opened"
        assert expected in str(result), str(result)


@pytest.mark.parametrize("name,data,expected", [
    ("utf-16", ("\ufeff" + HEAD).encode("utf-16-le"), "not valid UTF-8"),
    ("latin-1", (HEAD + "name: Café\n").encode("latin-1"), "not valid UTF-8"),
    ("binary", bytes(range(256)) * 4, "not valid UTF-8"),
    ("a UTF-8 BOM", b"\xef\xbb\xbf" + HEAD.encode(), None),
    ("two BOMs", b"\xef\xbb\xbf\xef\xbb\xbf" + HEAD.encode(), None),
    ("a NUL byte", HEAD.encode() + b"name: a\x00b\n", "U+0000"),
])
def test_nasty_bytes(folder, name, data, expected):
    path = folder / "bytes.yaml"
    path.write_bytes(data)
    result = outcome(lambda: load_document(path), str(path), None)
    if expected is None:
        assert isinstance(result, Document), result
    else:
        assert isinstance(result, InputError) and expected in str(result), result


def test_files_that_are_not_files(folder):
    for path, expected in ((folder / "missing.yaml", "no such file"), (folder, "directory")):
        result = outcome(lambda: load_document(path), str(path), None)
        assert isinstance(result, InputError) and expected in str(result)


# ---- big: time and memory, measured in a child process that is killed if it hangs
BIG = r"""
import json, os, re, sys, time
from designer.io import load_document, loads_document
from designer.support.yamlsafe import InputError

def design(nodes, connections):
    lines = ["format: exchange-topology/1", "name: Big", "exchange_version: '2016'", "zones:"]
    lines += [f"- {{id: z{i}, name: Zone {i}, kind: internal, rect: [{i * 1000}, 0, 900, 9000]}}" for i in range(10)]
    lines.append("nodes:")
    lines += [f"- {{id: n{i}, name: N{i}, role: mailbox, zone: z{i % 10}, position: [{i % 10 * 1000 + 100}, {i}]}}"
              for i in range(nodes)]
    lines.append("connections:")
    lines += [f"- {{id: c{i}, between: [n{i}, n{i + 1}]}}" for i in range(connections)]
    return "\n".join(lines) + "\n"

case, path = sys.argv[1], sys.argv[2]
head = "format: exchange-topology/1\n"
texts = {
    # 5,000 nodes and 4,500 connections: 14 YAML nodes a node, 7 a connection, ~101,000 in all
    "100k nodes": lambda: design(5000, 4500),
    "100,000 design nodes": lambda: design(100_000, 1000),  # 7.6 MB
    "100k-item list": lambda: head + "x_junk: [" + ", ".join(str(i) for i in range(100_000)) + "]\n",
    "15 MB scalar": lambda: head + "name: " + "a" * 15_000_000 + "\n",
    "over the limit": lambda: head + "x_pad: " + "a" * 16_000_000 + "\n",
    "1,000,000 deep": lambda: head + "x_a: " + "[" * 1_000_000 + "\n",
}
with open(path, "w", encoding="utf-8") as handle:
    handle.write(texts[case]())
def status(field):
    with open("/proc/self/status") as handle:
        return int(re.search(field + r":\s*(\d+)", handle.read()).group(1)) / 1024

with open("/proc/self/clear_refs", "w") as handle:  # the peak (VmHWM) counts from here
    handle.write("5")
before = status("VmRSS")
start = time.perf_counter()
try:
    doc = load_document(path)
    result = f"{len(doc.nodes)} nodes"
except InputError as exc:
    result = str(exc)
seconds = time.perf_counter() - start
print(json.dumps({"result": result, "seconds": seconds, "peak_mb": status("VmHWM") - before}))
"""


@pytest.mark.parametrize("case,expected,seconds,peak_mb", [
    # measured here (2 CPUs): 0.4 s / 26 MB, 8.8 s / 373 MB, 1.2 s / 60 MB, 0.3 s / 73 MB, 0 s, 0 s / 4 MB;
    # the bounds leave room for slower machines
    ("100k nodes", "5000 nodes", 30, 150),
    ("100,000 design nodes", "100000 nodes", 60, 700),  # 7.6 MB of YAML
    ("100k-item list", "0 nodes", 30, 120),
    ("15 MB scalar", "0 nodes", 10, 150),  # the text and the name: a few times the file
    ("over the limit", "the limit is 16 MB", 2, 1),  # refused before it is read
    ("1,000,000 deep", "nest", 2, 10),
])
def test_big_documents_load_in_bounded_time_and_memory(folder, case, expected, seconds, peak_mb):
    path = folder / "big.yaml"
    try:
        run = subprocess.run([sys.executable, "-c", BIG, case, str(path)], cwd=ROOT, capture_output=True,
                             text=True, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{case}: still loading after 120 s")
    finally:
        path.unlink(missing_ok=True)
    assert run.returncode == 0, run.stderr[-2000:]
    measured = json.loads(run.stdout.strip().splitlines()[-1])
    assert expected in measured["result"], measured
    assert measured["seconds"] < seconds, measured
    assert measured["peak_mb"] < peak_mb, measured


def test_the_size_limit_is_what_the_big_cases_assume():
    assert MAX_DOCUMENT_BYTES == 16_000_000


# ---- the command line: one line on stderr, exit 2, never a traceback
CLI_CASES = {
    "syntax.yaml": (HEAD + "name: [unclosed\n", 3),
    "types.yaml": (HEAD + ZONE + "nodes:\n- {id: a, role: mailbox, zone: [z]}\n", 5),
    "bomb.yaml": (LAUGHS, 3),
    "deep.yaml": (HEAD + "x_a: " + "[" * 100_000 + "\n", 2),
    "number.yaml": (HEAD + "x_a: " + "9" * 5000 + "\n", 2),
    "garbage.yaml": (bytes(range(256)), 2),
}


@pytest.mark.parametrize("name", list(CLI_CASES))
def test_check_command_says_one_line_and_exits_2(folder, name):
    content, line = CLI_CASES[name]
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
    run = subprocess.run([sys.executable, "-m", "designer", "check", str(path)], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 2, (run.returncode, run.stdout, run.stderr)
    assert "Traceback" not in run.stderr and run.stdout == ""
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith(f"exchange-designer: {path}:{line}: "), lines[0]


def test_no_exception_type_leaks_from_the_loader():
    """Every error the loader raises is an InputError: the names of the usual suspects never
    appear in a message (they would if one were caught and wrapped by ``str(exc)``)."""
    for name, (text, expected) in NASTY.items():
        if expected is None:
            continue
        try:
            loads_document(text, "f.yaml")
        except InputError as exc:
            assert not re.search(r"(Key|Type|Value|Recursion|Overflow|Attribute|Index)Error", str(exc)), (name, exc)
