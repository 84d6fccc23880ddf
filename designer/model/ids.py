"""Stable, readable ids ("mbx1", "zone2"): never regenerated, never reused while in use."""
from __future__ import annotations

import re
from typing import Container

_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, fallback: str = "item") -> str:
    """A short id prefix from a name or role: ``"Edge Transport"`` -> ``"edge_transport"``."""
    result = _SLUG.sub("_", text.lower()).strip("_")
    return result[:24] or fallback


def new_id(prefix: str, taken: Container[str]) -> str:
    """The first ``prefix1``, ``prefix2``, ... not in ``taken``."""
    base = slug(prefix)
    n = 1
    while f"{base}{n}" in taken:
        n += 1
    return f"{base}{n}"
