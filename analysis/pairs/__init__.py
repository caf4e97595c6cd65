"""Sentence-pair contradiction judge: explainable signals combined by a small logistic regression.

    >>> from analysis.pairs import judge_pair, load_pair_nlp
    >>> v = judge_pair("Nobody is playing the piano.", "A man is playing the piano.", load_pair_nlp())
    >>> v.contradiction, v.kind
    (True, 'negation')

Modules: ``lexicon`` (word lists), ``signals`` (features with explanations), ``model`` (weights,
pure Python), ``judge`` (batched parsing), ``train`` (refits ``weights.json``; needs numpy).
"""

from __future__ import annotations

from .judge import DEFAULT_MODEL, featurize_pairs, judge_pair, judge_pairs, load_pair_nlp
from .model import PairModel, PairVerdict, load_model
from .signals import FEATURES, TRIGGER_KINDS, Signal, signals

__all__ = [
    "DEFAULT_MODEL",
    "FEATURES",
    "TRIGGER_KINDS",
    "PairModel",
    "PairVerdict",
    "Signal",
    "featurize_pairs",
    "judge_pair",
    "judge_pairs",
    "load_model",
    "load_pair_nlp",
    "signals",
]
