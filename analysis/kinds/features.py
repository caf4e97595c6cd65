"""The feature vector of a pair of statements: shared alignment scores, then each kind module's features."""

from __future__ import annotations

import math

from schemas import Statement

from .. import judge as rules
from . import REGISTRY, may_pair
from .align import Alignment, align, weighted_overlap
from .view import StatementView, view_of

__all__ = ["FEATURE_NAMES", "may_contradict", "pair_features", "weighted_overlap"]

_RULE_KINDS = ("denial", "negation", "antonym", "quantity", "date_time", "retraction", "unconfirmed")
_COMMON = (
    "overlap", "claim_overlap", "claim_weighted", "claim_rare_shared", "bigrams_shared", "same_predicate",
    "rare_shared", "names_shared", "lemmas_shared", "same_article", "same_speaker",
    "days_apart", "modal_any", "modal_both", "running_any", "other_any", "both_cue_based", "one_cue_based",
    "negated_both", "attributed_both", "attributed_one",
)  # fmt: skip
FEATURE_NAMES: tuple[str, ...] = (
    _COMMON + tuple(f"rule.{k}" for k in _RULE_KINDS) + tuple(n for m in REGISTRY for n in m.FEATURES)
)


def _common(a: StatementView, b: StatementView, al: Alignment) -> tuple[float, ...]:
    return (
        al.overlap,
        al.claim_overlap,
        al.claim_weighted,
        min(1.0, al.claim_rare_shared / 4.0),
        min(1.0, al.bigrams_shared / 2.0),
        float(al.same_predicate),
        min(1.0, al.rare_shared / 5.0),
        min(1.0, al.names_shared / 3.0),
        min(1.0, al.lemmas_shared / 5.0),
        float(al.same_article),
        float(al.same_speaker),
        min(1.0, math.log1p(al.days_apart) / 3.0),
        float(a.modal or b.modal),
        float(a.modal and b.modal),
        float(a.running or b.running),
        float(a.other or b.other),
        float(a.cue_based and b.cue_based),
        float(a.cue_based != b.cue_based),
        float(a.negated and b.negated),
        float(bool(a.s.speaker.name) and bool(b.s.speaker.name)),
        float(bool(a.s.speaker.name) != bool(b.s.speaker.name)),
    )


def _rules(a: Statement, b: Statement) -> tuple[float, ...]:
    """The hand rules' verdict (exact where they fire: units, hedges, modal verbs), one column per kind."""
    c = rules.judge_statements(a, b)
    if c is None:
        return (0.0,) * len(_RULE_KINDS)
    return tuple(c.score if c.kind == k else 0.0 for k in _RULE_KINDS)


def pair_features(a: Statement, b: Statement) -> tuple[tuple[float, ...], StatementView, StatementView, Alignment]:
    """The features of (a, b) in ``FEATURE_NAMES`` order, with the views and alignment they came from."""
    va, vb = view_of(a), view_of(b)
    al = align(va, vb)
    row = _common(va, vb, al) + _rules(a, b)
    for m in REGISTRY:
        row += m.features(va, vb, al)
    return row, va, vb, al


def may_contradict(a: Statement, b: Statement) -> bool:
    """Whether any kind's cheap pre-check holds: a pair none of them can read as a contradiction is not scored."""
    return may_pair(view_of(a).signals, view_of(b).signals)
