"""``negation``: the same claim, asserted by one side and negated by the other."""

from __future__ import annotations

from .align import Alignment
from .view import StatementView

__all__ = ["FEATURES", "NAME", "PAIRING", "explain", "features", "signal"]

NAME = "negation"
FEATURES = (
    "negation",
    "negation*overlap",
    "negation*claim_overlap",
    "negation*plain",
    "negation.scope_found",
    "negation*claim_weighted",
)


# The pre-check: exactly one side negates (``signal``).
PAIRING = "one"


def signal(v: StatementView) -> bool:
    return v.negated


def features(a: StatementView, b: StatementView, al: Alignment) -> tuple[float, ...]:
    if a.negated == b.negated:
        return (0.0,) * len(FEATURES)
    plain = 0.0 if (a.cue_based or b.cue_based or a.modal or b.modal) else 1.0
    return (1.0, al.overlap, al.claim_overlap, plain * al.overlap, scope_found(a, b), al.claim_weighted)


def scope_found(a: StatementView, b: StatementView) -> float:
    """Share of what the negating side negates ("no fish kill", "not offered a job") that the other side says."""
    neg, pos = (a, b) if a.negated else (b, a)
    scope = neg.negated_stems
    if not scope:
        return 0.0
    return len(scope & pos.weights.keys()) / len(scope)


def explain(a: StatementView, b: StatementView, al: Alignment) -> str:
    neg, pos = (a, b) if a.negated else (b, a)
    return (
        f"{neg.s.speaker.name or neg.s.source} negates what {pos.s.speaker.name or pos.s.source} asserts"
        f" (shared: {', '.join(al.shared[:4])})"
    )
