"""Names typed or pasted into the window keep the file's rule: control characters and bidi
overrides become visible symbols, so what is saved always opens again."""
from designer.editor import DocumentEditor
from designer.io.document_yaml import dumps_document, loads_document


def test_control_characters_in_names_become_visible_and_the_design_reopens(catalog, qapp):
    editor = DocumentEditor(catalog)
    editor.new_document()
    node = editor.add_node("mailbox", (100, 100), "internal", name="MBX\x1b[2J\x07")
    editor.set_zone("internal", name="LAN\u202eevil")
    editor.set_document_name("Design\r=cmd")
    doc = editor.document
    assert doc.node(node).name == "MBX\u241b[2J\u2407"
    assert doc.zone("internal").name == "LAN\u2039U+202E\u203aevil"
    assert doc.name == "Design\u240d=cmd"
    again = loads_document(dumps_document(doc), "design.yaml", roles=catalog.roles.keys())
    assert again.snapshot() == doc.snapshot()
