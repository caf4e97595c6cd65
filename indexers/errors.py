"""Errors of the Elasticsearch side.

``BackendUnavailableError`` (Elasticsearch down or overloaded, with ``retry_after``) is defined in
``schemas.errors``, because ``streams`` catches it without importing ``indexers``; it is re-exported here.
"""

from __future__ import annotations

from schemas.errors import BackendUnavailableError, ContraflowError

__all__ = ["BackendUnavailableError", "DocumentRejectedError", "ElasticsearchSecurityError", "IndexingError"]


class IndexingError(ContraflowError):
    """Writing to or reading from Elasticsearch failed."""


class DocumentRejectedError(IndexingError):
    """Elasticsearch rejected documents; ``rejected`` maps document id to reason."""

    def __init__(self, message: str, rejected: dict[str, str]) -> None:
        super().__init__(message)
        self.rejected = rejected


class ElasticsearchSecurityError(IndexingError):
    """Elasticsearch refused our credentials, or TLS failed: a setting to fix, not an outage to wait out."""
