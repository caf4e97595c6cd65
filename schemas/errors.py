"""The root of contraflow's errors, and the errors more than one layer shares.

This module imports nothing of ours, so every layer can raise or catch these:

    ContraflowError                 root of every error contraflow raises on purpose
    ├── InputError                  a record or file we were given is unusable
    │   └── InvalidArticleError     an article failed validation (reason, field)
    └── BackendUnavailableError     a backend (Elasticsearch) is down or overloaded (retry_after)

``BackendUnavailableError`` lives here because it crosses layers: ``indexers`` raises it when Elasticsearch
stays unavailable and ``streams`` waits it out and retries the same batch, and neither of those two layers
imports the other. Each layer adds its own errors in its ``errors`` module (``analysis.errors``,
``indexers.errors``); ``contraflow.errors`` draws the whole tree and maps it to exit codes.
"""

from __future__ import annotations

__all__ = ["BackendUnavailableError", "ContraflowError", "InputError", "InvalidArticleError"]


class ContraflowError(Exception):
    """Root of every error contraflow raises on purpose (bugs stay ordinary Python exceptions)."""


class InputError(ContraflowError):
    """Input we were given cannot be used."""


class InvalidArticleError(InputError):
    """An article failed validation."""

    def __init__(self, message: str, *, reason: str = "invalid", field: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.field = field


class BackendUnavailableError(ContraflowError):
    """A backend (Elasticsearch) is down or overloaded; try again after ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: float = 1.0) -> None:
        super().__init__(message)
        self.retry_after = retry_after
