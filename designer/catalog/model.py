"""The knowledge base as frozen dataclasses. Pure Python."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..i18n import QT_TRANSLATE_NOOP

VERSIONS: tuple[str, ...] = ("2010", "2013", "2016", "2019")
LEGACY_VERSIONS: tuple[str, ...] = ("2000", "2003")
# the palette's headings (the window shows them translated in the "RoleGroups" context)
ROLE_GROUPS: dict[str, str] = {
    "clients": QT_TRANSLATE_NOOP("RoleGroups", "Clients"),
    "exchange": QT_TRANSLATE_NOOP("RoleGroups", "Exchange servers"),
    "infrastructure": QT_TRANSLATE_NOOP("RoleGroups", "Directory and infrastructure"),
    "telephony": QT_TRANSLATE_NOOP("RoleGroups", "Telephony"),
    "internet": QT_TRANSLATE_NOOP("RoleGroups", "Internet"),
}

_PORT_RE = re.compile(r"^\s*(\d{1,5})(?:\s*-\s*(\d{1,5}))?\s*/\s*(TCP|UDP)\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Port:
    """A port or a port range on one transport."""

    low: int
    high: int
    transport: str  # "TCP" or "UDP"

    @classmethod
    def parse(cls, text: str) -> "Port":
        """Parse ``"443/TCP"`` or ``"1024-65535/UDP"``; raise ValueError otherwise."""
        match = _PORT_RE.match(str(text))
        if not match:
            raise ValueError(f"{text!r} is not a port like 443/TCP or 1024-65535/UDP")
        low = int(match.group(1))
        high = int(match.group(2) or low)
        if not (1 <= low <= high <= 65535):
            raise ValueError(f"{text!r} is not a port range within 1-65535")
        return cls(low, high, match.group(3).upper())

    @property
    def value(self) -> int | str:
        """An int for a single port, ``"low-high"`` for a range (the matrix's ``port``)."""
        return self.low if self.low == self.high else f"{self.low}-{self.high}"

    def overlaps(self, other: "Port") -> bool:
        return self.transport == other.transport and self.low <= other.high and other.low <= self.high

    def __str__(self) -> str:
        return f"{self.value}/{self.transport}"


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str | None
    publisher: str  # microsoft | source-document | third-party
    note: str | None = None

    @property
    def is_microsoft(self) -> bool:
        return self.publisher == "microsoft"


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    group: str
    tags: frozenset[str]
    versions: tuple[str, ...]
    unavailable: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    expected_zone: str | None = None
    description: str | None = None
    source: str | None = None

    def available_in(self, version: str) -> bool:
        return version in self.versions


@dataclass(frozen=True)
class Auth:
    default: str | None  # None: the source does not say
    supported: tuple[str, ...] | None


@dataclass(frozen=True)
class Encryption:
    supported: bool | None
    methods: tuple[str, ...]
    default: bool | None

    @property
    def kind(self) -> str:
        """How the line is styled and judged.

        ``encrypted``: on by default. ``optional``: supported, off by default. ``possible``:
        supported, and the source does not say whether it is on by default. ``none``: not
        encrypted. ``unknown``: the source says nothing.
        """
        if self.default is True:
            return "encrypted"
        if self.supported is True or self.methods:
            return "optional" if self.default is False else "possible"
        if self.supported is False or self.default is False:
            return "none"
        return "unknown"


@dataclass(frozen=True)
class DataPath:
    id: str
    service: str
    category: str
    versions: tuple[str, ...]
    sources_roles: tuple[str, ...]
    target_roles: tuple[str, ...]
    ports: tuple[Port, ...]
    protocol: str | None
    auth: Auth
    encryption: Encryption
    source: str
    title: str | None = None
    source_rows: tuple[str, ...] = ()  # the rows of the source's table this path carries
    status: str = "confirmed"
    disabled_by_default: bool = False
    advisory: str | None = None
    notes: str | None = None

    def applies_to(self, version: str) -> bool:
        return version in self.versions


@dataclass(frozen=True)
class SupportRule:
    id: str
    kind: str
    severity: str
    text: str
    source: str
    between: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class FirewallRule:
    id: str
    name: str
    versions: tuple[str, ...]
    roles: tuple[str, ...]
    ports: str | None
    program: str | None
    source: str
    status: str = "confirmed"
    notes: str | None = None


@dataclass(frozen=True)
class LegacyPort:
    id: str
    protocol: str
    ports: tuple[Port, ...]
    versions: tuple[str, ...]
    description: str | None
    source: str
    status: str = "confirmed"
