"""What the window calls the codes of the model and the knowledge base (a zone's kind, a role
group, a role), in the user's language. The codes themselves are never translated: they are saved.

Role names are the knowledge base's (``data/catalog/roles.yaml``); ``dev/translations`` hands
them to lupdate in the "Roles" context. The rest of a role (its description, why it is missing
from a version) is Microsoft's word, with its source, and stays as written."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..catalog import ROLE_GROUPS, Catalog
from ..support.i18n import QT_TRANSLATE_NOOP
from ..support.states import ZoneKind

ZONE_KIND_NAMES = {ZoneKind.INTERNAL: QT_TRANSLATE_NOOP("ZoneKinds", "Internal"),
                   ZoneKind.PERIMETER: QT_TRANSLATE_NOOP("ZoneKinds", "Perimeter"),
                   ZoneKind.INTERNET: QT_TRANSLATE_NOOP("ZoneKinds", "Internet"),
                   ZoneKind.CLOUD: QT_TRANSLATE_NOOP("ZoneKinds", "Cloud (Microsoft 365)")}


def zone_kind_name(kind: str) -> str:
    """``Internal``, ``Perimeter``, ``Internet`` (an unknown kind as it is)."""
    name = ZONE_KIND_NAMES.get(kind)
    return QCoreApplication.translate("ZoneKinds", name) if name else kind


def role_name(catalog: Catalog, role_id: str) -> str:
    """The role's name in the user's language (an unknown role: its id)."""
    return translated_role_name(catalog.role_name(role_id))


def translated_role_name(name: str) -> str:
    return QCoreApplication.translate("Roles", name)


def role_group_title(group: str) -> str:
    """A heading of the palette (:data:`designer.catalog.ROLE_GROUPS`, marked there)."""
    title = ROLE_GROUPS.get(group)
    return QCoreApplication.translate("RoleGroups", title) if title else group
