"""Files in and out: topology documents and table exports. Pure Python (no Qt)."""
from .document_yaml import (
    DocumentError, document_to_data, dumps_document, load_document, loads_document, save_document,
)

__all__ = ["DocumentError", "document_to_data", "dumps_document", "load_document",
           "loads_document", "save_document"]
