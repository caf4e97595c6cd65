"""Errors contraflow raises on purpose, and the exit code of each. Bugs stay ordinary Python exceptions.

Each layer owns its errors; this module gathers them (so ``from contraflow.errors import X`` works for all)
and adds the CLI's own:

    ContraflowError                 schemas.errors    root
    ├── ConfigError                 contraflow.errors bad setting or flag                        exit 2
    ├── InputError                  schemas.errors    a record or file we were given is unusable
    │   └── InvalidArticleError     schemas.errors    an article failed validation (reason, field)
    ├── AnalysisError               analysis.errors   the NLP pipeline cannot run (e.g. model missing)
    ├── IndexingError               indexers.errors   Elasticsearch side
    │   ├── DocumentRejectedError   indexers.errors   ES refused documents (per-document reasons)
    │   └── ElasticsearchSecurityError indexers.errors credentials refused or TLS failed        exit 2
    ├── KafkaSecurityError          streams.errors    a Kafka CA/cert/key file unusable, or Kafka refused us exit 2
    ├── BackendUnavailableError     schemas.errors    ES down / overloaded (retry_after)           exit 69
    └── StackError                  contraflow.errors the local Kafka + Elasticsearch stack

Every other ``ContraflowError`` exits 1 (:func:`exit_code`). A message says what failed, for which record,
and what to try next.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from indexers.errors import DocumentRejectedError, ElasticsearchSecurityError, IndexingError
from schemas.errors import BackendUnavailableError, ContraflowError, InputError, InvalidArticleError
from streams.errors import KafkaSecurityError

if TYPE_CHECKING:
    from analysis.errors import AnalysisError

__all__ = [
    "EXIT_CODES",
    "AnalysisError",
    "BackendUnavailableError",
    "ConfigError",
    "ContraflowError",
    "DocumentRejectedError",
    "ElasticsearchSecurityError",
    "IndexingError",
    "InputError",
    "InvalidArticleError",
    "KafkaSecurityError",
    "StackError",
    "exit_code",
]


class ConfigError(ContraflowError):
    """A setting or flag is invalid."""


class StackError(ContraflowError):
    """The local stack could not be fetched, started, or checked."""


# The most specific class wins; 2 as for the CLI's own usage errors, 69 is sysexits' EX_UNAVAILABLE.
EXIT_CODES: dict[type[ContraflowError], int] = {
    ConfigError: 2,
    # A refused credential or an untrusted certificate is a setting to fix, as a bad flag is.
    ElasticsearchSecurityError: 2,
    KafkaSecurityError: 2,
    BackendUnavailableError: 69,
    ContraflowError: 1,
}


def exit_code(exc: ContraflowError) -> int:
    """The process exit status for ``exc``: that of the nearest class in :data:`EXIT_CODES` up its MRO."""
    for cls in type(exc).__mro__:
        if cls in EXIT_CODES:
            return EXIT_CODES[cls]
    return 1


def __getattr__(name: str) -> Any:
    # ``AnalysisError`` on first use: importing ``analysis`` loads spaCy, which most commands never need.
    if name == "AnalysisError":
        from analysis.errors import AnalysisError

        return AnalysisError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
