"""Are two statements about the same proposition? The learned linker, and which stored statements it is asked about.

The linker reads the very features the contradiction combiner reads (``analysis.kinds.features.pair_features``:
the soft alignment, the hand rules' verdicts and every kind's evidence), so a pair the engine calls a
contradiction and a pair that agrees in other words are both "about the same thing". A logistic regression
(``python -m analysis.ledger.train``, shipped as ``model.json`` beside this module) turns them into a
probability; inference is one dot product.

Candidates come from the blocking keys, key by key as the contradiction placement does (``analysis.detection``): of
each key's block, only the newest ``window`` statements, only pairs whose smallest shared key is this key
(``emits``), so the offline ledger and the stream's detect agent ask about the same pairs.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import numpy as np

from schemas import Statement

from ..blocking import Profile, ProfileBlock
from ..detection import window
from ..judge import MAX_DAYS_APART, names_clash
from ..kinds.features import FEATURE_NAMES, pair_features, weighted_overlap
from .stance import stance_of

__all__ = ["LINK_BUDGET", "MIN_SHARED", "LinkModel", "link_candidates", "link_score", "linkable", "load_link_model"]

# Most stored statements one new statement is scored against, split over its blocking keys (at least one per
# key): the linker costs what one judgement costs, and the detect agent already judges up to
# ``analysis.judge_budget`` pairs per statement.
LINK_BUDGET = 6
# Content lemmas (or exact numbers) two statements must share to be scored at all.
MIN_SHARED = 2


class LinkModel:
    """A fitted linker: standardisation, one row of weights, and the probability from which two statements link."""

    __slots__ = ("features", "threshold", "_w", "_b", "_mean", "_scale", "_at", "meta")

    def __init__(self, data: dict) -> None:
        self.features: tuple[str, ...] = tuple(data["features"])
        self._w = np.array(data["coef"], dtype=float)
        self._b = float(data["intercept"])
        self._mean = np.array(data["mean"], dtype=float)
        self._scale = np.array(data["scale"], dtype=float)
        self.threshold = float(data["threshold"])
        missing = [n for n in self.features if n not in FEATURE_NAMES]
        if missing:
            raise RuntimeError(
                f"analysis/ledger/model.json reads features the kind modules no longer produce ({', '.join(missing)});"
                " refit it with `python -m analysis.ledger.train`"
            )
        # read by name: the engine may add features (the combiner's own) without invalidating the linker
        self._at = np.array([FEATURE_NAMES.index(n) for n in self.features], dtype=int)
        self.meta = {k: v for k, v in data.items() if k in ("cv", "C", "other_weight", "threshold")}

    def probability(self, row: Sequence[float]) -> float:
        """P(same proposition) of a ``pair_features`` row (``FEATURE_NAMES`` order; the model reads its own)."""
        x = np.asarray(row, dtype=float)[self._at]
        z = float(self._w @ ((x - self._mean) / self._scale)) + self._b
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


@lru_cache(maxsize=1)
def load_link_model() -> LinkModel:
    """The linker shipped in the package; refuses one that reads features the engine no longer produces."""
    data = json.loads(resources.files(__package__).joinpath("model.json").read_text(encoding="utf-8"))
    return LinkModel(data)


def linkable(a: Profile, b: Profile) -> bool:
    """Cheap necessary conditions of a link: two statements (not one sentence twice), each with a stance (a
    "could"/"would" assertion has none), published at most ``MAX_DAYS_APART`` days apart, sharing
    ``MIN_SHARED`` content lemmas or exact numbers."""
    if a.id == b.id or (a.article_id == b.article_id and a.statement.start == b.statement.start):
        return False
    pa, pb = a.published_at, b.published_at
    if pa is not None and pb is not None and abs((pa - pb).days) > MAX_DAYS_APART:
        return False
    if len(a.content & b.content) < MIN_SHARED:
        return False
    return stance_of(a.statement) is not None and stance_of(b.statement) is not None


def link_score(a: Statement, b: Statement, model: LinkModel | None = None) -> float:
    """The linker's probability that ``a`` and ``b`` state the same proposition (0..1); 0 when the two name
    different specific things of one kind (``analysis.judge.names_clash``: another place, person or facility), which
    a single link would otherwise merge into one claim with everything linked to either."""
    if names_clash(a, b):
        return 0.0
    m = model or load_link_model()
    row, *_ = pair_features(a, b)
    return m.probability(row)


def link_candidates(
    new: Profile,
    blocks: Sequence[tuple[str, ProfileBlock | None]],
    *,
    max_candidates: int,
    budget: int = LINK_BUDGET,
) -> list[Profile]:
    """The stored statements ``new`` is scored against, over the given keys of ``new`` (the stream has those of
    one partition), best first within each key.

    ``blocks``: (key, that key's block, None when empty), blocks oldest first as stored. Of each block the newest
    :func:`analysis.detection.window` statements are read; a pair is kept only by the smallest key the two share
    (``analysis.detection.emits``: offline and in the stream each pair is scored once), only when :func:`linkable`;
    of each key, the ``budget / len(keys)`` (at least one) sharing most weighted content are kept.
    """
    mine = new.blocking if new.blocking is not None else frozenset(new.statement.blocking_keys)
    size = window(max_candidates, len(mine))
    share = max(1, -(-budget // max(1, len(mine))))
    content = new.content
    out: list[Profile] = []
    for key, block in blocks:
        if not block:
            continue
        smaller = frozenset(k for k in mine if k < key)  # emits(key, mine, other) in one set operation
        ranked: list[tuple[int, float, int, Profile]] = []
        for n, other in enumerate(block.newest(size)):
            theirs = other.blocking
            if theirs is None or key not in theirs or not smaller.isdisjoint(theirs):
                continue
            shared = len(content & other.content)
            if shared >= MIN_SHARED and linkable(new, other):
                ranked.append((shared, 0.0, n, other))
        if len(ranked) > share:  # the weighted overlap (rare words count more) only for the ones in question
            ranked = [(x, weighted_overlap(new.weights, new.total, o.weights, o.total), n, o) for x, _, n, o in ranked]
            ranked.sort(key=lambda t: (-t[1], -t[2]))  # most weighted content in common first; ties: the newest
        else:
            ranked.sort(key=lambda t: -t[2])
        out.extend(p for *_, p in ranked[:share])
    return out
