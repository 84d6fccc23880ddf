"""The command line, one module per command; it may import every layer below it (see docs/contributing.md)."""
from .common import PROG
from .main import main

__all__ = ["PROG", "main"]
