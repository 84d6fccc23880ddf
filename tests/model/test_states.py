"""Typed states (support.states): StrEnums that equal the strings the files hold."""
import json

from designer.catalog import Encryption
from designer.io.document_yaml import dumps_document, loads_document
from designer.model import ZONE_KINDS, Document, Zone
from designer.support.states import EncryptionKind, Severity, ZoneKind


def test_states_are_typed_and_equal_their_strings():
    assert Encryption(True, ("TLS",), True).kind is EncryptionKind.ENCRYPTED
    assert Encryption(None, (), None).kind == "unknown"
    assert ZONE_KINDS == (ZoneKind.INTERNAL, ZoneKind.PERIMETER, ZoneKind.INTERNET, ZoneKind.CLOUD)
    assert [str(s) for s in Severity] == ["error", "warning", "info"]
    assert json.dumps({"kind": EncryptionKind.NONE}) == '{"kind": "none"}'


def test_a_zone_given_a_typed_kind_stores_and_saves_the_plain_string():
    doc = Document("D", "SE")
    doc.add_zone(Zone("m365", "Microsoft 365", ZoneKind.CLOUD))
    assert type(doc.zone("m365").kind) is str and doc.zone("m365").kind == "cloud"
    text = dumps_document(doc)
    assert "kind: cloud" in text
    assert loads_document(text).zone("m365").kind == "cloud"
