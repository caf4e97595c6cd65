"""``quantity``: the same thing counted, with figures that no hedge of either side reconciles."""

from __future__ import annotations

import math

from schemas import Quantity

from ..judge import RISE_FALL, contrast_clash, verbs_clash
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


def _one_measure(x: Quantity, y: Quantity, a: StatementView, b: StatementView) -> bool:
    """Not two actions' counts: verbs that differ count different things unless the other claim names the verb,
    or both move one level ("fell to 14 weeks" / "rose to 19 weeks")."""
    return not verbs_clash(x, y, a.s, b.s) or {x.verb, y.verb} <= RISE_FALL


def _pairs(a: StatementView, b: StatementView) -> list[tuple[Quantity, Quantity]]:
    """Figures of one unit, counted by the same action or by one the other claim names too ("carrying 10
    tourists" and "12 people killed" count different things); of several such pairs, those whose figures share
    the most context words: "11 years in prison ... over four years" and "a nine-year prison term" compare the
    prison terms, not the term with the length of the fraud."""
    pairs = _unit_pairs(a, b)
    if len(pairs) < 2:
        return pairs
    shared = [len(_context(a, x) & _context(b, y)) for x, y in pairs]
    return [p for p, n in zip(pairs, shared, strict=True) if n == max(shared)]


def _unit_pairs(a: StatementView, b: StatementView) -> list[tuple[Quantity, Quantity]]:
    return [
        (x, y)
        for x in a.figures
        for y in b.figures
        if _unit(x) is not None
        and _unit(x) == _unit(y)
        and x.approx != "several"
        and y.approx != "several"
        and _one_measure(x, y, a, b)
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
    ctx_a = [(x, _context(a, x)) for x in a.figures if x.approx != "several"]
    ctx_b = [(y, _context(b, y)) for y in b.figures if y.approx != "several"]
    return [
        (x, y)
        for x, cx in ctx_a
        for y, cy in ctx_b
        if cx & cy and (x.unit == "%") == (y.unit == "%") and _one_measure(x, y, a, b)
    ]


def _fits(x: Quantity, y: Quantity) -> bool:
    lo, hi = max(x.low, y.low), min(x.high, y.high)
    return lo <= hi * (1 + _TOLERANCE) + 1e-9


def _gap(x: Quantity, y: Quantity) -> float:
    small, big = sorted((abs(x.value), abs(y.value)))
    return math.log10(big / small) if small > 0 else 3.0


def clash(a: StatementView, b: StatementView) -> tuple[Quantity, Quantity] | None:
    """The closest pair of figures of the same unit, when no such pair is compatible."""
    return None if a.updated or b.updated else _closest_clash(_pairs(a, b))


def _closest_clash(pairs: list[tuple[Quantity, Quantity]]) -> tuple[Quantity, Quantity] | None:
    if not pairs or any(_fits(x, y) for x, y in pairs):
        return None
    return min(pairs, key=lambda p: _gap(*p))


# The pre-check: both sides give a figure (``signal``).
PAIRING = "both"


def signal(v: StatementView) -> bool:
    return bool(v.s.quantities)


def features(a: StatementView, b: StatementView, al: Alignment) -> tuple[float, ...]:
    if not a.s.quantities or not b.s.quantities or a.updated or b.updated:
        return (0.0,) * len(FEATURES)
    ctx = _context_pairs(a, b)
    ctx_clash = 1.0 if ctx and not any(_fits(x, y) for x, y in ctx) else 0.0
    context = (1.0 if ctx else 0.0, ctx_clash, ctx_clash * al.claim_weighted)
    pairs = _pairs(a, b)
    if not pairs:
        return (0.0,) * 7 + context
    c = _closest_clash(pairs)  # (neither side updated: checked above)
    if c is None:
        return (1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0) + context
    running = 1.0 if (a.running or b.running) else 0.0
    return (1.0, 1.0, al.overlap, min(1.0, _gap(*c)), running * al.overlap, 0.0, al.claim_overlap) + context


def explain(a: StatementView, b: StatementView, al: Alignment) -> str:
    if a.updated or b.updated:
        return ""
    c = clash(a, b)
    for d, o in ((a, b), (b, a)) if c is None else ():
        named = contrast_clash(d.s, o.s)
        if named:
            x, y = named
            return f"{x.text!r} is set against the figure of {o.s.speaker.name or o.s.source}, {y.text!r}"
    if c is None:
        ctx = _context_pairs(a, b)
        if not ctx or any(_fits(x, y) for x, y in ctx):
            return ""
        c = min(ctx, key=lambda p: _gap(*p))
    x, y = c
    return f"figures differ beyond their hedges: {x.text!r} vs {y.text!r}"
