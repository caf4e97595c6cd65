"""Phase 1: raw Kafka: produce then consume the article payloads with the clients the pipeline uses.

The producer is ``contraflow publish``'s (kafka-python, ``acks=all``, idempotent, compressed), the consumer is
aiokafka (as in Faust). Both phases are timed from the first record to the last acknowledged or received one; connecting
is not timed.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer

from streams.security import client_options
from streams.settings import KafkaSettings

from ..errors import StackError
from ..kafka_admin import ensure_topics
from ..publish import Publisher
from ..settings import Settings
from .kafka_util import admin_client, delete_topics_with_prefix
from .stats import rate

__all__ = ["RawKafkaResult", "run_raw_kafka"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RawKafkaResult:
    """Throughput of one produce-then-consume round over ``messages`` records of ``bytes_total`` bytes."""

    messages: int
    bytes_total: int
    produce_s: float
    consume_s: float

    @property
    def produce_msgs_per_s(self) -> float:
        return rate(self.messages, self.produce_s)

    @property
    def consume_msgs_per_s(self) -> float:
        return rate(self.messages, self.consume_s)

    @property
    def msgs_per_s(self) -> float:
        """Records per second through Kafka and back: produce time plus consume time."""
        return rate(self.messages, self.produce_s + self.consume_s)


def _produce(settings: Settings, topic: str, records: Sequence[tuple[bytes, bytes]]) -> float:
    # The producer of `contraflow publish`: acks=all, idempotent, compressed. Closing twice is harmless.
    with Publisher(settings, topic=topic) as publisher:
        publisher.send(None, b"{}").get(timeout=30)  # connect and fetch metadata before the clock starts
        t0 = time.perf_counter()
        for key, value in records:
            publisher.send(key, value)
        publisher.close()  # waits until the broker has acknowledged every record
        return time.perf_counter() - t0


async def _consume(kafka: KafkaSettings, topic: str, expected: int, timeout_s: float) -> float:
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=kafka.bootstrap,
        **client_options(kafka),
        group_id=None,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        client_id="contraflow-bench",
    )
    await consumer.start()
    try:
        seen = 0
        t0 = time.perf_counter()
        deadline = t0 + timeout_s
        while seen < expected:
            if time.perf_counter() > deadline:
                raise StackError(f"raw Kafka consume got {seen}/{expected} records from {topic} in {timeout_s} s")
            batches = await consumer.getmany(timeout_ms=500, max_records=1000)
            seen += sum(len(b) for b in batches.values())
        return time.perf_counter() - t0
    finally:
        await consumer.stop()


def run_raw_kafka(
    settings: Settings, payloads: Sequence[tuple[bytes, bytes]], topic: str, timeout_s: float = 120.0
) -> RawKafkaResult:
    """Produce ``payloads`` (key, value) to a fresh ``topic``, consume them back, delete the topic.

    Raises ``StackError`` when Kafka does not answer or records do not come back within ``timeout_s``.
    """
    admin = admin_client(settings.kafka)
    try:
        ensure_topics(settings, [topic])
        produce_s = _produce(settings, topic, payloads)
        # +1: the connect record sent before the clock started is consumed too.
        consume_s = asyncio.run(_consume(settings.kafka, topic, len(payloads) + 1, timeout_s))
    finally:
        delete_topics_with_prefix(admin, topic)
        admin.close()
    result = RawKafkaResult(
        messages=len(payloads),
        bytes_total=sum(len(k) + len(v) for k, v in payloads),
        produce_s=produce_s,
        consume_s=consume_s,
    )
    log.info(
        "bench_raw_kafka messages=%d produce_s=%.3f consume_s=%.3f msgs_per_s=%.1f",
        result.messages,
        produce_s,
        consume_s,
        result.msgs_per_s,
    )
    return result
