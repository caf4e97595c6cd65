"""Writing to the document sink (Elasticsearch in the worker), and the ``index-contradictions`` agent.

Every Kafka topic of the pipeline is consumed by exactly one agent. Faust clears its agents' in-memory queues
on a rebalance; a message delivered to two agents could be read by one and dropped from the other's queue,
staying "in flight" forever and wedging the rebalance (``wait_empty``). So articles and statements are indexed
by the ``extract`` agent itself (see :func:`index_records`), and only contradictions have an index agent.

A batch is acked (so its offsets can be committed) only after the sink has written it or dead-lettered what
Elasticsearch refused: while the node is down the agent waits with capped backoff and retries the *same* batch,
lag grows, nothing is skipped.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from operator import attrgetter

import faust
from pydantic import BaseModel, ValidationError

from schemas import Article, Claim, Contradiction, Statement
from schemas.errors import BackendUnavailableError

from ..batching import OnIdle, run_batched
from ..context import PipelineContext
from ..versions import VersionedSink, current_contradictions

__all__ = ["idle_refresher", "index_records", "register_index", "stage_of"]

log = logging.getLogger(__name__)

_id_of = attrgetter("id")  # every indexed record (Article, Statement, Contradiction) has an id

_STAGES: dict[type[BaseModel], str] = {
    Article: "index-articles",
    Statement: "index-statements",
    Contradiction: "index-contradictions",
    Claim: "index-claims",
}


def stage_of(record: BaseModel) -> str:
    """The metrics/dead-letter stage that indexes ``record`` (``index-articles``, ...)."""
    return _STAGES[type(record)]


async def _write_until_done(p: PipelineContext, records: Sequence[BaseModel]):
    """Write one batch, waiting out an unavailable backend for as long as it takes."""
    if p.sink is None:
        raise RuntimeError("the index agents need a DocumentSink: the worker gives the pipeline one")
    waits = 0
    while True:
        try:
            return await p.sink.write(records)
        except BackendUnavailableError as exc:
            waits += 1
            p.metrics.es_bulk_errors.labels("unavailable").inc()
            delay = min(exc.retry_after, p.settings.es.max_backoff_s)
            log.warning("index_waiting records=%d waits=%d retry_in_s=%.1f", len(records), waits, delay)
            await asyncio.sleep(delay)


async def index_records(p: PipelineContext, records: Sequence[BaseModel], origin: Mapping[str, faust.EventT]) -> None:
    """Write ``records`` to the sink (retrying until it is up); dead-letter each document it refuses for good.

    ``origin`` maps a record id to the event it came from. A refused article or contradiction is dead-lettered
    with its event's original bytes; a refused statement (extracted, so no event holds it alone) with its JSON.
    Returns once every record is written or dead-lettered: only then may the caller ack its events.
    """
    if not records:
        return
    metrics = p.metrics
    counts = Counter(stage_of(record) for record in records)
    for stage, n in counts.items():
        metrics.records_in.labels(stage).inc(n)
    started = time.monotonic()
    # Errors and retries are counted by the sink as they happen (see the worker's wiring).
    result = await _write_until_done(p, records)
    metrics.es_bulk_seconds.observe(result.elapsed_s)
    for alias, n in result.indexed.items():
        metrics.es_documents.labels(alias, "indexed").inc(n)
    by_id = {_id_of(record): record for record in records}
    rejected: Counter[str] = Counter()
    for doc_id, reason in result.rejected.items():
        record = by_id.get(doc_id)
        stage = stage_of(record) if record is not None else "index"
        rejected[stage] += 1
        metrics.es_documents.labels(f"{p.settings.es.index_prefix}-{stage.removeprefix('index-')}", "rejected").inc()
        event = origin.get(doc_id)
        if isinstance(record, Statement):
            payload = record.model_dump_json().encode()
        else:
            payload = event.value if event is not None else b""
        await p.dead_letter(stage=stage, reason="es_rejected", error=reason, payload=payload, event=event)
    for stage, n in counts.items():
        metrics.records_out.labels(stage).inc(n - rejected[stage])
        metrics.stage_seconds.labels(stage).observe(time.monotonic() - started)
    log.info(
        "index_batch records=%d indexed=%d rejected=%d retries=%d elapsed_s=%.2f",
        len(records),
        sum(result.indexed.values()),
        len(result.rejected),
        result.retries,
        time.monotonic() - started,
    )


def idle_refresher(p: PipelineContext, stage: str, kinds: tuple[str, ...]) -> OnIdle | None:
    """The ``on_idle`` of an agent that writes ``kinds`` (``articles``, ...): refresh them, at most once per
    ``es.idle_refresh_min_s``. None when ``es.idle_refresh`` is off or there is no sink.

    Elasticsearch makes a write searchable at the index's next refresh (every second): about half a second of the
    publish -> searchable latency when the pipeline is not busy. When an agent has caught up with its input, a
    refresh now costs one small segment; under load there is always a next batch and nothing is asked.
    """
    cfg, sink = p.settings.es, p.sink
    if sink is None or not cfg.idle_refresh:
        return None
    last = -float("inf")
    later: asyncio.Task[None] | None = None

    async def now() -> None:
        nonlocal last
        last = time.monotonic()
        ok = await sink.refresh(kinds)
        p.metrics.es_refreshes.labels(stage, "ok" if ok else "failed").inc()

    async def after(wait: float) -> None:
        await asyncio.sleep(wait)
        try:
            await now()
        except Exception:  # best effort, as on_idle itself: the periodic refresh is still there
            log.warning("idle_refresh_failed stage=%s", stage, exc_info=True)

    async def refresh() -> None:
        nonlocal later
        wait = last + cfg.idle_refresh_min_s - time.monotonic()
        if wait <= 0:
            await now()
        elif later is None or later.done():
            # too soon after the last one: one more when the interval is over, not none (the writes of a second
            # stage that lands right after the first would otherwise wait for the periodic refresh, or forever on
            # an index without one)
            later = asyncio.ensure_future(after(wait))

    return refresh


def register_index(p: PipelineContext) -> faust.types.AgentT:
    """Declare the ``index-contradictions`` agent (articles and statements are indexed by ``extract``)."""
    if p.sink is None:
        raise ValueError("the index agent needs a document sink (the worker passes indexers.EsWriter)")
    app, w = p.app, p.settings.worker
    stage = "index-contradictions"

    async def handle(events: list[faust.EventT]) -> None:
        records: list[Contradiction] = []
        origin: dict[str, faust.EventT] = {}
        for event in events:
            try:
                record = Contradiction.model_validate_json(event.value)
            except ValidationError as exc:
                await p.dead_letter(
                    stage=stage, reason="processing_error", error=str(exc), payload=event.value, event=event
                )
                continue
            records.append(record)
            origin[record.id] = event
        if records and isinstance(p.sink, VersionedSink):
            # Only pairs whose two statements are stored as judged: detect's rings may still hold an updated
            # article's old statements, and a pair on them may arrive after the update removed it (streams.versions).
            stored = await p.sink.stored_statements([s.id for c in records for s in (c.a, c.b)])
            records, stale = current_contradictions(records, stored)
            for c in stale:
                log.info("contradiction_stale id=%s a=%s b=%s", c.id, c.a.id[:100], c.b.id[:100])
        await index_records(p, records, origin)

    @app.agent(p.topics.contradictions, name=stage)
    async def index(stream: faust.StreamT) -> None:
        await run_batched(
            stream,
            handle,
            size=w.batch_size,
            within=w.batch_within_s,
            name=stage,
            on_poison=p.poison(stage),
            max_failures=w.max_batch_failures,
            on_idle=idle_refresher(p, stage, ("contradictions",)),
        )

    return index
