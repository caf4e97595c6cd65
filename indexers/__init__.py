"""Elasticsearch side of contraflow: templates and aliases, bulk writer, search queries."""

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
