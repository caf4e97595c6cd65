"""The stream's detect agent and the offline ``detect`` judge the same pairs, budgets and windows included.

Both place a statement key by key with ``analysis.detection.place``; this runs the two side by side on real
articles (the seed and the first articles of the shared news corpus) with bounds small enough that every one
of them bites: short rings, a small comparison window and a judge budget of a few candidates per key.
"""

from __future__ import annotations

import sys

import pytest

from analysis import InMemoryCandidateIndex, detect, judge_statements
from analysis.detection import MIN_KEY_SHARE, emits, key_share, window
from streams.agents.detect import CandidateRing, _by_statement, _profile, to_judge_all


@pytest.fixture(scope="module")
def statements(seed_and_corpus):
    return seed_and_corpus(60)


def _offline(statements, per_key, max_candidates, budget) -> set[str]:
    index = InMemoryCandidateIndex(per_key=per_key, max_candidates=max_candidates)
    found: set[str] = set()
    for s in statements:
        found.update(c.id for c in detect(s, index, min_score=0.5, budget=budget))
        index.add(s)
    return found


def _stream(statements, per_key, max_candidates, budget) -> set[str]:
    """What the detect agent does with a message's placements, on a plain dict standing in for its Faust table."""
    ring = CandidateRing({}, size=per_key)
    found: set[str] = set()
    placements = [(key, s) for s in statements for key in sorted(s.blocking_keys)]  # as streams.agents.extract
    for offset, (s, keys) in enumerate(_by_statement(placements)):
        ring.begin(0, offset)
        mine = _profile(s)
        rings = [(key, ring.entries(key)) for key in keys]
        for _key, candidates in to_judge_all(mine, rings, budget, max_candidates):
            for old in candidates:
                c = judge_statements(old.statement, s)
                if c is not None and c.score >= 0.5:
                    found.add(c.id)
        for key in keys:
            ring.add(key, s, mine)
        ring.write()
    return found


@pytest.mark.parametrize("vector_min", [0, 10**9])
@pytest.mark.parametrize(
    ("per_key", "max_candidates", "budget"), [(200, 800, 32), (12, 800, 32), (200, 24, 32), (200, 800, 3), (6, 16, 2)]
)
def test_stream_and_offline_find_the_same_pairs(statements, per_key, max_candidates, budget, vector_min, monkeypatch):
    # vector_min 0: every placement through the numpy prefilter; 10**9: none (analysis.detection.VECTOR_MIN)
    monkeypatch.setattr(sys.modules["analysis.detection"], "VECTOR_MIN", vector_min)
    offline = _offline(statements, per_key, max_candidates, budget)
    assert offline == _stream(statements, per_key, max_candidates, budget)
    if (per_key, max_candidates, budget) == (200, 800, 32):
        assert len(offline) >= 6  # the seed's denials and non-confirmations at least: the run compared something


def test_bounds_bite(statements):
    # Guards the test above: with these bounds, fewer pairs are judged than without them.
    assert _offline(statements, 6, 16, 2) < _offline(statements, 200, 800, 32)


def test_split_helpers():
    assert key_share(32, 8) == 4 and key_share(32, 3) == 11 and key_share(32, 0) == 32
    assert key_share(12, 8) == MIN_KEY_SHARE and key_share(3, 8) == 3  # at least a few per key, never over budget
    assert window(800, 8) == 100 and window(800, 0) == 800 and window(4, 8) == 1
    a, b = frozenset({"e:x", "n:y", "n:z"}), frozenset({"n:y", "n:z"})
    assert emits("n:y", a, b) and not emits("n:z", a, b) and not emits("e:x", a, b)
