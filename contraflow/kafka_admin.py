"""Kafka administration the CLI and tests need: create the pipeline's topics, measure a group's lag."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable

from kafka import KafkaConsumer, TopicPartition
from kafka.admin import KafkaAdminClient
from kafka.errors import KafkaError, TopicAlreadyExistsError

from streams.security import check_access, client_options
from streams.settings import KafkaSettings

from .errors import ContraflowError, KafkaSecurityError, StackError
from .settings import Settings

__all__ = ["end_offsets", "ensure_topics", "group_lag", "kafka_error", "pipeline_topic_names"]

log = logging.getLogger(__name__)


def pipeline_topic_names(settings: Settings) -> list[str]:
    """Every topic the pipeline reads or writes (the internal re-keying topic included)."""
    t = settings.topics
    return [
        t.raw,
        f"{settings.worker.app_id}-articles-by-hash",
        t.normalized,
        t.statements,
        t.contradictions,
        t.deadletter,
    ]


def kafka_error(exc: Exception, kafka: KafkaSettings) -> ContraflowError:
    """A one-line error for a client that could not connect: what to fix, never a secret.

    A refused password or an untrusted certificate is a :class:`KafkaSecurityError` (a setting to fix); anything
    else a :class:`StackError` (Kafka down or unreachable).
    """
    text = f"{type(exc).__name__} {exc}"
    where = f"Kafka at {kafka.bootstrap}"
    if "Authentication" in text or "SaslAuthentication" in text or "authentication failed" in text.lower():
        return KafkaSecurityError(
            f"{where} refused the SASL credentials of user {kafka.username!r} ({kafka.sasl_mechanism}): check "
            "CONTRAFLOW_KAFKA__USERNAME and CONTRAFLOW_KAFKA__PASSWORD"
        )
    if "CERTIFICATE_VERIFY_FAILED" in text or "certificate verify failed" in text:
        return KafkaSecurityError(
            f"{where}: the broker's TLS certificate is not trusted: set CONTRAFLOW_KAFKA__CA_FILE to the CA that "
            "signed it"
        )
    return StackError(
        f"cannot reach {where} ({type(exc).__name__}, security_protocol {kafka.security_protocol}); "
        "is it up, and is CONTRAFLOW_KAFKA__SECURITY_PROTOCOL what its listener speaks? run `contraflow stack status`"
    )


def _admin(settings: Settings) -> KafkaAdminClient:
    check_access(settings.kafka)  # a refused password or an untrusted CA: fail now, naming the setting
    try:
        return KafkaAdminClient(
            bootstrap_servers=settings.kafka.bootstrap,
            client_id=settings.kafka.client_id,
            request_timeout_ms=30_000,
            **client_options(settings.kafka),
        )
    except KafkaError as exc:
        raise kafka_error(exc, settings.kafka) from None


def ensure_topics(settings: Settings, names: Iterable[str] | None = None) -> list[str]:
    """Create missing topics with the configured partitions and replication. Returns the names created."""
    wanted = list(names) if names is not None else pipeline_topic_names(settings)
    admin = _admin(settings)
    try:
        existing = set(admin.list_topics())
        missing = [n for n in wanted if n not in existing]
        if not missing:
            return []
        spec = {
            n: {"num_partitions": settings.topics.partitions, "replication_factor": settings.topics.replication}
            for n in missing
        }
        # Created concurrently by a worker: fine.
        with contextlib.suppress(TopicAlreadyExistsError):
            admin.create_topics(spec, timeout_ms=30_000, wait_for_metadata=True)
        log.info("topics_created names=%s partitions=%d", ",".join(missing), settings.topics.partitions)
        return missing
    finally:
        admin.close()


def end_offsets(settings: Settings, topics: Iterable[str]) -> dict[TopicPartition, int]:
    """The log-end offset of every partition of ``topics`` (missing topics are skipped)."""
    consumer = KafkaConsumer(
        bootstrap_servers=settings.kafka.bootstrap,
        client_id=settings.kafka.client_id,
        enable_auto_commit=False,
        **client_options(settings.kafka),
    )
    try:
        tps: list[TopicPartition] = []
        for topic in topics:
            parts = consumer.partitions_for_topic(topic)
            tps.extend(TopicPartition(topic, p) for p in sorted(parts or ()))
        return dict(consumer.end_offsets(tps)) if tps else {}
    finally:
        consumer.close()


def group_lag(settings: Settings, topics: Iterable[str] | None = None, group: str | None = None) -> dict[str, int]:
    """Records not yet committed by the consumer group, per topic (end offset - committed offset).

    A partition the group never committed counts in full. Zero on every topic means the pipeline has
    processed (and, for the index agents, written) everything published so far.
    """
    group = group or settings.worker.app_id
    names = list(topics) if topics is not None else pipeline_topic_names(settings)
    names = [n for n in names if n != settings.topics.deadletter]  # nobody consumes the dead-letter topic
    ends = end_offsets(settings, names)
    admin = _admin(settings)
    try:
        committed = admin.list_group_offsets(group).get(group, {})
    finally:
        admin.close()
    lag: dict[str, int] = {n: 0 for n in names}
    for tp, end in ends.items():
        meta = committed.get(tp)
        done = meta.offset if meta is not None and meta.offset is not None and meta.offset >= 0 else 0
        lag[tp.topic] += max(0, end - done)
    return lag
