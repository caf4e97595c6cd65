"""Blocking: shared keys, bounded blocks, JSON-serialisable contents."""

from __future__ import annotations

import json
import time

from analysis import CandidateIndex, InMemoryCandidateIndex, blocking_keys
from schemas import ClaimFrame, Entity, Statement


def _st(i: int, keys: list[str], entity: str | None = None) -> Statement:
    ents = [Entity(text=entity, label="GPE", norm=entity.lower())] if entity else []
    return Statement(id=f"a{i}#0-10", article_id=f"a{i}", source="x.example", text="t", start=0, end=10,
                     claim=ClaimFrame(keys=keys), entities=ents)  # fmt: skip


def test_keys_from_entities_and_nouns():
    s = _st(1, ["tanker", "spill", "oil"], entity="Kestrel")
    keys = blocking_keys(s)
    assert keys[0] == "e:kestrel" and "n:tanker" in keys and len(keys) <= 8


def test_candidates_share_a_key_and_exclude_self():
    index = InMemoryCandidateIndex(per_key=10)
    assert isinstance(index, CandidateIndex)
    a, b, c = _st(1, ["tanker", "oil"]), _st(2, ["tanker", "port"]), _st(3, ["election", "vote"])
    for s in (a, b, c):
        index.add(s.model_copy(update={"blocking_keys": blocking_keys(s)}))
    got = [s.id for s in index.candidates(a.model_copy(update={"blocking_keys": blocking_keys(a)}))]
    assert got == [b.id]


def test_blocks_are_bounded_and_cost_stays_flat():
    def place_cost(n: int) -> tuple[float, int]:
        index = InMemoryCandidateIndex(per_key=50)
        for i in range(n):
            s = _st(i, ["flood", f"town{i % 97}"])
            index.add(s.model_copy(update={"blocking_keys": blocking_keys(s)}))
        probe = _st(-1, ["flood", "town3"])
        probe = probe.model_copy(update={"blocking_keys": blocking_keys(probe)})
        t = time.perf_counter()
        for _ in range(200):
            found = index.candidates(probe)
        return time.perf_counter() - t, len(found)

    small, n_small = place_cost(1_000)
    large, n_large = place_cost(100_000)
    assert n_small <= 100 and n_large <= 100  # two keys x 50
    assert large < small * 5 + 0.05


def test_stored_statements_are_json():
    s = _st(1, ["tanker"])
    assert Statement.model_validate(json.loads(s.model_dump_json())) == s
