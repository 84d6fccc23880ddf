import pytest
from PySide6.QtCore import QSettings

from designer.editor import DocumentEditor
from designer.ui.main_window import MainWindow


@pytest.fixture()
def window(qtbot, catalog, tmp_path):
    """A shown main window with its own settings file; closed without the unsaved-work prompt
    (that prompt is tested on its own)."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    editor = DocumentEditor(catalog)
    win = MainWindow(editor, settings)
    win.show()
    qtbot.waitExposed(win)
    yield win
    editor.undo_stack.setClean()
    win.close()
    win.deleteLater()
