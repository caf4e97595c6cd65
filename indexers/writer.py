"""Bulk writer: deterministic ``_id``s, capped exponential backoff, per-document rejections.

Contract with the index agent:

* ``await writer.write(records)`` indexes every record (articles, statements, contradictions, mixed),
  retrying 429/5xx/connection failures with doubling, capped waits for up to ``give_up_after_s``.
* Documents Elasticsearch refuses for good (4xx other than 429, e.g. a mapping conflict) come back in
  ``WriteResult.rejected`` (id -> reason); the caller dead-letters them.
* A bulk request Elasticsearch refuses *as a whole* with a 4xx other than 429 (an ``_id`` over 512 bytes fails
  the request's validation, say) is permanent too, never retried as it is: the documents are split in halves and
  each half sent again until the offending documents are alone; those come back in ``rejected``, the others
  are written.
* ``await writer.refresh(kinds)`` makes what was written to those kinds' aliases searchable now (best effort).
* If the node stays unavailable it raises :class:`~contraflow.errors.BackendUnavailableError`; the caller
  waits and calls again with the *same* batch (never skips it). Replays are harmless: an index operation with
  the same ``_id`` overwrites.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from elasticsearch import ApiError as _ApiError
from elasticsearch import AsyncElasticsearch
from elasticsearch import TransportError as _TransportError
from elasticsearch.helpers import async_streaming_bulk
from pydantic import BaseModel

from .client import ensure_indices_async, make_async_client
from .documents import document_json, kind_of
from .errors import BackendUnavailableError
from .settings import ElasticsearchSettings
from .templates import alias_name

__all__ = ["EsWriter", "WriteResult", "backoff_delays"]

log = logging.getLogger(__name__)


@dataclass
class WriteResult:
    """Outcome of one :meth:`EsWriter.write` call."""

    indexed: dict[str, int] = field(default_factory=dict)  # alias -> documents written
    rejected: dict[str, str] = field(default_factory=dict)  # _id -> reason (4xx, not retried)
    retries: int = 0
    errors: dict[str, int] = field(default_factory=dict)  # reason -> failed attempts/items
    elapsed_s: float = 0.0


def backoff_delays(initial_s: float, max_s: float):
    """Endless doubling delays capped at ``max_s``: 0.5, 1, 2, 4, ... max_s, max_s, ..."""
    delay = initial_s
    while True:
        yield min(delay, max_s)
        delay = min(delay * 2, max_s)


def _is_transient(status: int) -> bool:
    return status == 429 or status >= 500


def _status(exc: Exception) -> int | None:
    status = getattr(exc, "status_code", None) or getattr(getattr(exc, "meta", None), "status", None)
    try:
        return int(status) if status is not None else None
    except (TypeError, ValueError):
        return None


def _short(text: str, head: int = 150, tail: int = 250) -> str:
    # The node often quotes the offending value (a 600-byte id): keep the start and the end, where it says why.
    return text if len(text) <= head + tail + 5 else f"{text[:head]} ... {text[-tail:]}"


def _request_reason(exc: Exception) -> str:
    """The node's reason for refusing a whole request (its ``error.type: reason``), short."""
    body = getattr(exc, "body", None)
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):
        root = (error.get("root_cause") or [error])[0]
        if isinstance(root, dict):
            return f"http_{_status(exc)} {root.get('type', 'error')}: {_short(str(root.get('reason', '')))}"
    return f"http_{_status(exc)}: {_short(str(getattr(exc, 'message', exc)))}"


def _reason(item: dict[str, Any]) -> str:
    error = item.get("error")
    if isinstance(error, dict):
        return f"{error.get('type', 'error')}: {str(error.get('reason', ''))[:300]}"
    return str(error)[:300] if error else f"status {item.get('status')}"


class EsWriter:
    """Writes schema records to the contraflow aliases.

    Parameters:
        cfg: the ``es`` settings section (url, credentials, index prefix, chunk size, max backoff).
        give_up_after_s: how long one ``write`` keeps retrying before raising ``BackendUnavailableError``
            (the caller then retries the same batch; nothing is dropped).
        client: an existing ``AsyncElasticsearch`` (optional; built from ``cfg`` inside the loop otherwise).
        on_error: called with a short reason (``connection``, ``http_503``, ``rejected``) for every failed attempt
            or rejected document, as it happens (the worker counts them in its metrics while ES is down).
        on_retry: called before every retry wait.
    """

    def __init__(
        self,
        cfg: ElasticsearchSettings,
        *,
        give_up_after_s: float = 60.0,
        initial_backoff_s: float = 0.5,
        client: AsyncElasticsearch | None = None,
        on_error: Callable[[str], None] | None = None,
        on_retry: Callable[[], None] | None = None,
    ) -> None:
        self.cfg = cfg
        self.give_up_after_s = give_up_after_s
        self.initial_backoff_s = initial_backoff_s
        self._client = client
        self._on_error = on_error or (lambda _reason: None)
        self._on_retry = on_retry or (lambda: None)
        self._ready = False
        self._setup_lock: asyncio.Lock | None = None

    @property
    def client(self) -> AsyncElasticsearch:
        if self._client is None:
            self._client = make_async_client(self.cfg)
        return self._client

    async def setup(self) -> None:
        """Save templates and create indices/aliases (idempotent; retried while ES is down)."""
        if self._ready:
            return
        if self._setup_lock is None:
            self._setup_lock = asyncio.Lock()
        async with self._setup_lock:
            if self._ready:
                return
            await self._retrying(
                "setup", lambda: ensure_indices_async(self.client, self.cfg.index_prefix), WriteResult()
            )
            self._ready = True

    async def close(self) -> None:
        if self._client is not None:
            await self._client.close()
            self._client = None

    async def _retrying(self, what: str, fn, result: WriteResult):
        deadline = time.monotonic() + self.give_up_after_s
        delays = backoff_delays(self.initial_backoff_s, self.cfg.max_backoff_s)
        while True:
            try:
                return await fn()
            except (_TransportError, _ApiError) as exc:
                status = getattr(exc, "status_code", None) or getattr(getattr(exc, "meta", None), "status", None)
                if isinstance(exc, _ApiError) and status is not None and not _is_transient(int(status)):
                    raise
                reason = f"http_{status}" if isinstance(exc, _ApiError) and status else "connection"
                self._count(result, reason)
                delay = next(delays)
                if time.monotonic() + delay > deadline:
                    raise BackendUnavailableError(
                        f"Elasticsearch at {self.cfg.safe_url} unavailable during {what} ({type(exc).__name__}); "
                        "is it up? run `contraflow stack status`",
                        retry_after=self.cfg.max_backoff_s,
                    ) from exc
                result.retries += 1
                self._on_retry()
                log.warning("es_retry what=%s reason=%s delay_s=%.1f", what, reason, delay)
                await asyncio.sleep(delay)

    async def refresh(self, kinds: Sequence[str]) -> bool:
        """Make the documents written so far to the aliases of ``kinds`` searchable now, instead of at the
        indices' next periodic refresh. Best effort, one attempt: False (and a log line) when it failed."""
        names = [alias_name(self.cfg.index_prefix, kind) for kind in kinds]
        try:
            await self.client.indices.refresh(index=names, ignore_unavailable=True)
        except (_TransportError, _ApiError) as exc:
            log.info("es_refresh_failed indices=%s error=%s", ",".join(names), type(exc).__name__)
            return False
        return True

    async def delete(self, kind: str, ids: Sequence[str]) -> int:
        """Delete the documents ``ids`` of ``kind`` (a claim merged into another); one already gone is no error.
        Retried while Elasticsearch is down, as :meth:`write`; returns how many were deleted."""
        if not ids:
            return 0
        await self.setup()
        index = alias_name(self.cfg.index_prefix, kind)
        ops = [{"delete": {"_index": index, "_id": doc_id}} for doc_id in ids]
        resp = await self._retrying("delete", lambda: self.client.bulk(operations=ops), WriteResult())
        return sum(1 for item in resp.get("items", []) if item.get("delete", {}).get("result") == "deleted")

    async def update_fields(self, kind: str, fields: Mapping[str, Mapping[str, Any]]) -> int:
        """Set ``fields[id]`` on the stored documents of ``kind`` (the claims agent's ``claim_id``); a document
        not stored (an article update removed it) stays absent: never created by this. Retried while
        Elasticsearch is down, as :meth:`write`; returns how many were updated."""
        if not fields:
            return 0
        await self.setup()
        index = alias_name(self.cfg.index_prefix, kind)
        ops: list[dict[str, Any]] = []
        for doc_id, doc in fields.items():
            ops += [{"update": {"_index": index, "_id": doc_id}}, {"doc": dict(doc)}]
        resp = await self._retrying("update", lambda: self.client.bulk(operations=ops), WriteResult())
        items = [item.get("update", {}) for item in resp.get("items", [])]
        failed = [i for i in items if i.get("status", 200) >= 300 and i.get("status") != 404]
        if failed:
            log.warning("es_update_failed index=%s count=%d first=%s", index, len(failed), _reason(failed[0]))
        return sum(1 for i in items if i.get("status", 200) < 300)

    def _count(self, result: WriteResult, reason: str) -> None:
        result.errors[reason] = result.errors.get(reason, 0) + 1
        self._on_error(reason)

    async def write(self, records: Sequence[BaseModel]) -> WriteResult:
        """Index ``records``; see the module docstring for the retry/rejection contract."""
        result = WriteResult()
        started = time.monotonic()
        await self.setup()
        pending: dict[str, tuple[str, dict[str, Any]]] = {}
        for record in records:
            doc_id, source = document_json(record)
            kind = kind_of(record)
            # The same id twice in one batch (a replayed statement): the last one wins, as in ES.
            pending[f"{kind}\x1f{doc_id}"] = (kind, {"_id": doc_id, "_source": source})
        deadline = time.monotonic() + self.give_up_after_s
        delays = backoff_delays(self.initial_backoff_s, self.cfg.max_backoff_s)
        while pending:
            retry: dict[str, tuple[str, dict[str, Any]]] = {}
            retry = await self._bulk_or_split(pending, result)
            if not retry:
                break
            delay = next(delays)
            if time.monotonic() + delay > deadline:
                raise BackendUnavailableError(
                    f"Elasticsearch at {self.cfg.safe_url} kept failing for {self.give_up_after_s:.0f}s "
                    f"({len(retry)} documents pending); is it up? run `contraflow stack status`",
                    retry_after=self.cfg.max_backoff_s,
                )
            result.retries += 1
            self._on_retry()
            log.warning("es_bulk_retry pending=%d delay_s=%.1f errors=%s", len(retry), delay, result.errors)
            await asyncio.sleep(delay)
            pending = retry
        result.elapsed_s = time.monotonic() - started
        return result

    async def _bulk_or_split(
        self, pending: dict[str, tuple[str, dict[str, Any]]], result: WriteResult
    ) -> dict[str, tuple[str, dict[str, Any]]]:
        """One bulk of ``pending``; returns what to retry later (429, 5xx, connection errors: all of it).

        A request refused as a whole with a permanent 4xx is split in halves, each sent again, down to single
        documents, which are rejected (``result.rejected``) with the node's error. So one poison document costs
        about 2 * log2(n) more requests, and every other document of the batch is written.
        """
        try:
            return await self._bulk_once(pending, result)
        except (_TransportError, _ApiError) as exc:
            status = _status(exc)
            if not isinstance(exc, _ApiError) or status is None or _is_transient(status):
                self._count(result, f"http_{status}" if isinstance(exc, _ApiError) and status else "connection")
                return pending
            self._count(result, f"http_{status}")
            if len(pending) == 1:
                ((_, (_, doc)),) = pending.items()
                self._count(result, "rejected")
                result.rejected[str(doc["_id"])] = _request_reason(exc)
                log.warning("es_request_rejected status=%s id_bytes=%d", status, len(str(doc["_id"]).encode()))
                return {}
            log.warning("es_request_refused status=%s documents=%d (splitting)", status, len(pending))
            items = list(pending.items())
            half = len(items) // 2
            retry = await self._bulk_or_split(dict(items[:half]), result)
            retry.update(await self._bulk_or_split(dict(items[half:]), result))
            return retry

    async def _bulk_once(
        self, pending: dict[str, tuple[str, dict[str, Any]]], result: WriteResult
    ) -> dict[str, tuple[str, dict[str, Any]]]:
        prefix = self.cfg.index_prefix
        actions = [{"_op_type": "index", "_index": alias_name(prefix, kind), **doc} for kind, doc in pending.values()]
        retry: dict[str, tuple[str, dict[str, Any]]] = {}
        indexed: dict[str, int] = {}
        async for ok, item in async_streaming_bulk(
            self.client,
            actions,
            chunk_size=self.cfg.bulk_chunk_size,
            raise_on_error=False,
            raise_on_exception=True,
            max_retries=0,
        ):
            info = item.get("index", {})
            doc_id = str(info.get("_id"))
            # The response names the concrete index (<alias>-v1); map it back to the kind.
            alias = str(info.get("_index", "")).rsplit("-v", 1)[0]
            key = f"{alias[len(prefix) + 1 :]}\x1f{doc_id}"
            if key not in pending:
                continue
            if ok:
                indexed[alias] = indexed.get(alias, 0) + 1
                continue
            status = int(info.get("status", 0))
            if _is_transient(status):
                self._count(result, f"http_{status}")
                retry[key] = pending[key]
            else:
                self._count(result, "rejected")
                result.rejected[doc_id] = _reason(info)
        for alias, n in indexed.items():
            result.indexed[alias] = result.indexed.get(alias, 0) + n
        if result.rejected:
            log.warning("es_rejected count=%d", len(result.rejected))
        return retry
