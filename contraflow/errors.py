"""Errors contraflow raises on purpose. Bugs stay ordinary Python exceptions.

    ContraflowError
    ├── ConfigError                 bad setting or flag
    ├── InputError                  a record or file we were given is unusable
    │   └── InvalidArticleError     an article failed validation (reason, field)
    ├── AnalysisError               the NLP pipeline cannot run (e.g. model missing)
    ├── IndexingError               Elasticsearch side
    │   ├── DocumentRejectedError   ES refused documents (per-document reasons)
    │   └── BackendUnavailableError ES down / overloaded (retry_after)
    └── StackError                  the local Kafka + Elasticsearch stack

A message says what failed, for which record, and what to try next.
"""

from __future__ import annotations

__all__ = [
    "AnalysisError",
    "BackendUnavailableError",
    "ConfigError",
    "ContraflowError",
    "DocumentRejectedError",
    "IndexingError",
    "InputError",
    "InvalidArticleError",
    "StackError",
]


class ContraflowError(Exception):
    """Root of every error contraflow raises on purpose."""


class ConfigError(ContraflowError):
    """A setting or flag is invalid."""


class InputError(ContraflowError):
    """Input we were given cannot be used."""


class InvalidArticleError(InputError):
    """An article failed validation."""

    def __init__(self, message: str, *, reason: str = "invalid", field: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.field = field


class AnalysisError(ContraflowError):
    """The analysis pipeline cannot run."""


class IndexingError(ContraflowError):
    """Writing to or reading from Elasticsearch failed."""


class DocumentRejectedError(IndexingError):
    """Elasticsearch rejected documents; ``rejected`` maps document id to reason."""

    def __init__(self, message: str, rejected: dict[str, str]) -> None:
        super().__init__(message)
        self.rejected = rejected


class BackendUnavailableError(IndexingError):
    """Elasticsearch is down or overloaded; try again after ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: float = 1.0) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class StackError(ContraflowError):
    """The local stack could not be fetched, started, or checked."""
