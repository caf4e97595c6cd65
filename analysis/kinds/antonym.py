"""``antonym``: the two claims put the same thing on opposite sides of one axis (rose / fell, approved / rejected).

The axes are general English opposites (``analysis.lexicon.OPPOSITES``, compared as whole words), not the wording
of any case.
"""

from __future__ import annotations

from ..judge import negated_word
from ..lexicon import OPPOSITES
from .align import Alignment
from .view import StatementView

__all__ = ["AXES", "FEATURES", "NAME", "PAIRING", "explain", "features", "opposites", "signal"]

NAME = "antonym"
FEATURES = ("antonym", "antonym*overlap", "antonym*claim_overlap", "antonym*plain")


def _stems(words: str) -> frozenset[str]:
    return frozenset(words.split())  # compared as whole words: a stem would let "surgery" rise like a "surge"


AXES: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple((_stems(p), _stems(n)) for p, n in OPPOSITES)
_ANY = frozenset().union(*(p | n for p, n in AXES))


# word -> the axes it is on, with its side (+1 / -1)
_SIDES: dict[str, tuple[tuple[int, int], ...]] = {}
for _i, (_pos, _neg) in enumerate(AXES):
    for _w in _pos:
        _SIDES[_w] = (*_SIDES.get(_w, ()), (_i, 1))
    for _w in _neg:
        _SIDES[_w] = (*_SIDES.get(_w, ()), (_i, -1))


def _sides(words: frozenset[str]) -> dict[int, tuple[int, str]]:
    """axis -> (side, word) for the axes the words are on one side of only."""
    out: dict[int, tuple[int, str]] = {}
    mixed: set[int] = set()
    for w in sorted(words & _ANY):
        for axis, side in _SIDES[w]:
            if axis in out and out[axis][0] != side:
                mixed.add(axis)
            out.setdefault(axis, (side, w))
    for axis in mixed:
        del out[axis]
    return out


def opposites(a: StatementView, b: StatementView) -> tuple[str, str] | None:
    """A word of ``a`` and one of ``b`` on opposite sides of an axis (each side on one side of it only)."""
    sa = _sides(a.words)
    if not sa:
        return None
    sb = _sides(b.words)
    for axis in sorted(sa.keys() & sb.keys()):
        (side_a, wa), (side_b, wb) = sa[axis], sb[axis]
        if side_a != side_b:
            return wa, wb
    return None


# The pre-check: both sides hold a word on some axis (``signal``).
PAIRING = "both"


def signal(v: StatementView) -> bool:
    return bool(v.words & _ANY)


def _negates(v: StatementView, word: str) -> bool:
    """The claim negates its axis word itself ("did not rise"), not something else it says."""
    negated = negated_word(v.s.claim_text or v.s.text)
    return negated is not None and negated[:4] == word[:4]


def features(a: StatementView, b: StatementView, al: Alignment) -> tuple[float, ...]:
    pair = opposites(a, b)
    # "did not rise" and "fell" may both hold, and "was not approved" agrees with "rejected"
    if pair is None or _negates(a, pair[0]) or _negates(b, pair[1]):
        return (0.0, 0.0, 0.0, 0.0)
    plain = 0.0 if (a.cue_based or b.cue_based or a.modal or b.modal or a.negated != b.negated) else 1.0
    return (1.0, al.overlap, al.claim_overlap, plain * al.overlap)


def explain(a: StatementView, b: StatementView, al: Alignment) -> str:
    pair = opposites(a, b)
    if pair is None:
        return ""
    return f"opposite outcomes: {pair[0]!r} vs {pair[1]!r} (shared: {', '.join(al.shared[:4])})"
