"""What every agent needs: the app, topics, tables, metrics, settings, the document sink and the NLP runner."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

import faust
from pydantic import BaseModel

from schemas import DeadLetter
from schemas.deadletter import DEADLETTER_KEY_MAX_BYTES

from . import gc_tuning
from .metrics import Metrics
from .settings import PipelineSettings
from .tables import PipelineTables
from .topics import PipelineTopics

__all__ = ["DocumentSink", "PipelineContext", "SinkResult"]

log = logging.getLogger(__name__)


class SinkResult(Protocol):
    indexed: dict[str, int]
    rejected: dict[str, str]
    retries: int
    errors: dict[str, int]
    elapsed_s: float


class DocumentSink(Protocol):
    """Where the index agents write (``indexers.EsWriter`` in the worker; ``streams`` never imports it).

    ``write`` either returns (documents written, or rejected for good in ``rejected``) or raises
    ``BackendUnavailableError``, after which the agent retries the same batch.
    """

    async def write(self, records: Sequence[BaseModel]) -> SinkResult: ...

    async def refresh(self, kinds: Sequence[str]) -> bool:
        """Make what was written to ``kinds`` (``articles``, ...) searchable now; best effort."""
        ...


@dataclass
class PipelineContext:
    """Everything the agents share inside one worker."""

    app: faust.App
    settings: PipelineSettings
    topics: PipelineTopics
    tables: PipelineTables
    metrics: Metrics
    sink: DocumentSink | None = None
    # spaCy runs in one dedicated thread: the event loop (and its Kafka heartbeats) stays free.
    executor: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="nlp"))
    _nlp: Any = None
    _nlp_lock: asyncio.Lock | None = None

    async def nlp(self) -> Any:
        """The spaCy pipeline, loaded once per worker (in the NLP thread)."""
        if self._nlp is None:
            if self._nlp_lock is None:
                self._nlp_lock = asyncio.Lock()
            async with self._nlp_lock:
                if self._nlp is None:
                    from analysis import load_nlp

                    model = self.settings.analysis.spacy_model
                    started = time.monotonic()
                    self._nlp = await self.run_blocking(load_nlp, model)
                    log.info("nlp_loaded model=%s elapsed_s=%.2f", model, time.monotonic() - started)
                    gc_tuning.freeze()  # the model lives as long as the worker: no collection need walk it again
        return self._nlp

    async def run_blocking(self, fn: Any, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self.executor, fn, *args)

    def poison(self, stage: str):
        """The ``on_poison`` of ``run_batched`` for an agent: dead-letter the record (reason processing_error)."""

        async def on_poison(event: faust.EventT, exc: BaseException) -> None:
            value = event.value
            await self.dead_letter(
                stage=stage,
                reason="processing_error",
                error=f"failed {self.settings.worker.max_batch_failures} times: {type(exc).__name__}: {exc}",
                payload=value if isinstance(value, bytes) else None,
                event=event,
            )

        return on_poison

    async def dead_letter(
        self,
        *,
        stage: str,
        reason: str,
        error: str,
        payload: bytes | None,
        event: faust.EventT | None = None,
        key: bytes | None = None,
    ) -> None:
        """Send one record to the dead-letter topic with its reason, and count it.

        Whatever the record's size, the dead letter fits a Kafka record: the payload is kept whole up to
        ``worker.deadletter_max_payload_bytes`` (else its prefix, its length and sha256), the error message and
        a key longer than ``DEADLETTER_KEY_MAX_BYTES`` are cut (the Kafka key is then the key's sha256).
        """
        message = event.message if event is not None else None
        raw_key = key if key is not None else (message.key if message is not None else None)
        if isinstance(raw_key, str):
            raw_key = raw_key.encode("utf-8", "surrogatepass")
        key_text = None
        if isinstance(raw_key, bytes):
            key_text = raw_key[:DEADLETTER_KEY_MAX_BYTES].decode("utf-8", "backslashreplace")[:DEADLETTER_KEY_MAX_BYTES]
            if len(raw_key) > DEADLETTER_KEY_MAX_BYTES:
                raw_key = hashlib.sha256(raw_key).hexdigest().encode()
        record = DeadLetter.from_bytes(
            payload or b"",
            max_payload_bytes=self.settings.worker.deadletter_max_payload_bytes,
            stage=stage,
            reason=reason,
            # (a lone surrogate, say from a JSON escape quoted in the message, cannot be encoded as JSON)
            error=error[:2000].encode("utf-8", "backslashreplace").decode("utf-8"),
            key=key_text,
            topic=message.topic if message is not None else None,
            partition=message.partition if message is not None else None,
            offset=message.offset if message is not None else None,
            at=datetime.now(UTC),
        )
        await self.topics.deadletter.send(key=raw_key, value=record.model_dump_json().encode())
        self.metrics.deadletters.labels(stage, reason).inc()
        log.warning(
            "dead_letter stage=%s reason=%s topic=%s partition=%s offset=%s bytes=%d",
            stage,
            reason,
            record.topic,
            record.partition,
            record.offset,
            record.payload_bytes or 0,
        )
