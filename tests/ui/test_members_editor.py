"""The Inspector's members editor driven with real mouse and key events, asserting on the model."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QLineEdit, QListWidget, QPushButton

from designer.model import Member
from tests.ui.test_panels import Panels

LEFT = Qt.MouseButton.LeftButton


def click(widget) -> None:
    QTest.mouseClick(widget, LEFT, Qt.KeyboardModifier.NoModifier, widget.rect().center())


def test_add_rename_remove_members_and_toggle_dag_each_one_undo_step(qtbot, catalog):
    p = Panels(qtbot, catalog, "exchange2016-edge.yaml")
    doc, stack = p.editor.document, p.editor.undo_stack
    p.inspector.show_selection(["ex01"])
    members = p.find(QListWidget, "members_list")
    add, remove = p.find(QPushButton, "members_add"), p.find(QPushButton, "members_remove")
    dag = p.find(QCheckBox, "members_dag")
    count = p.find(QLabel, "members_count")
    assert count.text() == "Single server" and not dag.isEnabled() and not remove.isEnabled()

    before = stack.count()
    click(add)
    click(add)
    assert [m.name for m in doc.node("ex01").members] == ["EX01-1", "EX01-2"]
    assert stack.count() == before + 2 and stack.undoText() == "Change members of EX01"
    assert count.text() == "2 members" and members.count() == 2 and dag.isEnabled()

    # rename the second member: F2, type, Enter
    members.setCurrentRow(1)
    members.setFocus()
    qtbot.keyClick(members, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: members.findChild(QLineEdit) is not None and members.findChild(QLineEdit).isVisible())
    line = members.findChild(QLineEdit)
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, "MBX02")
    qtbot.keyClick(line, Qt.Key.Key_Return)  # the delegate commits on the next turn of the loop
    qtbot.waitUntil(lambda: [m.name for m in doc.node("ex01").members] == ["EX01-1", "MBX02"])
    assert stack.count() == before + 3

    # a repeated name is refused: the member keeps its name, nothing is pushed
    members.setCurrentRow(0)
    qtbot.keyClick(members, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: members.findChild(QLineEdit) is not None and members.findChild(QLineEdit).isVisible())
    line = members.findChild(QLineEdit)
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, "MBX02")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: members.state() != members.State.EditingState)
    assert [m.name for m in doc.node("ex01").members] == ["EX01-1", "MBX02"]
    assert members.item(0).text() == "EX01-1" and stack.count() == before + 3

    QTest.mouseClick(dag, LEFT, Qt.KeyboardModifier.NoModifier, QPoint(8, dag.height() // 2))  # its box
    assert doc.node("ex01").dag and stack.count() == before + 4
    assert any(f.within_group for f in p.editor.flows)  # the DAG's own paths appear at once

    members.setCurrentRow(0)
    click(remove)
    assert [m.name for m in doc.node("ex01").members] == ["MBX02"]
    assert count.text() == "1 member" and stack.count() == before + 5

    stack.undo()
    assert [m.name for m in doc.node("ex01").members] == ["EX01-1", "MBX02"] and members.count() == 2
    stack.undo()
    assert not doc.node("ex01").dag and not dag.isChecked()
    for _ in range(3):
        stack.undo()
    assert doc.node("ex01").members == () and count.text() == "Single server"


def test_member_addresses_survive_a_rename_and_a_hostile_name_is_shown_visibly(qtbot, catalog):
    p = Panels(qtbot, catalog, "exchange2016-edge.yaml")
    doc = p.editor.document
    p.editor.set_group("ex01", members=[Member("A", ("10.0.0.1",)), Member("B")], dag=True)
    p.inspector.show_selection(["ex01"])
    members = p.find(QListWidget, "members_list")
    assert members.item(0).toolTip() == "10.0.0.1"
    members.setCurrentRow(0)
    members.setFocus()
    qtbot.keyClick(members, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: members.findChild(QLineEdit) is not None and members.findChild(QLineEdit).isVisible())
    line = members.findChild(QLineEdit)
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QApplication.clipboard().setText("EX\u202e1")  # a bidi override, pasted
    qtbot.keyClick(line, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: doc.node("ex01").members[0].name != "A")
    first = doc.node("ex01").members[0]
    assert first.addresses == ("10.0.0.1",)
    assert "\u202e" not in first.name and first.name.startswith("EX")


def test_typing_a_member_s_addresses_sets_them_in_one_undo_step(qtbot, catalog):
    p = Panels(qtbot, catalog, "exchange2016-edge.yaml")
    doc, stack = p.editor.document, p.editor.undo_stack
    p.editor.set_group("ex01", members=[Member("A"), Member("B", ("10.0.0.2",))], dag=True)
    p.inspector.show_selection(["ex01"])
    members = p.find(QListWidget, "members_list")
    addresses = p.find(QLineEdit, "members_addresses")
    assert not addresses.isEnabled()
    QTest.mouseClick(members.viewport(), LEFT, Qt.KeyboardModifier.NoModifier,
                     members.visualItemRect(members.item(1)).center())
    assert addresses.isEnabled() and addresses.text() == "10.0.0.2"
    p.host.activateWindow()
    addresses.setFocus()
    qtbot.waitUntil(addresses.hasFocus)
    qtbot.keyClick(addresses, Qt.Key.Key_End)
    before = stack.count()
    qtbot.keyClicks(addresses, ", 10.0.9.0/24")
    qtbot.keyClick(addresses, Qt.Key.Key_Return)
    assert doc.node("ex01").members[1].addresses == ("10.0.0.2", "10.0.9.0/24")
    assert stack.count() == before + 1 and stack.undoText() == "Change members of EX01"
    assert doc.node("ex01").members[0].addresses == ()
    stack.undo()
    assert doc.node("ex01").members[1].addresses == ("10.0.0.2",)
    assert addresses.text() == "10.0.0.2"  # the field follows the undo, though it has the focus
    members.setFocus()  # leaving the field commits nothing
    qtbot.waitUntil(lambda: not addresses.hasFocus())
    assert doc.node("ex01").members[1].addresses == ("10.0.0.2",) and stack.index() == before
