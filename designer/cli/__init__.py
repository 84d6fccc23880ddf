"""The command line, one module per command; it may import every layer below it (see docs/contributing.md)."""
from .main import PROG, main

__all__ = ["PROG", "main"]
