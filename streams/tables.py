"""Changelog-backed Faust tables: seen content hashes and recent statements per blocking key.

Both tables are keyed like the stream that writes them (content hash; blocking key), so a key's entries live
in the changelog partition of the stream partition that owns the key: a restarted or rebalanced worker
recovers exactly the keys it now owns.
"""

from __future__ import annotations

from dataclasses import dataclass

import faust

__all__ = ["PipelineTables", "build_tables"]


@dataclass(frozen=True)
class PipelineTables:
    seen: faust.Table  # content hash -> article id that first had this content
    candidates: faust.Table  # "<key>\x1fn" -> statements appended; "<key>\x1f<slot>" -> Statement as a dict


def build_tables(app: faust.App, partitions: int) -> PipelineTables:
    """Declare the tables on ``app`` (memory store by default, RocksDB if configured)."""
    return PipelineTables(
        seen=app.Table("seen-content", default=None, partitions=partitions, help="Content hash -> article id."),
        candidates=app.Table(
            "candidates", default=None, partitions=partitions, help="Recent statements per blocking key (ring)."
        ),
    )
