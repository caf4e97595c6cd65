"""``extract``: normalised articles -> attributed statements, one record per (statement, blocking key).

Articles are batched (:func:`streams.batching.run_batched`) and spaCy runs in the NLP thread, so heartbeats
keep flowing.
Each statement is sent once per blocking key, keyed by that key, so all statements that could contradict each
other meet on one partition. A statement without blocking keys is still sent once (keyed by its id) so that
it is indexed.
"""

from __future__ import annotations

import logging
import time

import faust
from pydantic import ValidationError

from schemas import Article, Statement

from ..batching import run_batched
from ..context import Pipeline

__all__ = ["register_extract", "statement_records"]

log = logging.getLogger(__name__)


def statement_records(statement: Statement) -> list[tuple[bytes, bytes]]:
    """``(key, value)`` records to send for one statement."""
    value = statement.model_dump_json().encode()
    keys = sorted(set(statement.blocking_keys)) or [statement.id]
    return [(key.encode(), value) for key in keys]


def _extract_batch(articles: list[Article], nlp) -> list[list[Statement] | Exception]:
    """Run the engine on a batch; if the batch fails, find the article that fails (runs in the NLP thread)."""
    from analysis import extract_many, extract_statements

    try:
        return list(extract_many(articles, nlp))
    except Exception:  # noqa: BLE001 - one bad article must not sink the batch; retried one by one below
        out: list[list[Statement] | Exception] = []
        for article in articles:
            try:
                out.append(extract_statements(article, nlp))
            except Exception as exc:  # noqa: BLE001
                out.append(exc)
        return out


def register_extract(p: Pipeline) -> faust.types.AgentT:
    """Declare the ``extract`` agent on the pipeline's app."""
    app, metrics, w = p.app, p.metrics, p.settings.worker

    async def handle(events: list[faust.EventT]) -> None:
        nlp = await p.nlp()
        started = time.monotonic()
        metrics.records_in.labels("extract").inc(len(events))
        articles: list[Article] = []
        good: list[faust.EventT] = []
        for event in events:
            try:
                articles.append(Article.model_validate_json(event.value))
                good.append(event)
            except ValidationError as exc:
                await p.dead_letter(
                    stage="extract", reason="processing_error", error=str(exc), payload=event.value, event=event
                )
        if not articles:
            return
        results = await p.run_blocking(_extract_batch, articles, nlp)
        sent = 0
        for event, result in zip(good, results, strict=True):
            if isinstance(result, Exception):
                await p.dead_letter(
                    stage="extract",
                    reason="processing_error",
                    error=f"{type(result).__name__}: {result}",
                    payload=event.value,
                    event=event,
                )
                continue
            for statement in result:
                for key, value in statement_records(statement):
                    await p.topics.statements.send(key=key, value=value, timestamp=event.message.timestamp)
                    sent += 1
        metrics.records_out.labels("extract").inc(sent)
        elapsed = time.monotonic() - started
        metrics.stage_seconds.labels("extract").observe(elapsed)
        log.info("extract_batch articles=%d records=%d elapsed_s=%.2f", len(articles), sent, elapsed)

    @app.agent(p.topics.normalized, name="extract")
    async def extract(stream: faust.StreamT) -> None:
        # Smaller batches than indexing: one batch of spaCy should take seconds, not minutes.
        await run_batched(stream, handle, size=max(1, min(w.batch_size, 8)), within=w.batch_within_s, name="extract")

    return extract
