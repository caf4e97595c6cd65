"""Errors of the analysis core (the root, :class:`~schemas.errors.ContraflowError`, is in ``schemas.errors``)."""

from __future__ import annotations

from schemas.errors import ContraflowError

__all__ = ["AnalysisError"]


class AnalysisError(ContraflowError):
    """The analysis pipeline cannot run (e.g. the spaCy model or the fitted weights are missing)."""
