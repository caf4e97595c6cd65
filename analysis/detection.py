"""Place one new statement against its candidates and keep the contradictions that score high enough.

The full judge is the costly part, so a new statement is not judged against every candidate its blocking keys
find (up to hundreds once the store is large). Placement works key by key, the same way offline (``detect``, over
an ``InMemoryCandidateIndex``) and in the stream (``streams.agents.detect``, over one ring per key on the partition
that owns the key), so both judge the same pairs:

- of each key's block, only the newest ``window(max_candidates, keys)`` statements are looked at;
- a pair sharing several keys belongs to the smallest key they share (:func:`emits`), so it is judged once;
- :func:`select_candidates` drops the candidates the judge could not find a contradiction with (cheap necessary
  conditions of ``judge_statements``, on sets stored with each statement), ranks the rest, and only the best
  ``key_share(budget, keys)`` of each key are judged.

Placing a statement then costs one pass over at most ``max_candidates`` stored statements plus at most about
``budget`` judgements, whatever the store size. :func:`place_all` places a statement in several keys at once; once
their windows hold ``VECTOR_MIN`` statements or more, that pass is one numpy expression over all of them
(``analysis.prefilter``), and only its survivors meet :func:`select_candidates`: the same candidates, cheaper.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from operator import itemgetter

import numpy as np

from schemas import Contradiction, Statement

from .blocking import MAX_CANDIDATES, CandidateIndex, Profile, ProfileBlock, blocking_keys, profile
from .judge import MAX_DAYS_APART
from .kinds import may_pair
from .kinds.combiner import judge_pair
from .kinds.features import weighted_overlap
from .prefilter import survivors

__all__ = [
    "JUDGE_BUDGET",
    "candidates",
    "MAX_CANDIDATES",
    "VECTOR_MIN",
    "detect",
    "emits",
    "key_share",
    "place",
    "place_all",
    "select_candidates",
    "window",
]

# Most candidates judged per new statement (``analysis.judge_budget`` in contraflow's settings).
JUDGE_BUDGET = 12

_first = itemgetter(0)
# Fewest stored statements in a placement's windows for which the numpy prefilter pays: below, the Python pass is
# faster (measured crossover ~140 on the bench's synthetic stores, docs/performance.md).
VECTOR_MIN = 128


def _same_words(a: Profile, b: Profile) -> bool:
    x, y = a.words, b.words
    if x == y:
        return True
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    return len(short) >= 30 and short in long_


def _rank(a: Profile, b: Profile, shared: int) -> float | None:
    """How promising judging ``a`` against ``b`` is (higher first), or None when it is never judged.

    Never judged: the same statement, the same sentence quoted again (unless one side is a denial, retraction or
    non-confirmation of it), statements published more than ``MAX_DAYS_APART`` days apart. Every other pair that
    shares a blocking key may be judged; the learned judge decides. Ranked: cue-based pairs first, then pairs of
    one article, then by the share of the smaller claim's content found in the other; a possible, conditional or
    future claim last.
    """
    if a.id == b.id or (a.article_id == b.article_id and a.statement.start == b.statement.start):
        return None
    pa, pb = a.published_at, b.published_at
    if (pa is not None and pb is not None and abs((pa - pb).days) > MAX_DAYS_APART) or (
        a.cue_based == b.cue_based and _same_words(a, b)
    ):
        return None
    sim = min(1.0, shared / max(1, min(a.nkeys, b.nkeys)))
    modal = (a.modality != "fact") + (b.modality != "fact")  # possible/conditional claims seldom contradict facts
    return sim + (1.0 if a.cue_based != b.cue_based else 0.0) + (0.5 if a.article_id == b.article_id else 0.0) - modal


def select_candidates(
    new: Profile, pool: Iterable[Profile], budget: int = JUDGE_BUDGET, keep: Callable[[Profile], bool] | None = None
) -> list[Profile]:
    """The at most ``budget`` candidates of ``pool`` worth judging against ``new``, most promising first.

    A pure function of the profiles, shared by ``detect`` and the stream agent. One cheap pass counts the content
    lemmas (and exact numbers) each candidate shares with ``new`` and keeps those with enough in common; the few
    left are checked against the judge's other necessary conditions and ranked: denials, retractions and
    non-confirmations first, then by the share of content in common; ties keep the pool's order (newest first).
    ``keep``: a further condition on a candidate (``place``'s "this key owns the pair"), asked of those that
    pass the popcount: it must be cheap.
    """
    if budget <= 0:
        return []
    content = new.content
    ranked: list[tuple[float, Profile]] = []
    for other in pool:
        if keep is not None and not keep(other):
            continue
        score = _rank(new, other, len(content & other.content))
        if score is not None and may_pair(new.signals, other.signals):
            # the weighted share of words in common ranks better than the claim lemmas alone (rare words count)
            ranked.append((score + weighted_overlap(new.weights, new.total, other.weights, other.total), other))
    ranked.sort(key=_first, reverse=True)  # stable: equal scores keep the pool's order
    return [other for _, other in ranked[:budget]]


# A key's share never drops below this: the pairs of one story crowd its few shared keys.
MIN_KEY_SHARE = 4


def key_share(budget: int, nkeys: int) -> int:
    """The judge budget of one of a statement's ``nkeys`` keys: ``budget`` split evenly, at least ``MIN_KEY_SHARE``
    (never more than ``budget``)."""
    return min(budget, max(MIN_KEY_SHARE, -(-budget // max(1, nkeys))))


def window(max_candidates: int, nkeys: int) -> int:
    """How many of the newest statements of each of a statement's ``nkeys`` blocks it is compared with."""
    return max(1, max_candidates // max(1, nkeys))


def emits(key: str, a_keys: frozenset[str], b_keys: frozenset[str]) -> bool:
    """True when ``key`` is the smallest blocking key two statements share: the one key their pair belongs to."""
    if key not in a_keys or key not in b_keys:
        return False
    return not any(k < key for k in a_keys & b_keys)


def place(
    key: str,
    new: Profile,
    block: Iterable[Profile],
    *,
    budget: int = JUDGE_BUDGET,
    max_candidates: int = MAX_CANDIDATES,
) -> list[Profile]:
    """The statements of ``key``'s block to judge ``new`` against, most promising first.

    ``block``: the key's stored statements, newest first (``new`` may be among them, it is skipped); ``new``
    needs its blocking keys (``profile(s, with_blocking=True)``), and so do the block's. Only the newest
    :func:`window` of them are looked at, only pairs this key :func:`emits` are kept, and at most
    :func:`key_share` of ``budget`` are returned. The offline ``detect`` and the stream agent both call this,
    so the two judge the same pairs when their blocks hold the same statements.
    """
    mine = _keys_of(new)
    return select_candidates(
        new,
        islice(block, window(max_candidates, len(mine))),
        key_share(budget, len(mine)),
        keep=_owned(key, new, mine),
    )


def _keys_of(new: Profile) -> frozenset[str]:
    """``new``'s blocking keys (from its profile, else its statement)."""
    if new.blocking is not None:
        return new.blocking
    return frozenset(new.statement.blocking_keys or blocking_keys(new.statement))


def _owned(key: str, new: Profile, mine: frozenset[str]) -> Callable[[Profile], bool]:
    """Whether a stored entry of ``key``'s block forms with ``new`` a pair that ``key`` owns (:func:`emits`)."""
    smaller = frozenset(k for k in mine if k < key)  # emits(key, mine, e.blocking) in one set operation
    me = new.id

    def keep(e: Profile) -> bool:
        theirs = e.blocking  # a stored profile always has its keys
        return e.id != me and theirs is not None and key in theirs and smaller.isdisjoint(theirs)

    return keep


def place_all(
    new: Profile,
    blocks: Sequence[tuple[str, ProfileBlock | None]],
    *,
    budget: int = JUDGE_BUDGET,
    max_candidates: int = MAX_CANDIDATES,
) -> list[tuple[str, list[Profile]]]:
    """:func:`place` for several of ``new``'s keys at once: (key, its statements to judge) for each key given.

    ``blocks``: (key, that key's :class:`ProfileBlock`, None when empty), any subset of ``new``'s keys (the
    stream has those of one partition). The result is :func:`place`'s for each key; what differs is the cost:
    once the windows hold ``VECTOR_MIN`` statements or more, one ``analysis.prefilter.survivors`` pass over all
    of their rows leaves the few worth the exact checks, instead of a Python loop over every one of them.
    """
    mine = _keys_of(new)
    size = window(max_candidates, len(mine))
    present = [(key, b) for key, b in blocks if b is not None and len(b)]
    if not present or sum(min(size, len(b)) for _, b in present) < VECTOR_MIN:
        return [
            (key, place(key, new, reversed(b) if b else (), budget=budget, max_candidates=max_candidates))
            for key, b in blocks
        ]
    windows = [b.rows.newest(size) for _, b in present]
    picked = survivors(new, windows[0] if len(windows) == 1 else np.concatenate(windows, axis=1))
    share = key_share(budget, len(mine))
    found: dict[str, list[Profile]] = {}
    start = 0
    for (key, block), rows in zip(present, windows, strict=True):
        n = rows.shape[1]
        here = picked[bisect_left(picked, start) : bisect_left(picked, start + n)]
        if here:
            tail = block.newest(n)
            newest_first = [tail[j - start] for j in reversed(here)]  # as place reads a block
            found[key] = select_candidates(new, newest_first, share, keep=_owned(key, new, mine))
        start += n
    return [(key, found.get(key, [])) for key, _ in blocks]


def candidates(
    new: Statement,
    index: CandidateIndex,
    budget: int = JUDGE_BUDGET,
    max_candidates: int | None = None,
) -> list[Statement]:
    """The stored statements ``new`` is judged against, key by key as :func:`place` says (``new`` is not added).

    ``max_candidates``: the index's own bound by default.
    """
    mine = profile(new, with_blocking=True)
    if max_candidates is None:
        max_candidates = getattr(index, "max_candidates", MAX_CANDIDATES)
    keys = sorted(_keys_of(mine))
    block: Callable[[str], ProfileBlock | None] | None = getattr(index, "block", None)
    if block is None:  # any other CandidateIndex: its candidates, sorted into blocks here
        pool = [profile(o, with_blocking=True) for o in index.candidates(new)]
        size = max(1, len(pool))
        blocks: list[tuple[str, ProfileBlock | None]] = [
            (key, ProfileBlock(size, reversed([p for p in pool if key in _keys_of(p)]))) for key in keys
        ]
    else:
        blocks = [(key, block(key)) for key in keys]
    return [
        other.statement
        for _key, others in place_all(mine, blocks, budget=budget, max_candidates=max_candidates)
        for other in others
    ]


def detect(
    new: Statement,
    index: CandidateIndex,
    min_score: float = 0.5,
    budget: int = JUDGE_BUDGET,
    max_candidates: int | None = None,
) -> list[Contradiction]:
    """Contradictions between ``new`` and its :func:`candidates` in ``index`` (``new`` is not added)."""
    found: list[Contradiction] = []
    for other in candidates(new, index, budget, max_candidates):
        c = judge_pair(other, new, min_score)
        if c is not None:
            found.append(c)
    found.sort(key=lambda c: -c.score)
    return found
