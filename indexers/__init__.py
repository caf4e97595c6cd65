"""Elasticsearch side of contraflow: templates and aliases, bulk writer, search queries."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .client import ensure_indices, ensure_indices_async, make_async_client, make_client, wait_ready
    from .documents import document_for, document_json, kind_of
    from .queries import SEARCH_FIELDS, search_body
    from .templates import INDEX_KINDS, alias_name, component_templates, index_name, index_templates, mappings
    from .writer import EsWriter, WriteResult, backoff_delays

__all__ = [
    "INDEX_KINDS",
    "SEARCH_FIELDS",
    "EsWriter",
    "WriteResult",
    "alias_name",
    "backoff_delays",
    "component_templates",
    "document_for",
    "document_json",
    "ensure_indices",
    "ensure_indices_async",
    "index_name",
    "index_templates",
    "kind_of",
    "make_async_client",
    "make_client",
    "mappings",
    "search_body",
    "wait_ready",
]

# The submodule of each public name, imported on first use: importing one submodule (``indexers.settings``,
# ``indexers.errors``) does not load the Elasticsearch client, so the CLI composes its settings without paying for it.
_WHERE = {
    "EsWriter": "writer",
    "INDEX_KINDS": "templates",
    "SEARCH_FIELDS": "queries",
    "WriteResult": "writer",
    "alias_name": "templates",
    "backoff_delays": "writer",
    "component_templates": "templates",
    "document_for": "documents",
    "document_json": "documents",
    "ensure_indices": "client",
    "ensure_indices_async": "client",
    "index_name": "templates",
    "index_templates": "templates",
    "kind_of": "documents",
    "make_async_client": "client",
    "make_client": "client",
    "mappings": "templates",
    "search_body": "queries",
    "wait_ready": "client",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
