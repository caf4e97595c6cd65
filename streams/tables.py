"""Changelog-backed Faust tables: seen content hashes and recent statements per blocking key.

Both tables are keyed like the stream that writes them (content hash; blocking key), so a key's entries live
in the changelog partition of the stream partition that owns the key: a restarted or rebalanced worker
recovers exactly the keys it now owns.
"""

from __future__ import annotations

from dataclasses import dataclass

import faust
from faust.types import TableT

__all__ = ["PipelineTables", "build_tables"]


@dataclass(frozen=True)
class PipelineTables:
    seen: TableT  # content hash -> {"id": article that first had this content, "t": when} (streams.dedupe)
    # "\x1e<partition>:<offset>" -> one message's ring placements and statements as text (streams.agents.detect
    # .batch_text); "<key>\x1f<slot>" -> one placement, the format before batches (read, no longer written)
    candidates: TableT
    # "s\x1f<statement id>" -> the smallest statement id of its claim; "c\x1f<that id>" -> the claim's statements
    # and contradictions; "a\x1f<article id>" -> its statements in claims (streams.claims_table); one partition,
    # as its topic of claim links; claims expire after worker.claims_window_s (tombstones: compaction drops them)
    claims: TableT


def build_tables(
    app: faust.App,
    partitions: int,
    dedupe_window_s: float = 30 * 86_400,
    candidates_window_s: float = 30 * 86_400,
) -> PipelineTables:
    """Declare the tables on ``app`` (memory store by default, RocksDB if configured).

    ``seen`` entries expire after ``dedupe_window_s``, ``candidates`` batches after ``candidates_window_s``
    (``streams.agents.detect.CandidateRing.expire``): each changelog deletes records older than its window
    (Faust creates the topic; one made by an earlier version keeps its old configuration).
    """
    retention_ms = str(max(1, int(dedupe_window_s * 1000)))
    candidates_retention_ms = str(max(1, int(candidates_window_s * 1000)))
    return PipelineTables(
        seen=app.Table(
            "seen-content",
            default=None,
            partitions=partitions,
            help="Content hash -> first article id and when it was seen.",
            extra_topic_configs={"cleanup.policy": "compact,delete", "retention.ms": retention_ms},
        ),
        candidates=app.Table(
            "candidates",
            default=None,
            partitions=partitions,
            help="Recent statements per blocking key (ring).",
            extra_topic_configs={"cleanup.policy": "compact,delete", "retention.ms": candidates_retention_ms},
        ),
        claims=app.Table(
            "claims",
            default=None,
            partitions=1,
            help="Claims: statement -> claim, claim -> its statements and contradictions.",
            extra_topic_configs={"cleanup.policy": "compact"},
        ),
    )
