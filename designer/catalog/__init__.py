"""The Exchange knowledge base: roles, data paths and Microsoft's support rules. Pure Python; may import support only."""
from .catalog import Catalog, PathMatch
from .loader import CatalogError, load_catalog
from .model import (
    LEGACY_VERSIONS, ROLE_GROUPS, VERSIONS, Auth, DataPath, Encryption, FirewallRule,
    ANY_PORT, LegacyPort, Port, Role, Source, SupportRule, Upgrade, VersionInfo,
)
from .search import PathQuery, search_paths

__all__ = [
    "Auth", "Catalog", "CatalogError", "DataPath", "Encryption", "FirewallRule", "LEGACY_VERSIONS",
    "LegacyPort", "PathMatch", "PathQuery", "Port", "ROLE_GROUPS", "Role", "Source", "SupportRule", "VERSIONS",
    "ANY_PORT", "Upgrade", "VersionInfo",
    "load_catalog", "search_paths",
]
