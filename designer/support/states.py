"""The states that cross layers, typed: a line's encryption kind, a zone's kind, a finding's
severity. Each is a ``StrEnum``, so the YAML and JSON files keep the same strings, and a member
equals its string (``EncryptionKind.NONE == "none"``)."""
from __future__ import annotations

from enum import StrEnum


class EncryptionKind(StrEnum):
    """How a flow is protected, as its line is styled and judged."""

    ENCRYPTED = "encrypted"  # on by default
    OPTIONAL = "optional"  # supported, off by default
    POSSIBLE = "possible"  # supported, the source doesn't say whether it is on by default
    NONE = "none"  # not encrypted
    UNKNOWN = "unknown"  # the source says nothing


# weakest first: what a line with several flows is styled by
WEAKEST_FIRST: tuple[EncryptionKind, ...] = (
    EncryptionKind.NONE, EncryptionKind.UNKNOWN, EncryptionKind.POSSIBLE, EncryptionKind.OPTIONAL,
    EncryptionKind.ENCRYPTED,
)


class ZoneKind(StrEnum):
    INTERNAL = "internal"
    PERIMETER = "perimeter"
    INTERNET = "internet"
    CLOUD = "cloud"  # Microsoft 365 (Exchange Online, Microsoft Entra ID)


class Severity(StrEnum):
    """A Microsoft support rule is an error, a risk a warning, information or a recommendation
    info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
