"""``python -m designer``: the same as the ``exchange-designer`` command."""
import sys

from .cli import main

sys.exit(main())
