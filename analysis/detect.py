"""Place one new statement against its candidates and keep the contradictions that score high enough."""

from __future__ import annotations

from schemas import Contradiction, Statement

from .blocking import CandidateIndex
from .judge import judge_statements

__all__ = ["detect"]

_CUE_BASED = ("deny", "not_confirmed", "retract")


def detect(new: Statement, index: CandidateIndex, min_score: float = 0.5) -> list[Contradiction]:
    """Contradictions between ``new`` and the candidates ``index`` holds for it (``new`` is not added)."""
    keys = set(new.claim.keys)
    found: list[Contradiction] = []
    for other in index.candidates(new):
        # Cheap pre-filter: plain claims need two shared content words before the full judge runs.
        if keys.isdisjoint(other.claim.keys):
            continue  # no content word in common: nothing to judge
        shared = sum(1 for k in other.claim.keys if k in keys)
        plain = new.cue not in _CUE_BASED and other.cue not in _CUE_BASED
        same_number = bool({q.value for q in new.quantities} & {q.value for q in other.quantities})
        if plain and shared < 2 and (shared == 0 or not same_number):
            continue
        c = judge_statements(new, other)
        if c is not None and c.score >= min_score:
            found.append(c)
    found.sort(key=lambda c: -c.score)
    return found
