from __future__ import annotations

import json

from analysis.blocking import Profile
from analysis.detect import key_share
from schemas import ClaimFrame, Quantity, Statement, statement_id
from streams.agents.detect import CandidateRing, _profile, should_emit, to_judge_all


def _st(n: int, keys: list[str]) -> Statement:
    return Statement(
        id=statement_id("a", n, n + 1), article_id="a", source="s", text=f"s{n}", start=n, end=n + 1, blocking_keys=keys
    )


def test_ring_is_bounded_and_keeps_the_most_recent():
    table: dict = {}
    ring = CandidateRing(table, size=3)
    for n in range(7):
        ring.add("k", _st(n, ["k"]))
    got = sorted(s.start for s in ring.candidates("k"))
    assert got == [4, 5, 6]
    assert ring.candidates("other") == []
    # One small entry per append (a slot), never one growing value.
    assert len(table) == 3
    assert sorted(json.loads(v)["n"] for v in table.values()) == [4, 5, 6]
    # one string per slot (one object for the garbage collector), the statement's JSON inside
    assert all(isinstance(v, str) and json.loads(v)["s"]["article_id"] == "a" for v in table.values())


def test_ring_reads_values_recovered_from_a_changelog():
    # After recovery a table holds plain JSON dicts, not the objects written.
    table: dict = {}
    ring = CandidateRing(table, size=5)
    ring.add("k", _st(1, ["k"]))
    fresh = CandidateRing(dict(table), size=5)
    assert [s.id for s in fresh.candidates("k")] == [_st(1, ["k"]).id]


def test_unreadable_slots_are_skipped_not_fatal(caplog):
    # A slot in another version's format (or damaged) must not crash the agent on every replay of the changelog.
    table: dict = {}
    ring = CandidateRing(table, size=5)
    for n in range(3):
        ring.add("k", _st(n, ["k"]))
    table["k\x1f1"] = {"statement": "old format"}
    table["k\x1f2"] = {"n": 2, "s": {"id": 7}}  # not a statement
    fresh = CandidateRing(dict(table), size=5)
    assert [s.start for s in fresh.candidates("k")] == [0]
    assert "ring_slots_unreadable" in caplog.text
    # appending goes on after every slot seen, so the readable one is not the first overwritten
    fresh.add("k", _st(3, ["k"]))
    assert [s.start for s in fresh.candidates("k")] == [0, 3]


def test_a_ring_of_only_unreadable_slots_starts_afresh():
    table = {"k\x1f0": ["legacy"], "k\x1f1": "junk"}
    ring = CandidateRing(table, size=5)
    assert ring.candidates("k") == []
    ring.add("k", _st(9, ["k"]))
    assert json.loads(table["k\x1f2"])["n"] == 2 and [s.start for s in ring.candidates("k")] == [9]


def test_slots_written_as_json_objects_by_earlier_versions_are_read():
    old = {"n": 0, "s": _st(5, ["k"]).model_dump(mode="json", exclude_defaults=True)}
    ring = CandidateRing({"k\x1f0": old}, size=5)
    assert [s.start for s in ring.candidates("k")] == [5]
    ring.add("k", _st(6, ["k"]))
    assert json.loads(ring.table["k\x1f1"])["n"] == 1 and [s.start for s in ring.candidates("k")] == [5, 6]


def test_pair_is_emitted_under_exactly_one_shared_key():
    a = _st(1, ["x", "y", "z"])
    b = _st(2, ["y", "z", "w"])
    emitted = [k for k in sorted(set(a.blocking_keys) | set(b.blocking_keys)) if should_emit(k, a, b)]
    assert emitted == ["y"]
    assert not should_emit("x", _st(1, ["x"]), _st(2, ["q"]))


def test_recovered_ring_equals_the_live_one_after_wrapping():
    table: dict = {}
    live = CandidateRing(table, size=4)
    for n in range(11):
        live.add("k", _st(n, ["k"]))
    recovered = CandidateRing(
        {k: (v.model_dump(mode="json") if hasattr(v, "model_dump") else v) for k, v in table.items()}, size=4
    )
    assert [s.id for s in recovered.candidates("k")] == [s.id for s in live.candidates("k")]
    assert [s.start for s in live.candidates("k")] == [7, 8, 9, 10]
    live.forget()
    assert [s.start for s in live.candidates("k")] == [7, 8, 9, 10]
    # Appending after a recovery continues the sequence: the oldest slot is the one overwritten.
    recovered.add("k", _st(11, ["k"]))
    assert [s.start for s in recovered.candidates("k")] == [8, 9, 10, 11]
    again = CandidateRing(dict(recovered.table), size=4)
    assert [s.start for s in again.candidates("k")] == [8, 9, 10, 11]


def _claim(n: int, keys: list[str], blocking: list[str], count: float = 40) -> Statement:
    """``count`` workers evacuated, with content lemmas ``keys`` and blocking keys ``blocking``."""
    qty = Quantity(
        text=f"{count:g}", value=count, low=count, high=count, unit="worker", start=0, end=2, verb="evacuate"
    )
    return Statement(
        id=statement_id(f"a{n}", 0, 1), article_id=f"a{n}", source="s", text=f"sentence {n}", start=0, end=1,
        claim=ClaimFrame(keys=keys, predicate="evacuate"), quantities=[qty], blocking_keys=blocking,
    )  # fmt: skip


def test_a_key_judges_its_best_candidates_within_its_share():
    ring = CandidateRing({}, size=50)
    keys = ["evacuate", "worker", "plant", "harbour"]
    strong = [_claim(n, keys, ["k"]) for n in range(3)]  # all words in common, oldest in the ring
    weak = [_claim(n, ["evacuate", "worker", "fire", "smoke"], ["k"]) for n in range(3, 20)]
    elsewhere = _claim(20, keys, ["a", "k"])  # shares key "a" too: compared under "a", not here
    for s in [*strong, *weak, elsewhere]:
        ring.add("k", s)
    assert isinstance(ring.entries("k")[0], Profile)
    new = _claim(99, keys, ["a", "k", "m", "n", "o", "p", "q", "r"], count=75)
    [(_, picked)] = to_judge_all(_profile(new), [("k", ring.entries("k"))], 32, 800)
    got = [p.statement.id for p in picked]
    assert len(got) == key_share(32, len(new.blocking_keys)) == 4
    assert got[:3] == [s.id for s in reversed(strong)] and elsewhere.id not in got  # best, newest first
    assert got[3] == weak[-1].id  # then the newest of the rest
    # A statement already in the ring (a redelivery) is not compared with itself.
    [(_, again)] = to_judge_all(_profile(strong[0]), [("k", ring.entries("k"))], 32, 800)
    assert strong[0].id not in [p.id for p in again]


def test_ring_knows_in_constant_time_which_statements_it_holds():
    # the replay check (a redelivered statement is judged again but not stored twice) asks the block
    ring = CandidateRing({}, size=2)
    first = _st(1, ["k"])
    ring.add("k", first)
    assert ring.entries("k").holds(first.id)
    ring.add("k", _st(2, ["k"]))
    ring.add("k", _st(3, ["k"]))
    assert not ring.entries("k").holds(first.id) and ring.entries("k").holds(_st(3, ["k"]).id)
    again = _st(3, ["k"])
    ring.entries("k").append(_profile(again))  # the same id twice: evicting one copy keeps the other known
    ring.add("k", _st(4, ["k"]))
    assert ring.entries("k").holds(again.id) and not ring.entries("k").holds(_st(2, ["k"]).id)
