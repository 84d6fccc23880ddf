"""The knowledge base as frozen dataclasses. Pure Python."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..support.i18n import QT_TRANSLATE_NOOP
from ..support.states import EncryptionKind

VERSIONS: tuple[str, ...] = ("2010", "2013", "2016", "2019", "SE")
LEGACY_VERSIONS: tuple[str, ...] = ("2000", "2003")
# the palette's headings (the window shows them translated in the "RoleGroups" context)
ROLE_GROUPS: dict[str, str] = {
    "clients": QT_TRANSLATE_NOOP("RoleGroups", "Clients"),
    "exchange": QT_TRANSLATE_NOOP("RoleGroups", "Exchange servers"),
    "infrastructure": QT_TRANSLATE_NOOP("RoleGroups", "Directory and infrastructure"),
    "telephony": QT_TRANSLATE_NOOP("RoleGroups", "Telephony"),
    "internet": QT_TRANSLATE_NOOP("RoleGroups", "Internet"),
    "cloud": QT_TRANSLATE_NOOP("RoleGroups", "Microsoft 365"),
}

ANY_TRANSPORT = "any"
_PORT_RE = re.compile(r"^\s*(\d{1,5})(?:\s*-\s*(\d{1,5}))?\s*/\s*(TCP|UDP)\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Port:
    """A port or a port range on one transport."""

    low: int
    high: int
    transport: str  # "TCP" or "UDP"

    @classmethod
    def parse(cls, text: str) -> "Port":
        """Parse ``"443/TCP"``, ``"1024-65535/UDP"`` or ``"any"`` (any port, any protocol);
        raise ValueError otherwise."""
        if str(text).strip().lower() == ANY_TRANSPORT:
            return ANY_PORT
        match = _PORT_RE.match(str(text))
        if not match:
            raise ValueError(f"{text!r} is not a port like 443/TCP or 1024-65535/UDP")
        low = int(match.group(1))
        high = int(match.group(2) or low)
        if not (1 <= low <= high <= 65535):
            raise ValueError(f"{text!r} is not a port range within 1-65535")
        return cls(low, high, match.group(3).upper())

    @property
    def is_any(self) -> bool:
        """Any port on any protocol: Microsoft's unrestricted traffic between internal servers."""
        return self.transport == ANY_TRANSPORT

    @property
    def value(self) -> int | str:
        """An int for a single port, ``"low-high"`` for a range, ``"any"`` for any port on any
        protocol (the matrix's ``port``)."""
        if self.is_any:
            return ANY_TRANSPORT
        return self.low if self.low == self.high else f"{self.low}-{self.high}"

    def overlaps(self, other: "Port") -> bool:
        if self.is_any or other.is_any:
            return True
        return self.transport == other.transport and self.low <= other.high and other.low <= self.high

    def __str__(self) -> str:
        return "any" if self.is_any else f"{self.value}/{self.transport}"


ANY_PORT = Port(1, 65535, ANY_TRANSPORT)


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
    source: str | None = None  # the page that states it; None: the path's own source


@dataclass(frozen=True)
class Encryption:
    supported: bool | None
    methods: tuple[str, ...]
    default: bool | None
    label: str | None = None  # the wording on the line ("opportunistic TLS"); None: the methods
    source: str | None = None  # the page that states it; None: the path's own source

    @property
    def kind(self) -> EncryptionKind:
        """How the line is styled and judged.

        ``encrypted``: on by default. ``optional``: supported, off by default. ``possible``:
        supported, and the source does not say whether it is on by default. ``none``: not
        encrypted. ``unknown``: the source says nothing.
        """
        if self.default is True:
            return EncryptionKind.ENCRYPTED
        if self.supported is True or self.methods:
            return EncryptionKind.OPTIONAL if self.default is False else EncryptionKind.POSSIBLE
        if self.supported is False or self.default is False:
            return EncryptionKind.NONE
        return EncryptionKind.UNKNOWN


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

    # version -> the source that carries the path into that version ("SE" through 2019)
    inherited: tuple[tuple[str, str], ...] = ()

    def applies_to(self, version: str) -> bool:
        return version in self.versions

    @property
    def unrestricted(self) -> bool:
        """Any port, any protocol (Microsoft's rule on traffic between internal servers)."""
        return any(port.is_any for port in self.ports)

    @property
    def auth_source(self) -> str:
        return self.auth.source or self.source

    @property
    def encryption_source(self) -> str:
        return self.encryption.source or self.source

    def inherited_source(self, version: str) -> str | None:
        """The source that carries this path into ``version`` from another one, if any."""
        return dict(self.inherited).get(version)

    def source_ids(self, version: str | None = None) -> tuple[str, ...]:
        """Every source this path cites, the ports' first, without repeats."""
        ids = [self.source, self.auth_source, self.encryption_source]
        if version is not None and self.inherited_source(version):
            ids.append(self.inherited_source(version))
        return tuple(dict.fromkeys(ids))


@dataclass(frozen=True)
class SupportRule:
    id: str
    kind: str
    severity: str
    text: str
    source: str
    between: tuple[tuple[str, str], ...] = ()
    roles: tuple[str, ...] = ()
    services: tuple[str, ...] = ()  # the data paths' services a rule speaks of
    # kind-specific: coexistence maps a version to the versions it may share an organisation
    # with; hybrid_host lists the versions that can host a hybrid deployment (under "*")
    allowed: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Upgrade:
    text: str
    source: str


@dataclass(frozen=True)
class VersionInfo:
    """An Exchange version: its support lifecycle, and for SE, the version whose data paths it
    shares (Microsoft: SE RTM is code-equivalent to Exchange 2019 CU15)."""

    id: str
    name: str
    end_of_support: date | None
    lifecycle: str  # fixed | modern
    source: str
    paths_as: str | None = None
    paths_as_source: str | None = None
    excepted: tuple[tuple[str, str, str | None], ...] = ()  # (path id, source, note)
    upgrade: Upgrade | None = None

    def supported_on(self, today: date) -> bool:
        return self.end_of_support is None or today <= self.end_of_support


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
