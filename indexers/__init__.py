"""Elasticsearch side of contraflow: templates and aliases, bulk writer, search queries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from schemas.lazy import lazy_exports

if TYPE_CHECKING:
    from .client import ensure_indices, ensure_indices_async, make_async_client, make_client, wait_ready
    from .documents import OPPOSING_STANCES, claim_document, document_for, document_json, kind_of, later_events
    from .queries import (
        SEARCH_FIELDS,
        TRACK_RECORD_BY,
        TRACK_RECORD_COLUMNS,
        claims_of_statements_body,
        search_body,
        track_record_bodies,
        track_record_rows,
    )
    from .templates import INDEX_KINDS, alias_name, component_templates, index_name, index_templates, mappings
    from .writer import EsWriter, WriteResult, backoff_delays

__all__ = [
    "INDEX_KINDS",
    "OPPOSING_STANCES",
    "SEARCH_FIELDS",
    "TRACK_RECORD_BY",
    "TRACK_RECORD_COLUMNS",
    "EsWriter",
    "WriteResult",
    "alias_name",
    "backoff_delays",
    "claim_document",
    "claims_of_statements_body",
    "component_templates",
    "document_for",
    "document_json",
    "ensure_indices",
    "ensure_indices_async",
    "index_name",
    "index_templates",
    "kind_of",
    "later_events",
    "make_async_client",
    "make_client",
    "mappings",
    "search_body",
    "track_record_bodies",
    "track_record_rows",
    "wait_ready",
]

# The submodule of each public name, imported on first use: importing one submodule (``indexers.settings``,
# ``indexers.errors``) does not load the Elasticsearch client, so the CLI composes its settings without paying for it.
_WHERE = {
    "EsWriter": "writer",
    "INDEX_KINDS": "templates",
    "OPPOSING_STANCES": "documents",
    "SEARCH_FIELDS": "queries",
    "TRACK_RECORD_BY": "queries",
    "TRACK_RECORD_COLUMNS": "queries",
    "WriteResult": "writer",
    "alias_name": "templates",
    "backoff_delays": "writer",
    "claim_document": "documents",
    "claims_of_statements_body": "queries",
    "component_templates": "templates",
    "document_for": "documents",
    "document_json": "documents",
    "ensure_indices": "client",
    "ensure_indices_async": "client",
    "index_name": "templates",
    "index_templates": "templates",
    "kind_of": "documents",
    "later_events": "documents",
    "make_async_client": "client",
    "make_client": "client",
    "mappings": "templates",
    "search_body": "queries",
    "track_record_bodies": "queries",
    "track_record_rows": "queries",
    "wait_ready": "client",
}

__getattr__, __dir__ = lazy_exports(__name__, _WHERE)
