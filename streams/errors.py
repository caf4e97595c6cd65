"""Errors of the Kafka side."""

from __future__ import annotations

from schemas.errors import ContraflowError

__all__ = ["KafkaSecurityError"]


class KafkaSecurityError(ContraflowError):
    """The Kafka security settings cannot be used (a CA, certificate or key file is missing or unreadable)."""
