"""The topology document model and its geometry (layout.py; routing.py: lines round nodes;
placement.py: where labels go, on the canvas and in the exports). Pure Python: no Qt; may import support only."""
from .document import EXCHANGE_VERSIONS, FORMAT, Change, Document, ModelError, Snapshot
from .elements import ZONE_KINDS, Connection, Member, Node, Rect, Zone
from .events import Event
from .ids import new_id, slug

__all__ = [
    "Change", "Connection", "Document", "EXCHANGE_VERSIONS", "Event", "FORMAT", "Member", "ModelError",
    "Node", "Rect", "Snapshot", "ZONE_KINDS", "Zone", "new_id", "slug",
]
