from __future__ import annotations

import json
import random

import pytest

from analysis.blocking import Profile
from analysis.detection import key_share
from schemas import BlockedStatements, ClaimFrame, Quantity, Statement, statement_id
from streams.agents.detect import (
    CandidateRing,
    _profile,
    batch_key,
    batch_text,
    should_emit,
    slot_text,
    to_judge_all,
)


def _message(
    ring: CandidateRing,
    offset: int,
    placements: list[tuple[str, Statement]],
    partition: int = 0,
    as_received: bool = False,
) -> None:
    """What the detect agent does with one message's placements: begin, add what the rings lack, write.

    ``as_received``: hand the ring the message's JSON (as the agent does), else let it store statements itself.
    """
    statements = list({s.id: s for _, s in placements}.values())
    index = {s.id: i for i, s in enumerate(statements)}
    raw = None
    if as_received:
        message = BlockedStatements(
            article_id="a", statements=statements, placements=[(k, index[s.id]) for k, s in placements]
        )
        raw = message.model_dump_json(exclude_defaults=True)
    ring.begin(partition, offset, raw)
    for key, s in placements:
        if not ring.entries(key).holds(s.id):
            ring.add(key, s, index=index[s.id] if as_received else None)
    ring.write()


def _rings(ring: CandidateRing, keys) -> dict[str, list[str]]:
    return {key: [s.id for s in ring.candidates(key)] for key in keys}


def _batches(table: dict) -> dict[str, list[tuple[str, int, int]]]:
    return {k: json.loads(v.split("\n", 1)[0]) for k, v in table.items() if k.startswith("\x1e")}


def test_ring_is_bounded_and_keeps_the_most_recent(make_statement):
    table: dict = {}
    ring = CandidateRing(table, size=3)
    for n in range(7):
        _message(ring, n, [("k", make_statement(n, ["k"]))])
    assert [s.start for s in ring.candidates("k")] == [4, 5, 6]
    assert ring.candidates("other") == []
    # one record per message, deleted once no ring holds anything of it
    assert sorted(table) == [batch_key(0, n) for n in (4, 5, 6)]
    assert sorted(n for placements in _batches(table).values() for _, n, _ in placements) == [4, 5, 6]


def test_a_message_is_one_record_holding_each_statement_once(make_statement):
    table: dict = {}
    ring = CandidateRing(table, size=5)
    a, b = make_statement(1, ["x", "y", "z"]), make_statement(2, ["y", "z"])
    _message(ring, 42, [("x", a), ("y", a), ("z", a), ("y", b), ("z", b)], partition=3)
    assert list(table) == [batch_key(3, 42)]
    header, statements = table[batch_key(3, 42)].split("\n")
    assert json.loads(header) == [["x", 0, 0], ["y", 0, 0], ["z", 0, 0], ["y", 1, 1], ["z", 1, 1]]
    assert [s["id"] for s in json.loads(statements)["statements"]] == [a.id, b.id]
    assert _rings(ring, "xyz") == {"x": [a.id], "y": [a.id, b.id], "z": [a.id, b.id]}


def _line(*statements: Statement) -> str:
    return json.dumps({"statements": [s.model_dump(mode="json", exclude_defaults=True) for s in statements]})


def test_a_batch_stores_the_message_as_received(make_statement):
    # the detect agent hands over the BlockedStatements JSON it read: stored as is, no statement dumped again
    a, b = make_statement(1, ["x", "y"]), make_statement(2, ["y"])
    message = BlockedStatements(article_id="a", statements=[a, b], placements=[("x", 0), ("y", 0), ("y", 1)])
    raw = message.model_dump_json(exclude_defaults=True)
    table: dict = {}
    ring = CandidateRing(table, size=3)
    ring.begin(2, 9, raw)
    for key, i in message.placements:
        ring.add(key, message.statements[i], index=i)
    ring.write()
    header, stored = table[batch_key(2, 9)].split("\n")
    assert stored == raw and json.loads(header) == [["x", 0, 0], ["y", 0, 0], ["y", 1, 1]]
    assert _rings(CandidateRing(dict(table), size=3), "xy") == {"x": [a.id], "y": [a.id, b.id]}
    ring.begin(2, 10, raw)
    with pytest.raises(ValueError, match="index"):
        ring.add("x", b)


def test_add_needs_an_open_batch(make_statement):
    with pytest.raises(RuntimeError, match="begin"):
        CandidateRing({}, size=2).add("k", make_statement(1, ["k"]))


def test_recovered_ring_equals_the_live_one_after_wrapping(make_statement):
    table: dict = {}
    live = CandidateRing(table, size=4)
    for n in range(11):
        _message(live, n, [("k", make_statement(n, ["k"]))])
    recovered = CandidateRing(dict(table), size=4)
    assert _rings(recovered, ["k"]) == _rings(live, ["k"])
    assert [s.start for s in live.candidates("k")] == [7, 8, 9, 10]
    live.forget()
    assert [s.start for s in live.candidates("k")] == [7, 8, 9, 10]
    # Appending after a recovery continues the sequence: the oldest entry is the one evicted.
    _message(recovered, 11, [("k", make_statement(11, ["k"]))])
    assert [s.start for s in recovered.candidates("k")] == [8, 9, 10, 11]
    again = CandidateRing(dict(recovered.table), size=4)
    assert [s.start for s in again.candidates("k")] == [8, 9, 10, 11]
    assert batch_key(0, 7) not in recovered.table


@pytest.mark.parametrize("as_received", [False, True])
@pytest.mark.parametrize("seed", range(12))
def test_random_streams_recover_to_the_live_rings_and_keep_no_dead_batch(make_statement, seed, as_received):
    # Messages of random statements over a few keys, replays of earlier messages among them (a crash before the
    # offset commit): after every message, a ring rebuilt from a copy of the table equals the live one, and the
    # table holds exactly the batches some ring entry comes from.
    rng = random.Random(seed)
    keys = ["a", "b", "c", "d", "e"]
    size = rng.choice([1, 2, 3, 5])
    table: dict = {}
    live = CandidateRing(table, size=size)
    sent: list[list[tuple[str, Statement]]] = []
    serial = 0
    for _ in range(60):
        if sent and rng.random() < 0.15:
            offset = rng.randrange(len(sent))  # a replay: the same message at the same offset
        else:
            placements = []
            for _s in range(rng.randint(1, 4)):
                serial += 1
                mine = sorted(rng.sample(keys, rng.randint(1, 3)))
                st = make_statement(serial, mine)
                placements += [(k, st) for k in mine]
            sent.append(placements)
            offset = len(sent) - 1
        _message(live, offset, sent[offset], as_received=as_received)
        recovered = CandidateRing(dict(table), size=size)
        assert _rings(recovered, keys) == _rings(live, keys)
        held = {
            batch
            for key in keys
            for batch, (k, n, i) in ((b, p) for b, ps in _batches(table).items() for p in ps)
            if k == key
        }
        assert set(table) == set(_batches(table)) == held
        for key in keys:
            assert len(live.candidates(key)) <= size


def test_a_replayed_message_keeps_what_its_batch_still_holds(make_statement):
    table: dict = {}
    ring = CandidateRing(table, size=2)
    s1, s2, s3 = make_statement(1, ["k1", "k2"]), make_statement(2, ["k1"]), make_statement(3, ["k1"])
    first = [("k1", s1), ("k2", s1)]
    _message(ring, 0, first)
    _message(ring, 1, [("k1", s2)])
    _message(ring, 2, [("k1", s3)])  # s1 leaves k1's ring; k2 still holds it, so batch 0 stays
    assert batch_key(0, 0) in table
    restarted = CandidateRing(dict(table), size=2)
    _message(restarted, 0, first)  # redelivered: s1 goes back into k1, k2 keeps its entry
    assert _rings(restarted, ["k1", "k2"]) == {"k1": [s3.id, s1.id], "k2": [s1.id]}
    assert _rings(CandidateRing(dict(restarted.table), size=2), ["k1", "k2"]) == _rings(restarted, ["k1", "k2"])


def test_batches_left_without_entries_are_deleted_on_their_own_partition(make_statement):
    # e.g. a crash between writing a batch and writing the one that evicted it: found on loading, deleted by the
    # next message of its partition (its changelog partition), not by another partition's
    orphan = batch_key(4, 7)
    table = {orphan: batch_text([("k", 0, 0)], _line(make_statement(1, ["k"])))}
    for n in range(2, 4):
        table[batch_key(4, 8 + n)] = batch_text([("k", n, 0)], _line(make_statement(n, ["k"])))
    ring = CandidateRing(table, size=2)
    assert [s.start for s in ring.candidates("k")] == [2, 3]
    _message(ring, 1, [("j", make_statement(9, ["j"]))], partition=1)
    assert orphan in table
    _message(ring, 20, [("j2", make_statement(10, ["j2"]))], partition=4)
    assert orphan not in table


def test_unreadable_records_are_skipped_not_fatal(make_statement, caplog):
    # A record in another version's format (or damaged) must not crash the agent on every replay of the changelog.
    table: dict = {}
    ring = CandidateRing(table, size=5)
    for n in range(3):
        _message(ring, n, [("k", make_statement(n, ["k"]))])
    table[batch_key(0, 1)] = "not json\n{}"
    table["k\x1f1"] = {"statement": "old format"}
    table[batch_key(0, 2)] = batch_text([("k", 2, 0)], '{"statements": [{"id": 7}]}')  # not a statement
    fresh = CandidateRing(dict(table), size=5)
    assert [s.start for s in fresh.candidates("k")] == [0]
    assert "ring_slots_unreadable" in caplog.text
    # appending goes on after every placement seen; the unreadable per-slot record is deleted
    _message(fresh, 3, [("k", make_statement(3, ["k"]))])
    assert [s.start for s in fresh.candidates("k")] == [0, 3]
    assert "k\x1f1" not in fresh.table and batch_key(0, 2) not in fresh.table


def test_slots_of_the_per_slot_format_are_read_and_deleted_once_evicted(make_statement):
    old = {
        "n": 0,
        "s": make_statement(5, ["k"]).model_dump(mode="json", exclude_defaults=True),
    }  # a JSON object, oldest
    table = {"k\x1f0": old, "k\x1f1": slot_text(1, make_statement(6, ["k"]).model_dump_json(exclude_defaults=True))}
    ring = CandidateRing(table, size=2)
    assert [s.start for s in ring.candidates("k")] == [5, 6]
    _message(ring, 0, [("k", make_statement(7, ["k"]))])
    assert [s.start for s in ring.candidates("k")] == [6, 7]
    assert "k\x1f0" not in table and "k\x1f1" in table
    assert json.loads(table[batch_key(0, 0)].split("\n")[0]) == [["k", 2, 0]]
    assert [s.start for s in CandidateRing(dict(table), size=2).candidates("k")] == [6, 7]


def test_pair_is_emitted_under_exactly_one_shared_key(make_statement):
    a = make_statement(1, ["x", "y", "z"])
    b = make_statement(2, ["y", "z", "w"])
    emitted = [k for k in sorted(set(a.blocking_keys) | set(b.blocking_keys)) if should_emit(k, a, b)]
    assert emitted == ["y"]
    assert not should_emit("x", make_statement(1, ["x"]), make_statement(2, ["q"]))


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
    ring.begin(0, 0)
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


def test_ring_knows_in_constant_time_which_statements_it_holds(make_statement):
    # the replay check (a redelivered statement is judged again but not stored twice) asks the block
    ring = CandidateRing({}, size=2)
    ring.begin(0, 0)
    first = make_statement(1, ["k"])
    ring.add("k", first)
    assert ring.entries("k").holds(first.id)
    ring.add("k", make_statement(2, ["k"]))
    ring.add("k", make_statement(3, ["k"]))
    assert not ring.entries("k").holds(first.id) and ring.entries("k").holds(make_statement(3, ["k"]).id)
    again = make_statement(3, ["k"])
    ring.entries("k").append(_profile(again))  # the same id twice: evicting one copy keeps the other known
    ring.add("k", make_statement(4, ["k"]))
    assert ring.entries("k").holds(again.id) and not ring.entries("k").holds(make_statement(2, ["k"]).id)
