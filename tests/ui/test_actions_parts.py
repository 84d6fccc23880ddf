"""The actions take only the parts they call (a host widget, the window's slots, the undo stack,
the view's zoom, files, deliverables), not the whole main window: built here on a bare widget."""
from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMenuBar, QVBoxLayout, QWidget

from designer.ui.window.actions import Actions, WindowSlots

SLOTS = ("close", "cut", "copy", "paste", "duplicate", "delete_selection", "select_all", "set_autosave_interval",
         "add_zone", "set_select_tool", "set_connect_mode", "toggle_grid", "toggle_snap", "show_knowledge_base",
         "about")


class Recorder:
    """The window's slots, recording each call."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        for name in SLOTS:
            setattr(self, name, lambda *_args, name=name: self.calls.append(name))


def _parts(calls: list[str], names: tuple[str, ...]) -> SimpleNamespace:
    return SimpleNamespace(**{n: (lambda *_args, n=n: calls.append(n)) for n in names})


def test_the_protocol_names_every_slot_the_actions_call():
    assert sorted(n for n in vars(WindowSlots) if not n.startswith("_")) == sorted(SLOTS)


def test_actions_work_on_a_bare_widget_with_only_their_parts(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    slots, calls = Recorder(), []
    view = _parts(calls, ("zoom_in", "zoom_out", "zoom_reset", "fit"))
    files = _parts(calls, ("new", "open_dialog", "save", "save_as"))
    out = _parts(calls, ("export_diagram", "export_matrix", "export_rules", "export_report", "present"))
    actions = Actions(host, slots, QUndoStack(host), view, files, out)
    bar = QMenuBar(host)
    actions.build_menus(bar, [], [])
    toolbar = actions.build_toolbar()
    layout = QVBoxLayout(host)
    layout.addWidget(bar)
    layout.addWidget(toolbar)
    host.show()
    qtbot.waitExposed(host)

    assert [a.text() for a in bar.actions()] == ["&File", "&Edit", "&Insert", "&View", "&Help"]
    for action, expected, where in ((actions.add_zone, "add_zone", slots.calls), (actions.fit, "fit", calls),
                                    (actions.save, "save", calls), (actions.present, "present", calls)):
        button = toolbar.widgetForAction(action)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert where[-1] == expected
    qtbot.mouseClick(toolbar.widgetForAction(actions.connect_mode), Qt.MouseButton.LeftButton)
    assert slots.calls[-1] == "set_connect_mode" and actions.connect_mode.isChecked()
    assert not actions.select_tool.isChecked()  # one tool at a time
