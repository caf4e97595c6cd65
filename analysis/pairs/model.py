"""The light learned combiner: a logistic regression over the explainable signals, in pure Python.

The weights live in ``weights.json`` next to this module (written by ``python -m analysis.pairs.train``),
so run time needs neither scikit-learn nor numpy. A positive verdict needs a trigger signal
(one with a ``kind``) that pushes the score up; the strongest such push names the kind and the
explanation. Context signals (overlap, modality, length) only shift the score.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import AnalysisError
from .rules import CUE_KINDS, rule_verdict
from .signals import FEATURES, Signal

__all__ = [
    "BIN_EDGES",
    "DEFAULT_WEIGHTS",
    "PairModel",
    "PairVerdict",
    "Regime",
    "calibrate",
    "load_model",
    "premise_tokens",
    "value_bin",
]

DEFAULT_WEIGHTS = Path(__file__).with_name("weights.json")


# Upper edges of the value bins of a non-zero signal: (0, 1/3], (1/3, 2/3], (2/3, 0.99), [0.99, ...).
BIN_EDGES: tuple[float, ...] = (1 / 3, 2 / 3, 0.99)


def value_bin(value: float) -> int:
    """1-based bin of a non-zero signal value (see :data:`BIN_EDGES`)."""
    for i, edge in enumerate(BIN_EDGES[:2], start=1):
        if value <= edge:
            return i
    return 3 if value < BIN_EDGES[2] else 4


def premise_tokens(log_len_p: float) -> int:
    """Invert the ``log_len_p`` signal (``log1p(tokens) / 5``) back to a token count."""
    return round(math.expm1(log_len_p * 5.0))


@dataclass(frozen=True)
class PairVerdict:
    """The judge's answer for one pair. ``kind``/``explanation`` are None unless ``contradiction``."""

    contradiction: bool
    score: float
    kind: str | None
    explanation: str | None
    signals: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Regime:
    """Weights for premises up to ``max_premise_tokens`` long (None: any length).

    ``negation``: True for pairs where one side negates what the other asserts (``neg_weak`` > 0),
    False for pairs without, None for both.
    """

    name: str
    max_premise_tokens: int | None
    weights: dict[str, float]
    bias: float
    threshold: float
    bin_weights: dict[str, tuple[float, ...]] = field(default_factory=dict)
    rules: frozenset[str] | None = None  # rules of analysis.pairs.rules used here; None: all
    negation: bool | None = None
    split_on: str = "neg_weak"  # the signal whose presence (> 0) ``negation`` tests

    def push(self, name: str, value: float) -> float:
        """One signal's additive contribution: a linear term plus a per-bin step (a small additive model)."""
        if value == 0.0:
            return 0.0
        steps = self.bin_weights.get(name)
        return self.weights.get(name, 0.0) * value + (steps[value_bin(value) - 1] if steps else 0.0)


@dataclass(frozen=True)
class PairModel:
    """Logistic-regression weights over :data:`analysis.pairs.signals.FEATURES`, one set per regime.

    Short premises (one plain sentence) and long ones (a paragraph, where most words are unrelated
    to the hypothesis) weigh the same signals differently, so each has its own weights and threshold.
    """

    regimes: tuple[Regime, ...]
    meta: dict = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict) -> PairModel:
        """Build from ``{"features": [...], "regimes": [{"name", "max_premise_tokens", "weights", "bias",
        "threshold"}, ...], "meta": {...}}``, regimes in increasing length order, the last unbounded."""
        names = data["features"]
        missing = set(FEATURES) - set(names)
        if missing:
            raise AnalysisError(
                f"pair-judge weights lack features {sorted(missing)}; retrain with analysis.pairs.train"
            )
        regimes = tuple(
            Regime(
                r["name"],
                r.get("max_premise_tokens"),
                dict(zip(names, map(float, r["weights"]), strict=True)),
                float(r["bias"]),
                float(r["threshold"]),
                {n: tuple(map(float, b)) for n, b in zip(names, r.get("bin_weights", []), strict=False)},
                frozenset(r["rules"]) if "rules" in r else None,
                r.get("negation"),
                r.get("split_on", "neg_weak"),
            )
            for r in data["regimes"]
        )
        return cls(regimes, dict(data.get("meta", {})))

    def regime_for(self, premise_tokens: int, negation: bool = False, values: dict[str, float] | None = None) -> Regime:
        """The first regime whose length bound covers ``premise_tokens`` and whose negation flag fits.

        With ``values`` (signal name -> value) each regime tests its own ``split_on`` signal; without, ``negation``.
        """
        for r in self.regimes:
            fits_len = r.max_premise_tokens is None or premise_tokens <= r.max_premise_tokens
            flag = negation if values is None else values.get(r.split_on, 0.0) > 0
            if fits_len and (r.negation is None or r.negation == flag):
                return r
        return self.regimes[-1]

    def verdict(self, sigs: list[Signal]) -> PairVerdict:
        """Score one pair's signals and name the strongest trigger."""
        by_name = {s.name: s.value for s in sigs}
        regime = self.regime_for(premise_tokens(by_name.get("log_len_p", 0.0)), values=by_name)
        z = regime.bias
        best, best_push = None, 0.0
        for s in sigs:
            push = regime.push(s.name, s.value)
            z += push
            if s.kind and s.value > 0 and push > best_push:
                best, best_push = s, push
        score = calibrate(1.0 / (1.0 + math.exp(-z)), regime.threshold)
        values = {s.name: round(s.value, 4) for s in sigs}
        rule = rule_verdict(sigs, regime.rules)
        if rule is not None and (rule[0] > score or rule[1].kind in CUE_KINDS):
            score = max(score, rule[0])
            best = rule[1]
        if best is None:
            # No explainable trigger: never call it a contradiction, whatever the context says.
            return PairVerdict(False, round(min(score, 0.49), 4), None, None, values)
        hit = score >= 0.5
        return PairVerdict(hit, round(score, 4), best.kind if hit else None, best.explanation if hit else None, values)


def calibrate(p: float, threshold: float) -> float:
    """Map a regime's probability so that its decision threshold lands on 0.5 (monotone, piecewise linear).

    Then ``--min-score 0.5`` (the CLI default) means "what the judge calls a contradiction" in every regime.
    """
    if p < threshold:
        return 0.5 * p / threshold
    return 0.5 + 0.5 * (p - threshold) / (1.0 - threshold)


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> PairModel:
    """Load (and cache) the shipped weights, or those at ``path``."""
    target = Path(path) if path else DEFAULT_WEIGHTS
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AnalysisError(f"pair-judge weights not found at {target}; run `python -m analysis.pairs.train`") from None
    except json.JSONDecodeError as exc:
        raise AnalysisError(f"pair-judge weights at {target} are not valid JSON: {exc}") from None
    return PairModel.from_dict(data)
