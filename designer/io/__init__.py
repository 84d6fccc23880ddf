"""Text formats in and out: topology documents, tables, firewall rules and scripts, the report model and HTML. Pure Python (no Qt); may import analysis, catalog, model and support."""
from .document_yaml import (
    DocumentError, document_to_data, dumps_document, load_document, loads_document, save_document,
)

__all__ = ["DocumentError", "document_to_data", "dumps_document", "load_document",
           "loads_document", "save_document"]
