"""The benchmark's own error: a phase could not measure what it set out to measure."""

from __future__ import annotations

from ..errors import ContraflowError

__all__ = ["BenchError"]


class BenchError(ContraflowError):
    """A benchmark phase failed (workers died, documents never became searchable); the message says where to look."""
