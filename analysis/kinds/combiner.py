"""The learned combiner: the kinds' features -> a calibrated score and a kind, with the signals that drove it.

A multinomial logistic regression (fitted by ``contraflow train-engine`` with scikit-learn, shipped as
``model.json`` inside the package): one class per kind plus ``none``. The score is the probability of any
contradiction, shifted so that 0.5 is the threshold that scored best in grouped cross-validation; the kind is the
likeliest of the seven. Inference is a few dot products in plain Python: no scikit-learn at run time.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources

import numpy as np

from schemas import Contradiction, Statement, pair_id

from ..judge import CUE_BASED, MAX_DAYS_APART, names_clash, same_words
from . import REGISTRY
from .features import FEATURE_NAMES, may_contradict, pair_features
from .view import StatementView, view_of

__all__ = ["UNCONFIRMED_MAX", "Model", "engine_cv", "judge_pair", "load_model", "vetoed"]

_BY_NAME = {m.NAME: m for m in REGISTRY}


class Model:
    """A fitted combiner: standardisation, one row of weights per class, and the threshold shift."""

    __slots__ = ("classes", "features", "_w", "_b", "_mean", "_scale", "shift", "novel_shift", "_rules", "_none",
                 "_kinds", "_w_raw", "_b_raw")  # fmt: skip

    def __init__(self, data: dict) -> None:
        self.classes: tuple[str, ...] = tuple(data["classes"])
        self.features: tuple[str, ...] = tuple(data["features"])
        self._w = np.array(data["coef"], dtype=float)
        self._b = np.array(data["intercept"], dtype=float)
        self._mean = np.array(data["mean"], dtype=float)
        self._scale = np.array(data["scale"], dtype=float)
        self.shift = float(data["shift"])
        # pairs no hand rule recognises have a threshold of their own (``train.NOVEL_THRESHOLD``)
        self.novel_shift = float(data.get("novel_shift", data["shift"]))
        self._rules = [i for i, name in enumerate(self.features) if name.startswith("rule.")]
        self._none = self.classes.index("none")
        self._kinds = [i for i in range(len(self.classes)) if i != self._none]
        # the standardisation folded into the weights: one product per pair (standardised features are needed
        # only to explain a pair that is reported)
        self._w_raw = self._w / self._scale
        self._b_raw = self._b - self._w_raw @ self._mean

    def score(self, row: tuple[float, ...]) -> tuple[float, str]:
        """(score, kind) of one feature row."""
        logits = self._w_raw @ np.asarray(row, dtype=float) + self._b_raw
        logits -= logits.max()
        e = np.exp(logits)
        p_any = min(1 - 1e-12, max(1e-12, 1.0 - float(e[self._none]) / float(e.sum())))
        shift = self.shift if self.rule_fired(row) else self.novel_shift
        score = 1.0 / (1.0 + math.exp(-(math.log(p_any / (1 - p_any)) + shift)))
        best = max(self._kinds, key=logits.tolist().__getitem__)  # the first of equal ones, as before
        return score, self.classes[best]

    def rule_kinds(self, row: tuple[float, ...]) -> list[str]:
        """The kinds whose hand rule recognised the pair."""
        return [self.features[i][5:] for i in self._rules if row[i] > 0]

    def rule_fired(self, row: tuple[float, ...]) -> bool:
        """Whether a hand rule recognised the pair (its row has a ``rule.*`` verdict)."""
        return any(row[i] > 0 for i in self._rules)

    def signals(self, kind: str, row: tuple[float, ...], n: int = 3) -> list[str]:
        """The ``n`` features present in the pair (non-zero) that pushed ``kind`` above ``none`` the most: an
        absent feature (a same-day pair's ``days_apart``) explains nothing to a reader, whatever its weight."""
        x = (np.asarray(row, dtype=float) - self._mean) / self._scale
        k = self.classes.index(kind)
        contrib = (self._w[k] - self._w[self._none]) * x
        order = [j for j in np.argsort(-contrib) if row[j] != 0 and contrib[j] > 0]
        return [self.features[j] for j in order[:n]]


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The fitted model shipped in the package; refuses one fitted on other features."""
    data = json.loads(resources.files(__package__).joinpath("model.json").read_text(encoding="utf-8"))
    model = Model(data)
    if model.features != FEATURE_NAMES:
        raise RuntimeError(
            "analysis/kinds/model.json was fitted on other features than the kind modules produce; "
            "refit it with `contraflow train-engine`"
        )
    return model


# A learned score is never certainty; not having confirmed a claim is weaker than denying it.
SCORE_MAX, UNCONFIRMED_MAX = 0.98, 0.9


def vetoed(a: Statement, b: Statement) -> bool:
    """Exact rules no learned weight overrides (the candidate selection applies the first two as well): reports too
    far apart in time are about other events; the same sentence quoted twice is one claim, unless exactly one side
    denies, doubts or retracts it; a denial next to a non-confirmation (or two of either) agree with each other, and
    so do two retractions."""
    pa, pb = a.published_at, b.published_at
    if pa is not None and pb is not None and abs((pa - pb).days) > MAX_DAYS_APART:
        return True
    if (a.cue in CUE_BASED) == (b.cue in CUE_BASED) and same_words(a, b):
        return True
    va, vb = view_of(a), view_of(b)
    if va.retract and vb.retract:
        return True  # two walk-backs (or a walk-back and its quoted apology) take back the same thing together
    return (va.deny or va.unconfirmed) and (vb.deny or vb.unconfirmed) and not (va.retract or vb.retract)


_FACT_KINDS = frozenset({"antonym", "negation", "quantity", "date_time"})
_HEDGED = frozenset({"possible", "conditional"})


def _hedged_target(a: Statement, b: Statement, va: StatementView, vb: StatementView) -> bool:
    """What the denial or non-confirmation faces was only possible or conditional ("could sell the line"): nobody
    claimed it, so nothing is denied (the hand rules' own condition, exact whatever the learned score)."""
    return any(
        (v.deny or v.unconfirmed) and not (o_view.deny or o_view.unconfirmed) and o.modality in _HEDGED
        for v, o, o_view in ((va, b, vb), (vb, a, va))
    )


def _shares_a_word(va: StatementView, vb: StatementView) -> bool:
    """The two claims have a content word in common that is not part of a name."""
    return bool((va.claim_weights.keys() & vb.claim_weights.keys()) - (va.names | vb.names))


def engine_cv() -> dict:
    """The grouped cross-validation figures stored with the shipped model (for reports)."""
    data = json.loads(resources.files(__package__).joinpath("model.json").read_text(encoding="utf-8"))
    return dict(data.get("cv", {}))


def _order(s: Statement) -> tuple[str, str, int]:
    return (s.published_at.isoformat() if s.published_at else "", s.article_id, s.start)


def judge_pair(a: Statement, b: Statement, min_score: float = 0.5, model: Model | None = None) -> Contradiction | None:
    """The contradiction between ``a`` and ``b`` (the earlier first in the result), or None when the combiner
    scores it under ``min_score``."""
    if a.id == b.id:
        return None
    if not may_contradict(a, b) or vetoed(a, b):
        return None
    m = model or load_model()
    row, va, vb, al = pair_features(a, b)
    score, kind = m.score(row)
    score = min(score, UNCONFIRMED_MAX if kind == "unconfirmed" else SCORE_MAX)
    if score < min_score:
        return None
    if not (m.rule_fired(row) or va.retract or vb.retract) and names_clash(a, b):
        # two flights that left Los Angeles and Auckland at different times: the hand rules read claims naming
        # different places, people or facilities as different things, and a pair none of them recognises is
        # held to that too; a retraction often names what it takes back differently, so it is not
        return None
    if not m.rule_fired(row) and not _shares_a_word(va, vb):
        # a pair no hand rule recognises whose claims share only names ("the Cleveland Indians", "the World
        # Series") says two things about the same names, not one thing two ways
        return None
    if kind in ("denial", "unconfirmed") and _hedged_target(a, b, va, vb):
        return None
    if kind in _FACT_KINDS and (a.modality in _HEDGED or b.modality in _HEDGED):
        # "could subject them to unsafe conditions" opposes nothing: what may happen is no account of what did
        # (the hand rules' own condition for these kinds, exact whatever the learned score)
        return None
    reason = _BY_NAME[kind].explain(va, vb, al)
    for other in () if reason else m.rule_kinds(row):
        # the likeliest kind finds no evidence of its own, but a hand rule recognised the pair as another kind
        # (exact where it fires): that kind it is
        reason = _BY_NAME[other].explain(va, vb, al)
        if reason:
            kind = other
            break
    if not reason:
        # the likeliest kind finds none of its own evidence in the pair (two agreeing times, no cue, no opposite):
        # a score made of alignment alone is not a contradiction anyone could be shown
        return None
    signals = ", ".join(m.signals(kind, row))
    first, second = (a, b) if _order(a) <= _order(b) else (b, a)
    return Contradiction(
        id=pair_id(a.id, b.id),
        kind=kind,
        score=round(score, 4),
        explanation=f"{kind}: {reason}; signals: {signals}" if signals else f"{kind}: {reason}",
        a=first,
        b=second,
        scope="within_article" if a.article_id == b.article_id else "cross_article",
    )
