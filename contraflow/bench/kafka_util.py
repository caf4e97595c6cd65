"""Kafka clean-up the benchmark phases share: everything a run created is found by its name prefix."""

from __future__ import annotations

import logging

from kafka import KafkaAdminClient
from kafka.errors import KafkaError

from streams.security import client_options
from streams.settings import KafkaSettings

from ..kafka_admin import kafka_error

__all__ = ["admin_client", "delete_topics_with_prefix"]

log = logging.getLogger(__name__)


def admin_client(kafka: KafkaSettings, client_id: str = "contraflow-bench") -> KafkaAdminClient:
    """An admin client (with the configured TLS and SASL), or ``StackError`` saying how to start Kafka."""
    try:
        return KafkaAdminClient(
            bootstrap_servers=kafka.bootstrap, client_id=client_id, request_timeout_ms=30_000, **client_options(kafka)
        )
    except KafkaError as exc:
        raise kafka_error(exc, kafka) from None


def delete_topics_with_prefix(admin: KafkaAdminClient, prefix: str) -> list[str]:
    """Delete every topic whose name starts with ``prefix`` (the bench's own, Faust's changelogs included)."""
    doomed = sorted(t for t in admin.list_topics() if t.startswith(prefix))
    if doomed:
        try:
            admin.delete_topics(doomed, timeout_ms=30_000)
        except KafkaError as exc:
            log.warning("bench_topic_cleanup_failed prefix=%s topics=%d error=%s", prefix, len(doomed), exc)
    return doomed
