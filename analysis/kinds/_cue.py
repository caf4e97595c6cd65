"""Shared by the cue-based kinds (denial, unconfirmed, retraction): which side carries the cue."""

from __future__ import annotations

from collections.abc import Callable

from .align import Alignment
from .view import StatementView

__all__ = ["cue_explain", "cue_features", "cue_names", "cue_sides"]


def cue_sides(
    a: StatementView, b: StatementView, has: Callable[[StatementView], bool]
) -> tuple[StatementView, StatementView] | None:
    """(the side with the cue, the claim it answers), or None when neither or both sides carry it."""
    if has(a) and not has(b):
        return a, b
    if has(b) and not has(a):
        return b, a
    return None


def cue_features(sides: tuple[StatementView, StatementView] | None, al: Alignment) -> tuple[float, ...]:
    """Cue present, and how well what it answers matches the other claim; the other claim factual or not."""
    if sides is None:
        return (0.0,) * 6
    _, claim = sides
    plain = 0.0 if claim.cue_based else 1.0
    fact = 0.0 if claim.modal else 1.0
    return (1.0, al.overlap, al.claim_overlap, plain * al.overlap, fact * al.overlap, al.claim_weighted)


def cue_names(kind: str) -> tuple[str, ...]:
    return (
        kind,
        f"{kind}*overlap",
        f"{kind}*claim_overlap",
        f"{kind}*plain_other",
        f"{kind}*factual_other",
        f"{kind}*claim_weighted",
    )


def cue_explain(sides: tuple[StatementView, StatementView] | None, verb: str) -> str:
    """'<who> <verb> ('<cue word>') what <other> states', or '' when the kind does not apply."""
    if sides is None:
        return ""
    cue, claim = sides
    who = cue.s.speaker.name or cue.s.source
    other = claim.s.speaker.name or claim.s.source
    word = f" ({cue.s.cue_word!r})" if cue.s.cue_word else ""
    return f"{who} {verb}{word} what {other} states"
