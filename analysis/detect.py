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
from .judge import MAX_DAYS_APART, MIN_SHARED, MIN_SIM_QUANTITY, judge_statements
from .prefilter import DATE_SIM, NEGATION_SHARED, NEGATION_SIM, survivors

__all__ = [
    "JUDGE_BUDGET",
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
JUDGE_BUDGET = 32

_DENY_LIKE = ("deny", "not_confirmed")
_DENIABLE = ("assert", "report", "confirm")
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
    """How promising judging ``a`` against ``b`` is (higher first), or None when the judge would find nothing.

    Every None below mirrors an early ``return None`` of ``judge_statements`` (same sets, same thresholds), so
    dropping those candidates loses no contradiction; the score ranks the rest: cue-based pairs (denial,
    retraction, non-confirmation) first, then by the share of the smaller claim's content found in the other.
    """
    sim = min(1.0, shared / max(1, min(a.nkeys, b.nkeys)))
    if a.cue_based or b.cue_based:
        score = _cue_rank(a, b, shared, sim)
    elif shared < MIN_SHARED or sim < MIN_SIM_QUANTITY or not (a.modality == b.modality in ("fact", "future")):
        return None  # too little in common, or a possible/conditional claim (both future claims do compare)
    elif a.polarity != b.polarity:
        # Quantity, time and antonym signals need the same polarity: only a negation is left, on the same
        # predicate (or two verbless claims about the same subject).
        negation = sim >= NEGATION_SIM and shared >= NEGATION_SHARED
        if not (negation and (_same_predicate(a, b) or not (a.predicate or b.predicate) and a.subject & b.subject)):
            return None
        score = 1.0 + sim
    elif _may_clash(a, b, sim):
        score = 1.0 + sim
    else:
        return None
    if score is None or a.id == b.id or (a.article_id == b.article_id and a.statement.start == b.statement.start):
        return None
    pa, pb = a.published_at, b.published_at
    if (pa is not None and pb is not None and abs((pa - pb).days) > MAX_DAYS_APART) or (
        a.cue_based == b.cue_based and _same_words(a, b)
    ):
        return None
    return score


def _same_predicate(a: Profile, b: Profile) -> bool:
    pa, pb = a.predicate, b.predicate
    return bool(pa and pb) and (pa == pb or (pa in b.content and pb in a.content))


def _may_clash(a: Profile, b: Profile, sim: float) -> bool:
    """Two plain claims of the same polarity: a quantity, time or antonym signal is still possible."""
    # a quantity: both count the same thing (people compare with any count of people), tied to one verb
    units = bool(a.units & b.units) or ("person" in a.units and b.persons) or ("person" in b.units and a.persons)
    if units and (bool(a.verbs & b.verbs) or _same_predicate(a, b)):
        return True
    # a time or day: both give one, about the same subject
    if ((a.times and b.times) or (a.days and b.days)) and sim >= DATE_SIM and a.subject & b.subject:
        return True
    return bool(a.turns & b.flips)  # an antonym: the two main verbs on opposite sides of one axis


def _cue_rank(a: Profile, b: Profile, shared: int, sim: float) -> float | None:
    if a.cue == "retract" or b.cue == "retract":
        ok = any(
            r.cue == "retract" and o.cue != "retract" and o.modality in ("fact", "future") for r, o in ((a, b), (b, a))
        )
    else:
        ok = any(
            d.cue in _DENY_LIKE
            and o.cue in _DENIABLE
            and o.modality == "fact"
            and (shared >= MIN_SHARED or d.article_id == o.article_id)
            for d, o in ((a, b), (b, a))
        )
    return 2.0 + sim if ok else None


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
    content, words, nkeys, cue_based = new.content, new.words, new.nkeys, new.cue_based
    need = 1 if cue_based else MIN_SHARED
    # Bits in common that ``need`` items in common imply, whatever collided in ``new``'s mask (at least 1).
    mask, bits_needed = new.mask, max(1, need - new.mask_lost)
    ranked: list[tuple[float, Profile]] = []
    for other in pool:
        # Most of a pool shares a key but not enough content: a popcount rejects those before any set is built.
        if (mask & other.mask).bit_count() < bits_needed and not other.cue_based:
            continue
        if other.words == words and other.cue_based == cue_based:
            continue  # the same sentence again: the judge compares no sentence with itself
        if keep is not None and not keep(other):
            continue  # before the set work: near-copies pass the popcount, and most of them belong to another key
        shared = len(content & other.content)  # content lemmas and exact numbers in common
        if shared < need and not (shared and other.cue_based):
            continue
        if not (cue_based or other.cue_based) and shared / max(1, min(nkeys, other.nkeys)) < MIN_SIM_QUANTITY:
            continue  # two plain claims sharing too small a part of the shorter one (checked here: most fail it)
        score = _rank(new, other, shared)
        if score is not None:
            ranked.append((score, other))
    ranked.sort(key=_first, reverse=True)  # stable: equal scores keep the pool's order
    return [other for _, other in ranked[:budget]]


def key_share(budget: int, nkeys: int) -> int:
    """The judge budget of one of a statement's ``nkeys`` keys: ``budget`` split evenly (at least 1)."""
    return max(1, -(-budget // max(1, nkeys)))


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
    return lambda e: e.id != me and key in e.blocking and smaller.isdisjoint(e.blocking)


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


def detect(
    new: Statement,
    index: CandidateIndex,
    min_score: float = 0.5,
    budget: int = JUDGE_BUDGET,
    max_candidates: int | None = None,
) -> list[Contradiction]:
    """Contradictions between ``new`` and the candidates ``index`` holds for it (``new`` is not added).

    Key by key, as :func:`place` says; ``max_candidates``: the index's own bound by default.
    """
    mine = profile(new, with_blocking=True)
    if max_candidates is None:
        max_candidates = getattr(index, "max_candidates", MAX_CANDIDATES)
    keys = sorted(mine.blocking)
    block: Callable[[str], ProfileBlock | None] | None = getattr(index, "block", None)
    if block is None:  # any other CandidateIndex: its candidates, sorted into blocks here
        pool = [profile(o, with_blocking=True) for o in index.candidates(new)]
        size = max(1, len(pool))
        blocks = [(key, ProfileBlock(size, reversed([p for p in pool if key in p.blocking]))) for key in keys]
    else:
        blocks = [(key, block(key)) for key in keys]
    found: list[Contradiction] = []
    for _key, others in place_all(mine, blocks, budget=budget, max_candidates=max_candidates):
        for other in others:
            c = judge_statements(other.statement, new)
            if c is not None and c.score >= min_score:
                found.append(c)
    found.sort(key=lambda c: -c.score)
    return found
