"""The fast YAML reader gives exactly what the loader gives: the same data, the same lines.

``designer.support.yamlsafe`` reads ordinary YAML straight from libyaml's events and leaves anything
unusual to the loader (PyYAML's composer and safe constructors with our checks). These tests
compare the two on generated data in every YAML style, on the samples and a large generated
design, and check that each unusual case really goes to the loader.
"""
from __future__ import annotations

import datetime

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from designer.support import yamlsafe
from designer.support.paths import samples_dir
from designer.support.yamlsafe import InputError, YDict, YList

pytestmark = pytest.mark.skipif(yamlsafe.CParser is None, reason="PyYAML without libyaml has no fast reader")


def shape(value):
    """Data and lines, as comparable plain values."""
    if isinstance(value, YDict):
        return ("map", value.line, [(shape(k), value.key_lines[k], shape(v)) for k, v in value.items()])
    if isinstance(value, YList):
        return ("seq", value.line, value.item_lines, [shape(v) for v in value])
    assert not isinstance(value, (dict, list)), "a plain dict or list: its lines are lost"
    return (type(value).__name__, value)


def both(text: str):
    fast = yamlsafe._fast_loads(text)
    slow = yamlsafe.loads(text, loader=yamlsafe._Loader)
    return shape(fast), shape(slow)


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=20),
    st.sampled_from(["yes", "no", "on", "off", "~", "null", "1e3", "0x1F", "0o17", "1_000", ".inf", "-.inf",
                     "2001-12-14", "2001-12-14t21:59:43.10-05:00", "=SUM(A1)", "a: b", "- x", "#", "'", '"']),
    st.dates(), st.datetimes(),
)
data = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5),
    st.dictionaries(st.one_of(st.text(max_size=8), st.integers(), st.booleans()), inner, max_size=5)),
    max_leaves=40)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=data, flow=st.sampled_from([None, True, False]), style=st.sampled_from([None, "'", '"', "|"]),
       width=st.sampled_from([20, 80]))
def test_same_data_and_lines_as_the_loader(value, flow, style, width):
    if style == "|" and flow:
        style = None
    text = yaml.safe_dump(value, default_flow_style=flow, default_style=style, width=width, allow_unicode=True)
    fast, slow = both(text)
    assert fast == slow


def test_same_on_the_samples_and_a_generated_design():
    from bench.generate import generate
    from designer.io import dumps_document

    texts = [p.read_text(encoding="utf-8") for p in sorted(samples_dir().glob("*.yaml"))]
    texts.append(dumps_document(generate(300, 900)))
    for text in texts:
        fast, slow = both(text)
        assert fast == slow
        assert fast[0] == "map" and len(fast[2]) > 3


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n",                          # anchor and alias
    "a: !custom {b: 1}\n",                        # a tag of its own on a mapping
    "a: !!set {b: null}\n",
    "<<: {a: 1}\nb: 2\n",                         # a merge key
    "? [a, b]\n: 1\n",                            # a sequence as a key
    "a: 1\na: 2\n",                               # a duplicate key
    "a: 1\n---\nb: 2\n",                          # two documents
    "a: !!int x\n",                               # a value no constructor can make
    "a: 2001-13-45\n",
    'a: "\\ud800"\n',                             # a lone surrogate, escaped
    "a: \ud800\n",                                # a lone surrogate in the text
    "a: [1, 2\n",                                 # a syntax error
    "[" * 70 + "]" * 70,                          # deeper than the limit
])
def test_unusual_text_goes_to_the_loader(text):
    with pytest.raises(yamlsafe._Unusual):
        yamlsafe._fast_loads(text)
    try:
        expected = ("data", shape(yamlsafe.loads(text, loader=yamlsafe._Loader)))
    except InputError as exc:
        expected = ("error", str(exc))
    try:
        got = ("data", shape(yamlsafe.loads(text)))
    except InputError as exc:
        got = ("error", str(exc))
    assert got == expected


def test_ordinary_tags_and_values_are_read_fast():
    value = yamlsafe._fast_loads("a: !!str 12\nb: 2001-12-14\nc: [1, 2.5, null, true]\nd: ''\n")
    assert value == {"a": "12", "b": datetime.date(2001, 12, 14), "c": [1, 2.5, None, True], "d": ""}
    assert value.line_of("c") == 3 and value["c"].line == 3
