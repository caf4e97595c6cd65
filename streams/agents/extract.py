"""``extract``: normalised articles -> attributed statements; articles and statements indexed, statements sent on.

Articles are batched (:func:`streams.batching.run_batched`) and spaCy runs in the NLP thread, so heartbeats
keep flowing. For each batch the agent writes the articles and their statements to the document sink (see
:func:`streams.agents.index.index_records` for why this agent indexes them), then sends the statements on to
``detect``: every blocking key is owned by one partition of ``statements`` (:func:`partition_for`), so all
statements that could contradict each other meet on one partition, whatever article or worker they come from.
One ``BlockedStatements`` message goes to each partition that owns a key of the article's statements
(:func:`detect_records`). A statement without blocking keys has nothing to be compared with: it is indexed and
not sent. The batch is acked after both. Writing a batch overlaps with spaCy on the next one (a second stage of
:func:`streams.batching.run_batched`), so the NLP thread does not wait for Elasticsearch.
"""

from __future__ import annotations

import json
import logging
import time
import zlib
from collections.abc import Awaitable, Callable
from functools import partial

import faust
from pydantic import BaseModel, ValidationError

from schemas import Article, Statement

from ..batching import run_batched
from ..context import Pipeline
from .index import idle_refresher, index_records

__all__ = ["detect_records", "partition_for", "register_extract"]

log = logging.getLogger(__name__)

Extracted = tuple[faust.EventT, Article, list[Statement]]  # an event, its article, the article's statements


def partition_for(key: str, partitions: int) -> int:
    """The ``statements`` partition of a blocking key: stable across processes and runs (not ``hash()``)."""
    return zlib.crc32(key.encode("utf-8")) % partitions


def detect_records(article_id: str, statements: list[Statement], partitions: int) -> list[tuple[int, bytes]]:
    """``(partition, value)`` of the ``BlockedStatements`` messages to send for one article's statements.

    One message per partition that owns at least one of their blocking keys (not one per statement and key:
    an article has ~25 statements with ~6 keys each), carrying each statement once and its placements there.
    A statement without blocking keys has nothing to be compared with and is not sent.
    """
    by_partition: dict[int, tuple[list[str], list[tuple[str, int]]]] = {}
    for statement in statements:
        keys = sorted(set(statement.blocking_keys))
        if not keys:
            continue
        # A statement goes to ~4 partitions: serialised once, without default fields (~11 % smaller; a
        # reader fills them in again), and spliced into each message.
        text = statement.model_dump_json(exclude_defaults=True)
        for key in keys:
            members, placements = by_partition.setdefault(partition_for(key, partitions), ([], []))
            if not members or members[-1] is not text:
                members.append(text)
            placements.append((key, len(members) - 1))
    head = f'{{"article_id":{json.dumps(article_id)},"statements":['
    return [
        (part, f'{head}{",".join(members)}],"placements":{json.dumps(placements, separators=(",", ":"))}}}'.encode())
        for part, (members, placements) in sorted(by_partition.items())
    ]


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
    partitions = p.settings.topics.partitions

    async def handle(events: list[faust.EventT]) -> Callable[[], Awaitable[None]] | None:
        """spaCy and the engine on a batch; returns the stage that indexes and sends it (run by ``run_batched``
        while the next batch is in spaCy)."""
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
            return None
        results = await p.run_blocking(_extract_batch, articles, nlp)
        extracted: list[Extracted] = []
        for event, article, result in zip(good, articles, results, strict=True):
            if isinstance(result, Exception):
                await p.dead_letter(
                    stage="extract",
                    reason="processing_error",
                    error=f"{type(result).__name__}: {result}",
                    payload=event.value,
                    event=event,
                )
                continue
            extracted.append((event, article, result))
        extract_s = time.monotonic() - started
        return partial(_index_and_send, extracted, len(articles), started, extract_s)

    async def _index_and_send(
        extracted: list[tuple[faust.EventT, Article, list[Statement]]],
        n_articles: int,
        started: float,
        extract_s: float,
    ) -> None:
        """Index a batch's articles and statements, then send its statements on to ``detect`` (idempotent: a
        retry writes the same documents and sends the same messages; ``detect`` skips statements it holds)."""
        written = time.monotonic()
        if p.sink is not None:
            # Index first: a statement is searchable (and an article counted as done) before detect sees it.
            records: list[BaseModel] = []
            origin: dict[str, faust.EventT] = {}
            for event, article, statements in extracted:
                records.append(article)
                records.extend(statements)
                origin.update(dict.fromkeys([article.id, *(st.id for st in statements)], event))
            await index_records(p, records, origin)
            now = time.time()
            for event, _, _ in extracted:
                # Kafka timestamps are carried from articles.raw through every stage: publish -> indexed.
                if event.message.timestamp:
                    metrics.end_to_end_seconds.observe(max(0.0, now - event.message.timestamp))
        sent = 0
        for event, article, statements in extracted:
            for partition, value in detect_records(article.id, statements, partitions):
                await p.topics.statements.send(
                    key=article.id.encode(), value=value, partition=partition, timestamp=event.message.timestamp
                )
                sent += 1
        metrics.records_out.labels("extract").inc(sum(len(s) for _, _, s in extracted))
        metrics.stage_seconds.labels("extract").observe(extract_s)
        log.info(
            "extract_batch articles=%d statements=%d messages=%d extract_s=%.2f write_s=%.2f elapsed_s=%.2f",
            n_articles,
            sum(len(s) for _, _, s in extracted),
            sent,
            extract_s,
            time.monotonic() - written,
            time.monotonic() - started,
        )

    @app.agent(p.topics.normalized, name="extract")
    async def extract(stream: faust.StreamT) -> None:
        # Smaller batches than indexing: one batch of spaCy should take a second, not minutes.
        await run_batched(
            stream,
            handle,
            size=w.extract_batch_size,
            within=w.extract_within_s,
            name="extract",
            on_idle=idle_refresher(p, "extract", ("articles", "statements")),
        )

    return extract
