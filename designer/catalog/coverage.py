"""How much of the knowledge base states authentication and encryption, per Exchange version.

The product promises the ports, authentication and encryption of every connection; these figures
keep that promise measurable. Paths of Microsoft's unrestricted internal traffic (any port, any
protocol) are left out: they carry whatever each protocol uses, and say so."""
from __future__ import annotations

from dataclasses import dataclass

from ..support.states import EncryptionKind
from .catalog import Catalog


@dataclass(frozen=True)
class Coverage:
    version: str
    paths: int
    without_auth: tuple[str, ...]  # path ids
    without_encryption: tuple[str, ...]

    @property
    def auth_share(self) -> float:
        """The share of paths without authentication, 0 to 1."""
        return len(self.without_auth) / self.paths if self.paths else 0.0

    @property
    def encryption_share(self) -> float:
        return len(self.without_encryption) / self.paths if self.paths else 0.0


def coverage(catalog: Catalog, version: str) -> Coverage:
    paths = [p for p in catalog.paths if version in p.versions and not p.unrestricted]
    return Coverage(version, len(paths),
                    tuple(p.id for p in paths if not p.auth.default),
                    tuple(p.id for p in paths if p.encryption.kind == EncryptionKind.UNKNOWN))


def coverage_report(catalog: Catalog) -> str:
    """One line per version: the paths, and how many state no authentication or no encryption."""
    lines = ["version  paths  no authentication  no encryption"]
    for version in catalog.versions:
        c = coverage(catalog, version)
        lines.append(f"{version:<7}  {c.paths:>5}  {len(c.without_auth):>5} ({c.auth_share:5.1%})     "
                     f"{len(c.without_encryption):>5} ({c.encryption_share:5.1%})")
    return "\n".join(lines) + "\n"
