"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every Qt call that returns
nothing, and the interpreter soon aborts ("deallocating None"). The dependency is constrained so
users never get that pair; these tests catch it if the constraint ever slips."""
import os
import subprocess
import sys
from importlib.metadata import version



def test_installed_pyside_is_not_the_bad_pair():
    installed = version("PySide6-Essentials")
    assert not (sys.version_info[:2] == (3, 11) and installed.startswith("6.12.0")), (
        f"PySide6 {installed} on Python 3.11 aborts with 'deallocating None'")


def test_void_qt_calls_keep_none_alive():
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication, QGraphicsRectItem\n"
        "app = QApplication([])\n"
        "item = QGraphicsRectItem(0, 0, 10, 10)\n"
        "before = sys.getrefcount(None)\n"
        "for i in range(200_000):\n"
        "    item.setPos(i % 97, i % 89)\n"
        "lost = before - sys.getrefcount(None)\n"
        "print(lost)\n"
        "assert lost < 1000, f'{lost} references to None lost'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stdout + result.stderr
