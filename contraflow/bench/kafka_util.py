"""Kafka plumbing the benchmark phases share: topic set-up and clean-up with kafka-python's admin client."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterable

from kafka import KafkaAdminClient
from kafka.errors import KafkaError, TopicAlreadyExistsError

from ..errors import StackError

__all__ = ["admin_client", "create_topics", "delete_topics_with_prefix"]

log = logging.getLogger(__name__)


def admin_client(bootstrap: str, client_id: str = "contraflow-bench") -> KafkaAdminClient:
    """An admin client, or ``StackError`` saying how to start Kafka."""
    try:
        return KafkaAdminClient(bootstrap_servers=bootstrap, client_id=client_id, request_timeout_ms=30_000)
    except KafkaError as exc:
        raise StackError(
            f"Kafka at {bootstrap} does not answer ({type(exc).__name__}); is it up? run `contraflow stack status`"
        ) from exc


def create_topics(admin: KafkaAdminClient, names: Iterable[str], partitions: int, replication: int = 1) -> None:
    """Create ``names`` (an existing topic is fine) and wait until the broker lists all of them."""
    wanted = list(dict.fromkeys(names))
    for name in wanted:
        with contextlib.suppress(TopicAlreadyExistsError):
            admin.create_topics({name: {"num_partitions": partitions, "replication_factor": replication}})
    deadline = time.monotonic() + 30
    while not set(wanted) <= set(admin.list_topics()):
        if time.monotonic() > deadline:
            raise StackError(f"topics {wanted} were not created within 30 s")
        time.sleep(0.1)


def delete_topics_with_prefix(admin: KafkaAdminClient, prefix: str) -> list[str]:
    """Delete every topic whose name starts with ``prefix`` (the bench's own, Faust's changelogs included)."""
    doomed = sorted(t for t in admin.list_topics() if t.startswith(prefix))
    if doomed:
        try:
            admin.delete_topics(doomed, timeout_ms=30_000)
        except KafkaError as exc:
            log.warning("bench_topic_cleanup_failed prefix=%s topics=%d error=%s", prefix, len(doomed), exc)
    return doomed
