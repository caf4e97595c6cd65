"""``normalise``: raw bytes -> validated, cleaned ``Article``; bad input -> dead letter. ``dedupe``: by content hash.

Raw records are re-keyed by content hash before the de-duplication table, so the same content published under
two keys meets on one partition (and one worker) whatever partition it arrived on.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable

import faust
from pydantic import ValidationError

from analysis.normalize import UnsupportedLanguageError, normalize_article
from schemas import Article, ArticleIn

from ..context import PipelineContext
from ..dedupe import entry, expired, first_seen, purge_interval
from ..guard import guarded

__all__ = ["MAX_JSON_DEPTH", "RawRecordError", "classify_raw", "json_depth", "normalise_record", "register_normalise"]

log = logging.getLogger(__name__)

# An article is a flat object with one list (authors): nothing legitimate nests deeper than a few levels. Deeper
# input is refused with reason ``too_deep`` (Python's json raises RecursionError past ~1,000 levels).
MAX_JSON_DEPTH = 64


class RawRecordError(ValueError):
    """A raw record cannot become an article; ``reason`` is a dead-letter reason."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def _validation_reason(exc: ValidationError) -> tuple[str, str]:
    parts = []
    reason = "validation"
    for err in exc.errors():
        loc = ".".join(str(p) for p in err.get("loc", ())) or "record"
        msg = err.get("msg", "")
        parts.append(f"{loc}: {msg}")
        if loc == "text" and "text is empty" in msg:
            reason = "empty_text"
        elif loc == "text" and "more than the limit" in msg:
            reason = "too_large"
    return reason, "; ".join(parts)[:1000]


def json_depth(data: object, limit: int = MAX_JSON_DEPTH) -> int:
    """Nesting depth of parsed JSON (a scalar is 0, ``[]`` is 1); stops counting once past ``limit``.

    Iterative: a deep value cannot exhaust the stack here.
    """
    deepest = 0
    stack: list[tuple[object, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        children: Iterable[object]
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        depth += 1
        deepest = max(deepest, depth)
        if deepest > limit:
            break
        stack.extend((child, depth) for child in children if isinstance(child, dict | list))
    return deepest


def normalise_record(payload: bytes | None, *, max_text_chars: int) -> tuple[Article, bytes]:
    """Raw record bytes -> normalised ``Article`` and its JSON, or ``RawRecordError`` with a dead-letter reason.

    Pure (no Kafka), so every rejection rule is unit-testable. The JSON is what ``normalise`` sends on: an
    article that cannot be serialised (a lone surrogate from a ``\\udXXX`` escape) is refused here too.
    """
    if payload is None or not payload.strip():
        raise RawRecordError("invalid_json", "empty record")
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RawRecordError("invalid_encoding", f"not UTF-8: {exc}") from exc
    try:
        data = json.loads(text)
    except RecursionError as exc:
        raise RawRecordError("too_deep", f"JSON nested deeper than {MAX_JSON_DEPTH} levels") from exc
    except ValueError as exc:  # JSONDecodeError, and numbers too long to convert
        raise RawRecordError("invalid_json", f"not JSON: {str(exc)[:300]}") from exc
    if json_depth(data) > MAX_JSON_DEPTH:
        raise RawRecordError("too_deep", f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
    if not isinstance(data, dict):
        raise RawRecordError("validation", f"expected a JSON object, got {type(data).__name__}")
    try:
        raw = ArticleIn.model_validate(data, context={"max_text_chars": max_text_chars})
    except ValidationError as exc:
        raise RawRecordError(*_validation_reason(exc)) from exc
    try:
        article = normalize_article(raw)
    except UnsupportedLanguageError as exc:
        raise RawRecordError("unsupported_language", str(exc)) from exc
    except ValueError as exc:
        reason = "empty_text" if "empty" in str(exc) else "validation"
        raise RawRecordError(reason, str(exc)[:1000]) from exc
    try:
        value = article.model_dump_json().encode()
    except (ValueError, UnicodeError) as exc:  # PydanticSerializationError is a ValueError
        raise RawRecordError("invalid_encoding", f"cannot be encoded as UTF-8 JSON: {str(exc)[:300]}") from exc
    return article, value


def classify_raw(payload: bytes | None, *, max_text_chars: int) -> Article:
    """Raw record bytes -> normalised ``Article``, or ``RawRecordError`` with a dead-letter reason.

    Pure (no Kafka), so every rejection rule is unit-testable (see :func:`normalise_record`).
    """
    return normalise_record(payload, max_text_chars=max_text_chars)[0]


def register_normalise(p: PipelineContext) -> tuple[faust.types.AgentT, faust.types.AgentT]:
    """Declare the ``normalise`` and ``dedupe`` agents on the pipeline's app."""
    app, metrics = p.app, p.metrics
    max_chars = p.settings.analysis.max_text_chars
    window_s = p.settings.worker.dedupe_window_s

    async def normalise_one(event: faust.EventT) -> None:
        started = time.monotonic()
        payload = event.value
        try:
            article, value = normalise_record(payload, max_text_chars=max_chars)
        except RawRecordError as exc:
            await p.dead_letter(stage="normalise", reason=exc.reason, error=str(exc), payload=payload, event=event)
            return
        await p.topics.by_hash.send(key=article.content_hash.encode(), value=value, timestamp=event.message.timestamp)
        metrics.stage_seconds.labels("normalise").observe(time.monotonic() - started)

    @app.agent(p.topics.raw, name="normalise")
    async def normalise(stream: faust.StreamT) -> None:
        # Whatever a record's bytes make normalise_record (or the send) raise, it is dead-lettered as
        # processing_error and the agent goes on; Kafka being down is waited out (streams.guard).
        async for event in stream.events():
            metrics.records_in.labels("normalise").inc()
            await guarded(p, "normalise", event, normalise_one)

    async def dedupe_one(event: faust.EventT) -> None:
        seen = p.tables.seen
        article = Article.model_validate_json(event.value)  # (an error: guarded dead-letters it)
        now = event.message.timestamp or time.time()
        first = first_seen(seen.get(article.content_hash), now, window_s)
        if first is not None and first != article.id:
            # Same words under another id: already in the pipeline. A replay of the same id passes again
            # (downstream writes are idempotent), so a crash between table write and send loses nothing.
            metrics.duplicates.inc()
            log.info("duplicate_article article_id=%s first_id=%s", article.id, first)
            return
        if first is None:
            seen[article.content_hash] = entry(article.id, now)
        await p.topics.normalized.send(key=article.id.encode(), value=event.value, timestamp=event.message.timestamp)
        metrics.records_out.labels("normalise").inc()

    @app.agent(p.topics.by_hash, name="dedupe")
    async def dedupe(stream: faust.StreamT) -> None:
        async for event in stream.events():
            await guarded(p, "dedupe", event, dedupe_one)

    @app.timer(purge_interval(window_s), name="dedupe-purge")
    async def purge_seen() -> None:
        # Local store only: outside an event Faust cannot write the changelog, whose retention drops the
        # same entries (and a restored expired entry counts as absent anyway).
        # An exception in a Faust timer crashes the whole worker: a purge that fails is only logged.
        try:
            store = p.tables.seen.data
            gone = expired(list(store.items()), time.time(), window_s)
            for key in gone:
                store.pop(key, None)
        except Exception:  # the next run tries again
            log.warning("dedupe_purge_failed", exc_info=True)
            return
        if gone:
            log.info("dedupe_purged entries=%d kept=%d", len(gone), len(store))

    return normalise, dedupe
