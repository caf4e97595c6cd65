"""``denial``: one side denies what the other asserts."""

from __future__ import annotations

from ._cue import cue_explain, cue_features, cue_names, cue_sides
from .align import Alignment
from .view import StatementView

__all__ = ["FEATURES", "NAME", "PAIRING", "explain", "features", "signal"]

NAME = "denial"
FEATURES = cue_names(NAME)
# The pre-check: exactly one side is worded this way (``signal``).
PAIRING = "one"


def signal(v: StatementView) -> bool:
    return v.deny


def features(a: StatementView, b: StatementView, al: Alignment) -> tuple[float, ...]:
    return cue_features(cue_sides(a, b, signal), al)


def explain(a: StatementView, b: StatementView, al: Alignment) -> str:
    return cue_explain(cue_sides(a, b, signal), "denies")
