"""The core (model, catalog, analysis, io, cli) must import no Qt at all."""
import subprocess
import sys


def test_core_imports_no_qt():
    code = (
        "import sys\n"
        "import designer.model, designer.catalog, designer.analysis, designer.io, designer.io.tables, designer.cli\n"
        "from designer.catalog import load_catalog\n"
        "from designer.analysis import analyse\n"
        "from designer.io import load_document\n"
        "from designer.support.paths import default_sample\n"
        "c = load_catalog(); analyse(load_document(default_sample(), c.roles), c)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'PyQt'))]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
