"""A Faust consumer that re-reads, after every rebalance, the partitions its group never committed.

On a rebalance Faust drops the events waiting in its agents' queues and then seeks every assigned partition
to its committed offset, so the dropped events are fetched again. aiokafka's ``seek_to_committed`` skips a
partition without a committed offset (or with offset 0), and the fetch position from before the rebalance
stays: a worker that keeps such a partition across a rebalance never sees the dropped events again (seen
after a worker was killed before its first commit: 17 of 150 articles never processed, the partition's lag
stuck). This consumer seeks those partitions to the start, which is what the group's reset policy
(``earliest``) means for a partition without a committed offset. Events already processed are processed
again: every stage is idempotent (deterministic ids, de-duplication by content hash).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping

from faust.transport.drivers.aiokafka import Consumer as _AIOKafkaConsumer
from faust.types import TP
from mode import Service

__all__ = ["RewindingConsumer", "partitions_to_rewind", "stalled_partitions"]

# How often the consumer looks for partitions that stopped moving with records left (seconds).
STALL_CHECK_S = 30.0

Snapshot = Mapping[TP, tuple[int | None, int | None]]  # partition -> (committed offset, read offset)


def stalled_partitions(before: Snapshot, now: Snapshot, highwaters: Mapping[TP, int | None]) -> list[TP]:
    """Partitions with records left whose group stopped moving: nothing read or committed anywhere since ``before``.

    Only when the whole consumer is idle (no partition moved between the two snapshots) is a partition with
    ``committed < highwater`` taken as stalled rather than slow: a busy worker is never second-guessed.
    """
    if not before or any(before.get(tp) != state for tp, state in now.items()):
        return []
    stalled = []
    for tp, (committed, _read) in now.items():
        high = highwaters.get(tp)
        if high is not None and (committed or 0) < high:
            stalled.append(tp)
    return sorted(stalled, key=lambda tp: (tp.topic, tp.partition))


def partitions_to_rewind(
    assigned: Iterable[TP], committed: Mapping[TP, int | None], changelogs: Iterable[str]
) -> list[TP]:
    """Assigned stream partitions without a committed offset past 0 (table changelogs are Faust's own)."""
    skip = set(changelogs)
    return sorted(
        (tp for tp in assigned if tp.topic not in skip and not committed.get(tp)),
        key=lambda tp: (tp.topic, tp.partition),
    )


class RewindingConsumer(_AIOKafkaConsumer):
    """The aiokafka-driver consumer, plus a seek to offset 0 of every uncommitted partition after a rebalance,
    and a watch for partitions that stall.

    Stalls: after a worker restart with records waiting, a partition was seen to stay behind for good (26 of 383
    articles, the worker idle, its lag back to zero only after another restart): records were fetched but never
    reached, or never acked by, the agent. Every ``STALL_CHECK_S`` the consumer compares committed and read
    offsets; when nothing at all moved for a whole interval and a partition still has records, it seeks that
    partition back to its committed offset, which re-delivers them (every stage is idempotent).
    """

    def __post_init__(self) -> None:
        super().__post_init__()
        self._stall_snapshot: Snapshot = {}
        # partition -> (re-seeks so far, monotonic time before which it is not re-sought, the committed offset it
        # was sought back to): a consumer idle because its agent waits (Elasticsearch down, retrying with backoff)
        # is re-sought ever more rarely
        self._stall_backoff: dict[TP, tuple[int, float, int]] = {}

    async def perform_seek(self) -> None:
        await super().perform_seek()
        rewind = partitions_to_rewind(self.assignment(), self._committed_offset, self.app.tables.changelog_topics)
        for tp in rewind:
            await self.seek(tp, 0)
        if rewind:
            self.log.info(
                "rewound uncommitted partitions to offset 0: %s", [f"{tp.topic}/{tp.partition}" for tp in rewind]
            )

    def _snapshot(self) -> dict[TP, tuple[int | None, int | None]]:
        skip = set(self.app.tables.changelog_topics)
        return {
            tp: (self._committed_offset.get(tp), self._read_offset.get(tp))
            for tp in self.assignment()
            if tp.topic not in skip
        }

    @Service.timer(STALL_CHECK_S)
    async def _watch_stalls(self) -> None:
        try:
            await self._reseek_stalled()
        except Exception as exc:  # a watch must never take the consumer down
            self.log.warning("stall_watch_failed error=%r", exc)

    async def _reseek_stalled(self) -> None:
        if self.app.rebalancing or not self.flow_active:
            return
        now = self._snapshot()
        highwaters = {tp: self.highwater(tp) for tp in now}
        stalled = stalled_partitions(self._stall_snapshot, now, highwaters)
        backoff = self._stall_backoff
        for tp in [tp for tp, (_n, _t, at) in backoff.items() if (now.get(tp, (None, None))[0] or 0) > at]:
            del backoff[tp]  # it moved on since: a later stall starts the backoff afresh
        clock = time.monotonic()
        for tp in stalled:
            seeks, not_before, _at = backoff.get(tp, (0, 0.0, 0))
            if clock < not_before:
                continue
            committed = now[tp][0] or 0
            self.log.warning(
                "partition_stalled topic=%s partition=%d committed=%d highwater=%s seeks=%d: seeking back to re-read",
                tp.topic, tp.partition, committed, highwaters[tp], seeks + 1,
            )  # fmt: skip
            await self.seek(tp, committed)
            backoff[tp] = (seeks + 1, clock + STALL_CHECK_S * 2 ** min(seeks + 1, 5), committed)
        # after a re-seek, compare from the next interval on (the seek itself changes the read offsets)
        self._stall_snapshot = {} if stalled else now
