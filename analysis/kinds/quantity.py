"""``quantity``: the same thing counted, with figures that no hedge of either side reconciles."""

from __future__ import annotations

import math
import re

from schemas import Quantity

from ..lexicon import VALUE_UPDATE_RE
from ..quantities import PERSON_NOUNS
from .align import Alignment
from .view import STOP, WORD, StatementView, stem

__all__ = ["FEATURES", "NAME", "PAIRING", "clash", "explain", "features", "signal"]

NAME = "quantity"
FEATURES = (
    "quantity.same_unit", "quantity.clash", "quantity*overlap", "quantity.gap", "quantity*running",
    "quantity.compatible", "quantity*claim_overlap", "quantity.context", "quantity.context_clash",
    "quantity.context_clash*claim_weighted",
)  # fmt: skip
_TOLERANCE = 0.02


def _unit(q: Quantity) -> str | None:
    if q.unit is None:
        return None
    return "person" if q.unit in PERSON_NOUNS else q.unit


# A figure that counts part of a group: "ten US citizens were among the victims", "including three children",
# "four of the dead". It bounds the whole from below and contradicts no larger total.
_PART_AFTER = re.compile(r"^\W*(?:[\w'-]+\s+){0,3}?(?:were|are|was|is|had been|have been)\s+among\b"
                         r"|^\s+of\s+(?:the|them|those|whom)\b", re.I)  # fmt: skip
_PART_BEFORE = re.compile(r"\b(?:including|among them|among whom|of whom|of them)\s*$", re.I)


def _part(v: StatementView, q: Quantity) -> bool:
    start, end = q.start - v.s.start, q.end - v.s.start
    text = v.s.text
    return bool(_PART_AFTER.search(text[end : end + 60]) or _PART_BEFORE.search(text[max(0, start - 20) : start]))


_UPDATE = re.compile(VALUE_UPDATE_RE, re.I)


def _updated(a: StatementView, b: StatementView) -> bool:
    """One side gives its figure as a change of an earlier one: the figures are an update, not a clash."""
    return bool(_UPDATE.search(a.s.text) or _UPDATE.search(b.s.text))


def _figures(v: StatementView) -> list[Quantity]:
    """The statement's figures as compared: a part of a group (:func:`_part`) has no upper bound."""
    return [q.model_copy(update={"high": math.inf}) if _part(v, q) else q for q in v.s.quantities]


def _pairs(a: StatementView, b: StatementView) -> list[tuple[Quantity, Quantity]]:
    return [
        (x, y)
        for x in _figures(a)
        for y in _figures(b)
        if _unit(x) is not None and _unit(x) == _unit(y) and x.approx != "several" and y.approx != "several"
    ]


def _context(v: StatementView, q: Quantity) -> frozenset[str]:
    """What a figure counts: its unit and verb, and the stems of the few content words right after it."""
    at = q.end - v.s.start
    after = WORD.findall(v.s.text[at : at + 40])[:3]
    out = {stem(w) for w in after if w.lower() not in STOP and len(w) >= 3}
    out.update(x for x in (_unit(q), q.verb) if x)
    return frozenset(out)


def _context_pairs(a: StatementView, b: StatementView) -> list[tuple[Quantity, Quantity]]:
    """Pairs of figures that count the same thing by their unit or by the words that follow them."""
    ctx_a = [(x, _context(a, x)) for x in _figures(a) if x.approx != "several"]
    ctx_b = [(y, _context(b, y)) for y in _figures(b) if y.approx != "several"]
    return [(x, y) for x, cx in ctx_a for y, cy in ctx_b if cx & cy and (x.unit == "%") == (y.unit == "%")]


def _fits(x: Quantity, y: Quantity) -> bool:
    lo, hi = max(x.low, y.low), min(x.high, y.high)
    return lo <= hi * (1 + _TOLERANCE) + 1e-9


def _gap(x: Quantity, y: Quantity) -> float:
    small, big = sorted((abs(x.value), abs(y.value)))
    return math.log10(big / small) if small > 0 else 3.0


def clash(a: StatementView, b: StatementView) -> tuple[Quantity, Quantity] | None:
    """The closest pair of figures of the same unit, when no such pair is compatible."""
    pairs = _pairs(a, b)
    if not pairs or _updated(a, b) or any(_fits(x, y) for x, y in pairs):
        return None
    return min(pairs, key=lambda p: _gap(*p))


# The pre-check: both sides give a figure (``signal``).
PAIRING = "both"


def signal(v: StatementView) -> bool:
    return bool(v.s.quantities)


def features(a: StatementView, b: StatementView, al: Alignment) -> tuple[float, ...]:
    if not a.s.quantities or not b.s.quantities or _updated(a, b):
        return (0.0,) * len(FEATURES)
    ctx = _context_pairs(a, b)
    ctx_clash = 1.0 if ctx and not any(_fits(x, y) for x, y in ctx) else 0.0
    context = (1.0 if ctx else 0.0, ctx_clash, ctx_clash * al.claim_weighted)
    pairs = _pairs(a, b)
    if not pairs:
        return (0.0,) * 7 + context
    c = clash(a, b)
    if c is None:
        return (1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0) + context
    running = 1.0 if (a.running or b.running) else 0.0
    return (1.0, 1.0, al.overlap, min(1.0, _gap(*c)), running * al.overlap, 0.0, al.claim_overlap) + context


def explain(a: StatementView, b: StatementView, al: Alignment) -> str:
    if _updated(a, b):
        return ""
    c = clash(a, b)
    if c is None:
        ctx = _context_pairs(a, b)
        if not ctx or any(_fits(x, y) for x, y in ctx):
            return ""
        c = min(ctx, key=lambda p: _gap(*p))
    x, y = c
    return f"figures differ beyond their hedges: {x.text!r} vs {y.text!r}"
