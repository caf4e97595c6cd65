"""``extract``: normalised articles -> attributed statements; articles and statements indexed, statements sent on.

Articles are batched (:func:`streams.batching.run_batched`) and spaCy runs in the NLP thread, so heartbeats
keep flowing. For each batch the agent writes the articles and their statements to the document sink (see
:func:`streams.agents.index.index_records` for why this agent indexes them), then sends the statements on to
``detect``: every blocking key is owned by one partition of ``statements`` (:func:`partition_for`), so all
statements that could contradict each other meet on one partition, whatever article or worker they come from.
One ``BlockedStatements`` message per batch goes to each partition that owns a key of the batch's statements
(:func:`detect_records`). A statement without blocking keys has nothing to be compared with: it is indexed and
not sent. The batch is acked after both. Writing a batch overlaps with spaCy on the next one (a second stage of
:func:`streams.batching.run_batched`), so the NLP thread does not wait for Elasticsearch.
"""

from __future__ import annotations

import json
import logging
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

import faust
from pydantic import BaseModel, ValidationError

from schemas import Article, Statement

from ..batching import Stage, run_batched
from ..context import PipelineContext
from ..versions import VersionedSink, article_version, latest_per_id, superseded
from .claims import send_revisions
from .index import idle_refresher, index_records

__all__ = ["detect_records", "partition_for", "register_extract"]

log = logging.getLogger(__name__)

Extracted = tuple[faust.EventT, Article, list[Statement]]  # an event, its article, the article's statements


def partition_for(key: str, partitions: int) -> int:
    """The ``statements`` partition of a blocking key: stable across processes and runs (not ``hash()``)."""
    return zlib.crc32(key.encode("utf-8")) % partitions


# Bytes of statements per detect message before it is split (Kafka's default limit on a record is ~1 MB).
MAX_MESSAGE_BYTES = 512_000


@dataclass
class _Message:
    """A ``BlockedStatements`` message being filled: its statements' JSON and their placements."""

    first: str  # id of the article of its first statement (the message's key)
    members: list[str] = field(default_factory=list)
    placements: list[tuple[str, int]] = field(default_factory=list)
    size: int = 0

    def ends_with(self, text: str) -> bool:
        return bool(self.members) and self.members[-1] is text

    def value(self) -> bytes:
        placements = json.dumps(self.placements, separators=(",", ":"))
        return (
            f'{{"article_id":{json.dumps(self.first)},"statements":[{",".join(self.members)}],'
            f'"placements":{placements}}}'
        ).encode()


def detect_records(
    articles: Sequence[tuple[str, Sequence[Statement]]], partitions: int, max_bytes: int = MAX_MESSAGE_BYTES
) -> list[tuple[int, str, bytes]]:
    """``(partition, key, value)`` of the ``BlockedStatements`` messages for a batch of articles' statements.

    One message per partition that owns at least one of their blocking keys, for the whole batch (not one per
    statement and key: an article has ~25 statements with ~6 keys each, nor one per article: a batch of 8 makes
    ~6 messages instead of ~48), carrying each statement once and its placements there; a message is split
    before its statements pass ``max_bytes``, and a statement bigger than ``max_bytes`` alone is not sent.
    ``key``: the id of the first article with a statement in it. A statement without blocking keys has nothing to
    be compared with and is not sent.
    """
    by_partition: dict[int, list[_Message]] = {}
    for article_id, statements in articles:
        for statement in statements:
            keys = sorted(set(statement.blocking_keys))
            if not keys:
                continue
            # A statement goes to several partitions: serialised once, without default fields (smaller; a reader
            # fills them in again), and spliced into each message.
            text = statement.model_dump_json(exclude_defaults=True)
            if len(text) > max_bytes:
                # A "sentence" of hundreds of KB (a hostile text without full stops): a message of its own could
                # pass Kafka's 1 MB record limit and wedge the batch. It is indexed, not compared.
                log.warning("statement_too_big_for_detect id=%s bytes=%d", statement.id[:100], len(text))
                continue
            for key in keys:
                messages = by_partition.setdefault(partition_for(key, partitions), [])
                last = messages[-1] if messages else None
                if last is None or (last.members and not last.ends_with(text) and last.size + len(text) > max_bytes):
                    last = _Message(article_id)
                    messages.append(last)
                if not last.ends_with(text):
                    last.members.append(text)
                    last.size += len(text) + 1
                last.placements.append((key, len(last.members) - 1))
    return [(part, m.first, m.value()) for part, messages in sorted(by_partition.items()) for m in messages]


def _extract_batch(articles: list[Article], nlp) -> list[list[Statement] | Exception]:
    """Run the engine on a batch; if the batch fails, find the article that fails (runs in the NLP thread)."""
    from analysis import extract_many, extract_statements

    try:
        return list(extract_many(articles, nlp))
    except Exception:  # one bad article must not sink the batch; retried one by one below
        out: list[list[Statement] | Exception] = []
        for article in articles:
            try:
                out.append(extract_statements(article, nlp))
            except Exception as exc:
                out.append(exc)
        return out


async def _latest_only(sink: VersionedSink, extracted: list[Extracted]) -> tuple[list[Extracted], list[Extracted]]:
    """``(to write, updates)``: the batch less every article a later version of supersedes (in the batch, or
    stored already: :func:`streams.versions.superseded`); ``updates``: those of them stored before (a new version,
    or a replay), whose stale statements and contradictions are removed after the write."""
    latest = latest_per_id([(article.id, article.version or "") for _, article, _ in extracted])
    current = [item for i, item in enumerate(extracted) if i in latest]
    older = [item for i, item in enumerate(extracted) if i not in latest]
    stored = await sink.article_versions([article.id for _, article, _ in current])
    fresh: list[Extracted] = []
    updates: list[Extracted] = []
    for item in current:
        article = item[1]
        held = stored.get(article.id)
        if superseded(article.version or "", held):
            older.append(item)
            continue
        fresh.append(item)
        if held is not None:
            updates.append(item)
    for _, article, _ in older:
        log.info("article_superseded article_id=%s version=%s", article.id[:100], article.version)
    return fresh, updates


def register_extract(p: PipelineContext) -> faust.types.AgentT:
    """Declare the ``extract`` agent on the pipeline's app."""
    app, metrics, w = p.app, p.metrics, p.settings.worker
    partitions = p.settings.topics.partitions
    max_statements = p.settings.analysis.max_statements_per_article

    async def handle(events: list[faust.EventT]) -> Stage | None:
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
            if len(result) > max_statements:
                log.warning(
                    "statements_capped article_id=%s statements=%d kept=%d",
                    article.id[:100],
                    len(result),
                    max_statements,
                )
                result = result[:max_statements]
            # the version an update is told by (streams.versions): the raw record's Kafka timestamp and the hash
            version = article_version(event.message.timestamp, article.content_hash)
            extracted.append((event, article.model_copy(update={"version": version}), result))
        extract_s = time.monotonic() - started
        return partial(_index_and_send, extracted, len(articles), started, extract_s)

    async def _index_and_send(
        extracted: list[Extracted],
        n_articles: int,
        started: float,
        extract_s: float,
    ) -> None:
        """Index a batch's articles and statements, then send its statements on to ``detect`` (idempotent: a
        retry writes the same documents and sends the same messages; ``detect`` skips statements it holds)."""
        written = time.monotonic()
        updates: list[Extracted] = []  # only a VersionedSink reports updates
        versioned = p.sink if isinstance(p.sink, VersionedSink) else None
        if versioned is not None:
            extracted, updates = await _latest_only(versioned, extracted)
        if p.sink is not None:
            # Index first: a statement is searchable (and an article counted as done) before detect sees it.
            records: list[BaseModel] = []
            origin: dict[str, faust.EventT] = {}
            for event, article, statements in extracted:
                records.append(article)
                records.extend(statements)
                origin.update(dict.fromkeys([article.id, *(st.id for st in statements)], event))
            await index_records(p, records, origin)
            for _, article, statements in updates:
                if versioned is not None:
                    await versioned.remove_stale(article.id, statements)
            if updates:
                # their statements were written without a claim id, and some may have gone: the claims agent
                # sets it again, and drops what went from the claims, before detect links the new ones
                await send_revisions(p, [(article.id, statements) for _, article, statements in updates])
            now = time.time()
            for event, _, _ in extracted:
                # Kafka timestamps are carried from articles.raw through every stage: publish -> indexed.
                if event.message.timestamp:
                    metrics.end_to_end_seconds.observe(max(0.0, now - event.message.timestamp))
        sent = 0
        # Kafka timestamps are carried through every stage: a message gets its first article's.
        stamps = {article.id: event.message.timestamp for event, article, _ in extracted}
        batch = [(article.id, statements) for _, article, statements in extracted]
        for partition, first, value in detect_records(batch, partitions):
            await p.topics.statements.send(
                key=first.encode(), value=value, partition=partition, timestamp=stamps[first]
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
            on_poison=p.poison("extract"),
            max_failures=w.max_batch_failures,
            on_idle=idle_refresher(p, "extract", ("articles", "statements")),
        )

    return extract
