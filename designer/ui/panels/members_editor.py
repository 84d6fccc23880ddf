"""A group node's members in the Inspector: add, rename (double-click or F2) and remove members,
give the current member its addresses, and mark the group a Database Availability Group. Every edit is one undoable step through the
editor (``DocumentEditor.set_group``); the list is refilled from the model."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
    QVBoxLayout, QWidget,
)

from ...editor import DocumentEditor
from ...model import Member, Node


class MembersEditor(QWidget):
    def __init__(self, editor: DocumentEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.setObjectName("members_editor")
        self._node: Node | None = None
        self._filling = False
        self.dag_check = QCheckBox(self.tr("DAG"), objectName="members_dag")
        self.dag_check.setToolTip(self.tr("Database availability group (DAG)"))
        self.count_label = QLabel(objectName="members_count")
        self.list = QListWidget(objectName="members_list")
        self.list.setMaximumHeight(160)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.add_button = QPushButton(self.tr("Add"), objectName="members_add")
        self.add_button.setToolTip(self.tr("Add member"))
        self.remove_button = QPushButton(self.tr("Remove"), objectName="members_remove")
        self.remove_button.setToolTip(self.tr("Remove member"))
        self.addresses_edit = QLineEdit(objectName="members_addresses")
        self.addresses_edit.setPlaceholderText(self.tr("Addresses of the member, e.g. 10.0.0.5, 10.0.1.0/24"))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.count_label)
        column.addWidget(self.list)
        column.addLayout(buttons)
        column.addWidget(self.addresses_edit)
        column.addWidget(self.dag_check)

        self.add_button.clicked.connect(self.add_member)
        self.remove_button.clicked.connect(self.remove_member)
        self.list.itemChanged.connect(self._renamed)
        self.list.currentRowChanged.connect(self._row_changed)
        self.addresses_edit.textEdited.connect(self._addresses_typed)
        self.addresses_edit.editingFinished.connect(self._addresses_finished)
        self._typing = False  # addresses typed and not yet committed: a refill leaves them alone
        self.dag_check.toggled.connect(self._dag_toggled)

    # ---- from the model
    def show_node(self, node: Node) -> None:
        """Show ``node``'s members; the list is rebuilt only when they changed (a refill keeps
        the current member and never interrupts a rename)."""
        same = self._node is not None and self._node.id == node.id
        changed = not same or self._node.members != node.members
        self._node = node
        self._filling = True
        try:
            if changed and self.list.state() != QAbstractItemView.State.EditingState:
                row = self.list.currentRow() if same else -1
                self.list.clear()
                for member in node.members:
                    item = QListWidgetItem(member.name)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                    if member.addresses:
                        item.setToolTip(", ".join(member.addresses))
                    self.list.addItem(item)
                if self.list.count():
                    self.list.setCurrentRow(min(max(row, 0), self.list.count() - 1) if row >= 0 else -1)
            self.dag_check.setChecked(node.dag)
            count = len(node.members)
            self.count_label.setText(self.tr("Single server") if not count else
                                     self.tr("1 member") if count == 1 else
                                     self.tr("{count} members").format(count=count))
        finally:
            self._filling = False
        self._show_addresses()

    def _show_addresses(self) -> None:
        """The current member's addresses, unless the user is typing them."""
        row = self.list.currentRow()
        if not self._typing:
            members = self._members()
            self.addresses_edit.setText(", ".join(members[row].addresses) if 0 <= row < len(members) else "")
        self._enable()

    def _row_changed(self, _row: int) -> None:
        self._typing = False  # another member: its own addresses
        self._show_addresses()

    def _enable(self) -> None:
        self.remove_button.setEnabled(self.list.currentRow() >= 0)
        self.addresses_edit.setEnabled(self.list.currentRow() >= 0)
        self.dag_check.setEnabled(self._node is not None and (self._node.is_group or self._node.dag))

    # ---- edits, one undoable step each
    def _members(self) -> list[Member]:
        return list(self._node.members) if self._node else []

    def add_member(self) -> None:
        if self._node is None:
            return
        members = self._members()
        names = {m.name for m in members}
        n = len(members) + 1
        while f"{self._node.name}-{n}" in names:
            n += 1
        members.append(Member(f"{self._node.name}-{n}"))
        self.editor.set_group(self._node.id, members=members)
        self.list.setCurrentRow(self.list.count() - 1)
        self.list.setFocus()

    def remove_member(self) -> None:
        row = self.list.currentRow()
        if self._node is None or not 0 <= row < len(self._node.members):
            return
        members = self._members()
        del members[row]
        self.editor.set_group(self._node.id, members=members,
                              dag=False if not members and self._node.dag else None)

    def _renamed(self, item: QListWidgetItem) -> None:
        if self._filling or self._node is None:
            return
        row = self.list.row(item)
        members = self._members()
        name = item.text().strip()
        others = {m.name for i, m in enumerate(members) if i != row}
        if not 0 <= row < len(members) or not name or name in others or name == members[row].name:
            self._restore(item, members, row)
            return
        members[row] = Member(name, members[row].addresses)
        self.editor.set_group(self._node.id, members=members)

    def _addresses_typed(self, _text: str) -> None:
        self._typing = True

    def _addresses_finished(self) -> None:
        """The addresses as typed, split at commas and spaces (kept as written; the findings
        judge them)."""
        if not self._typing:
            return
        self._typing = False
        row = self.list.currentRow()
        members = self._members()
        if self._node is None or not 0 <= row < len(members):
            return
        addresses = tuple(a for a in self.addresses_edit.text().replace(",", " ").split() if a)
        if addresses != members[row].addresses:
            members[row] = Member(members[row].name, addresses)
            self.editor.set_group(self._node.id, members=members)

    def _restore(self, item: QListWidgetItem, members: list[Member], row: int) -> None:
        """An empty or repeated name is refused: the member keeps its name."""
        if 0 <= row < len(members):
            self._filling = True
            item.setText(members[row].name)
            self._filling = False

    def _dag_toggled(self, checked: bool) -> None:
        if not self._filling and self._node is not None and checked != self._node.dag:
            self.editor.set_group(self._node.id, dag=checked)
