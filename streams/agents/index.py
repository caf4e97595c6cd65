"""``index-*``: articles, statements and contradictions -> the document sink (Elasticsearch in the worker).

A batch is acked (so its offsets can be committed) only after the sink has written it or dead-lettered what
Elasticsearch refused: while the node is down the agent waits with capped backoff and retries the *same* batch,
lag grows, nothing is skipped.
"""

from __future__ import annotations

import asyncio
import logging
import time

import faust
from pydantic import BaseModel, ValidationError

from contraflow.errors import BackendUnavailableError
from schemas import Article, Contradiction, Statement

from ..batching import run_batched
from ..context import Pipeline

__all__ = ["primary_statement_record", "register_index"]

log = logging.getLogger(__name__)


async def _write_until_done(p: Pipeline, stage: str, records: list[BaseModel]):
    """Write one batch, waiting out an unavailable backend for as long as it takes."""
    waits = 0
    while True:
        try:
            return await p.sink.write(records)  # type: ignore[union-attr]
        except BackendUnavailableError as exc:
            waits += 1
            p.metrics.es_bulk_errors.labels("unavailable").inc()
            delay = min(exc.retry_after, p.settings.es.max_backoff_s)
            log.warning("index_waiting stage=%s records=%d waits=%d retry_in_s=%.1f", stage, len(records), waits, delay)
            await asyncio.sleep(delay)


def primary_statement_record(key: bytes | None, statement: Statement) -> bool:
    """True for the one record (of the several per blocking key) that carries a statement to the index."""
    keys = sorted(set(statement.blocking_keys))
    name = (key or b"").decode("utf-8", "replace")
    return name == keys[0] if keys else True


def _register_one(p: Pipeline, stage: str, topic: faust.TopicT, model: type[BaseModel]) -> faust.types.AgentT:
    app, metrics, w = p.app, p.metrics, p.settings.worker

    async def handle(events: list[faust.EventT]) -> None:
        started = time.monotonic()
        metrics.records_in.labels(stage).inc(len(events))
        records: list[BaseModel] = []
        by_id: dict[str, faust.EventT] = {}
        for event in events:
            try:
                record = model.model_validate_json(event.value)
            except ValidationError as exc:
                await p.dead_letter(
                    stage=stage, reason="processing_error", error=str(exc), payload=event.value, event=event
                )
                continue
            if isinstance(record, Statement) and not primary_statement_record(event.key, record):
                continue  # the same statement under another blocking key: indexed once, from its first key
            records.append(record)
            by_id[record.id] = event  # type: ignore[attr-defined]
        if not records:
            return
        # Errors and retries are counted by the sink as they happen (see the worker's wiring).
        result = await _write_until_done(p, stage, records)
        metrics.es_bulk_seconds.observe(result.elapsed_s)
        for alias, n in result.indexed.items():
            metrics.es_documents.labels(alias, "indexed").inc(n)
        for doc_id, reason in result.rejected.items():
            event = by_id.get(doc_id)
            metrics.es_documents.labels(
                f"{p.settings.es.index_prefix}-{stage.removeprefix('index-')}", "rejected"
            ).inc()
            await p.dead_letter(
                stage=stage,
                reason="es_rejected",
                error=reason,
                payload=event.value if event is not None else b"",
                event=event,
            )
        now = time.time()
        if model is Article:
            # Kafka timestamps are carried from articles.raw through every stage: publish -> indexed.
            for event in events:
                if event.message.timestamp:
                    metrics.end_to_end_seconds.observe(max(0.0, now - event.message.timestamp))
        metrics.records_out.labels(stage).inc(sum(result.indexed.values()))
        elapsed = time.monotonic() - started
        metrics.stage_seconds.labels(stage).observe(elapsed)
        log.info(
            "index_batch stage=%s records=%d indexed=%d rejected=%d retries=%d elapsed_s=%.2f",
            stage,
            len(records),
            sum(result.indexed.values()),
            len(result.rejected),
            result.retries,
            elapsed,
        )

    @app.agent(topic, name=stage)
    async def index(stream: faust.StreamT) -> None:
        await run_batched(stream, handle, size=w.batch_size, within=w.batch_within_s, name=stage)

    return index


def register_index(p: Pipeline) -> list[faust.types.AgentT]:
    """Declare the three index agents (articles, statements, contradictions)."""
    if p.sink is None:
        raise ValueError("the index agents need a document sink (the worker passes indexers.EsWriter)")
    return [
        _register_one(p, "index-articles", p.topics.normalized, Article),
        _register_one(p, "index-statements", p.topics.statements, Statement),
        _register_one(p, "index-contradictions", p.topics.contradictions, Contradiction),
    ]
