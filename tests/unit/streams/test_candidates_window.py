"""The candidate rings forget statements older than ``worker.candidates_window_s``: an idle key leaves no state."""

from __future__ import annotations

import json
from collections.abc import Iterator, MutableMapping

from streams.agents.detect import CandidateRing, batch_key, batch_text

WINDOW = 100.0


class Table(MutableMapping):
    """What the ring uses of a Faust table: writes through it reach the changelog, ``data`` is the local store."""

    def __init__(self) -> None:
        self.data: dict = {}
        self.changelog: list[tuple[str, str | None]] = []

    def __getitem__(self, key: str) -> str:
        return self.data[key]

    def __setitem__(self, key: str, value: str) -> None:
        self.data[key] = value
        self.changelog.append((key, value))

    def __delitem__(self, key: str) -> None:
        del self.data[key]
        self.changelog.append((key, None))

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)


def _message(ring: CandidateRing, partition: int, offset: int, at: float, placements: list) -> None:
    ring.begin(partition, offset, None, at)
    for key, s in placements:
        if not ring.entries(key).holds(s.id):
            ring.add(key, s)
    ring.write()


def _keys_in(table) -> set[str]:
    keys = set()
    for value in table.values():
        header = json.loads(value.split("\n", 1)[0])
        keys.update(k for k, _, _ in (header["p"] if isinstance(header, dict) else header))
    return keys


def test_an_idle_key_is_gone_after_its_window_a_busy_one_keeps_its_recent_entries(make_statement):
    table = Table()
    ring = CandidateRing(table, size=10, window_s=WINDOW)
    _message(ring, 0, 0, 1_000.0, [("idle", make_statement(1, ["idle"])), ("busy", make_statement(2, ["busy"]))])
    _message(ring, 1, 0, 1_050.0, [("busy", make_statement(3, ["busy"]))])
    assert [s.start for s in ring.candidates("idle")] == [1]

    assert ring.expire(now=1_099.0) == 0  # within the window: nothing goes
    assert ring.expire(now=1_101.0) == 1
    assert ring.candidates("idle") == []
    assert [s.start for s in ring.candidates("busy")] == [3]
    assert "idle" not in _keys_in(table) and len(table) == 1
    # a ring rebuilt from what is left agrees
    assert CandidateRing(dict(table.data), size=10, window_s=WINDOW).candidates("idle") == []
    # the key starts afresh: nothing of its old sequence is left
    _message(ring, 0, 1, 1_102.0, [("idle", make_statement(4, ["idle"]))])
    assert json.loads(table[batch_key(0, 1)].split("\n", 1)[0])["p"] == [["idle", 0, 0]]


def test_expiry_deletes_through_the_table_on_the_partition_being_written_else_in_the_local_store(make_statement):
    table = Table()
    ring = CandidateRing(table, size=10, window_s=WINDOW)
    _message(ring, 0, 0, 1_000.0, [("a", make_statement(1, ["a"]))])
    _message(ring, 1, 0, 1_000.0, [("b", make_statement(2, ["b"]))])
    table.changelog.clear()
    ring._expire_due = 0.0  # the next begin() expires (it runs at most every purge_interval)
    _message(ring, 0, 1, 1_000.0 + WINDOW + 1, [("c", make_statement(3, ["c"]))])
    # partition 0's old batch: a tombstone in its changelog; partition 1's: gone from the local store only
    # (no event of partition 1: its changelog's retention drops it)
    assert (batch_key(0, 0), None) in table.changelog
    assert all(key != batch_key(1, 0) for key, _ in table.changelog)
    assert set(table) == {batch_key(0, 1)}
    assert ring.candidates("a") == [] and ring.candidates("b") == []


def test_a_restarted_ring_skips_expired_batches_and_deletes_them_on_their_partition(make_statement):
    old = batch_text(
        [("k", 0, 0)], json.dumps({"statements": [json.loads(make_statement(1, ["k"]).model_dump_json())]}), 10.0
    )
    new = batch_text(
        [("k", 1, 0)], json.dumps({"statements": [json.loads(make_statement(2, ["k"]).model_dump_json())]}), 500.0
    )
    table = Table()
    table.data.update({batch_key(2, 0): old, batch_key(2, 1): new})
    ring = CandidateRing(table, size=10, window_s=WINDOW)
    _message(ring, 2, 2, 550.0, [("j", make_statement(3, ["j"]))])
    assert [s.start for s in ring.candidates("k")] == [2]
    assert batch_key(2, 0) not in table and (batch_key(2, 0), None) in table.changelog


def test_a_backlog_ages_by_its_own_timestamps(make_statement):
    # Articles published 40 days ago and processed now: with a 30-day window they are still each other's
    # candidates (the ring's clock follows the messages), and an idle ring's clock runs on from there.
    day = 86_400.0
    ring = CandidateRing(Table(), size=10, window_s=30 * day)
    start = 1_700_000_000.0
    for n in range(5):
        _message(ring, 0, n, start + n * day, [("k", make_statement(n, ["k"]))])
    assert ring.expire() == 0
    assert [s.start for s in ring.candidates("k")] == [0, 1, 2, 3, 4]
    assert abs(ring.clock() - (start + 4 * day)) < 60
    assert ring.expire(now=start + 32.5 * day) == 3
    assert [s.start for s in ring.candidates("k")] == [3, 4]


def test_without_a_window_or_a_time_nothing_expires(make_statement):
    table = Table()
    ring = CandidateRing(table, size=10)
    _message(ring, 0, 0, 1_000.0, [("k", make_statement(1, ["k"]))])
    assert json.loads(table[batch_key(0, 0)].split("\n", 1)[0]) == [["k", 0, 0]]  # the format without a time
    assert ring.expire(now=1e12) == 0
    windowed = CandidateRing(table, size=10, window_s=WINDOW)
    assert windowed.expire(now=1e12) == 0  # a batch written without a time never expires here
    assert [s.start for s in windowed.candidates("k")] == [1]


def test_a_record_without_timestamp_takes_the_rings_clock(make_statement):
    table = Table()
    ring = CandidateRing(table, size=10, window_s=WINDOW)
    _message(ring, 0, 0, 5_000.0, [("k", make_statement(1, ["k"]))])
    _message(ring, 0, 1, 0.0, [("k", make_statement(2, ["k"]))])  # Kafka timestamp 0: not "1970", the ring's now
    t = json.loads(table[batch_key(0, 1)].split("\n", 1)[0])["t"]
    assert 5_000.0 <= t < 5_060.0
    assert [s.start for s in ring.candidates("k")] == [1, 2]


def test_expire_waits_for_the_open_message(make_statement):
    ring = CandidateRing(Table(), size=10, window_s=WINDOW)
    _message(ring, 0, 0, 1_000.0, [("k", make_statement(1, ["k"]))])
    ring.begin(0, 1, None, 1_001.0)
    ring.add("k", make_statement(2, ["k"]))
    assert ring.expire(now=1e9) == 0
    ring.write()
    assert ring.expire(now=1e9) == 2


def test_a_timestamp_far_in_the_future_does_not_age_the_rings(make_statement):
    import time

    table = Table()
    ring = CandidateRing(table, size=10, window_s=WINDOW)
    now = time.time()
    _message(ring, 0, 0, now, [("k", make_statement(1, ["k"]))])
    # a producer's clock years ahead
    _message(ring, 0, 1, now + 10 * 365 * 86_400, [("k", make_statement(2, ["k"]))])
    assert ring.clock() < now + 120
    assert ring.expire() == 0
    assert [s.start for s in ring.candidates("k")] == [1, 2]
