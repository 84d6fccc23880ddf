"""Any document the model can hold, its text within the file's rule (no control character but
tab, no bidi control), survives save -> load unchanged, byte-stable on a second save."""
from hypothesis import given, settings
from hypothesis import strategies as st

from designer.io import dumps_document, loads_document
from designer.model import EXCHANGE_VERSIONS, ZONE_KINDS, Connection, Document, Node, Rect, Zone

FORBIDDEN = ([chr(c) for c in range(0x20) if c != 0x09] + [chr(c) for c in range(0x7f, 0xa0)]
             + list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029"))
names = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=FORBIDDEN), max_size=30)
coords = st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: round(v, 2))
extra = st.dictionaries(st.from_regex(r"x_[a-z]{1,8}", fullmatch=True),
                        st.one_of(st.integers(), names, st.lists(st.integers(), max_size=3)), max_size=2)


@st.composite
def documents(draw):
    doc = Document(draw(names), draw(st.sampled_from(EXCHANGE_VERSIONS)), extra=draw(extra))
    for i in range(draw(st.integers(1, 4))):
        rect = draw(st.none() | st.tuples(coords, coords, st.floats(1, 1e4).map(lambda v: round(v, 2)),
                                          st.floats(1, 1e4).map(lambda v: round(v, 2))))
        doc.add_zone(Zone(f"z{i}", draw(names), draw(st.sampled_from(ZONE_KINDS)),
                          Rect(*rect) if rect else None, draw(st.none() | st.just("#a0c4ff")), draw(extra)))
    zones = list(doc.zones)
    for i in range(draw(st.integers(0, 6))):
        pos = draw(st.none() | st.tuples(coords, coords))
        doc.add_node(Node(f"n{i}", draw(names), draw(st.sampled_from(["mailbox", "edge_transport", "outlook"])),
                          draw(st.sampled_from(zones)), pos, draw(extra)))
    nodes = list(doc.nodes)
    if len(nodes) >= 2:
        for i in range(draw(st.integers(0, 6))):
            a, b = draw(st.lists(st.sampled_from(nodes), min_size=2, max_size=2, unique=True))
            services = draw(st.none() | st.lists(st.sampled_from(["SMTP", "EdgeSync", "IMAP4"]), unique=True))
            doc.add_connection(Connection(f"c{i}", (a, b), tuple(services) if services is not None else None,
                                          draw(extra)))
    return doc


@settings(max_examples=150, deadline=None)
@given(documents())
def test_save_load_is_lossless(doc):
    text = dumps_document(doc)
    again = loads_document(text)
    assert again.snapshot() == doc.snapshot()
    assert dumps_document(again) == text
