"""``detect``: each statement (keyed by one blocking key) against recent statements of that key.

The table keeps a ring of the last ``analysis.candidates_per_key`` statements per key, so placing a statement
costs at most that many comparisons per key, however large the store grows. Because every statement of a key
arrives on the partition that owns the key, a pair is compared whichever statement arrives first, on any worker.
A pair sharing several keys is emitted only under the smallest shared key, so it is sent once, not per key.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict

import faust
from pydantic import ValidationError

from schemas import Contradiction, Statement

from ..context import Pipeline

__all__ = ["CandidateRing", "register_detect", "should_emit"]

log = logging.getLogger(__name__)

_SEP = "\x1f"


def should_emit(key: str, a: Statement, b: Statement) -> bool:
    """True when ``key`` is the smallest blocking key the two statements share (one emission per pair)."""
    shared = set(a.blocking_keys) & set(b.blocking_keys)
    return bool(shared) and key == min(shared)


class CandidateRing:
    """Bounded ring of statements per key over a (Faust) mapping: ``<key>\\x1fn`` and ``<key>\\x1f<slot>``.

    Only small per-slot values are written, so each append costs two changelog records.
    """

    def __init__(self, table, size: int, cache_size: int = 50_000) -> None:
        self.table = table
        self.size = size
        self._cache: OrderedDict[str, Statement] = OrderedDict()
        self._cache_size = cache_size

    def _parse(self, value) -> Statement | None:
        if value is None:
            return None
        sid = value.get("id") if isinstance(value, dict) else None
        if sid is not None and sid in self._cache:
            self._cache.move_to_end(sid)
            return self._cache[sid]
        statement = Statement.model_validate(value)
        self._cache[statement.id] = statement
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return statement

    def candidates(self, key: str) -> list[Statement]:
        count = self.table.get(f"{key}{_SEP}n") or 0
        out = []
        for slot in range(min(count, self.size)):
            statement = self._parse(self.table.get(f"{key}{_SEP}{slot}"))
            if statement is not None:
                out.append(statement)
        return out

    def add(self, key: str, statement: Statement) -> None:
        count = self.table.get(f"{key}{_SEP}n") or 0
        self.table[f"{key}{_SEP}{count % self.size}"] = statement.model_dump(mode="json")
        self.table[f"{key}{_SEP}n"] = count + 1
        self._cache[statement.id] = statement


def register_detect(p: Pipeline) -> faust.types.AgentT:
    """Declare the ``detect`` agent on the pipeline's app."""
    app, metrics = p.app, p.metrics
    min_score = p.settings.analysis.min_score
    ring = CandidateRing(p.tables.candidates, p.settings.analysis.candidates_per_key)

    @app.agent(p.topics.statements, name="detect")
    async def detect(stream: faust.StreamT) -> None:
        from analysis import judge_statements

        async for event in stream.events():
            started = time.monotonic()
            metrics.records_in.labels("detect").inc()
            try:
                new = Statement.model_validate_json(event.value)
            except ValidationError as exc:
                await p.dead_letter(
                    stage="detect", reason="processing_error", error=str(exc), payload=event.value, event=event
                )
                continue
            key = (event.key or b"").decode("utf-8", "replace")
            if key not in new.blocking_keys:
                continue  # sent only to be indexed: no block to compare within
            candidates = ring.candidates(key)
            metrics.candidates.observe(len(candidates))
            replay = False
            found: list[Contradiction] = []
            for old in candidates:
                if old.id == new.id:
                    replay = True  # redelivered after a crash: compare again (idempotent), do not store twice
                    continue
                if not should_emit(key, new, old):
                    continue
                try:
                    result = judge_statements(old, new)
                except Exception as exc:  # noqa: BLE001 - an engine bug on one pair must not stop the stream
                    log.exception("judge_failed key=%s a=%s b=%s error=%s", key, old.id, new.id, exc)
                    continue
                if result is not None and result.score >= min_score:
                    found.append(result)
            if not replay:
                ring.add(key, new)
            for c in found:
                await p.topics.contradictions.send(
                    key=c.id.encode(), value=c.model_dump_json().encode(), timestamp=event.message.timestamp
                )
                metrics.contradictions.labels(c.kind).inc()
            metrics.records_out.labels("detect").inc(len(found))
            metrics.stage_seconds.labels("detect").observe(time.monotonic() - started)

    return detect
