"""The numpy prefilter changes what placing a statement costs, never what it finds.

``analysis.detection.place_all`` runs ``analysis.prefilter.survivors`` over the rows of every window once they are
large enough (``VECTOR_MIN``), and the plain Python pass of ``place`` otherwise; both must give the same
candidates in the same order. Checked on real statements (the seed and corpus articles) and on crowded blocks of
their synthetic variants (the bench's generator), where most rows share a key and words but little else.
"""

from __future__ import annotations

import random
import sys

import pytest

from analysis import InMemoryCandidateIndex, blocking_keys
from analysis.blocking import ProfileBlock, profile
from analysis.detection import place, place_all, select_candidates, window
from analysis.prefilter import _WIDTH as WIDTH
from analysis.prefilter import Rows, survivors
from contraflow.bench.synthetic import synthesize

_detect = sys.modules["analysis.detection"]  # the module (``analysis.detection`` the attribute is the function)


@pytest.fixture(scope="module")
def corpus(seed_and_corpus):
    return seed_and_corpus(40)


def test_rows_keep_the_newest_in_order():
    rng = random.Random(7)
    for size in (1, 3, 8, 50):
        rows, kept = Rows(size), []
        for i in range(rng.randrange(1, 400)):
            row = tuple(rng.randrange(-(2**63), 2**63) if c < 4 else i for c in range(WIDTH))
            rows.append(row)
            kept = [*kept, row][-size:]
            n = rng.randrange(0, size + 2)
            got = rows.newest(n)
            assert got.shape == (WIDTH, min(n, len(kept)))
            assert [tuple(int(v) for v in got[:, j]) for j in range(got.shape[1])] == kept[len(kept) - got.shape[1] :]
        assert len(rows) == len(kept)


def test_survivors_keep_every_pair_the_exact_pass_keeps(corpus):
    profiles = [profile(s, with_blocking=True) for s in corpus]
    kept = dropped = 0
    rows = ProfileBlock(len(profiles), profiles).rows.newest(len(profiles))
    for a in profiles:
        survive = set(survivors(a, rows))
        for j, b in enumerate(profiles):
            if select_candidates(a, [b], 1):
                kept += 1
                assert j in survive, (a.statement.text, b.statement.text)
            elif j not in survive:
                dropped += 1
    assert kept > 20  # the corpus has pairs worth judging
    assert dropped > 0.9 * len(profiles) ** 2 - kept  # and the prefilter drops nearly everything else


@pytest.mark.parametrize("copies", [1, 10])
def test_vector_and_python_paths_place_alike(corpus, copies, monkeypatch):
    store = list(synthesize(corpus, copies * len(corpus), blocking_keys))
    index = InMemoryCandidateIndex(per_key=200, max_candidates=800)
    for s in store[:-120]:
        index.add(s)
    probes = [profile(s, with_blocking=True) for s in store[-120:]]
    vector_used = 0
    for new in probes:
        keys = sorted(new.blocking)
        blocks = [(key, index.block(key)) for key in keys]
        python = [(key, place(key, new, index.newest(key))) for key in keys]
        monkeypatch.setattr(_detect, "VECTOR_MIN", 0)
        vector = place_all(new, blocks)
        monkeypatch.undo()
        assert [(k, [p.id for p in c]) for k, c in vector] == [(k, [p.id for p in c]) for k, c in python]
        rows = sum(min(window(800, len(keys)), len(b)) for _, b in blocks if b is not None)
        vector_used += rows >= 128
    if copies > 1:
        assert vector_used >= 20  # crowded windows (variants of the same claims): the case the prefilter is for
