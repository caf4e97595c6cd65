"""Place one new statement against its candidates and keep the contradictions that score high enough."""

from __future__ import annotations

from schemas import Contradiction, Statement

from .blocking import CandidateIndex
from .judge import judge_statements

__all__ = ["detect"]


def detect(new: Statement, index: CandidateIndex, min_score: float = 0.5) -> list[Contradiction]:
    """Contradictions between ``new`` and the candidates ``index`` holds for it (``new`` is not added)."""
    found: list[Contradiction] = []
    for other in index.candidates(new):
        c = judge_statements(new, other)
        if c is not None and c.score >= min_score:
            found.append(c)
    found.sort(key=lambda c: -c.score)
    return found
